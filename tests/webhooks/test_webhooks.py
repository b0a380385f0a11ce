"""Webhooks in one process: subscriptions, signed deliveries to a real receiver on 127.0.0.1,
one event per subscription per release, retries and the delivery log, SSRF refusals.

Only receivers on 127.0.0.1 are ever registered while a delivery worker runs; the tests that
register addresses meant to be refused run with delivery off."""

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from service.app import create_app
from service.bootstrap import store_and_publish
from service.config import Settings
from service.db import async_url
from service.domain.bundle import Bundle
from service.security.keys import create_key
from service.webhooks import deliveries
from service.webhooks.ssrf import UrlPolicy
from service.webhooks.worker import delivery_options
from tests.conftest import migrated_database
from tests.releases.edits import EditedContent
from tests.reliability.conftest import PrivatePostgres, create_database
from tests.webhooks.receiver import Receiver, payloads

pytestmark = pytest.mark.slow

Client = AsyncTestClient[Litestar]


async def load(url: str, bundle: Bundle) -> int:
    """Load a release as the service does: content and webhook events in one transaction."""
    engine = create_async_engine(async_url(url))
    try:
        async with AsyncSession(engine) as session, session.begin():
            return (await store_and_publish(session, bundle))[0]
    finally:
        await engine.dispose()


async def eventually(check: Callable[[], Any], within: float = 20.0) -> Any:
    deadline = time.monotonic() + within
    while True:
        result = check()
        if asyncio.iscoroutine(result):
            result = await result
        if result or time.monotonic() > deadline:
            return result
        await asyncio.sleep(0.1)


@pytest.fixture
async def own_database(server_url: str) -> AsyncIterator[str]:
    async with migrated_database(server_url, "mc_webhooks") as url:
        yield url


def settings(url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": url,
        "webhook_allow_loopback": True,
        "webhook_retry_schedule": "1,1,1",
        "webhook_worker_poll_seconds": 0.2,
        "webhook_timeout_seconds": 5,
        "webhook_worker_in_service": True,  # on its own database (tests/conftest.py: off)
    }
    return Settings(**(values | overrides))


@pytest.fixture
async def client(own_database: str) -> AsyncIterator[Client]:
    async with AsyncTestClient(app=create_app(settings(own_database))) as test_client:
        yield test_client


@pytest.fixture
def receiver() -> Any:
    running = Receiver()
    running.start()
    yield running
    running.stop()


async def subscribe(
    client: Client, receiver: Receiver, path: str, events: list[str] | None = None
) -> dict[str, Any]:
    answer = await client.post(
        "/v1/webhooks",
        json={
            "url": receiver.url(path),
            "events": events or ["content.released"],
            "description": f"receiver {path}",
        },
    )
    assert answer.status_code == 201, answer.text
    created: dict[str, Any] = answer.json()
    receiver.secrets[path] = created["secret"]
    return created


@pytest.mark.server_postgres
async def test_one_signed_event_per_subscription_per_release_and_the_feed_behind_it(
    client: Client, receiver: Receiver, own_database: str, tmp_path: Path
) -> None:
    first = await subscribe(client, receiver, "/lms")
    second = await subscribe(client, receiver, "/hris", ["content.released", "policy.released"])
    assert first["secret"].startswith("whsec_")
    shown = (await client.get(f"/v1/webhooks/{first['id']}")).json()
    assert "secret" not in shown and shown["status"] == "active"
    listed = (await client.get("/v1/webhooks")).json()
    assert {w["id"] for w in listed["items"]} == {first["id"], second["id"]}

    content = EditedContent(tmp_path / "content")
    content.set_text("en", "topics", "core-goals", "title", "Core goals, revised")
    await load(own_database, content.bundle())
    content.remove_topic("real-world-examples", replaced_by="integrating-both")
    await load(own_database, content.bundle())

    await eventually(lambda: len(receiver.received) >= 4)
    await asyncio.sleep(1.5)  # a duplicate, if any, would arrive now
    assert all(r.verified for r in receiver.received)
    for path in ("/lms", "/hris"):
        events = payloads(receiver.for_path(path), "content.released")
        assert [e["data"]["version"] for e in events] == [2, 3], path
        assert len({r.webhook_id for r in receiver.for_path(path)}) == 2
    change = payloads(receiver.for_path("/lms"), "content.released")[1]
    assert change["data"]["changes_url"] == "/v1/changes?since=2"
    feed = (await client.get(change["data"]["changes_url"])).json()
    assert feed["items"] == [
        {
            "kind": "topic",
            "key": "real-world-examples",
            "change": "removed",
            "version": 3,
            "locales": ["de", "en", "es", "fr"],
            "replaced_by": "integrating-both",
        }
    ]
    since_first = (await client.get("/v1/changes", params={"since": 1})).json()["items"]
    assert [(c["key"], c["change"]) for c in since_first] == [
        ("core-goals", "updated"),
        ("real-world-examples", "removed"),
    ]
    exposition = (await client.get("/metrics")).text
    assert 'webhook_delivery_attempts_total{event_type="content.released",outcome="delivered"}' in (
        exposition
    )
    log = (await client.get(f"/v1/webhooks/{first['id']}/deliveries")).json()["items"]
    assert [(a["attempt"], a["status_code"], a["outcome"], a["delivery_status"]) for a in log] == [
        (1, 204, "delivered", "delivered"),
        (1, 204, "delivered", "delivered"),
    ]


