"""Malformed input is a 400 problem or a GraphQL error, never a 500, never a traceback."""

import httpx
import pytest

from tests.hostile.conftest import Server

pytestmark = pytest.mark.slow

DEPTH = 1000
NESTED_LIST = "[" * DEPTH + "]" * DEPTH
NESTED_OBJECT = '{"a":' * DEPTH + "1" + "}" * DEPTH


def assert_quiet(server: Server) -> None:
    log = server.log()
    assert "Traceback" not in log and "RecursionError" not in log, log[-3000:]
    assert "ERROR" not in log, log[-3000:]


@pytest.mark.parametrize("body", [NESTED_LIST, NESTED_OBJECT], ids=["list", "object"])
@pytest.mark.parametrize("path", ["/v1/recommendations", "/v1/recommendations/batch"])
async def test_deep_json_on_rest_is_a_400_problem(
    production_server: Server, keys: dict[str, str], path: str, body: str
) -> None:
    async with httpx.AsyncClient(base_url=production_server.base_url, timeout=10) as client:
        response = await client.post(
            path,
            content=body,
            headers={"X-API-Key": keys["recommend"], "Content-Type": "application/json"},
        )
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["status"] == 400
    assert "nest" in response.json()["detail"]
    assert_quiet(production_server)


async def test_deep_json_on_graphql_is_a_graphql_error(
    production_server: Server, keys: dict[str, str]
) -> None:
    deep_variables = (
        '{"query": "query ContentVersion { contentVersion }", "variables": {"v": '
        + NESTED_LIST
        + "}}"
    )
    async with httpx.AsyncClient(base_url=production_server.base_url, timeout=10) as client:
        for body in (NESTED_LIST, NESTED_OBJECT, deep_variables):
            response = await client.post(
                "/graphql",
                content=body,
                headers={"X-API-Key": keys["read"], "Content-Type": "application/json"},
            )
            assert response.status_code == 400, response.text
            (error,) = response.json()["errors"]
            assert error["extensions"]["code"] == "BAD_REQUEST"
        response = await client.get(
            "/graphql",
            params={"query": "query ContentVersion { contentVersion }", "variables": NESTED_LIST},
            headers={"X-API-Key": keys["read"]},
        )
        assert response.status_code == 400, response.text
    assert_quiet(production_server)


@pytest.mark.parametrize(
    "persisted", [[1], "x", 1, {"version": "1"}, {"version": 1, "sha256Hash": 5}]
)
async def test_malformed_persisted_query_extension_is_a_graphql_error(
    development_server: Server, persisted: object
) -> None:
    async with httpx.AsyncClient(base_url=development_server.base_url, timeout=10) as client:
        response = await client.post(
            "/graphql",
            json={"query": "{ contentVersion }", "extensions": {"persistedQuery": persisted}},
        )
    assert response.status_code == 400, response.text
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "PERSISTED_QUERY_NOT_SUPPORTED"
    assert_quiet(development_server)
