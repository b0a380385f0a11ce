"""One request path: every request passes Litestar's router, one admission (key, scope, rate
limit counted once), the route and the one error mapping. Kept answers (content GETs, repeated
recommendations) look exactly like the first answer the route built and meet the same keys,
scopes and limits; what one organisation's key is answered never reaches another's; no body,
however malformed, gets a 500."""

import asyncio
import uuid
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from service.api.contract import declared_access
from service.app import create_app
from service.domain.organisations.service import ensure_organisation
from service.security.keys import create_key, revoke_key, split_key
from tests.observability.test_metrics import sample, scrape
from tests.security.conftest import MakeKey, production_settings, started
from tests.security.test_keys_and_scopes import assert_problem
from tests.security.test_publishable_keys import PARTNER, publishable

Client = AsyncTestClient[Litestar]
PER_REQUEST = {"x-request-id", "ratelimit-remaining", "ratelimit-reset"}
TARGET = "/v1/terms?q=reverse+mentoring&limit=5"


def fields(response: object) -> dict[str, str]:
    headers = response.headers  # type: ignore[attr-defined]
    return {name: value for name, value in headers.items() if name not in PER_REQUEST}


async def test_a_repeated_answer_leaves_with_the_first_ones_bytes_and_headers(
    database_url: str, client: Client, make_key: MakeKey
) -> None:
    key = {"Authorization": f"Bearer {await make_key('content:read')}"}
    settings = production_settings(
        database_url, rate_limit_requests=100, cors_origins="https://hr.example.com"
    )
    async for production in started(create_app(settings)):
        first, *repeated = [await production.get(TARGET, headers=key) for _ in range(4)]
        assert first.status_code == 200
        for again in repeated:
            assert again.status_code == 200
            assert again.content == first.content
            assert fields(again) == fields(first)
            assert again.headers["x-request-id"] != first.headers["x-request-id"]
        # Private for a key, varying on what it depends on, counted against the key's limit.
        assert first.headers["cache-control"] == "private, max-age=300"
        assert first.headers["vary"] == "Origin, Accept-Language"
        assert first.headers["strict-transport-security"].startswith("max-age=")
        remaining = [int(r.headers["ratelimit-remaining"]) for r in (first, *repeated)]
        assert remaining == [99, 98, 97, 96]
        # A revalidation is a 304 with the same ETag.
        etag = {"If-None-Match": first.headers["etag"]}
        not_modified = await production.get(TARGET, headers=key | etag)
        assert not_modified.status_code == 304 and not_modified.content == b""
        assert not_modified.headers["etag"] == first.headers["etag"]
        # A browser's request: same bytes, with its CORS fields.
        browser = await production.get(TARGET, headers=key | {"Origin": "https://hr.example.com"})
        assert browser.content == first.content
        assert browser.headers["access-control-allow-origin"] == "https://hr.example.com"
        # Metrics and the access log see the route's template.
        labels = {"method": "GET", "route": "/v1/terms", "status": "200"}
        assert (sample(await scrape(production), "http_requests_total", **labels) or 0) >= 5


@pytest.mark.slow
async def test_keys_scopes_and_limits_hold_for_repeated_answers(
    database_url: str, client: Client, make_key: MakeKey, engine: AsyncEngine
) -> None:
    reader = await make_key("content:read")
    recommender = {"X-API-Key": await make_key("recommend")}
    settings = production_settings(database_url, rate_limit_requests=3, api_key_cache_seconds=0.5)
    async for production in started(create_app(settings)):
        assert (await production.get(TARGET, headers={"X-API-Key": reader})).status_code == 200
        # The answer is kept now; a key without content:read is still refused by admission,
        assert_problem(await production.get(TARGET, headers=recommender), 403, "forbidden")
        # no key, or an unknown one, still gets 401,
        assert_problem(await production.get(TARGET), 401, "unauthorized")
        unknown = {"X-API-Key": "mc_nope_0123456789abcdef0123456789abcdef"}
        assert_problem(await production.get(TARGET, headers=unknown), 401, "unauthorized")
        # and a key past its budget gets 429.
        statuses = [
            (await production.get(TARGET, headers={"X-API-Key": reader})).status_code
            for _ in range(3)
        ]
        assert statuses == [200, 200, 429]
    # A revoked key is refused once the key cache's time has passed.
    settings = production_settings(database_url, api_key_cache_seconds=0.5)
    async for production in started(create_app(settings)):
        key = await make_key("content:read")
        assert (await production.get(TARGET, headers={"X-API-Key": key})).status_code == 200
        async with AsyncSession(engine) as session, session.begin():
            key_id, _ = split_key(key) or ("", "")
            assert await revoke_key(session, key_id)
        await asyncio.sleep(0.6)
        refused = await production.get(TARGET, headers={"X-API-Key": key})
        assert_problem(refused, 401, "unauthorized")


SITUATION = (
    b'{"career_stage":"mid","goals":["specific_skill"],"horizon_weeks":26,'
    b'"hours_per_week":2,"minutes_per_session":60}'
)


