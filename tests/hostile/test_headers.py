"""Caching and CORS headers: key-gated answers are private in production, `Vary` keeps every
header that changes an answer, preflights allow only what the API uses."""

import httpx
import pytest

from tests.hostile.conftest import ORIGIN, Server

pytestmark = pytest.mark.slow

PERSISTED = "query ContentVersion { contentVersion }"


def vary(response: httpx.Response) -> set[str]:
    return {
        part.strip().lower()
        for value in response.headers.get_list("vary")
        for part in value.split(",")
        if part.strip()
    }


@pytest.mark.parametrize("origin", [None, ORIGIN], ids=["no-origin", "origin"])
async def test_production_answers_are_private_and_vary_on_origin_and_language(
    production_server: Server, keys: dict[str, str], origin: str | None
) -> None:
    headers = {"X-API-Key": keys["read"]} | ({"Origin": origin} if origin else {})
    async with httpx.AsyncClient(base_url=production_server.base_url, headers=headers) as client:
        for _ in range(2):  # the second answer comes from the answered-content cache
            rest = await client.get("/v1/approaches")
            assert rest.status_code == 200
            directives = {d.strip() for d in rest.headers["cache-control"].split(",")}
            assert "private" in directives and "public" not in directives
            assert {"accept-language", "origin"} <= vary(rest)
        graphql = await client.get("/graphql", params={"query": PERSISTED})
        assert graphql.status_code == 200
        assert "private" in graphql.headers["cache-control"]
        assert "public" not in graphql.headers["cache-control"]
        assert {"accept-language", "origin"} <= vary(graphql)
        if origin:
            assert rest.headers["access-control-allow-origin"] == ORIGIN


async def test_development_content_may_stay_public(development_server: Server) -> None:
    async with httpx.AsyncClient(base_url=development_server.base_url) as client:
        response = await client.get("/v1/approaches")
    assert response.headers["cache-control"] == "public, max-age=300"
    assert vary(response) == {"accept-language"}


async def test_preflight_allows_only_what_the_api_uses(production_server: Server) -> None:
    async with httpx.AsyncClient(base_url=production_server.base_url) as client:

        async def preflight(method: str, headers: str) -> httpx.Response:
            return await client.options(
                "/v1/approaches",
                headers={
                    "Origin": ORIGIN,
                    "Access-Control-Request-Method": method,
                    "Access-Control-Request-Headers": headers,
                },
            )

        allowed = await preflight("POST", "authorization, content-type, x-api-key")
        assert allowed.status_code in (200, 204)
        methods = {m.strip() for m in allowed.headers["access-control-allow-methods"].split(",")}
        assert methods <= {"GET", "HEAD", "POST", "OPTIONS"}
        assert "*" not in allowed.headers["access-control-allow-headers"]
        for method in ("DELETE", "PUT", "PATCH"):
            assert (await preflight(method, "content-type")).status_code == 400
        assert (await preflight("GET", "x-made-up-header")).status_code == 400
