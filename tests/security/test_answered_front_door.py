"""Repeated content GETs answered in front of Litestar (api/common/answered.py) look, to a client,
exactly like the first answer the route built, and meet the same keys, scopes and limits."""

import asyncio

from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from bench.scenarios import LOCALES, catalogue_from, varied_service_bodies
from service.app import create_app
from service.security.keys import revoke_key, split_key
from tests.observability.test_metrics import sample, scrape
from tests.security.conftest import MakeKey, production_settings, started
from tests.security.test_keys_and_scopes import assert_problem

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
        # A browser's request goes through Litestar's CORS: same bytes, with its CORS fields.
        browser = await production.get(TARGET, headers=key | {"Origin": "https://hr.example.com"})
        assert browser.content == first.content
        assert browser.headers["access-control-allow-origin"] == "https://hr.example.com"
        # Metrics and the access log see the route's template.
        labels = {"method": "GET", "route": "/v1/terms", "status": "200"}
        assert (sample(await scrape(production), "http_requests_total", **labels) or 0) >= 5


async def test_keys_scopes_and_limits_hold_for_repeated_answers(
    database_url: str, client: Client, make_key: MakeKey, engine: AsyncEngine
) -> None:
    reader = await make_key("content:read")
    recommender = {"X-API-Key": await make_key("recommend")}
    settings = production_settings(database_url, rate_limit_requests=3, api_key_cache_seconds=0.5)
    async for production in started(create_app(settings)):
        assert (await production.get(TARGET, headers={"X-API-Key": reader})).status_code == 200
        # The answer is kept now; a key without content:read still meets the route's guard,
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
        # A key without `recommend` meets the route's guard; an invalid body its 422.
        reader = {"X-API-Key": await make_key("content:read"), "Content-Type": "application/json"}
        refused = await production.post("/v1/recommendations", content=SITUATION, headers=reader)
        assert_problem(refused, 403, "forbidden")
        # Each request is counted once, also one the front door admits and the route refuses.
        invalid = SITUATION.replace(b'"mid"', b'"middle"')
        left = []
        for _ in range(2):
            problem = await production.post("/v1/recommendations", content=invalid, headers=key)
            assert_problem(problem, 422, "invalid-situation")
            left.append(int(problem.headers["ratelimit-remaining"]))
        assert left[0] - left[1] == 1
        # A situation never sent before is computed in front: the route's bytes and headers.
        routed = {**key, "Origin": "https://elsewhere.example"}  # the front door leaves it
        for hours in (3, 4, 5):
            new = SITUATION.replace(b'"hours_per_week":2', b'"hours_per_week":%d' % hours)
            front = await production.post("/v1/recommendations", content=new, headers=key)
            app.state.recommendations.clear()  # so that the route computes it too
            by_route = await production.post("/v1/recommendations", content=new, headers=routed)
            assert front.status_code == by_route.status_code == 200
            assert front.content == by_route.content
            assert fields(front) == fields(by_route)


async def test_planned_graphql_answers_leave_as_the_route_sends_them(
    database_url: str, client: Client, make_key: MakeKey
) -> None:
    reader = {"X-API-Key": await make_key("content:read"), "Content-Type": "application/json"}
    settings = production_settings(database_url, rate_limit_requests=1000)
    app = create_app(settings)
    door = app.state.graphql
    async for production in started(app):
        terms = {
            locale: (await production.get(f"/v1/terms?limit=100&locale={locale}", headers=reader))
            for locale in LOCALES
        }
        bodies = varied_service_bodies(catalogue_from({k: v.content for k, v in terms.items()}))
        routed = {**reader, "Origin": "https://elsewhere.example"}  # the front door leaves it
        for body in bodies(0, 40):
            planned_before = door.planned
            front = await production.post("/graphql", content=body, headers=reader)
            assert door.planned == planned_before + 1  # by its plan, not graphql-core
            assert front.status_code == 200 and "errors" not in front.json()
            again = await production.post("/graphql", content=body, headers=routed)
            assert again.content == front.content
            assert fields(again) == fields(front)
        # Requests a plan cannot answer go to the route, which answers them as before.
        unknown = (
            b'{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"' + b"0" * 64 + b'"}}}'
        )
        for headers in (reader, routed):
            refused = await production.post("/graphql", content=unknown, headers=headers)
            assert refused.status_code == 200
            assert refused.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
        # A key without content:read meets the route's guard.
        recommender = {"X-API-Key": await make_key("recommend"), "Content-Type": "application/json"}
        body = bodies(41, 1)[0]
        assert_problem(
            await production.post("/graphql", content=body, headers=recommender), 403, "forbidden"
        )
        labels = {"method": "POST", "route": "/graphql", "status": "200"}
        assert (sample(await scrape(production), "http_requests_total", **labels) or 0) >= 80