async def test_a_repeated_recommendation_leaves_with_the_first_ones_bytes_and_headers(
    database_url: str, client: Client, make_key: MakeKey
) -> None:
    key = {"X-API-Key": await make_key("recommend"), "Content-Type": "application/json"}
    settings = production_settings(database_url, rate_limit_requests=100)
    app = create_app(settings)
    async for production in started(app):
        before = await scrape(production)
        first, *repeated = [
            await production.post("/v1/recommendations", content=SITUATION, headers=key)
            for _ in range(3)
        ]
        assert first.status_code == 200
        for again in repeated:
            assert again.status_code == 200
            assert again.content == first.content
            assert fields(again) == fields(first)
        assert first.headers["cache-control"] == "no-store"
        assert first.headers["link"].endswith('rel="describedby"')
        assert [int(r.headers["ratelimit-remaining"]) for r in (first, *repeated)] == [99, 98, 97]
        # Every answer is counted, by its top variant and by its route.
        top = first.json()["primary"]["variant"]
        after = await scrape(production)
        counted = {
            name: (sample(after, name, **labels) or 0) - (sample(before, name, **labels) or 0)
            for name, labels in (
                ("recommendations_total", {"top_variant": top}),
                (
                    "http_requests_total",
                    {"method": "POST", "route": "/v1/recommendations", "status": "200"},
                ),
            )
        }
        assert counted == {"recommendations_total": 3, "http_requests_total": 3}
        # Another locale is another answer; the same locale asked with `?locale=` the same one.
        german = {**key, "Accept-Language": "de"}
        in_german = await production.post("/v1/recommendations", content=SITUATION, headers=german)
        assert in_german.headers["content-language"] == "de"
        assert in_german.content != first.content
        explicit = await production.post(
            "/v1/recommendations?locale=de", content=SITUATION, headers=key
        )
        assert explicit.content == in_german.content
        # A key without `recommend` is refused by admission; an invalid body gets its 422.
        reader = {"X-API-Key": await make_key("content:read"), "Content-Type": "application/json"}
        refused = await production.post("/v1/recommendations", content=SITUATION, headers=reader)
        assert_problem(refused, 403, "forbidden")
        # Each request is counted once, also one admission lets in and the route refuses.
        invalid = SITUATION.replace(b'"mid"', b'"middle"')
        left = []
        for _ in range(2):
            problem = await production.post("/v1/recommendations", content=invalid, headers=key)
            assert_problem(problem, 422, "invalid-situation")
            left.append(int(problem.headers["ratelimit-remaining"]))
        assert left[0] - left[1] == 1


async def _organisation_keys(engine: AsyncEngine) -> dict[str, tuple[str, str, str]]:
    """Two fresh organisations, each with an admin key and a recommending key:
    {name: (organisation, admin key, recommending key)}."""
    suffix = uuid.uuid4().hex[:6]
    made = {}
    async with AsyncSession(engine) as session, session.begin():
        for name in ("acme", "globex"):
            organisation = f"{name}-{suffix}"
            await ensure_organisation(session, organisation)
            admin = await create_key(session, f"{name} admin", ["admin"], organisation)
            user = await create_key(session, name, ["recommend"], organisation)
            made[name] = (organisation, admin.key, user.key)
    return made


async def _publish(client: Client, organisation: str, admin: str, document: dict[str, Any]) -> int:
    path = f"/v1/organisations/{organisation}/policy"
    current = await client.get(path, headers={"X-API-Key": admin})
    published = await client.put(
        path,
        json=document,
        headers={"X-API-Key": admin, "If-Match": current.headers["etag"]},
    )
    assert published.status_code == 201, published.text
    version: int = published.json()["version"]
    return version


async def test_two_organisations_at_the_same_policy_version_never_share_an_answer(
    database_url: str, client: Client, engine: AsyncEngine
) -> None:
    """Planted-bug check: leave the organisation out of the kept answer's key and acme's
    answer is sent to globex (both at policy version 1)."""
    orgs = await _organisation_keys(engine)
    async for production in started(create_app(production_settings(database_url))):
        acme, globex = orgs["acme"], orgs["globex"]
        assert (
            await _publish(production, acme[0], acme[1], {"not_offered": ["ai-powered-coaching"]})
            == 1
        )
        assert await _publish(production, globex[0], globex[1], {"weights": {"context": 2}}) == 1
        answers = {}
        for name, (_, _, key) in orgs.items():
            headers = {"X-API-Key": key, "Content-Type": "application/json"}
            for _ in range(2):  # the second is the kept one
                answer = await production.post(
                    "/v1/recommendations", content=SITUATION, headers=headers
                )
                assert answer.status_code == 200, answer.text
                answers.setdefault(name, []).append(answer.json())
        for name in orgs:
            first, kept = answers[name]
            assert first == kept
            assert first["organisation_policy_version"] == 1
        assert answers["acme"][0]["not_offered"] == ["ai-powered-coaching"]
        assert answers["globex"][0]["not_offered"] == []