async def test_receiver_down_then_up_then_failing_and_each_attempt_logged_as_it_went(
    client: Client, receiver: Receiver, own_database: str, tmp_path: Path
) -> None:
    created = await subscribe(client, receiver, "/down")
    log_url = f"/v1/webhooks/{created['id']}/deliveries"
    content = EditedContent(tmp_path / "content")
    receiver.stop()  # down: connections refused
    content.set_text("en", "topics", "core-goals", "title", "While the receiver was down")
    await load(own_database, content.bundle())

    assert await eventually(lambda: _at_least(client, log_url, 2), 15)
    receiver.start()  # up again, same port
    await eventually(lambda: receiver.for_path("/down"), 15)
    got = receiver.for_path("/down")
    assert len(got) == 1 and got[0].verified
    assert got[0].payload["type"] == "content.released"
    log = (await client.get(log_url)).json()["items"]
    assert log[0]["status_code"] == 204 and log[0]["outcome"] == "delivered"
    # The earlier attempts failed, and say so, though their delivery went through in the end.
    assert [a["outcome"] for a in log[1:]] == ["retrying"] * (len(log) - 1)
    assert all(a["error"] and a["next_retry_at"] for a in log[1:])
    assert {a["delivery_status"] for a in log} == {"delivered"}
    assert log[0]["attempt"] == len(log) >= 3

    # Now it always answers 503: 1 attempt + 3 retries, then the subscription is failing.
    receiver.mode = "fail"
    content.set_text("en", "topics", "core-goals", "title", "While the receiver failed")
    await load(own_database, content.bundle())

    async def failing() -> bool:
        return bool(
            (await client.get(f"/v1/webhooks/{created['id']}")).json()["status"] == "failing"
        )

    assert await eventually(failing, 20)
    shown = (await client.get(f"/v1/webhooks/{created['id']}")).json()
    assert "HTTP 503" in shown["failure_reason"]
    tries = receiver.for_path("/down")[1:]
    assert len(tries) == 4 and len({r.webhook_id for r in tries}) == 1
    assert tries[0].webhook_id in shown["failure_reason"]
    log = (await client.get(log_url)).json()["items"]
    assert [a["outcome"] for a in log[:4]] == ["failed", "retrying", "retrying", "retrying"]
    assert log[0]["delivery_status"] == "failed" and log[0]["next_retry_at"] is None


async def _at_least(client: Client, url: str, count: int) -> bool:
    return len((await client.get(url)).json()["items"]) >= count


async def test_delete_and_bad_requests(client: Client, receiver: Receiver) -> None:
    created = await subscribe(client, receiver, "/gone")
    assert (await client.delete(f"/v1/webhooks/{created['id']}")).status_code == 204
    assert (await client.get(f"/v1/webhooks/{created['id']}")).status_code == 404
    assert (await client.delete(f"/v1/webhooks/{created['id']}")).status_code == 404
    unknown = await client.post(
        "/v1/webhooks", json={"url": receiver.url("/x"), "events": ["content.deleted"]}
    )
    assert unknown.status_code == 400 and unknown.json()["errors"][0]["field"] == "events"
    empty = await client.post("/v1/webhooks", json={"url": receiver.url("/x"), "events": []})
    assert empty.status_code == 400


UNSAFE_URLS = [
    "http://public.example/hook",  # not https
    "https://[2002:7f00:1::]/hook",  # 6to4 around 127.0.0.1
    "https://[2002:a9fe:a9fe::1]/latest/meta-data/",  # 6to4 around 169.254.169.254
    "https://[fec0::1]/hook",  # site-local
    "https://192.88.99.1/hook",  # the 6to4 relays' anycast
    "https://93.184.215.14:0/hook",  # port 0
    "https://localhost:8443/hook",  # a name that resolves to loopback
    "https://127.0.0.1/hook",
    "https://[::1]/hook",
    "https://[::ffff:127.0.0.1]/hook",
    "https://10.1.2.3/hook",
    "https://192.168.0.10/hook",
    "https://169.254.169.254/latest/meta-data/",  # cloud metadata
    "https://[fd00:ec2::254]/hook",  # AWS metadata over IPv6
    "https://100.100.100.200/hook",  # Alibaba metadata (shared address space)
    "https://0.0.0.0/hook",
    "https://user:pw@public.example/hook",
]


