"""API keys and scopes as a client sees them, in production and in development."""

import asyncio
import os
import subprocess
import sys
from typing import Any

from litestar import Litestar, post
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from service.app import create_app
from service.config import PROJECT_ROOT
from service.security.keys import revoke_key
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


async def test_a_key_without_the_scope_is_forbidden(
    database_url: str, client: Client, make_key: MakeKey
) -> None:
    @post("/v1/recommendations/scope-probe", status_code=200)
    async def probe() -> dict[str, str]:  # stands for any /v1/recommendations* route
        return {"ok": "yes"}

    app = create_app(production_settings(database_url))
    app.register(probe)
    reader, recommender, admin = (
        await make_key("content:read"),
        await make_key("recommend"),
        await make_key("admin"),
    )
    async for production in started(app):
        denied = await production.get("/v1/variants", headers={"X-API-Key": recommender})
        body = assert_problem(denied, 403, "forbidden")
        assert "content:read" in body["detail"]
        denied = await production.post(
            "/v1/recommendations/scope-probe", headers={"X-API-Key": reader}
        )
        assert_problem(denied, 403, "forbidden")
        allowed = await production.post(
            "/v1/recommendations/scope-probe", headers={"X-API-Key": recommender}
        )
        assert allowed.status_code == 200
        for path in ("/v1/variants",):
            assert (await production.get(path, headers={"X-API-Key": admin})).status_code == 200


async def test_graphql_needs_recommend_scope_only_for_the_recommend_field(
    production: Client, make_key: MakeKey
) -> None:
    reader = await make_key("content:read")
    plain = await production.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"X-API-Key": reader}
    )
    assert plain.status_code == 200, plain.text
    asks_recommend = await production.post(
        "/graphql",
        json={"query": "query { recommend(situation: {}) { __typename } }"},
        headers={"X-API-Key": reader},
    )
    assert_problem(asks_recommend, 403, "forbidden")


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
    door = next(
        route.route_handlers[0].opt["graphql_door"]
        for route in production.app.routes
        if route.path == "/graphql"
    )
    digest = door.register(query)
    assert digest == hashlib.sha256(query.encode()).hexdigest()
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": digest}}
    reader, recommender = (
        await make_key("content:read"),
        await make_key("content:read", "recommend"),
    )

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
