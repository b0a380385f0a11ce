"""Automatic persisted queries (Apollo's protocol), GET with ETag, and the response cache."""

import dataclasses
import json
from typing import Any

import httpx2  # what gql uses once it is installed (the mcp SDK brings it)
import msgspec
from gql import Client as GqlClient
from gql import gql
from litestar import Litestar

from service.api.graphql.controller import PERSISTED_QUERIES_FILE
from tests.graphql.conftest import (
    BASE_URL,
    Client,
    PersistedQueryTransport,
    codes,
    door_of,
    sha256,
)


def persisted(digest: str) -> dict[str, str]:
    return {"extensions": json.dumps({"persistedQuery": {"version": 1, "sha256Hash": digest}})}


async def test_unknown_hash_then_registration_then_hash_alone(client: Client) -> None:
    query = '{ apqProbe: approach(slug: "coaching") { slug name } }'
    digest = sha256(query)
    unknown = await client.get("/graphql", params=persisted(digest))
    assert unknown.status_code == 200
    assert codes(unknown.json()) == ["PERSISTED_QUERY_NOT_FOUND"]
    assert unknown.json()["errors"][0]["message"] == "PersistedQueryNotFound"
    registered = await client.post(
        "/graphql",
        json={
            "query": query,
            "extensions": {"persistedQuery": {"version": 1, "sha256Hash": digest}},
        },
    )
    assert registered.json()["data"]["apqProbe"]["slug"] == "coaching"
    by_hash = await client.get("/graphql", params=persisted(digest))
    assert by_hash.status_code == 200 and by_hash.json() == registered.json()


async def test_a_hash_that_does_not_match_its_query_is_refused(client: Client) -> None:
    response = await client.post(
        "/graphql",
        json={
            "query": "{ contentVersion }",
            "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}},
        },
    )
    assert codes(response.json()) == ["BAD_REQUEST"]
    again = await client.get("/graphql", params=persisted("0" * 64))
    assert codes(again.json()) == ["PERSISTED_QUERY_NOT_FOUND"]


async def test_get_answers_carry_an_etag_and_honour_if_none_match(client: Client) -> None:
    params = {"query": '{ etagProbe: variant(slug: "peer-coaching") { name } }'}
    first = await client.get("/graphql", params=params)
    etag = first.headers["etag"]
    assert first.headers["cache-control"] == "public, max-age=300"
    assert "Accept-Language" in first.headers["vary"]
    again = await client.get("/graphql", params=params, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    spanish = await client.get("/graphql", params=params, headers={"Accept-Language": "es"})
    assert spanish.headers["etag"] != etag
    post = await client.post("/graphql", json=params)
    assert "etag" not in post.headers


async def test_errors_are_neither_cached_nor_cacheable(client: Client, app: Litestar) -> None:
    door = door_of(app)
    params = {"query": '{ missing: topics(locale: "xx") { nextCursor } }'}
    before = door.executions
    for _ in range(2):
        response = await client.get("/graphql", params=params)
        assert codes(response.json()) == ["BAD_USER_INPUT"]
        assert response.headers["cache-control"] == "no-store" and "etag" not in response.headers
    assert door.executions == before + 2


async def test_identical_requests_come_from_the_response_cache(
    client: Client, app: Litestar
) -> None:
    door = door_of(app)
    query = "query($s: String!) { cacheProbe: topic(slug: $s) { title } }"
    before = door.executions
    answers = [
        await client.post("/graphql", json={"query": query, "variables": {"s": "core-goals"}})
        for _ in range(3)
    ]
    assert door.executions == before + 1
    assert len({a.content for a in answers}) == 1
    # Another variable, another locale: new executions.
    await client.post(
        "/graphql", json={"query": query, "variables": {"s": "roles-in-workplace-success"}}
    )
    await client.post(
        "/graphql",
        json={"query": query, "variables": {"s": "core-goals"}},
        headers={"Accept-Language": "es"},
    )
    assert door.executions == before + 3


async def test_a_new_content_version_is_a_new_cache_entry(client: Client, app: Litestar) -> None:
    door = door_of(app)
    store = app.state.content
    query = '{ versionProbe: approach(slug: "mentoring") { name } contentVersion }'
    first = (await client.post("/graphql", json={"query": query})).json()
    before = door.executions
    kept = store.snapshot
    newer = msgspec.structs.replace(kept.stored, version=kept.version + 1)
    store.snapshot = dataclasses.replace(kept, stored=newer)
    try:
        second = (await client.post("/graphql", json={"query": query})).json()
    finally:
        store.snapshot = kept
    assert door.executions == before + 1
    assert second["data"]["contentVersion"] == first["data"]["contentVersion"] + 1


async def test_gql_client_with_persisted_queries_over_get(app: Litestar, client: Client) -> None:
    transport = PersistedQueryTransport(
        url=f"{BASE_URL}/graphql", transport=httpx2.ASGITransport(app=app)
    )
    query = gql(
        "query GqlPersisted($slug: String!, $locale: Locale) "
        "{ term(slug: $slug, locale: $locale) { name linkedVariant { slug } } }"
    )
    async with GqlClient(transport=transport) as session:
        first: dict[str, Any] = await session.execute(
            query, variable_values={"slug": "peer-coaching", "locale": "es"}
        )
        second: dict[str, Any] = await session.execute(
            query, variable_values={"slug": "peer-coaching", "locale": "es"}
        )
    assert first == second and first["term"]["linkedVariant"]["slug"] == "peer-coaching"
    assert transport.sent == [("GET", 200), ("POST", 200), ("GET", 200)]


def test_shipped_persisted_queries_are_valid_and_hashed() -> None:
    shipped = json.loads(PERSISTED_QUERIES_FILE.read_text())
    assert shipped and all(sha256(query) == digest for digest, query in shipped.items())


async def test_a_malformed_persisted_query_extension_is_a_request_error(client: Client) -> None:
    for extension in ("not an object", 42, ["sha256Hash"], {"version": 2, "sha256Hash": "ab"}):
        response = await client.post(
            "/graphql",
            json={"query": "{ contentVersion }", "extensions": {"persistedQuery": extension}},
        )
        assert response.status_code == 400, response.text
        assert codes(response.json()) == ["PERSISTED_QUERY_NOT_SUPPORTED"]
