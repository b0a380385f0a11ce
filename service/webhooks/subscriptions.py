"""Subscriptions: register, list, read, delete, ping, and the delivery log. Sessions are the
caller's; nothing here commits."""

import base64
import secrets
from typing import Annotated, Any

import msgspec
from sqlalchemy import delete, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from service.domain.errors import InvalidParameter, NotFound
from service.domain.releases.feed import decode_key_cursor, encode_key_cursor
from service.webhooks.models import (
    WebhookAttempt,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
)
from service.webhooks.outbox import SUBSCRIBABLE_EVENTS, EventType, publish
from service.webhooks.schemas import (
    CreatedWebhook,
    DeliveryAttempt,
    DeliveryPage,
    PingSent,
    Webhook,
    WebhookCreate,
    WebhookPage,
)
from service.webhooks.ssrf import UnsafeUrl, UrlPolicy, resolve

MAX_SUBSCRIPTIONS = 100


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
    session: AsyncSession, request: WebhookCreate, policy: UrlPolicy
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
    count = (await session.execute(select(func.count()).select_from(WebhookSubscription))).scalar()
    if (count or 0) >= MAX_SUBSCRIPTIONS:
        raise InvalidParameter(
            "url", f"At most {MAX_SUBSCRIPTIONS} subscriptions; delete one first."
        )
    secret = new_secret()
    row = (
        await session.execute(
            insert(WebhookSubscription)
            .values(
                id="wh_" + secrets.token_hex(8),
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


async def _get(session: AsyncSession, subscription_id: str) -> WebhookSubscription:
    row = await session.get(WebhookSubscription, subscription_id)
    if row is None:
        raise NotFound("webhook", subscription_id)
    return row


async def get(session: AsyncSession, subscription_id: str) -> Webhook:
    return _public(await _get(session, subscription_id))


async def list_all(session: AsyncSession, limit: int, cursor: str | None) -> WebhookPage:
    query = select(WebhookSubscription).order_by(col(WebhookSubscription.id)).limit(limit + 1)
    if cursor is not None:
        after = decode_key_cursor(cursor, tuple[Annotated[str, msgspec.Meta(max_length=40)]])[0]
        query = query.where(col(WebhookSubscription.id) > after)
    rows = list((await session.execute(query)).scalars())
    items = tuple(_public(r) for r in rows[:limit])
    more = len(rows) > limit
    return WebhookPage(items, encode_key_cursor([items[-1].id]) if more else None)


async def remove(session: AsyncSession, subscription_id: str) -> None:
    """Delete the subscription with its log; its queued deliveries find nothing and stop."""
    deleted = await session.execute(
        delete(WebhookSubscription).where(col(WebhookSubscription.id) == subscription_id)
    )
    if not deleted.rowcount:  # type: ignore[attr-defined]
        raise NotFound("webhook", subscription_id)


async def ping(session: AsyncSession, subscription_id: str) -> PingSent:
    await _get(session, subscription_id)
    event_id = await publish(
        session, EventType.PING, {"webhook": subscription_id}, subscription_id=subscription_id
    )
    return PingSent(event_id)


async def attempts(
    session: AsyncSession, subscription_id: str, limit: int, cursor: str | None
) -> DeliveryPage:
    """Every attempt, newest first, numbered within its delivery."""
    await _get(session, subscription_id)
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
            delivery_status=r["delivery_status"],
        )
        for r in rows[:limit]
    )
    more = len(rows) > limit
    next_cursor = encode_key_cursor([rows[limit - 1]["id"]]) if more else None
    return DeliveryPage(items, next_cursor)
