"""Subscriptions: register, list, read, delete, ping, and the delivery log. Sessions are the
caller's; nothing here commits.

Every subscription belongs to an organisation, and every function here takes the caller's:
another organisation's subscription is not found (404), as if it did not exist. The cap on
subscriptions is each organisation's, the ping limit each subscription's. Content releases are
the same for every organisation, so every subscriber of an event gets it (deliveries.fan_out),
whoever owns the subscription; a ping goes to its one subscription.
"""

import base64
import secrets
from typing import Annotated, Any

import msgspec
from sqlalchemy import delete, func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from service.domain.errors import InvalidParameter, NotFound, TooManyRequests
from service.domain.releases.feed import decode_key_cursor, encode_key_cursor
from service.webhooks.models import (
    WebhookAttempt,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
)
from service.webhooks.outbox import SUBSCRIBABLE_EVENTS, EventType, publish
from service.webhooks.schemas import (
    AttemptOutcome,
    CreatedWebhook,
    DeliveryAttempt,
    DeliveryPage,
    PingSent,
    Webhook,
    WebhookCreate,
    WebhookPage,
)
from service.webhooks.ssrf import UnsafeUrl, UrlPolicy, resolve

MAX_SUBSCRIPTIONS = 100  # per organisation
# Pings test a receiver: a few in a row while setting one up, not a flood to store and send.
PING_LIMIT = 5
PING_WINDOW_SECONDS = 60
# A subscription's newest pings are kept (with their one attempt each); older ones go.
PINGS_KEPT = 20


def _public(row: WebhookSubscription) -> Webhook:
    return Webhook(
        row.id,
        row.url,
        tuple(row.events),
        row.description,
        row.status,
        row.failure_reason,
        row.created_at,  # type: ignore[arg-type]
    )


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


async def create(
    session: AsyncSession, organisation: str, request: WebhookCreate, policy: UrlPolicy
) -> CreatedWebhook:
    allowed = [str(e) for e in SUBSCRIBABLE_EVENTS]
    unknown = sorted(set(request.events) - set(allowed))
    if unknown:
        raise InvalidParameter("events", f"Unknown event(s): {', '.join(unknown)}.", allowed)
    if "\x00" in request.description:
        raise InvalidParameter("description", "The description must not contain NUL.")
    try:
        await resolve(request.url, policy)
    except UnsafeUrl as exc:
        raise InvalidParameter("url", str(exc)) from None
    # One registration of an organisation at a time, so that two at once cannot pass the cap.
    await session.execute(
        text("SELECT pg_advisory_xact_lock(hashtext('webhook_subscriptions'), hashtext(:org))"),
        {"org": organisation},
    )
    count = (
        await session.execute(
            select(func.count()).where(col(WebhookSubscription.organisation) == organisation)
        )
    ).scalar()
    if (count or 0) >= MAX_SUBSCRIPTIONS:
        raise InvalidParameter(
            "url",
            f"An organisation has at most {MAX_SUBSCRIPTIONS} subscriptions; delete one first.",
        )
    secret = new_secret()
    row = (
        await session.execute(
            insert(WebhookSubscription)
            .values(
                id="wh_" + secrets.token_hex(8),
                organisation=organisation,
                url=request.url,
                events=sorted(set(request.events)),
                description=request.description,
                secret=secret,
                status="active",
            )
            .returning(WebhookSubscription)
        )
    ).scalar_one()
    public = _public(row)
    return CreatedWebhook(
        **{f: getattr(public, f) for f in public.__struct_fields__}, secret=secret
    )


async def _get(
    session: AsyncSession, organisation: str, subscription_id: str, lock: bool = False
) -> WebhookSubscription:
    query = select(WebhookSubscription).where(
        col(WebhookSubscription.id) == subscription_id,
        col(WebhookSubscription.organisation) == organisation,
    )
    row = (await session.execute(query.with_for_update() if lock else query)).scalar()
    if row is None:
        raise NotFound("webhook", subscription_id)
    return row


async def get(session: AsyncSession, organisation: str, subscription_id: str) -> Webhook:
    return _public(await _get(session, organisation, subscription_id))


async def list_all(
    session: AsyncSession, organisation: str, limit: int, cursor: str | None
) -> WebhookPage:
    query = (
        select(WebhookSubscription)
        .where(col(WebhookSubscription.organisation) == organisation)
        .order_by(col(WebhookSubscription.id))
        .limit(limit + 1)
    )
    if cursor is not None:
        after = decode_key_cursor(cursor, tuple[Annotated[str, msgspec.Meta(max_length=40)]])[0]
        query = query.where(col(WebhookSubscription.id) > after)
    rows = list((await session.execute(query)).scalars())
    items = tuple(_public(r) for r in rows[:limit])
    more = len(rows) > limit
    return WebhookPage(items, encode_key_cursor([items[-1].id]) if more else None)


