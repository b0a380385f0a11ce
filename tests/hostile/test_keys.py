"""Random keys: failed authentication is limited per client address, a flood never locks out
a valid key (one made before it, or during it), and once the address is over its limit the
flood reaches the database at most once a second per worker, never once a key."""

import asyncio
import re
import secrets
import time

import httpx
import pytest

from service.security.keys import KeyVerifier, create_key
from tests.hostile.conftest import Server

pytestmark = pytest.mark.slow


def random_key() -> str:
    return f"mck_{secrets.token_hex(6)}_{secrets.token_urlsafe(20)}"


async def key_lookups(client: httpx.AsyncClient) -> float:
    text = (await client.get("/metrics")).text
    return sum(float(v) for v in re.findall(r"^api_key_lookups_total\{[^}]*\} (\S+)$", text, re.M))


def client_from(server: Server, address: str) -> httpx.AsyncClient:
    transport = httpx.AsyncHTTPTransport(local_address=address)
    return httpx.AsyncClient(base_url=server.base_url, transport=transport, timeout=10)


async def test_failed_authentication_is_limited_per_address(
    production_server: Server, keys: dict[str, str], hostile_database: str
) -> None:
    async with (
        client_from(production_server, "127.0.0.2") as attacker,
        client_from(production_server, "127.0.0.3") as bystander,
    ):
        # A real client behind the same address (a NAT) that was already working.
        known = await attacker.get("/v1/approaches", headers={"X-API-Key": keys["read"]})
        assert known.status_code == 200
        lookups_before = await key_lookups(attacker)
        flood_started = time.monotonic()
        statuses: list[int] = []
        refused: httpx.Response | None = None
        for _ in range(3000):
            response = await attacker.get("/v1/approaches", headers={"X-API-Key": random_key()})
            statuses.append(response.status_code)
            if response.status_code == 429:
                refused = response
        lookups_after = await key_lookups(attacker)
        flood_seconds = time.monotonic() - flood_started
        first_refusal = statuses.index(429) if 429 in statuses else len(statuses)
        print(
            f"first 429 after {first_refusal if 429 in statuses else None} failures; "
            f"{lookups_after - lookups_before:.0f} database lookups for {len(statuses)} keys"
        )
        assert set(statuses) == {401, 429}
        assert 5 <= first_refusal <= 100 and set(statuses[first_refusal:]) == {429}
        assert refused is not None
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert int(refused.headers["retry-after"]) >= 1
        assert refused.json()["status"] == 429
        # At most one database lookup per failure allowed; after the limit, one read of the
        # newest keys a second at most, whatever the number of keys.
        catch_ups = flood_seconds + 2
        assert lookups_after - lookups_before <= first_refusal + catch_ups, (
            lookups_before,
            lookups_after,
        )

        # That known key still works from the flooding address; another address is untouched.
        known = await attacker.get("/v1/approaches", headers={"X-API-Key": keys["read"]})
        assert known.status_code == 200
        other = await bystander.get("/v1/approaches", headers={"X-API-Key": random_key()})
        assert other.status_code == 401
        # A key made after the flood works from the flooding address within a second.
        fresh = await _new_key(hostile_database)
        await asyncio.sleep(KeyVerifier.CATCH_UP_SECONDS + 0.1)
        accepted = await attacker.get("/v1/approaches", headers={"X-API-Key": fresh})
        assert accepted.status_code == 200, accepted.text


async def _new_key(database_url: str) -> str:
    from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

    from service.db import async_url

    engine = create_async_engine(async_url(database_url))
    try:
        async with AsyncSession(engine) as session, session.begin():
            return (await create_key(session, "made during a flood", ["content:read"])).key
    finally:
        await engine.dispose()


async def test_unknown_keys_cost_no_memory_and_known_ones_outlive_the_database(
    hostile_database: str, keys: dict[str, str]
) -> None:
    from sqlalchemy.ext.asyncio import create_async_engine

    from service.db import async_url

    hostile = create_async_engine(async_url(hostile_database))
    try:
        verifier = KeyVerifier(refresh_seconds=60)
        await verifier.read(hostile)  # what the application's start does
        known = await verifier.verify(hostile, keys["read"])
        assert known is not None
        table = len(verifier._table)
        for _ in range(200):  # from an address over its limit: no lookup of their own
            assert await verifier.verify(hostile, random_key(), look_up=False) is None
        assert len(verifier._table) == table
        await hostile.dispose()  # from here on, a database round trip would fail
        stopped = create_async_engine("postgresql+asyncpg://nobody@127.0.0.1:9/none")
        assert await verifier.verify(stopped, keys["read"]) == known
        await stopped.dispose()
    finally:
        await hostile.dispose()