async def test_production_refuses_unsafe_urls(own_database: str) -> None:
    engine = create_async_engine(async_url(own_database))
    async with AsyncSession(engine) as session, session.begin():
        key = (await create_key(session, "admin", ["admin"])).key
    await engine.dispose()
    production = settings(own_database, service_env="production", webhook_worker_in_service=False)
    async with AsyncTestClient(app=create_app(production)) as prod:
        for url in UNSAFE_URLS:
            answer = await prod.post(
                "/v1/webhooks",
                json={"url": url, "events": ["content.released"]},
                headers={"Authorization": f"Bearer {key}"},
            )
            assert answer.status_code == 400, (url, answer.text)
            assert answer.json()["errors"][0]["field"] == "url", url
            if url == "https://localhost:8443/hook":  # says not public, not what it resolved to
                assert answer.json()["detail"] == (
                    "The URL's host localhost is not a public address; webhooks are sent to "
                    "public addresses only."
                )
        assert (await prod.get("/v1/webhooks", headers={"X-API-Key": key})).json()["items"] == []


async def test_admin_scope_is_required_in_production(own_database: str) -> None:
    engine = create_async_engine(async_url(own_database))
    async with AsyncSession(engine) as session, session.begin():
        reader = (await create_key(session, "reader", ["content:read"])).key
        admin = (await create_key(session, "admin", ["admin"])).key
    await engine.dispose()
    production = settings(own_database, service_env="production", webhook_worker_in_service=False)
    async with AsyncTestClient(app=create_app(production)) as prod:
        refused = await prod.get("/v1/webhooks", headers={"Authorization": f"Bearer {reader}"})
        allowed = await prod.get("/v1/webhooks", headers={"Authorization": f"Bearer {admin}"})
        anonymous = await prod.get("/v1/webhooks")
    assert refused.status_code == 403
    assert allowed.status_code == 200
    assert anonymous.status_code == 401


async def test_the_address_is_checked_again_at_delivery_time(
    own_database: str, receiver: Receiver
) -> None:
    """Registered while loopback was allowed; a worker that refuses loopback never calls it."""
    lenient = settings(own_database, webhook_worker_in_service=False)
    async with AsyncTestClient(app=create_app(lenient)) as client:
        created = await subscribe(client, receiver, "/later")
        ping = (await client.post(f"/v1/webhooks/{created['id']}/ping")).json()
        engine = create_async_engine(async_url(own_database))
        sessions = async_sessionmaker(engine, expire_on_commit=False)
        async with sessions() as session, session.begin():
            assert await deliveries.fan_out(session, ping["webhook_id"]) == 1
            delivery_id = (
                await session.execute(
                    text("SELECT id FROM webhook_deliveries WHERE event_id = :e"),
                    {"e": ping["webhook_id"]},
                )
            ).scalar_one()
        strict = delivery_options(settings(own_database, webhook_allow_loopback=False))
        assert strict.policy == UrlPolicy(production=False, allow_loopback=False)
        retry_in = await deliveries.attempt(sessions, delivery_id, strict)
        await engine.dispose()
        log = (await client.get(f"/v1/webhooks/{created['id']}/deliveries")).json()["items"]
    assert retry_in is None  # a refused ping is a failed attempt, and pings are not retried
    assert receiver.for_path("/later") == []
    assert log[0]["status_code"] is None and "not a public address" in log[0]["error"]
    assert log[0]["outcome"] == "failed"


async def test_the_in_service_worker_delivers_after_a_database_restart(
    receiver: Receiver,
) -> None:
    server = PrivatePostgres()
    server.start()
    try:
        url = await create_database(server, "mc_webhook_restart")
        async with AsyncTestClient(app=create_app(settings(url))) as client:
            created = await subscribe(client, receiver, "/after-restart")
            await asyncio.to_thread(server.restart)  # every connection of the worker drops
            await asyncio.sleep(1)
            ping = await eventually(lambda: _ping_when_ready(client, created["id"]), 20)
            assert ping is not None
            assert await eventually(lambda: receiver.for_path("/after-restart"), 30)
        (got,) = receiver.for_path("/after-restart")
        assert got.verified and got.webhook_id == ping
    finally:
        await asyncio.to_thread(server.remove)


async def _ping_when_ready(client: Client, webhook: str) -> str | None:
    answer = await client.post(f"/v1/webhooks/{webhook}/ping")
    return str(answer.json()["webhook_id"]) if answer.status_code == 202 else None


async def test_a_release_and_its_events_commit_or_roll_back_together(
    own_database: str, tmp_path: Path
) -> None:
    """The loader's caller publishes the release's events in the load's own transaction."""
    await load(own_database, EditedContent(tmp_path / "first").bundle())  # release 1
    content = EditedContent(tmp_path / "content")
    content.set_text("en", "topics", "core-goals", "title", "Rolled back")
    engine = create_async_engine(async_url(own_database))
    count = text("SELECT (SELECT count(*) FROM webhook_events), (SELECT count(*) FROM releases)")
    try:
        async with AsyncSession(engine) as session, session.begin():
            assert await store_and_publish(session, content.bundle()) == (2, True)
            assert tuple((await session.execute(count)).one()) == (1, 2)
            await session.rollback()
        async with engine.connect() as connection:
            assert tuple((await connection.execute(count)).one()) == (0, 1)
        await load(own_database, content.bundle())
        async with engine.connect() as connection:
            assert tuple((await connection.execute(count)).one()) == (1, 2)
    finally:
        await engine.dispose()
