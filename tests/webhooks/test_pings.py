"""Pings: a few per subscription (then 429 with Retry-After), attempted once and never
retried, and only a subscription's newest pings kept. Delivery is off in these apps; the one
attempt made goes to the receiver on 127.0.0.1, by `deliveries.attempt` called directly."""

from collections.abc import AsyncIterator
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from service.app import create_app
from service.db import async_url
from service.webhooks import deliveries
from service.webhooks.outbox import FORGET_TASK
from service.webhooks.subscriptions import PING_LIMIT, PING_WINDOW_SECONDS, PINGS_KEPT
from service.webhooks.worker import build_queue, delivery_options
from tests.conftest import migrated_database
from tests.webhooks.receiver import Receiver
from tests.webhooks.test_webhooks import settings, subscribe

pytestmark = pytest.mark.slow

Client = AsyncTestClient[Litestar]


@pytest.fixture
async def own_database(server_url: str) -> AsyncIterator[str]:
    async with migrated_database(server_url, "mc_webhook_pings") as url:
        yield url


@pytest.fixture
async def client(own_database: str) -> AsyncIterator[Client]:
    configured = settings(own_database, webhook_worker_in_service=False)
    async with AsyncTestClient(app=create_app(configured)) as test_client:
        yield test_client


@pytest.fixture
def receiver() -> Any:
    running = Receiver()
    running.start()
    yield running
    running.stop()


async def test_pings_are_limited_per_subscription(client: Client, receiver: Receiver) -> None:
    first = await subscribe(client, receiver, "/first")
    second = await subscribe(client, receiver, "/second")
    answers = [await client.post(f"/v1/webhooks/{first['id']}/ping") for _ in range(PING_LIMIT + 3)]
    statuses = [answer.status_code for answer in answers]
    assert statuses == [202] * PING_LIMIT + [429] * 3
    refused = answers[-1]
    assert refused.headers["content-type"] == "application/problem+json"
    assert 1 <= int(refused.headers["retry-after"]) <= PING_WINDOW_SECONDS
    assert refused.json()["detail"] == (
        f"At most {PING_LIMIT} pings per subscription every {PING_WINDOW_SECONDS} seconds; "
        "the delivery log shows the last ones."
    )
    # Another subscription has its own allowance.
    assert (await client.post(f"/v1/webhooks/{second['id']}/ping")).status_code == 202


async def test_a_ping_is_attempted_once_and_leaves_the_status_alone(
    client: Client, receiver: Receiver, own_database: str
) -> None:
    created = await subscribe(client, receiver, "/down")
    receiver.mode = "fail"
    ping = (await client.post(f"/v1/webhooks/{created['id']}/ping")).json()["webhook_id"]
    engine = create_async_engine(async_url(own_database))
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    try:
        async with sessions() as session, session.begin():
            assert await deliveries.fan_out(session, ping) == 1
            delivery = (await session.execute(text("SELECT id FROM webhook_deliveries"))).scalar()
        options = delivery_options(settings(own_database))
        assert options.retry_delays  # deliveries of releases are retried
        retry_in = await deliveries.attempt(sessions, delivery, options)
    finally:
        await engine.dispose()
    assert retry_in is None
    assert [r.webhook_id for r in receiver.for_path("/down")] == [ping]
    (attempt,) = (await client.get(f"/v1/webhooks/{created['id']}/deliveries")).json()["items"]
    assert (attempt["status_code"], attempt["outcome"], attempt["delivery_status"]) == (
        503,
        "failed",
        "failed",
    )
    assert attempt["next_retry_at"] is None
    assert (await client.get(f"/v1/webhooks/{created['id']}")).json()["status"] == "active"


async def test_only_a_subscriptions_newest_pings_are_kept(
    client: Client, receiver: Receiver, own_database: str
) -> None:
    created = await subscribe(client, receiver, "/kept")
    other = await subscribe(client, receiver, "/other")
    engine = create_async_engine(async_url(own_database))
    old_pings = text(
        "INSERT INTO webhook_events (id, type, payload, subscription_id, created_at) "
        "SELECT 'msg_old_' || :s || n, 'ping', '{}', :s, now() - make_interval(hours => n) "
        "FROM generate_series(1, 40) AS n"
    )
    async with engine.begin() as connection:
        for subscription in (created["id"], other["id"]):
            await connection.execute(old_pings, {"s": subscription})
    assert (await client.post(f"/v1/webhooks/{created['id']}/ping")).status_code == 202
    async with engine.connect() as connection:
        counts = dict(
            (
                await connection.execute(
                    text("SELECT subscription_id, count(*) FROM webhook_events GROUP BY 1")
                )
            ).all()
        )
        newest_gone = (
            await connection.execute(
                text("SELECT count(*) FROM webhook_events WHERE id = :id"),
                {"id": f"msg_old_{created['id']}{PINGS_KEPT}"},
            )
        ).scalar()
    await engine.dispose()
    assert counts == {created["id"]: PINGS_KEPT, other["id"]: 40}
    assert newest_gone == 0  # the 20th oldest of the old ones made room for the new ping


async def test_the_worker_forgets_old_events_every_hour(own_database: str) -> None:
    """Retention does not wait for the next release: the worker's hourly job deletes events
    older than EVENT_RETENTION_DAYS, with their deliveries and attempts."""
    engine = create_async_engine(async_url(own_database))
    async with engine.begin() as connection:
        await connection.execute(
            text(
                "INSERT INTO webhook_events (id, type, payload, created_at) VALUES "
                "('msg_old', 'content.released', '{}', now() - interval '31 days'), "
                "('msg_recent', 'content.released', '{}', now() - interval '29 days')"
            )
        )
    queue = build_queue(
        settings(own_database), own_database, async_sessionmaker(engine, expire_on_commit=False)
    )
    hourly = {task.task.name: task.cron for task in queue.periodic_registry.periodic_tasks.values()}
    await queue.tasks[FORGET_TASK].func(timestamp=0)
    async with engine.connect() as connection:
        kept = (await connection.execute(text("SELECT id FROM webhook_events"))).scalars().all()
    await engine.dispose()
    assert hourly[FORGET_TASK] == "41 * * * *"
    assert kept == ["msg_recent"]
