"""The one admission, as an MCP client meets it (in-process, production settings): each POST
counts one request against the key's limit, a publishable key is refused, and a request
over the body limit is a 413 before the SDK reads it."""

from collections.abc import AsyncIterator
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from service.app import create_app
from service.security.keys import create_key
from tests.security.conftest import production_settings, started

Client = AsyncTestClient[Litestar]
HEADERS = {"Accept": "application/json, text/event-stream", "MCP-Protocol-Version": "2025-11-25"}
LIST = {"jsonrpc": "2.0", "id": 1, "method": "tools/list"}


@pytest.fixture
async def limited(database_url: str, client: Client) -> AsyncIterator[Client]:
    settings = production_settings(
        database_url,
        rate_limit_requests=2,
        rate_limit_window_seconds=60,
        request_max_body_bytes=4096,
    )
    async for started_client in started(create_app(settings)):
        yield started_client


async def key(engine: AsyncEngine, *scopes: str, origins: tuple[str, ...] = ()) -> str:
    async with AsyncSession(engine) as session, session.begin():
        return (await create_key(session, "mcp admission", scopes, origins=origins)).key


async def test_each_post_counts_against_the_keys_limit(
    limited: Client, engine: AsyncEngine
) -> None:
    headers = {**HEADERS, "Authorization": f"Bearer {await key(engine, 'content:read')}"}
    answers = [await limited.post("/mcp", json=LIST, headers=headers) for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert answers[0].headers["ratelimit-remaining"] == "1"
    assert "retry-after" in answers[2].headers


async def test_a_publishable_key_and_an_oversized_body_are_refused(
    limited: Client, engine: AsyncEngine
) -> None:
    publishable = await key(engine, origins=("https://hr.example.com",))
    from_page = await limited.post(
        "/mcp",
        json=LIST,
        headers={**HEADERS, "X-API-Key": publishable, "Origin": "https://hr.example.com"},
    )
    assert from_page.status_code == 403
    secret = {**HEADERS, "Authorization": f"Bearer {await key(engine, 'content:read')}"}
    oversized: dict[str, Any] = {**LIST, "params": {"padding": "x" * 5000}}
    too_large = await limited.post("/mcp", json=oversized, headers=secret)
    assert too_large.status_code == 413
    assert too_large.headers["content-type"].startswith("application/problem+json")
