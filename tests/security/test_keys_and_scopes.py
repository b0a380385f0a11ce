"""API keys and scopes as a client sees them, in production and in development."""

import asyncio
import os
import subprocess
import sys
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from service.app import create_app
from service.config import PROJECT_ROOT
from service.security.keys import revoke_key
from service.security.scopes import declared
from tests.graphql.conftest import sha256
from tests.security.conftest import MakeKey, production_settings, started

Client = AsyncTestClient[Litestar]
PROBLEM = "application/problem+json"


def assert_problem(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body: dict[str, Any] = response.json()
    assert body["status"] == status and body["code"] == code
    return body


async def test_production_refuses_requests_without_a_key(production: Client) -> None:
    for path in ("/v1/variants", "/v1/approaches/mentoring", "/graphql?query={__typename}"):
        response = await production.get(path)
        assert_problem(response, 401, "unauthorized")
        assert response.headers["www-authenticate"].startswith("Bearer")


async def test_production_refuses_unknown_malformed_and_basic_credentials(
    production: Client,
) -> None:
    for headers in (
        {"Authorization": "Bearer mck_000000000000_not-a-real-secret"},
        {"X-API-Key": "garbage"},
        {"Authorization": "Basic dXNlcjpwYXNz"},
        {"Authorization": "Bearer"},
    ):
        response = await production.get("/v1/variants", headers=headers)
        assert_problem(response, 401, "unauthorized")
        assert "www-authenticate" in response.headers


async def test_a_right_secret_with_a_wrong_id_or_a_wrong_secret_is_refused(
    production: Client, make_key: MakeKey
) -> None:
    prefix, key_id, secret = (await make_key("content:read")).split("_", 2)
    wrong_secret = f"{prefix}_{key_id}_{secret[:-1]}{'A' if secret[-1] != 'A' else 'B'}"
    wrong_id = f"{prefix}_{'0' * len(key_id)}_{secret}"
    for key in (wrong_secret, wrong_id):
        response = await production.get("/v1/variants", headers={"X-API-Key": key})
        assert_problem(response, 401, "unauthorized")


async def test_a_content_key_reads_with_either_header(
    production: Client, make_key: MakeKey
) -> None:
    key = await make_key("content:read")
    for headers in ({"Authorization": f"Bearer {key}"}, {"X-API-Key": key}):
        response = await production.get("/v1/variants", headers=headers)
        assert response.status_code == 200, response.text
        assert len(response.json()["items"]) > 0


async def test_health_and_the_openapi_document_stay_open(production: Client) -> None:
    assert (await production.get("/health/live")).status_code == 200
    assert (await production.get("/health/ready")).status_code == 200
    assert (await production.get("/schema/openapi.json")).status_code == 200


SITUATION = {
    "career_stage": "mid",
    "goals": ["specific_skill"],
    "horizon_weeks": 8,
    "hours_per_week": 2,
    "minutes_per_session": 60,
}
RECOMMEND_FIELD = (
    "recommend(situation: {careerStage: mid, goals: [specific_skill], horizonWeeks: 8, "
    "hoursPerWeek: 2, minutesPerSession: 60}) { primary { variant } }"
)


async def test_a_key_without_the_scope_is_forbidden(production: Client, make_key: MakeKey) -> None:
    reader, recommender, admin = (
        await make_key("content:read"),
        await make_key("recommend"),
        await make_key("admin"),
    )
    denied = await production.get("/v1/variants", headers={"X-API-Key": recommender})
    body = assert_problem(denied, 403, "forbidden")
    assert "content:read" in body["detail"]
    for method, path in (
        ("POST", "/v1/recommendations"),
        ("POST", "/v1/recommendations/batch"),
        ("GET", "/v1/recommendations/policy"),
    ):
        json = {"items": [SITUATION]} if path.endswith("batch") else SITUATION
        sent = {"json": json} if method == "POST" else {}
        denied = await production.request(method, path, headers={"X-API-Key": reader}, **sent)
        body = assert_problem(denied, 403, "forbidden")
        assert "`recommend`" in body["detail"]
        allowed = await production.request(method, path, headers={"X-API-Key": recommender}, **sent)
        assert allowed.status_code == 200, allowed.text
    for path in ("/v1/variants", "/v1/recommendations/policy"):
        assert (await production.get(path, headers={"X-API-Key": admin})).status_code == 200


async def test_a_cached_content_answer_still_needs_the_content_scope(
    production: Client, make_key: MakeKey
) -> None:
    """The answered-content cache sits before routing: it honours the route's guards."""
    reader, recommender = await make_key("content:read"), await make_key("recommend")
    for _ in range(2):  # the second read is answered from the cache
        read = await production.get("/v1/terms/peer-coaching", headers={"X-API-Key": reader})
        assert read.status_code == 200, read.text
    denied = await production.get("/v1/terms/peer-coaching", headers={"X-API-Key": recommender})
    assert_problem(denied, 403, "forbidden")


LITESTAR_OWN = ("options_handler",)  # the OPTIONS answers Litestar adds by itself


def test_every_route_declares_its_access() -> None:
    """Access is declared once, on each route (or its controller): a route that declared
    none would be open to anyone, and its OpenAPI security would be missing. Litestar's own
    routes (the OpenAPI documents, automatic OPTIONS) are the only ones without."""
    app = create_app(production_settings("postgresql://unused/unused"))
    undeclared = [
        (route.path, handler.handler_name)
        for route in app.routes
        if not route.path.startswith("/schema")
        for handler in getattr(route, "route_handlers", ())
        if declared(handler.opt) is None and handler.handler_name not in LITESTAR_OWN
    ]
    assert undeclared == []
    keyed = {
        route.path
        for route in app.routes
        for handler in getattr(route, "route_handlers", ())
        if (found := declared(handler.opt)) is not None and found.keyed
    }
    assert all(path.startswith(("/v1", "/graphql")) for path in keyed)
    assert {"/v1/variants", "/graphql", "/v1/webhooks"} <= keyed


def graphql_errors(response: Any) -> list[str]:
    assert response.status_code == 200, response.text
    return [error["extensions"]["code"] for error in response.json().get("errors", [])]


@pytest.mark.slow
async def test_graphql_needs_recommend_scope_only_for_the_recommend_field(
    production: Client, make_key: MakeKey
) -> None:
    reader = await make_key("content:read")
    asks = "query { " + RECOMMEND_FIELD + " }"
    plain = await production.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"X-API-Key": reader}
    )
    assert graphql_errors(plain) == []
    asks_recommend = await production.post(
        "/graphql", json={"query": asks}, headers={"X-API-Key": reader}
    )
    assert graphql_errors(asks_recommend) == ["FORBIDDEN"]
    assert asks_recommend.json()["data"] == {"recommend": None}
    assert "`recommend`" in asks_recommend.json()["errors"][0]["message"]


