"""The committed schema (also served at /graphql/schema.graphql), the REST spec without
/graphql, and what production serves: any query from a key, introspection, no GraphiQL."""

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from service.api.graphql.controller import PERSISTED_QUERIES_FILE
from service.api.graphql.schema import GRAPHQL_SCHEMA_FILE, schema_sdl
from service.app import create_app
from tests.graphql.conftest import Client
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


async def test_production_serves_introspection_to_keys_and_no_graphiql(
    production: Client, make_key: MakeKey
) -> None:
    key = {"X-API-Key": await make_key("content:read")}
    page = await production.get("/graphql", headers={"Accept": "text/html"} | key)
    assert page.status_code == 404
    introspection = await production.post("/graphql", json={"query": INTROSPECTION}, headers=key)
    body = introspection.json()
    assert body["data"]["__schema"]["queryType"]["name"] == "Query", body
    assert body["extensions"]["cost"]["requested"] == 100


README_QUERY = "{ variants(first: 3) { items { slug name linkedTerm { name } } nextCursor } }"


async def test_production_runs_any_query_a_secret_key_sends(
    production: Client, make_key: MakeKey
) -> None:
    """The README's example, as a front-end team would send it, with its cost."""
    key = {"X-API-Key": await make_key("content:read")}
    answer = await production.post("/graphql", json={"query": README_QUERY}, headers=key)
    body = answer.json()
    assert "errors" not in body and len(body["data"]["variants"]["items"]) == 3
    cost = body["extensions"]["cost"]
    assert cost["requested"] == 7 and cost["maximum"] == 5000
    assert cost["limit"] == 250_000 and 0 <= cost["remaining"] < cost["limit"]
    assert 1 <= cost["resetSeconds"] <= 60
    shipped = json.loads(PERSISTED_QUERIES_FILE.read_text())
    digest = next(d for d, q in shipped.items() if "ContentVersion" in q)
    by_hash = await production.get(
        "/graphql",
        params={"extensions": json.dumps({"persistedQuery": {"version": 1, "sha256Hash": digest}})},
        headers=key,
    )
    assert by_hash.json()["data"]["contentVersion"] >= 1 and by_hash.headers["etag"]


async def test_the_sdl_is_served_to_keys_for_codegen(production: Client, make_key: MakeKey) -> None:
    key = {"Authorization": f"Bearer {await make_key('content:read')}"}
    refused = await production.get("/graphql/schema.graphql")
    assert refused.status_code == 401
    served = await production.get("/graphql/schema.graphql", headers=key)
    assert served.status_code == 200 and served.headers["content-type"].startswith("text/plain")
    assert served.text == GRAPHQL_SCHEMA_FILE.read_text(encoding="utf-8")
    again = await production.get(
        "/graphql/schema.graphql", headers=key | {"If-None-Match": served.headers["etag"]}
    )
    assert again.status_code == 304
