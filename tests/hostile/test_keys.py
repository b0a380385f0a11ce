"""Random keys: failed authentication is limited per client address, unknown keys are
remembered apart from known ones, and a flood neither evicts known keys nor reaches the
database once the address is over its limit."""

import re
import secrets

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from service.security.keys import KeyVerifier
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
    production_server: Server, keys: dict[str, str]
) -> None:
    async with (
        client_from(production_server, "127.0.0.2") as attacker,
        client_from(production_server, "127.0.0.3") as bystander,
    ):
        # A real client behind the same address (a NAT) that was already working.
        known = await attacker.get("/v1/approaches", headers={"X-API-Key": keys["read"]})
        assert known.status_code == 200
        lookups_before = await key_lookups(attacker)
        statuses: list[int] = []
        refused: httpx.Response | None = None
        for _ in range(3000):
            response = await attacker.get("/v1/approaches", headers={"X-API-Key": random_key()})
            statuses.append(response.status_code)
            if response.status_code == 429:
                refused = response
        lookups_after = await key_lookups(attacker)
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
        # At most one database lookup per failure allowed, none after the limit.
        assert lookups_after - lookups_before <= first_refusal, (lookups_before, lookups_after)

        # That known key still works from the flooding address; another address is untouched.
        known = await attacker.get("/v1/approaches", headers={"X-API-Key": keys["read"]})
        assert known.status_code == 200
        other = await bystander.get("/v1/approaches", headers={"X-API-Key": random_key()})
        assert other.status_code == 401


async def test_unknown_keys_cannot_evict_known_ones(
    engine: AsyncEngine, hostile_database: str, keys: dict[str, str]
) -> None:
    from sqlalchemy.ext.asyncio import create_async_engine

    from service.db import async_url

    hostile = create_async_engine(async_url(hostile_database))
    try:
        verifier = KeyVerifier(ttl=60, max_known=50, max_unknown=50)
        known = await verifier.verify(hostile, keys["read"])
        assert known is not None
        for _ in range(200):  # four times what the unknown-key cache holds
            assert await verifier.verify(hostile, random_key()) is None
        await hostile.dispose()  # from here on, a database round trip would fail
        stopped = create_async_engine("postgresql+asyncpg://nobody@127.0.0.1:9/none")
        assert await verifier.verify(stopped, keys["read"]) == known
        await stopped.dispose()
    finally:
        await hostile.dispose()
