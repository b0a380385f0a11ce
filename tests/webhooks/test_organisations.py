"""Webhooks belong to organisations: two organisations side by side, each with its own admin
key, in production. Another organisation's subscription is not found; the cap is each
organisation's; a release reaches every organisation's subscribers, and each delivery log is
its owner's alone.

Delivery is off in the production apps here (`webhook_worker_in_service=False`): the public
address they register is never called. The deliveries this file makes go to the receiver on
127.0.0.1, by `deliveries.attempt` called directly.
"""

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from service.app import create_app
from service.cli.database import migrate
from service.db import async_url
from service.domain.organisations.models import DEFAULT_ORGANISATION
from service.domain.organisations.service import ensure_organisation
from service.security.keys import create_key
from service.webhooks import deliveries, subscriptions
from service.webhooks.schemas import WebhookCreate
from service.webhooks.ssrf import UrlPolicy
from service.webhooks.worker import delivery_options
from tests.conftest import migrated_database
from tests.releases.edits import EditedContent
from tests.webhooks.receiver import Receiver
from tests.webhooks.test_webhooks import load, settings

pytestmark = pytest.mark.slow

Client = AsyncTestClient[Litestar]
# A public address: production accepts it without resolving a name. Registered, never called.
PUBLIC_URL = "https://93.184.215.14/hooks/hris"
LOCAL_POLICY = UrlPolicy(production=False, allow_loopback=True)


@dataclass(frozen=True)
class Admins:
    alpha: dict[str, str]  # headers with the admin key of organisation `alpha`
    beta: dict[str, str]
    default: dict[str, str]


@pytest.fixture
async def own_database(server_url: str) -> AsyncIterator[str]:
    async with migrated_database(server_url, "mc_webhook_orgs") as url:
        yield url


async def admin_keys(url: str) -> Admins:
    engine = create_async_engine(async_url(url))
    try:
        async with AsyncSession(engine) as session, session.begin():
            keys = {}
            for organisation in ("alpha", "beta", DEFAULT_ORGANISATION):
                await ensure_organisation(session, organisation)
                made = await create_key(session, f"{organisation} admin", ["admin"], organisation)
                keys[organisation] = {"Authorization": f"Bearer {made.key}"}
    finally:
        await engine.dispose()
    return Admins(keys["alpha"], keys["beta"], keys[DEFAULT_ORGANISATION])


@pytest.fixture
async def admins(own_database: str) -> Admins:
    return await admin_keys(own_database)


@pytest.fixture
async def production(own_database: str) -> AsyncIterator[Client]:
    configured = settings(own_database, service_env="production", webhook_worker_in_service=False)
    async with AsyncTestClient(app=create_app(configured)) as client:
        yield client


async def register(client: Client, headers: dict[str, str], url: str = PUBLIC_URL) -> Any:
    answer = await client.post(
        "/v1/webhooks", json={"url": url, "events": ["content.released"]}, headers=headers
    )
    assert answer.status_code == 201, answer.text
    return answer.json()


async def test_another_organisations_webhook_is_not_found(
    production: Client, admins: Admins
) -> None:
    mine = await register(production, admins.alpha)
    theirs = await register(production, admins.beta)
    hook = f"/v1/webhooks/{mine['id']}"

    listed = (await production.get("/v1/webhooks", headers=admins.beta)).json()["items"]
    assert [w["id"] for w in listed] == [theirs["id"]]
    seen = {
        "read": await production.get(hook, headers=admins.beta),
        "delivery log": await production.get(f"{hook}/deliveries", headers=admins.beta),
        "ping": await production.post(f"{hook}/ping", headers=admins.beta),
        "delete": await production.delete(hook, headers=admins.beta),
    }
    assert {name: answer.status_code for name, answer in seen.items()} == dict.fromkeys(seen, 404)
    # The same answer as for an id that never existed: nothing says it exists elsewhere.
    assert seen["read"].json()["detail"] == f"No webhook with key {mine['id']!r}."

    # Alpha's subscription is untouched, and alpha sees only its own.
    assert (await production.get(hook, headers=admins.alpha)).status_code == 200
    listed = (await production.get("/v1/webhooks", headers=admins.alpha)).json()["items"]
    assert [w["id"] for w in listed] == [mine["id"]]
    assert (await production.post(f"{hook}/ping", headers=admins.alpha)).status_code == 202
    assert (await production.delete(hook, headers=admins.alpha)).status_code == 204


