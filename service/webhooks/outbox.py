"""The outbox: an event is written in the transaction that causes it, together with the job that
will deliver it, so a release and its webhooks commit or roll back as one.

The content loader knows nothing of webhooks: whoever calls it (`service/bootstrap.py`) calls
`publish_release` in the load's transaction when the load made a new release.

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

from service.domain.releases.models import Release
from service.webhooks.models import WebhookEvent
from service.webhooks.queue_schema import PROCRASTINATE_SCHEMA

QUEUE = "webhooks"
FAN_OUT_TASK = "webhooks.fan_out"
DELIVER_TASK = "webhooks.deliver"
RECOVER_TASK = "webhooks.retry_stalled_jobs"
FORGET_TASK = "webhooks.forget_old_events"


class EventType(StrEnum):
    CONTENT_RELEASED = "content.released"
    POLICY_RELEASED = "policy.released"
    PING = "ping"


SUBSCRIBABLE_EVENTS = (EventType.CONTENT_RELEASED, EventType.POLICY_RELEASED)
# Events (with their deliveries and attempt log) older than this are forgotten, every hour by
# the worker and at each release; a delivery's retries end long before (about 27.5 hours by
# default). A subscription's pings are also trimmed to its newest few (subscriptions.py).
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
    """Delete the events older than the retention; their deliveries and attempts cascade."""
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


async def publish_release(session: AsyncSession, version: int) -> list[str]:
    """The events of release `version`, recorded in this transaction by the loader: one
    `content.released` when items changed, one `policy.released` when the policy did. The
    start of the history is nobody's news. Returns the event ids; never commits."""
    await forget_old_events(session)
    release = await session.get(Release, version)
    if release is None or release.previous_version is None:
        return []
    links = {
        "version": version,
        "previous_version": release.previous_version,
        "release_url": f"/v1/releases/{version}",
    }
    published = []
    if release.created + release.updated + release.removed:
        changes_url = f"/v1/changes?since={release.previous_version}"
        published.append(
            await publish(session, EventType.CONTENT_RELEASED, links | {"changes_url": changes_url})
        )
    if release.policy_changed:
        published.append(
            await publish(
                session,
                EventType.POLICY_RELEASED,
                links | {"policy_version": release.policy_version},
            )
        )
    return published