async def test_the_word_recommend_in_a_search_needs_no_recommend_scope(
    production: Client, make_key: MakeKey
) -> None:
    """Only the field needs the scope, not a document that happens to mention the word."""
    reader = await make_key("content:read")
    query = '{ terms(search: "recommend") { items { slug } } recommendationPolicy }'
    response = await production.post(
        "/graphql", json={"query": query}, headers={"X-API-Key": reader}
    )
    assert graphql_errors(response) == []
    assert response.json()["data"]["terms"]["items"] is not None
    assert response.json()["data"]["recommendationPolicy"]["version"]


async def test_no_document_shape_reaches_recommend_without_the_scope(
    production: Client, make_key: MakeKey
) -> None:
    """An alias, a fragment, a batch and a persisted query by hash all hit the field's check."""
    alias = f"query {{ contentVersion r1: {RECOMMEND_FIELD} }}"
    fragment = f"fragment Advice on Query {{ {RECOMMEND_FIELD} }} query {{ ...Advice }}"
    inline = f"query {{ ... on Query {{ {RECOMMEND_FIELD} }} }}"  # an inline fragment
    plain = "query { contentVersion }"
    reader = await make_key("content:read")
    recommender = await make_key("content:read", "recommend")
    for document in (alias, fragment, inline):
        refused = await production.post(
            "/graphql", json={"query": document}, headers={"X-API-Key": reader}
        )
        assert graphql_errors(refused) == ["FORBIDDEN"], document
        allowed = await production.post(
            "/graphql", json={"query": document}, headers={"X-API-Key": recommender}
        )
        assert graphql_errors(allowed) == [], allowed.text
        data = allowed.json()["data"]
        assert (data.get("r1") or data.get("recommend"))["primary"]["variant"]

    batch = await production.post(
        "/graphql",
        json=[{"query": plain}, {"query": fragment}],
        headers={"X-API-Key": reader},
    )
    assert batch.status_code == 200, batch.text
    first, second = batch.json()
    assert "errors" not in first and first["data"]["contentVersion"] >= 1
    assert [e["extensions"]["code"] for e in second["errors"]] == ["FORBIDDEN"]
    assert second["data"] == {"recommend": None}

    extensions = {"persistedQuery": {"version": 1, "sha256Hash": sha256(alias)}}
    registered = await production.post(  # automatic persisted query registration
        "/graphql",
        json={"query": alias, "extensions": extensions},
        headers={"X-API-Key": recommender},
    )
    assert graphql_errors(registered) == []
    by_hash = await production.post(
        "/graphql", json={"extensions": extensions}, headers={"X-API-Key": reader}
    )
    assert graphql_errors(by_hash) == ["FORBIDDEN"]
    assert by_hash.json()["data"]["r1"] is None


