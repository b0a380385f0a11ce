"""The query cost: what documents cost, the maximum per request (refused before any resolver
runs), each key's budget per window shared by every replica, and `extensions.cost` on every
answer."""

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from graphql import parse
from litestar import Litestar
from litestar.testing import AsyncTestClient

from service.api.graphql.controller import PERSISTED_QUERIES_FILE, GraphQLDoor
from service.app import create_app
from service.config import Settings
from service.observability.metrics import RECOMMENDATIONS
from tests.graphql.conftest import Client, codes, door_of, graphql
from tests.security.conftest import MakeKey, make_key, production_settings, started

__all__ = ["make_key"]  # the fixture, used below

README_QUERY = "{ variants(first: 3) { items { slug name linkedTerm { name } } nextCursor } }"
RECOMMEND = """query($s: SituationInput!) { recommend(situation: $s) {
  primary { variant headline } ranking { variant score } } }"""
SITUATION = {
    "careerStage": "early",
    "goals": ["career_navigation", "specific_skill"],
    "horizonWeeks": 52,
    "hoursPerWeek": 2,
    "minutesPerSession": 60,
}
# What the shipped documents cost (by operation name): docs/graphql.md gives the same table.
SHIPPED_COSTS = {
    "ApproachComparison": 221,  # a page of 20 approaches, each with its 10 aspect statements
    "ContentVersion": 0,
    "GlossarySearch": 41,  # a page of 20 terms, each with its variant
    "TopicPage": 11,  # a topic and its 10 aspects
    "VariantPicker": 201,  # 100 variants, each with its term
}


def cost_of(door: GraphQLDoor, query: str, variables: dict[str, Any] | None = None) -> int:
    return door.costs.cost(query, parse(query), None, variables)


def test_the_cost_of_each_shipped_document_and_of_the_readme_query(app: Litestar) -> None:
    door = door_of(app)
    shipped = json.loads(PERSISTED_QUERIES_FILE.read_text())
    costs = {query.split()[1].split("(")[0]: cost_of(door, query) for query in shipped.values()}
    assert costs == SHIPPED_COSTS
    assert cost_of(door, README_QUERY) == 7  # 1 page + 3 variants x (itself + its term)
    assert cost_of(door, RECOMMEND, {"s": SITUATION}) == 50 + 1 + 10
    assert cost_of(door, "{ __schema { types { name } } }") == 100


def test_pages_cost_what_they_ask_for(app: Litestar) -> None:
    door = door_of(app)
    page = "query($n: PageSize) { terms(first: $n) { items { slug linkedVariant { slug } } } }"
    assert cost_of(door, page, {"n": 5}) == 1 + 5 * 2
    assert cost_of(door, page, {}) == 1 + 20 * 2  # the argument's default
    fragment = (
        "fragment T on Term { slug linkedVariant { slug } } "
        "query { terms(first: 50) { ...P } } fragment P on TermPage { items { ...T } }"
    )
    assert cost_of(door, fragment) == 1 + 50 * 2  # fragments count as if written out
    scalars = "{ contentVersion variants(first: 100) { nextCursor } }"
    assert cost_of(door, scalars) == 1  # a page whose items are not asked for


def recommendations_answered() -> float:
    return sum(
        sample.value
        for metric in RECOMMENDATIONS.collect()
        for sample in metric.samples
        if sample.name.endswith("_total")
    )


async def test_too_expensive_is_refused_before_any_resolver_runs(client: Client) -> None:
    query = (
        "query($s: SituationInput!) { contentVersion recommend(situation: $s) { decisionId } "
        "topics(first: 100) { items { linkedAspects { linkedTopics { linkedAspects { key } } } } "
        "} }"
    )
    before = recommendations_answered()
    body = await graphql(client, query, {"s": SITUATION})
    assert codes(body) == ["QUERY_TOO_EXPENSIVE"]
    assert body.get("data") is None  # not even contentVersion ran
    assert recommendations_answered() == before  # nor the recommendation
    error = body["errors"][0]
    assert error["extensions"]["cost"] == 111_151 and error["extensions"]["maximumCost"] == 5000
    assert error["message"].startswith("This query costs 111151 points; one request may cost")
    assert body["extensions"]["cost"] == {"requested": 111_151, "maximum": 5000}


