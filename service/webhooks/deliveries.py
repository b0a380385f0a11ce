"""Fan-out and delivery: what the queue's jobs do, on the database through the caller's engine.

At least once, never twice at the same time: a delivery row is locked (`FOR UPDATE SKIP
LOCKED`) for the whole attempt, so a second worker holding a duplicate job skips it, and a
delivered or failed delivery is never sent again. A process killed mid-attempt releases the
lock with its connection; the queue retries its job and the receiver gets the same
`webhook-id` again.
"""

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import msgspec
from sqlalchemy import any_, insert, literal, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col

from service.webhooks import metrics
from service.webhooks.models import (
    WebhookAttempt,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
)
from service.webhooks.outbox import DELIVER_TASK, EventType, enqueue
from service.webhooks.sender import send
from service.webhooks.ssrf import UrlPolicy

logger = logging.getLogger("service.webhooks")


@dataclass(frozen=True, slots=True)
class DeliveryOptions:
    policy: UrlPolicy
    retry_delays: tuple[int, ...]
    timeout_seconds: float
    max_response_bytes: int


async def fan_out(session: AsyncSession, event_id: str) -> int:
    """One delivery (and one job) per subscriber of the event; idempotent. Never commits."""
    event = await session.get(WebhookEvent, event_id)
    if event is None:
        return 0
    query = select(col(WebhookSubscription.id))
    if event.subscription_id is not None:
        query = query.where(col(WebhookSubscription.id) == event.subscription_id)
    else:
        query = query.where(literal(event.type) == any_(col(WebhookSubscription.events)))
    subscribers = list((await session.execute(query)).scalars())
    if not subscribers:
        return 0
    created = await session.execute(
        pg_insert(WebhookDelivery)
        .values(
            [
                {"event_id": event_id, "subscription_id": s, "status": "pending", "attempts": 0}
                for s in subscribers
            ]
        )
        .on_conflict_do_nothing()
        .returning(col(WebhookDelivery.id))
    )
    delivery_ids = list(created.scalars())
    for delivery_id in delivery_ids:
        await enqueue(session, DELIVER_TASK, delivery_id=delivery_id)
    return len(delivery_ids)


async def attempt(
    sessions: async_sessionmaker[AsyncSession], delivery_id: int, options: DeliveryOptions
) -> int | None:
    """Make one attempt at a pending delivery and log it. Returns the seconds to wait before the
    next attempt, or None when there is nothing more to do (delivered, given up, or gone)."""
    async with sessions() as session, session.begin():
        row = (
            await session.execute(
                select(WebhookDelivery, WebhookEvent, WebhookSubscription)
                .join(WebhookEvent, col(WebhookEvent.id) == col(WebhookDelivery.event_id))
                .join(
                    WebhookSubscription,
                    col(WebhookSubscription.id) == col(WebhookDelivery.subscription_id),
                )
                .where(col(WebhookDelivery.id) == delivery_id)
                .with_for_update(of=WebhookDelivery, skip_locked=True)
            )
        ).first()
        if row is None:
            return None  # deleted, or another worker is attempting it right now
        delivery, event, subscription = row
        if delivery.status != "pending":
            return None
        # Keep the lock without keeping a statement running: the attempt may take seconds.
        await session.execute(text("SET LOCAL idle_in_transaction_session_timeout = 0"))
        body = msgspec.json.encode(event.payload).decode()
        result = await send(
            subscription.url,
            subscription.secret,
            event.id,
            body,
            options.policy,
            options.timeout_seconds,
            options.max_response_bytes,
        )
        number = delivery.attempts + 1
        now = datetime.now(UTC)
        ping = event.type == EventType.PING
        retry_in = None
        # A ping tests the receiver now: it is attempted once, and its outcome is the answer.
        if not result.delivered and not ping and number <= len(options.retry_delays):
            retry_in = options.retry_delays[number - 1]
        await session.execute(
            insert(WebhookAttempt).values(
                delivery_id=delivery_id,
                subscription_id=subscription.id,
                status_code=result.status_code,
                duration_ms=result.duration_ms,
                error=result.error,
                next_retry_at=None if retry_in is None else now + timedelta(seconds=retry_in),
            )
        )
        status = "delivered" if result.delivered else ("pending" if retry_in else "failed")
        outcome = "retrying" if status == "pending" else status
        metrics.ATTEMPTS.labels(event.type, outcome).inc()
        metrics.ATTEMPT_DURATION.observe(result.duration_ms / 1000)
        await session.execute(
            update(WebhookDelivery)
            .where(col(WebhookDelivery.id) == delivery_id)
            .values(status=status, attempts=number)
        )
        if result.delivered and subscription.status != "active":
            await session.execute(
                update(WebhookSubscription)
                .where(col(WebhookSubscription.id) == subscription.id)
                .values(status="active", failure_reason=None, failing_since=None)
            )
        elif status == "failed" and not ping:
            reason = f"{event.type} {event.id} not delivered after {number} attempts: "
            await session.execute(
                update(WebhookSubscription)
                .where(col(WebhookSubscription.id) == subscription.id)
                .values(
                    status="failing",
                    failure_reason=(reason + (result.error or ""))[:1000],
                    failing_since=now,
                )
            )
            logger.warning("webhook %s to %s failed for good", event.id, subscription.id)
    return retry_in