async def test_the_cap_of_subscriptions_is_each_organisations(
    production: Client, admins: Admins
) -> None:
    for _ in range(subscriptions.MAX_SUBSCRIPTIONS):
        await register(production, admins.alpha)
    refused = await production.post(
        "/v1/webhooks",
        json={"url": PUBLIC_URL, "events": ["content.released"]},
        headers=admins.alpha,
    )
    assert refused.status_code == 400
    assert refused.json()["detail"] == (
        "An organisation has at most 100 subscriptions; delete one first."
    )
    # Alpha's hundred leave beta its own hundred.
    await register(production, admins.beta)
    page = await production.get("/v1/webhooks", headers=admins.beta, params={"limit": 100})
    assert len(page.json()["items"]) == 1


async def test_two_registrations_at_once_do_not_pass_the_cap(
    own_database: str, admins: Admins
) -> None:
    engine = create_async_engine(async_url(own_database))
    sessions = async_sessionmaker(engine, expire_on_commit=False)

    async def one() -> bool:
        async with sessions() as session, session.begin():
            try:
                await subscriptions.create(
                    session, "alpha", WebhookCreate(PUBLIC_URL, ("content.released",)), LOCAL_POLICY
                )
            except Exception:
                return False
            return True

    try:
        results = await asyncio.gather(
            *(one() for _ in range(subscriptions.MAX_SUBSCRIPTIONS + 20))
        )
        async with engine.connect() as connection:
            stored = (
                await connection.execute(
                    text("SELECT count(*) FROM webhook_subscriptions WHERE organisation = 'alpha'")
                )
            ).scalar()
    finally:
        await engine.dispose()
    assert sum(results) == stored == subscriptions.MAX_SUBSCRIPTIONS


async def test_a_release_reaches_every_organisation_and_each_log_is_its_owners(
    own_database: str, admins: Admins, production: Client, tmp_path: Path
) -> None:
    receiver = Receiver()
    receiver.start()
    engine = create_async_engine(async_url(own_database))
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    try:
        ids = {}
        async with sessions() as session, session.begin():
            for organisation in ("alpha", "beta"):
                path = f"/{organisation}"
                created = await subscriptions.create(
                    session,
                    organisation,
                    WebhookCreate(receiver.url(path), ("content.released",)),
                    LOCAL_POLICY,
                )
                receiver.secrets[path] = created.secret
                ids[organisation] = created.id
        content = EditedContent(tmp_path / "content")
        content.set_text("en", "topics", "core-goals", "title", "Core goals for everyone")
        await load(own_database, content.bundle())
        async with sessions() as session, session.begin():
            (event,) = (await session.execute(text("SELECT id FROM webhook_events"))).scalars()
            assert await deliveries.fan_out(session, event) == 2
            pending = (await session.execute(text("SELECT id FROM webhook_deliveries"))).scalars()
        options = delivery_options(settings(own_database))
        for delivery in list(pending):
            assert await deliveries.attempt(sessions, delivery, options) is None
    finally:
        receiver.stop()
        await engine.dispose()

    for organisation in ("alpha", "beta"):
        (got,) = receiver.for_path(f"/{organisation}")
        assert got.verified and got.webhook_id == event
    logs = {
        (owner, reader): await production.get(
            f"/v1/webhooks/{ids[owner]}/deliveries", headers=getattr(admins, reader)
        )
        for owner in ("alpha", "beta")
        for reader in ("alpha", "beta")
    }
    assert {pair: answer.status_code for pair, answer in logs.items()} == {
        ("alpha", "alpha"): 200,
        ("alpha", "beta"): 404,
        ("beta", "alpha"): 404,
        ("beta", "beta"): 200,
    }
    for owner in ("alpha", "beta"):
        (attempt,) = logs[(owner, owner)].json()["items"]
        assert (attempt["webhook_id"], attempt["outcome"]) == (event, "delivered")


async def test_the_migration_puts_existing_subscriptions_in_default(server_url: str) -> None:
    async with migrated_database(server_url, "mc_webhook_orgs_migration") as url:
        await asyncio.to_thread(migrate, url, "0005", True)
        engine = create_async_engine(async_url(url))
        async with engine.begin() as connection:
            await connection.execute(
                text(
                    "INSERT INTO webhook_subscriptions (id, url, events, description, secret, "
                    "status) VALUES ('wh_before', :url, '{content.released}', 'made before', "
                    "'whsec_x', 'active')"
                ),
                {"url": PUBLIC_URL},
            )
        await engine.dispose()
        await asyncio.to_thread(migrate, url)
        admins = await admin_keys(url)
        configured = settings(url, service_env="production", webhook_worker_in_service=False)
        async with AsyncTestClient(app=create_app(configured)) as client:
            by_default = await client.get("/v1/webhooks/wh_before", headers=admins.default)
            by_alpha = await client.get("/v1/webhooks/wh_before", headers=admins.alpha)
    assert by_default.status_code == 200 and by_default.json()["url"] == PUBLIC_URL
    assert by_alpha.status_code == 404