@pytest.fixture
async def small_budget(database_url: str, client: Client) -> AsyncIterator[list[Client]]:
    """Two replicas of a production service, with a budget of 50 points per key."""
    settings = production_settings(database_url, graphql_cost_budget=50)
    async with (
        AsyncTestClient(app=create_app(settings), base_url="http://testserver.local") as one,
        AsyncTestClient(app=create_app(settings), base_url="http://testserver.local") as two,
    ):
        yield [one, two]


async def test_the_budget_is_the_key_s_across_replicas(
    small_budget: list[Client], make_key: MakeKey
) -> None:
    one, two = small_budget
    key = {"X-API-Key": await make_key("content:read")}
    other = {"X-API-Key": await make_key("content:read")}
    query = "{ variants(first: 20) { items { slug } } }"  # 21 points
    first = (await one.post("/graphql", json={"query": query}, headers=key)).json()
    assert first["extensions"]["cost"]["requested"] == 21
    assert first["extensions"]["cost"]["limit"] == 50
    second = (await two.post("/graphql", json={"query": query}, headers=key)).json()
    assert "errors" not in second and second["extensions"]["cost"]["remaining"] <= 8
    third = await one.post("/graphql", json={"query": query}, headers=key)
    assert third.status_code == 429 and codes(third.json()) == ["BUDGET_EXHAUSTED"]
    assert third.json().get("data") is None
    retry = int(third.headers["retry-after"])
    assert 1 <= retry <= 60 and third.json()["errors"][0]["extensions"]["retryAfter"] == retry
    assert third.json()["extensions"]["cost"]["remaining"] <= 8
    # A cheap query still fits, and another key has its own budget.
    cheap = await one.post("/graphql", json={"query": "{ contentVersion }"}, headers=key)
    assert cheap.status_code == 200 and "errors" not in cheap.json()
    assert "errors" not in (await two.post("/graphql", json={"query": query}, headers=other)).json()


async def test_every_answer_says_what_it_cost(production: Client, make_key: MakeKey) -> None:
    key = {"X-API-Key": await make_key("content:read")}
    query = {"query": "{ costProbe: approaches(first: 2) { items { slug } } }"}
    first = (await production.post("/graphql", json=query, headers=key)).json()
    cached = (await production.post("/graphql", json=query, headers=key)).json()
    assert first["data"] == cached["data"]
    spent = first["extensions"]["cost"]["remaining"] - cached["extensions"]["cost"]["remaining"]
    assert spent == 3  # an answer from the cache costs the same
    invalid = (await production.post("/graphql", json={"query": "{ nope }"}, headers=key)).json()
    assert (
        invalid["extensions"]["cost"]["requested"] == 0 and "limit" in invalid["extensions"]["cost"]
    )
    malformed = await production.post("/graphql", content=b"{", headers=key)
    assert malformed.status_code == 400 and malformed.json()["extensions"]["cost"]["requested"] == 0
    batch = (await production.post("/graphql", json=[query, query], headers=key)).json()
    assert [answer["extensions"]["cost"]["requested"] for answer in batch] == [3, 3]
    got = await production.get("/graphql", params=query, headers=key)
    again = await production.get("/graphql", params=query, headers=key)
    assert got.headers["etag"] == again.headers["etag"]  # the data did not change
    assert got.json()["extensions"] != again.json()["extensions"]  # the budget did
    not_modified = await production.get(
        "/graphql", params=query, headers=key | {"If-None-Match": got.headers["etag"]}
    )
    assert not_modified.status_code == 304


@pytest.fixture
async def production(database_url: str, client: Client) -> AsyncIterator[Client]:
    async for started_client in started(create_app(production_settings(database_url))):
        yield started_client


def test_the_settings_bound_the_cost() -> None:
    with pytest.raises(ValueError):
        Settings(graphql_max_query_cost=0)


def test_a_kept_cost_follows_the_variables_its_slicing_arguments_read(app: Litestar) -> None:
    """Costs are kept by document and by the values of the variables that size its lists:
    the same text with another page size is another cost, new search words are not."""
    door = door_of(app)
    query = (
        "query($q: SearchText!, $n: PageSize) { terms(search: $q, first: $n) { items { name } } }"
    )
    small = cost_of(door, query, {"q": "peer coaching", "n": 5})
    large = cost_of(door, query, {"q": "peer coaching", "n": 50})
    assert large > small
    assert cost_of(door, query, {"q": "reverse mentoring", "n": 5}) == small
    assert cost_of(door, query, {"q": "x", "n": 50}) == large