async def test_a_revoked_key_is_refused(
    database_url: str, engine: AsyncEngine, client: Client, make_key: MakeKey
) -> None:
    key = await make_key("content:read")
    async with AsyncSession(engine) as session, session.begin():
        assert await revoke_key(session, key.split("_")[1])
    async for production in started(create_app(production_settings(database_url))):
        response = await production.get("/v1/variants", headers={"X-API-Key": key})
        assert_problem(response, 401, "unauthorized")


async def test_development_is_open_but_refuses_a_wrong_key(client: Client) -> None:
    assert (await client.get("/v1/variants")).status_code == 200
    response = await client.get("/v1/variants", headers={"X-API-Key": "mck_0_wrong"})
    assert_problem(response, 401, "unauthorized")


@pytest.mark.slow
async def test_the_command_line_creates_a_key_that_works_and_lists_it(
    database_url: str, client: Client
) -> None:
    environment = os.environ | {"DATABASE_URL": database_url}
    command = [sys.executable, "-m", "service", "apikey"]

    def run(*args: str) -> str:
        done = subprocess.run(
            [*command, *args],
            cwd=PROJECT_ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        return done.stdout

    output = await asyncio.to_thread(
        run, "create", "--name", "Acme HRIS", "--scope", "content:read", "--scope", "recommend"
    )
    key = output.strip().splitlines()[-1]
    assert key.startswith("mck_")
    listing = await asyncio.to_thread(run, "list")
    key_id = key.split("_")[1]
    assert key_id in listing and "Acme HRIS" in listing and key.split("_", 2)[2] not in listing
    async for production in started(create_app(production_settings(database_url))):
        assert (
            await production.get("/v1/variants", headers={"Authorization": f"Bearer {key}"})
        ).status_code == 200
        await asyncio.to_thread(run, "revoke", key_id)
    async for production in started(create_app(production_settings(database_url))):
        response = await production.get("/v1/variants", headers={"X-API-Key": key})
        assert response.status_code == 401


async def test_a_persisted_recommend_query_still_needs_the_recommend_scope(
    production: Client, make_key: MakeKey
) -> None:
    """Sent by hash alone, the document names no field the middleware could see: the
    resolver checks the scope itself."""
    import hashlib

    query = (
        "query { recommend(situation: {careerStage: mid, goals: [specific_skill], "
        "horizonWeeks: 8, hoursPerWeek: 2, minutesPerSession: 60}) { primary { variant } } }"
    )
    digest = hashlib.sha256(query.encode()).hexdigest()
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": digest}}
    reader, recommender = (
        await make_key("content:read"),
        await make_key("content:read", "recommend"),
    )
    registering = await production.post(  # registered by the reader's own organisation
        "/graphql", json={"query": query, "extensions": extensions}, headers={"X-API-Key": reader}
    )
    assert registering.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"

    refused = await production.post(
        "/graphql", json={"extensions": extensions}, headers={"X-API-Key": reader}
    )
    assert refused.status_code == 200
    errors = refused.json()["errors"]
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"
    assert refused.json()["data"]["recommend"] is None

    allowed = await production.post(
        "/graphql", json={"extensions": extensions}, headers={"X-API-Key": recommender}
    )
    assert "errors" not in allowed.json(), allowed.text
    assert allowed.json()["data"]["recommend"]["primary"]["variant"]
