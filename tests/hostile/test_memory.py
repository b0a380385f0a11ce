"""Memory attacks a single key can send: a worker's resident memory grows by less than
100 MB over at least 2,000 requests of each (production config, a real key, live granian)."""

import hashlib
import itertools
import json
import secrets
from collections.abc import Awaitable, Callable, Iterator

import httpx
import pytest

from tests.hostile.conftest import MB, Server, hammer

pytestmark = pytest.mark.slow

ATTACK_REQUESTS = 2000
MAX_GROWTH = 100 * MB
CONTENT_VERSION = "query ContentVersion { contentVersion }"

Send = Callable[[httpx.AsyncClient], Awaitable[httpx.Response]]


async def growth_over(
    server: Server, key: str, requests: Iterator[Send], address: str = "127.0.0.1"
) -> tuple[int, dict[int, int]]:
    """(RSS growth of the worker, statuses) over the requests, after a short warm-up."""
    headers = {"X-API-Key": key}
    transport = httpx.AsyncHTTPTransport(local_address=address)
    async with httpx.AsyncClient(
        base_url=server.base_url, headers=headers, timeout=30, transport=transport
    ) as client:
        for path in ("/v1/export", "/v1/approaches"):
            assert (await client.get(path)).status_code == 200
        before = server.worker_rss()
        statuses = await hammer(client, requests, within_seconds=90)
        after = server.worker_rss()
    print(f"RSS {before / MB:.0f} MB -> {after / MB:.0f} MB; statuses {statuses}")
    return after - before, statuses


def graphql_with_unused_variables(size: int) -> Iterator[Send]:
    for n in range(ATTACK_REQUESTS):
        # Unique each time: a cache keyed on the variables would keep every one.
        variables = {"pad": f"{n}-" + "x" * size}

        async def send(
            client: httpx.AsyncClient, variables: dict[str, str] = variables
        ) -> httpx.Response:
            return await client.post(
                "/graphql", json={"query": CONTENT_VERSION, "variables": variables}
            )

        yield send


async def test_unused_graphql_variables_do_not_grow_memory(
    production_server: Server, keys: dict[str, str]
) -> None:
    growth, statuses = await growth_over(
        production_server, keys["read"], graphql_with_unused_variables(60_000)
    )
    assert sum(statuses.values()) == ATTACK_REQUESTS
    assert set(statuses) <= {200, 400}, statuses
    assert growth < MAX_GROWTH, f"the worker grew by {growth / MB:.0f} MB"


async def test_oversized_graphql_variables_are_refused(
    production_server: Server, keys: dict[str, str]
) -> None:
    async with httpx.AsyncClient(base_url=production_server.base_url, timeout=30) as client:
        response = await client.post(
            "/graphql",
            headers={"X-API-Key": keys["read"]},
            json={"query": CONTENT_VERSION, "variables": {"pad": "x" * 900_000}},
        )
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "VARIABLES_TOO_LARGE"


EXPORT_REQUESTS = 4500  # past the old 4,096-entry bound, so an entry bound alone does not hide it


def unique_export_urls() -> Iterator[Send]:
    for n in range(EXPORT_REQUESTS):

        async def send(client: httpx.AsyncClient, n: int = n) -> httpx.Response:
            return await client.get(f"/v1/export?utm={n}-{secrets.token_hex(8)}")

        yield send


async def test_unique_query_strings_do_not_grow_memory(
    production_server: Server, keys: dict[str, str]
) -> None:
    # Fixed by the architecture work (issue 11): unknown query parameters create no entries.
    growth, statuses = await growth_over(production_server, keys["read"], unique_export_urls())
    assert sum(statuses.values()) == EXPORT_REQUESTS
    assert growth < MAX_GROWTH, f"the worker grew by {growth / MB:.0f} MB"


def long_unique_accept_languages() -> Iterator[Send]:
    tags = ",".join(f"x{n}-a;q=0.{n % 9 + 1}" for n in range(8_000))  # about 100 KB
    for n in range(ATTACK_REQUESTS):

        async def send(client: httpx.AsyncClient, n: int = n) -> httpx.Response:
            header = f"zz-{n},{tags}"
            return await client.get("/v1/approaches", headers={"Accept-Language": header})

        yield send


async def test_long_accept_language_headers_do_not_grow_memory(
    production_server: Server, keys: dict[str, str]
) -> None:
    growth, statuses = await growth_over(
        production_server, keys["read"], long_unique_accept_languages()
    )
    assert statuses == {200: ATTACK_REQUESTS}, statuses
    assert growth < MAX_GROWTH, f"the worker grew by {growth / MB:.0f} MB"


def unknown_keys() -> Iterator[Send]:
    for _ in range(ATTACK_REQUESTS):

        async def send(client: httpx.AsyncClient) -> httpx.Response:
            key = f"mck_{secrets.token_hex(6)}_{secrets.token_urlsafe(20)}"
            return await client.get("/v1/approaches", headers={"X-API-Key": key})

        yield send


async def test_random_keys_do_not_grow_memory(
    production_server: Server, keys: dict[str, str]
) -> None:
    growth, statuses = await growth_over(
        production_server, keys["read"], unknown_keys(), address="127.0.0.4"
    )
    assert set(statuses) <= {401, 429}, statuses
    assert growth < MAX_GROWTH, f"the worker grew by {growth / MB:.0f} MB"


def registered_documents(size: int) -> Iterator[Send]:
    for n in range(ATTACK_REQUESTS):

        async def send(client: httpx.AsyncClient, n: int = n) -> httpx.Response:
            query = "{ contentVersion }" + f"# {n} " + "x" * size
            digest = hashlib.sha256(query.encode()).hexdigest()
            extensions = {"persistedQuery": {"version": 1, "sha256Hash": digest}}
            return await client.post(
                "/graphql",
                content=json.dumps({"query": query, "extensions": extensions}),
                headers={"Content-Type": "application/json"},
            )

        yield send


async def test_automatic_persisted_queries_do_not_grow_memory(
    development_server: Server,
) -> None:
    """Development registers documents sent with their hash: big ones are refused, and the
    registry is bounded in bytes (issue 11)."""
    async with httpx.AsyncClient(base_url=development_server.base_url, timeout=30) as client:
        before = development_server.worker_rss()
        statuses = await hammer(
            client, itertools.islice(registered_documents(200_000), ATTACK_REQUESTS)
        )
        after = development_server.worker_rss()
    print(f"RSS {before / MB:.0f} MB -> {after / MB:.0f} MB; statuses {statuses}")
    assert sum(statuses.values()) == ATTACK_REQUESTS
    assert after - before < MAX_GROWTH, f"the worker grew by {(after - before) / MB:.0f} MB"
