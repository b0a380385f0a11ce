"""The committed schema, the REST spec without /graphql, and what production turns off."""

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from service.api.graphql.controller import PERSISTED_QUERIES_FILE
from service.api.graphql.schema import GRAPHQL_SCHEMA_FILE, schema_sdl
from service.app import create_app
from tests.graphql.conftest import Client, codes, door_of, sha256
from tests.security.conftest import MakeKey, make_key, production_settings, started

__all__ = ["make_key"]  # the fixture, used below

INTROSPECTION = "{ __schema { queryType { name } } }"


def test_committed_schema_is_the_served_one() -> None:
    assert GRAPHQL_SCHEMA_FILE.read_text(encoding="utf-8") == schema_sdl(), (
        "openapi/schema.graphql is stale: run `python -m service openapi`"
    )


async def test_graphql_stays_out_of_the_rest_openapi(client: Client) -> None:
    document = (await client.get("/schema/openapi.json")).json()
    assert not [path for path in document["paths"] if "graphql" in path]


async def test_development_serves_graphiql_and_introspection(client: Client) -> None:
    page = await client.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()
    body = (await client.post("/graphql", json={"query": INTROSPECTION})).json()
    assert body["data"]["__schema"]["queryType"]["name"] == "Query"


@pytest.fixture
async def production(database_url: str, client: Client) -> AsyncIterator[AsyncTestClient[Any]]:
    async for started_client in started(create_app(production_settings(database_url))):
        yield started_client


async def test_production_turns_off_graphiql_and_introspection(
    production: Client, make_key: MakeKey
) -> None:
    key = {"X-API-Key": await make_key("content:read")}
    page = await production.get("/graphql", headers={"Accept": "text/html"} | key)
    assert page.status_code == 404
    introspection = await production.post("/graphql", json={"query": INTROSPECTION}, headers=key)
    assert codes(introspection.json()) == ["PERSISTED_QUERY_NOT_IN_LIST"]


async def test_production_runs_only_registered_queries(
    production: Client, make_key: MakeKey
) -> None:
    key = {"X-API-Key": await make_key("content:read")}
    shipped = json.loads(PERSISTED_QUERIES_FILE.read_text())
    digest, query = next((d, q) for d, q in shipped.items() if "ContentVersion" in q)
    by_hash = await production.get(
        "/graphql",
        params={"extensions": json.dumps({"persistedQuery": {"version": 1, "sha256Hash": digest}})},
        headers=key,
    )
    assert by_hash.json()["data"]["contentVersion"] >= 1 and by_hash.headers["etag"]
    by_text = await production.post("/graphql", json={"query": query}, headers=key)
    assert by_text.json()["data"]["contentVersion"] >= 1
    adhoc = "{ contentVersion approaches { nextCursor } }"
    refused = await production.post("/graphql", json={"query": adhoc}, headers=key)
    assert codes(refused.json()) == ["PERSISTED_QUERY_NOT_IN_LIST"]
    registering = await production.post(
        "/graphql",
        json={
            "query": adhoc,
            "extensions": {"persistedQuery": {"version": 1, "sha256Hash": sha256(adhoc)}},
        },
        headers=key,
    )
    assert codes(registering.json()) == ["PERSISTED_QUERY_NOT_IN_LIST"]
    unknown = await production.get(
        "/graphql",
        params={
            "extensions": json.dumps(
                {"persistedQuery": {"version": 1, "sha256Hash": sha256(adhoc)}}
            )
        },
        headers=key,
    )
    assert codes(unknown.json()) == ["PERSISTED_QUERY_NOT_FOUND"]


async def test_production_refuses_introspection_even_when_registered(
    database_url: str, client: Client, make_key: MakeKey
) -> None:
    app = create_app(production_settings(database_url))
    async for production in started(app):
        door_of(app).register(INTROSPECTION)
        key = {"X-API-Key": await make_key("content:read")}
        body = (
            await production.post("/graphql", json={"query": INTROSPECTION}, headers=key)
        ).json()
        assert set(codes(body)) == {"INTROSPECTION_DISABLED"} and body.get("data") is None
        assert "introspection" in body["errors"][0]["message"].lower()
