"""The outbox: an event is written in the transaction that causes it, together with the job that
will deliver it, so a release and its webhooks commit or roll back as one.

The job goes into procrastinate's table through procrastinate's own SQL function (the one its
`defer` calls), inside the caller's transaction; procrastinate's trigger wakes the workers when
the transaction commits.
"""

import secrets
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

import msgspec
from sqlalchemy import bindparam, delete, func, insert, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from service.webhooks.models import WebhookEvent
from service.webhooks.queue_schema import PROCRASTINATE_SCHEMA

QUEUE = "webhooks"
FAN_OUT_TASK = "webhooks.fan_out"
DELIVER_TASK = "webhooks.deliver"
RECOVER_TASK = "webhooks.retry_stalled_jobs"


class EventType(StrEnum):
    CONTENT_RELEASED = "content.released"
    POLICY_RELEASED = "policy.released"
    PING = "ping"


SUBSCRIBABLE_EVENTS = (EventType.CONTENT_RELEASED, EventType.POLICY_RELEASED)
# Events (with their deliveries and attempt log) older than this are forgotten at the next
# release; a delivery's retries end long before (about 27.5 hours by default).
EVENT_RETENTION_DAYS = 30

_DEFER = text(
    f"""
    SELECT {PROCRASTINATE_SCHEMA}.procrastinate_defer_jobs_v1(ARRAY[ROW(
        CAST(:queue AS varchar), CAST(:task AS varchar), 0, NULL, NULL,
        :args, NULL
    )]::{PROCRASTINATE_SCHEMA}.procrastinate_job_to_defer_v1[])
    """
).bindparams(bindparam("args", type_=JSONB))


async def enqueue(session: AsyncSession, task: str, **arguments: Any) -> None:
    """Defer a procrastinate job in the caller's transaction (it runs after the commit)."""
    await session.execute(_DEFER, {"queue": QUEUE, "task": task, "args": arguments})


def new_event_id() -> str:
    # The Standard Webhooks `webhook-id`: the same on every retry of the event.
    return "msg_" + secrets.token_hex(12)


def payload(event_type: EventType, data: dict[str, Any]) -> dict[str, Any]:
    """Standard Webhooks' recommended envelope: small, the receiver fetches the rest."""
    timestamp = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    return {"type": str(event_type), "timestamp": timestamp, "data": data}


async def forget_old_events(session: AsyncSession) -> None:
    await session.execute(
        delete(WebhookEvent).where(
            col(WebhookEvent.created_at) < func.now() - timedelta(days=EVENT_RETENTION_DAYS)
        )
    )


async def publish(
    session: AsyncSession,
    event_type: EventType,
    data: dict[str, Any],
    subscription_id: str | None = None,
) -> str:
    """Record the event and defer its fan-out; returns the event id. Never commits."""
    event_id = new_event_id()
    await session.execute(
        insert(WebhookEvent).values(
            id=event_id,
            type=str(event_type),
            payload=msgspec.to_builtins(payload(event_type, data)),
            subscription_id=subscription_id,
        )
    )
    await enqueue(session, FAN_OUT_TASK, event_id=event_id)
    return event_id