async def test_a_publishable_key_without_its_origin_is_refused_on_every_route(
    production: Client, engine: AsyncEngine
) -> None:
    """Planted-bug check: let a verified publishable key through without `Origin` and it
    gets 200 on content and recommendations. Asked twice, so that kept answers are tested."""
    partner_key = await publishable(engine, PARTNER)
    with_origin = {"X-API-Key": partner_key, "Origin": PARTNER}
    without = {"X-API-Key": partner_key}
    for _ in range(2):
        allowed = await production.get("/v1/variants?limit=2", headers=with_origin)
        assert allowed.status_code == 200
        assert_problem(
            await production.get("/v1/variants?limit=2", headers=without), 403, "origin-not-allowed"
        )
        assert_problem(
            await production.post("/v1/recommendations", content=SITUATION, headers=without),
            403,
            "origin-not-allowed",
        )


# Bytes that are not UTF-8 (inside a JSON string and as the whole body), JSON cut short, and
# JSON nested far past any input of the API (it was a 500 where Litestar decoded the body).
MALFORMED = (
    b'{"career_stage": "mid\xff\xfe", "goals": ["specific_skill"]}',
    b"\xc3\x28\xa0\xa1",
    b'{"url": "https://',
    b"[" * 100_000,
)


async def test_a_malformed_json_body_is_the_same_400_on_every_post_and_put(
    database_url: str, client: Client, engine: AsyncEngine
) -> None:
    """Red team: invalid UTF-8 in a JSON string gave a 500 with a logged traceback on
    recommendations, batch, replay, organisation policy and webhooks, and crashed the
    GraphQL front door; deep JSON gave a 500 on webhooks, issuers and trusted documents. Every
    POST and PUT route of the app is tried, with every body: one problem, `malformed-json`."""
    orgs = await _organisation_keys(engine)
    organisation, admin, _ = orgs["acme"]
    app = create_app(production_settings(database_url, rate_limit_requests=1000))
    paths = app.openapi_schema.paths or {}

    def takes_a_body(path: str, method: str) -> bool:
        operation = getattr(paths[path], method) if path in paths else None
        return operation is None or operation.request_body is not None  # /graphql: not in it

    routes = sorted(
        (path, method)
        for (path, method), _ in declared_access(app).items()
        if method in ("post", "put") and takes_a_body(path, method)
    )
    assert ("/graphql", "post") in routes and ("/v1/webhooks", "post") in routes
    assert len(routes) >= 6
    async for production in started(app):
        for path, method in routes:
            url = path.replace("{organisation}", organisation).replace("{webhook_id}", "wh_x")
            url = url.replace("{manifest}", "web-app")
            for body in MALFORMED:
                headers = {"X-API-Key": admin, "Content-Type": "application/json"}
                if method == "put":
                    headers["If-Match"] = '"org-x-v0"'
                answer = await production.request(
                    method.upper(), url, content=body, headers=headers
                )
                assert answer.status_code == 400, (method, url, body, answer.text)
                if path == "/graphql":
                    assert answer.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
                else:
                    assert answer.headers["content-type"] == "application/problem+json"
                    assert answer.json()["code"] == "malformed-json", (url, answer.text)
                assert "ratelimit-remaining" in answer.headers  # counted against the key


async def test_every_spelling_of_a_keyed_path_is_private_in_production(
    production: Client, make_key: MakeKey
) -> None:
    """Red team: `//v1/...` answers were `Cache-Control: public` because the caching rule read
    the raw path. The rule now reads the matched route's declared access."""
    key = {"X-API-Key": await make_key("content:read")}
    answered = 0
    for path in ("/v1/variants", "//v1/variants", "/v1//variants", "/v1/variants/"):
        answer = await production.get(path, headers=key)
        assert answer.status_code in (200, 404), path
        if answer.status_code == 200:
            answered += 1
            assert answer.headers["cache-control"].startswith("private"), path
        assert (await production.get(path)).status_code in (401, 404), path
    assert answered >= 2  # the route itself and at least one other spelling reached it


async def test_a_refused_graphql_request_leaves_nothing_in_the_response_cache(
    database_url: str, client: Client, make_key: MakeKey
) -> None:
    """Red team: the front door ran a GraphQL plan and kept its answer before it checked
    scope and budget (40 refused requests left 40 cache entries)."""
    app = create_app(production_settings(database_url, rate_limit_requests=1))
    door = app.state.graphql
    shipped = next(iter(door.shipped))
    body = {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": shipped}}}
    recommender = {"X-API-Key": await make_key("recommend")}
    reader = {"X-API-Key": await make_key("content:read")}
    async for production in started(app):
        for _ in range(5):
            assert_problem(
                await production.post("/graphql", json=body, headers=recommender), 403, "forbidden"
            )
        assert len(door.responses) == 0
        assert (await production.post("/graphql", json=body, headers=reader)).status_code == 200
        kept = len(door.responses)
        for _ in range(5):
            assert_problem(
                await production.post("/graphql", json=body, headers=reader), 429, "rate-limited"
            )
        assert len(door.responses) == kept
