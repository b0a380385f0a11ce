"""Publishable keys as a browser (and a stranger without one) sees them: bound to their
origins, limited to reading and recommending, rate-limited on their own, CORS by key."""

import os
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from service.app import create_app
from service.cli import parser
from service.config import PROJECT_ROOT, Settings
from service.security.keys import create_key, normalise_origin, revoke_key
from tests.security.conftest import production_settings, started
from tests.security.test_keys_and_scopes import SITUATION, assert_problem

Client = AsyncTestClient[Litestar]
PARTNER = "https://hr.example.com"
STAGING = "https://hr-staging.example.com"
STRANGER = "https://evil.example.net"


async def publishable(engine: AsyncEngine, *origins: str, scopes: tuple[str, ...] = ()) -> str:
    async with AsyncSession(engine) as session, session.begin():
        return (await create_key(session, "partner page", scopes, origins=origins)).key


@pytest.fixture
async def partner_key(engine: AsyncEngine) -> str:
    return await publishable(engine, PARTNER, STAGING)


async def app_with(database_url: str, **overrides: Any) -> AsyncIterator[Client]:
    """A production application of its own; its tests take `client`, which loads the content."""
    async for client in started(create_app(production_settings(database_url, **overrides))):
        yield client


def test_origins_are_normalised_and_only_https_outside_loopback() -> None:
    assert normalise_origin("HTTPS://HR.Example.com:443/") == "https://hr.example.com"
    assert normalise_origin("http://127.0.0.1:8080") == "http://127.0.0.1:8080"
    assert normalise_origin("https://hr.example.com:8443") == "https://hr.example.com:8443"
    for bad in (
        "http://hr.example.com",
        "https://hr.example.com/path",
        "https://user@hr.example.com",
        "hr.example.com",
        "ftp://hr.example.com",
        "https://hr.example.com:99999",
    ):
        with pytest.raises(ValueError):
            normalise_origin(bad)


async def test_a_publishable_key_cannot_hold_more_than_read_and_recommend(
    session: AsyncSession,
) -> None:
    new = await create_key(session, "page", (), origins=[PARTNER])
    assert new.record.kind == "publishable" and new.record.scopes == ["content:read", "recommend"]
    for scopes in (("admin",), ("content:read", "admin")):
        with pytest.raises(ValueError, match="publishable"):
            await create_key(session, "page", scopes, origins=[PARTNER])
    # PostgreSQL holds the rule for any writer, not only for create_key.
    for change in ("scopes = ARRAY['admin']", "origins = '{}'", "kind = 'secret'"):
        with pytest.raises(IntegrityError):
            async with session.begin_nested():
                await session.execute(
                    text(f"UPDATE api_keys SET {change} WHERE id = :id"), {"id": new.record.id}
                )


async def test_it_works_from_its_origins_only(production: Client, partner_key: str) -> None:
    for origin in (PARTNER, STAGING):
        headers = {"X-API-Key": partner_key, "Origin": origin}
        answer = await production.post("/v1/recommendations", json=SITUATION, headers=headers)
        assert answer.status_code == 200, answer.text
        assert answer.headers["access-control-allow-origin"] == origin
        assert "origin" in answer.headers["vary"].lower()
        assert "ratelimit-remaining" in answer.headers
    for headers in (
        {"X-API-Key": partner_key, "Origin": STRANGER},
        {"X-API-Key": partner_key, "Origin": "null"},
        {"X-API-Key": partner_key},  # a server (or curl) without Origin
    ):
        refused = await production.get("/v1/variants", headers=headers)
        body = assert_problem(refused, 403, "origin-not-allowed")
        assert "not allowed on this site" in body["detail"]
        assert "items" not in refused.text
        assert "access-control-allow-origin" not in refused.headers


async def test_the_service_s_own_pages_may_use_it(production: Client, partner_key: str) -> None:
    """The iframe page runs on the service's origin (`PUBLIC_BASE_URL`) and calls the API
    from there."""
    own = {"X-API-Key": partner_key, "Origin": "http://testserver.local"}
    assert (await production.get("/v1/variants", headers=own)).status_code == 200
    lookalike = {**own, "Origin": "http://testserver.local.evil.example"}
    assert_problem(
        await production.get("/v1/variants", headers=lookalike), 403, "origin-not-allowed"
    )


async def test_a_refusal_to_a_known_origin_is_readable_by_its_page(
    production: Client, engine: AsyncEngine
) -> None:
    """A key for the staging site used on the live one: the page may read why (CORS)."""
    staging_only = await publishable(engine, STAGING)
    await publishable(engine, PARTNER)  # makes PARTNER a known origin for preflights
    headers = {"X-API-Key": staging_only, "Origin": PARTNER}
    refused = await production.get("/v1/variants", headers=headers)
    assert_problem(refused, 403, "origin-not-allowed")
    assert refused.headers["access-control-allow-origin"] == PARTNER


async def test_scopes_hold_in_development_too(client: Client, partner_key: str) -> None:
    """Development grants every scope to secret keys; a key in a web page gets only its own."""
    headers = {"X-API-Key": partner_key, "Origin": PARTNER}
    assert (await client.get("/v1/variants", headers=headers)).status_code == 200
    refused = await client.get("/v1/webhooks", headers=headers)
    body = assert_problem(refused, 403, "forbidden")
    assert "secret key" in body["detail"]  # beyond its routes, whatever the environment
    stranger = await client.get("/v1/variants", headers={**headers, "Origin": STRANGER})
    assert_problem(stranger, 403, "origin-not-allowed")