async def remove(session: AsyncSession, organisation: str, subscription_id: str) -> None:
    """Delete the subscription with its log; its queued deliveries find nothing and stop."""
    deleted = await session.execute(
        delete(WebhookSubscription).where(
            col(WebhookSubscription.id) == subscription_id,
            col(WebhookSubscription.organisation) == organisation,
        )
    )
    if not deleted.rowcount:  # type: ignore[attr-defined]
        raise NotFound("webhook", subscription_id)


_RECENT_PINGS = text(
    """
    SELECT count(*) AS pings,
           ceil(extract(epoch FROM min(created_at) + make_interval(secs => :window) - now()))
               AS wait
    FROM webhook_events
    WHERE subscription_id = :subscription AND type = :ping
      AND created_at > now() - make_interval(secs => :window)
    """
)
_OLD_PINGS = text(
    """
    DELETE FROM webhook_events WHERE id IN (
        SELECT id FROM webhook_events
        WHERE subscription_id = :subscription AND type = :ping
        ORDER BY created_at DESC, id DESC OFFSET :kept
    )
    """
)


async def ping(session: AsyncSession, organisation: str, subscription_id: str) -> PingSent:
    """Queue one `ping` to the subscription: at most PING_LIMIT per PING_WINDOW_SECONDS (then
    TooManyRequests, with the seconds until the oldest of them leaves the window). A ping is
    attempted once, never retried (deliveries.attempt); only its newest PINGS_KEPT are kept."""
    # The row lock makes concurrent pings of one subscription count one after the other.
    await _get(session, organisation, subscription_id, lock=True)
    arguments = {"subscription": subscription_id, "ping": str(EventType.PING)}
    recent = (
        await session.execute(_RECENT_PINGS, arguments | {"window": PING_WINDOW_SECONDS})
    ).one()
    if recent.pings >= PING_LIMIT:
        raise TooManyRequests(
            f"At most {PING_LIMIT} pings per subscription every {PING_WINDOW_SECONDS} seconds; "
            "the delivery log shows the last ones.",
            max(1, int(recent.wait)),
        )
    event_id = await publish(
        session, EventType.PING, {"webhook": subscription_id}, subscription_id=subscription_id
    )
    await session.execute(_OLD_PINGS, arguments | {"kept": PINGS_KEPT})
    return PingSent(event_id)


async def attempts(
    session: AsyncSession, organisation: str, subscription_id: str, limit: int, cursor: str | None
) -> DeliveryPage:
    """Every attempt, newest first, numbered within its delivery, each with its own outcome."""
    await _get(session, organisation, subscription_id)
    number: Any = (
        func.row_number()
        .over(
            partition_by=col(WebhookAttempt.delivery_id),
            order_by=col(WebhookAttempt.id),
        )
        .label("number")
    )
    numbered = (
        select(WebhookAttempt, number)
        .where(col(WebhookAttempt.subscription_id) == subscription_id)
        .subquery()
    )
    query = (
        select(
            numbered,
            col(WebhookEvent.id).label("webhook_id"),
            col(WebhookEvent.type).label("event_type"),
            col(WebhookDelivery.status).label("delivery_status"),
        )
        .join(WebhookDelivery, col(WebhookDelivery.id) == numbered.c.delivery_id)
        .join(WebhookEvent, col(WebhookEvent.id) == col(WebhookDelivery.event_id))
        .order_by(numbered.c.id.desc())
        .limit(limit + 1)
    )
    if cursor is not None:
        before = decode_key_cursor(cursor, tuple[Annotated[int, msgspec.Meta(ge=0, le=2**62)]])[0]
        query = query.where(numbered.c.id < before)
    rows = list((await session.execute(query)).mappings())
    items = tuple(
        DeliveryAttempt(
            delivery_id=r["delivery_id"],
            webhook_id=r["webhook_id"],
            event_type=r["event_type"],
            attempt=r["number"],
            attempted_at=r["attempted_at"],
            status_code=r["status_code"],
            duration_ms=r["duration_ms"],
            error=r["error"],
            next_retry_at=r["next_retry_at"],
            outcome=attempt_outcome(r["error"], r["next_retry_at"]),
            delivery_status=r["delivery_status"],
        )
        for r in rows[:limit]
    )
    more = len(rows) > limit
    next_cursor = encode_key_cursor([rows[limit - 1]["id"]]) if more else None
    return DeliveryPage(items, next_cursor)


def attempt_outcome(error: str | None, next_retry_at: object) -> AttemptOutcome:
    """An attempt without an error delivered (deliveries.attempt logs an error for anything
    else); a failed one is `retrying` when it scheduled another attempt, else `failed`."""
    if error is None:
        return "delivered"
    return "retrying" if next_retry_at is not None else "failed"
