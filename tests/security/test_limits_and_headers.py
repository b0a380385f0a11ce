"""Rate limits, body limit, timeout, CORS and security headers as a client sees them."""

import asyncio
from typing import Any

import pytest
from litestar import Litestar, Request, get, post
from litestar.testing import AsyncTestClient

from service.app import create_app
from service.config import Settings
from tests.security.conftest import MakeKey, production_settings, started
from tests.security.test_keys_and_scopes import assert_problem

Client = AsyncTestClient[Litestar]


async def test_a_key_over_its_limit_gets_429_with_retry_after_and_ratelimit_headers(
    database_url: str, client: Client, make_key: MakeKey
) -> None:
    key = {"X-API-Key": await make_key("content:read")}
    settings = production_settings(database_url, rate_limit_requests=5)
    async for production in started(create_app(settings)):
        remaining = []
        for _ in range(5):
            response = await production.get("/v1/variants", headers=key)
            assert response.status_code == 200
            assert response.headers["ratelimit-limit"] == "5"
            assert 1 <= int(response.headers["ratelimit-reset"]) <= 60
            remaining.append(int(response.headers["ratelimit-remaining"]))
        assert remaining == [4, 3, 2, 1, 0]
        refused = await production.get("/v1/variants", headers=key)
        assert_problem(refused, 429, "rate-limited")
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        assert refused.headers["ratelimit-remaining"] == "0"
        # Another key has a budget of its own.
        other = await production.get("/v1/variants", headers={"X-API-Key": await make_key("admin")})
        assert other.status_code == 200


@pytest.mark.slow
@pytest.mark.server_postgres
async def test_replicas_share_one_budget_through_postgresql(
    database_url: str, client: Client, make_key: MakeKey
) -> None:
    key = {"X-API-Key": await make_key("content:read")}
    settings = production_settings(database_url, rate_limit_requests=10)
    replicas = [create_app(settings), create_app(settings)]
    async with (
        AsyncTestClient(app=replicas[0]) as first,
        AsyncTestClient(app=replicas[1]) as second,
    ):
        statuses = []
        for _ in range(8):
            for replica in (first, second):
                statuses.append((await replica.get("/v1/variants", headers=key)).status_code)
    assert statuses.count(200) == 10 and statuses.count(429) == 6


@pytest.mark.slow
async def test_anonymous_development_traffic_is_not_limited(
    database_url: str, client: Client
) -> None:
    settings = Settings(
        database_url=database_url, load_content_on_start=False, rate_limit_requests=2
    )
    async for development in started(create_app(settings)):
        for _ in range(5):
            response = await development.get("/v1/variants")
            assert response.status_code == 200
            assert "ratelimit-limit" not in response.headers


async def test_body_limit_and_timeout_answer_problem_documents(
    database_url: str, client: Client
) -> None:
    @post("/v1/body-probe", status_code=200)
    async def body_probe(request: Request[Any, Any, Any]) -> dict[str, int]:
        return {"size": len(await request.body())}

    @get("/v1/slow-probe")
    async def slow_probe() -> dict[str, str]:
        await asyncio.sleep(5)
        return {"late": "yes"}

    settings = Settings(
        database_url=database_url,
        load_content_on_start=False,
        request_max_body_bytes=2048,
        request_timeout_seconds=0.3,
    )
    app = create_app(settings)
    app.register(body_probe)
    app.register(slow_probe)
    async for development in started(app):
        small = await development.post("/v1/body-probe", content=b"x" * 100)
        assert small.status_code == 200 and small.json() == {"size": 100}
        assert_problem(
            await development.post("/v1/body-probe", content=b"x" * 5000), 413, "payload-too-large"
        )
        timed_out = await development.get("/v1/slow-probe")
        assert_problem(timed_out, 503, "request-timeout")
        assert timed_out.headers["retry-after"]


async def test_cors_allows_only_the_configured_origins(database_url: str, client: Client) -> None:
    preflight = {"Access-Control-Request-Method": "GET"}
    closed = await client.options(
        "/v1/variants", headers={"Origin": "https://evil.example"} | preflight
    )
    assert "access-control-allow-origin" not in closed.headers
    settings = Settings(
        database_url=database_url,
        load_content_on_start=False,
        cors_origins="https://hr.example.com, https://lms.example.com",
    )
    async for development in started(create_app(settings)):
        allowed = await development.get(
            "/v1/variants", headers={"Origin": "https://lms.example.com"}
        )
        assert allowed.headers["access-control-allow-origin"] == "https://lms.example.com"
        other = await development.get("/v1/variants", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "content-security-policy": "frame-ancestors 'none'",
    "referrer-policy": "no-referrer",
}


async def test_security_headers_on_every_response_and_hsts_only_in_production(
    client: Client, production: Client
) -> None:
    development_responses = [
        await client.get("/v1/variants"),
        await client.get("/v1/variants/nope"),
        await client.get("/no/such/route"),
        await client.get("/health/live"),
        await client.get("/v1/variants", params={"limit": 0}),
    ]
    production_responses = [
        await production.get("/v1/variants"),
        await production.get("/health/live"),
        await production.get("/no/such/route"),
    ]
    for response in development_responses + production_responses:
        for name, value in SECURITY_HEADERS.items():
            assert response.headers.get(name) == value, (response.url, name)
    assert all("strict-transport-security" not in r.headers for r in development_responses)
    assert all("max-age" in r.headers["strict-transport-security"] for r in production_responses)
    # Content caching stays as the content API sets it.
    assert development_responses[0].headers["cache-control"] == "public, max-age=300"


async def test_error_bodies_leak_no_trace_sql_or_path(database_url: str, client: Client) -> None:
    @get("/v1/crash-probe")
    async def crash_probe() -> None:
        raise RuntimeError('SELECT secret FROM api_keys -- File "/work/main/service/x.py"')

    app = create_app(Settings(database_url=database_url, load_content_on_start=False))
    app.register(crash_probe)
    async for development in started(app):
        response = await development.get("/v1/crash-probe")
        body = assert_problem(response, 500, "internal-error")
        for leak in ("SELECT", "api_keys", "Traceback", "/work/", ".py"):
            assert leak not in response.text, leak
        assert set(body) <= {"type", "title", "status", "detail", "code"}