async def test_preflights_are_answered_for_the_origins_of_active_keys(
    production: Client, partner_key: str
) -> None:
    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type, x-api-key",
    }
    answer = await production.options(
        "/v1/recommendations", headers={**preflight, "Origin": STAGING}
    )
    assert answer.status_code == 204, answer.text
    assert answer.headers["access-control-allow-origin"] == STAGING
    assert "x-api-key" in answer.headers["access-control-allow-headers"].lower()
    assert "POST" in answer.headers["access-control-allow-methods"]
    stranger = await production.options(
        "/v1/recommendations", headers={**preflight, "Origin": STRANGER}
    )
    assert "access-control-allow-origin" not in stranger.headers
    # Red team: any method and any request header were allowed, HEAD (never served) listed.
    assert "HEAD" not in answer.headers["access-control-allow-methods"]
    for refused in (
        {"Access-Control-Request-Method": "DELETE"},
        {"Access-Control-Request-Method": "PUT"},
        {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "x-evil"},
    ):
        other = await production.options(
            "/v1/recommendations", headers={**refused, "Origin": STAGING}
        )
        assert "access-control-allow-origin" not in other.headers, refused


@pytest.mark.slow
@pytest.mark.usefixtures("client")  # loads the content
async def test_a_revoked_key_stops_working(database_url: str, engine: AsyncEngine) -> None:
    origin = f"https://revoked-{uuid.uuid4().hex[:8]}.example.com"  # no other key lists it
    key = await publishable(engine, origin)
    headers = {"X-API-Key": key, "Origin": origin}
    preflight = {"Origin": origin, "Access-Control-Request-Method": "GET"}
    async for client in app_with(database_url):
        assert (await client.get("/v1/variants", headers=headers)).status_code == 200
        assert (await client.options("/v1/variants", headers=preflight)).status_code == 204
    async with AsyncSession(engine) as session, session.begin():
        assert await revoke_key(session, key.split("_")[1])
    async for client in app_with(database_url):
        assert_problem(await client.get("/v1/variants", headers=headers), 401, "unauthorized")
        answer = await client.options("/v1/variants", headers=preflight)
        assert "access-control-allow-origin" not in answer.headers


@pytest.mark.usefixtures("client")  # loads the content
async def test_each_client_address_has_its_own_budget_per_key(
    database_url: str, partner_key: str
) -> None:
    headers = {"X-API-Key": partner_key, "Origin": PARTNER}
    async for client in app_with(database_url, publishable_rate_limit_per_address=3):
        for remaining in (2, 1, 0):
            answer = await client.get("/v1/variants", headers=headers)
            assert answer.status_code == 200, answer.text
            assert answer.headers["ratelimit-remaining"] == str(remaining)
        refused = await client.get("/v1/variants", headers=headers)
        assert_problem(refused, 429, "rate-limited")
        assert "address" in refused.json()["detail"] and int(refused.headers["retry-after"]) >= 1
        assert refused.headers["access-control-allow-origin"] == PARTNER  # the page may read it


@pytest.mark.slow
@pytest.mark.usefixtures("client")  # loads the content
async def test_each_publishable_key_has_its_own_budget(
    database_url: str, engine: AsyncEngine
) -> None:
    """Its own limit, not RATE_LIMIT_REQUESTS (which would allow far more here)."""
    key, other = await publishable(engine, PARTNER), await publishable(engine, PARTNER)
    settings: dict[str, Any] = {
        "publishable_rate_limit_requests": 2,
        "publishable_rate_limit_per_address": 0,
        "rate_limit_requests": 1000,
    }
    async for client in app_with(database_url, **settings):
        for _ in range(2):
            answer = await client.get("/v1/variants", headers={"X-API-Key": key, "Origin": PARTNER})
            assert answer.status_code == 200, answer.text
        refused = await client.get("/v1/variants", headers={"X-API-Key": key, "Origin": PARTNER})
        assert_problem(refused, 429, "rate-limited")
        assert "This key may make 2 requests" in refused.json()["detail"]
        fresh = await client.get("/v1/variants", headers={"X-API-Key": other, "Origin": PARTNER})
        assert fresh.status_code == 200


@pytest.mark.slow
def test_the_cli_creates_a_publishable_key(database_url: str) -> None:
    command = [sys.executable, "-m", "service", "apikey", "create", "--name", "HR portal"]
    origins = ["--origin", PARTNER, "--origin", STAGING]
    env = os.environ | {"DATABASE_URL": database_url}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*command, *args], env=env, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60
        )

    created = run("--publishable", *origins)
    assert created.returncode == 0, created.stderr
    summary, key = created.stdout.strip().splitlines()[-2:]
    assert "publishable" in summary and "content:read, recommend" in summary
    assert PARTNER in summary and STAGING in summary and key.startswith("mck_")
    refused = run("--publishable", *origins, "--scope", "admin")
    assert refused.returncode != 0 and "publishable" in refused.stderr


@pytest.mark.parametrize(
    "arguments",
    [
        ["--publishable"],  # no origin
        ["--scope", "recommend", "--origin", PARTNER],  # origins on a secret key
        ["--publishable", "--origin", "http://hr.example.com"],  # http outside loopback
        ["--publishable", "--origin", f"{PARTNER}/careers"],  # a path, not an origin
        ["--publishable", "--origin", PARTNER, "--scope", "admin"],
    ],
)
def test_the_cli_refuses_a_bad_publishable_key_before_the_database(arguments: list[str]) -> None:
    args = parser().parse_args(["apikey", "create", "--name", "HR portal", *arguments])
    with pytest.raises(SystemExit) as refused:
        args.handler(args)  # no DATABASE_URL needed: refused before any connection
    assert isinstance(refused.value.code, str) and refused.value.code


def test_settings_defaults_give_publishable_keys_smaller_budgets() -> None:
    settings = Settings()
    assert (
        0 < settings.publishable_rate_limit_per_address < settings.publishable_rate_limit_requests
    )
