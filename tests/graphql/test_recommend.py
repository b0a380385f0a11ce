"""`recommend` and `recommendationPolicy` answer exactly what the REST door answers."""

from typing import Any

import msgspec
import pytest
from litestar import Litestar

from service.domain.decisions import service as decisions
from service.domain.recommendation import output as recommend_output
from service.domain.recommendation import service as recommendations
from tests.graphql.conftest import Client, codes, door_of, graphql
from tests.graphql.test_parity import camelized, selection

SITUATION = {
    "career_stage": "early",
    "goals": ["career_navigation", "network_building"],
    "horizon_weeks": 52,
    "hours_per_week": 2,
    "minutes_per_session": 60,
    "context": {"sponsors_available": True},
}
QUERY = (
    "query($situation: SituationInput!, $locale: Locale) "
    f"{{ recommend(situation: $situation, locale: $locale) "
    f"{{ {selection(recommend_output.Recommendation)} }} }}"
)


def as_input(body: dict[str, Any]) -> dict[str, Any]:
    converted: dict[str, Any] = camelized(body)
    return converted


async def rest_recommendation(client: Client, body: Any, locale: str) -> Any:
    """REST's answer to the same situation; a missing route fails the comparison."""
    response = await client.post("/v1/recommendations", json=body, params={"locale": locale})
    assert response.status_code not in (404, 405), "POST /v1/recommendations is not mounted"
    return response


@pytest.mark.parametrize("locale", ["en", "es"])
async def test_recommend_equals_the_core_and_rest(
    client: Client, app: Litestar, locale: str
) -> None:
    body = await graphql(client, QUERY, {"situation": as_input(SITUATION), "locale": locale})
    assert "errors" not in body, body
    core = decisions.recommend(app.state.content.snapshot, locale, SITUATION)
    rest = await rest_recommendation(client, SITUATION, locale)
    # Decision ids carry a fresh nonce each (tests/decisions say they replay): all else equal.
    graphql_answer = {**body["data"]["recommend"], "decisionId": None}
    assert graphql_answer == {**camelized(msgspec.to_builtins(core)), "decisionId": None}
    assert graphql_answer == {**camelized(rest.json()), "decisionId": None}
    assert body["data"]["recommend"]["decisionId"].startswith("d2.")


async def test_invalid_situation_gives_rests_field_errors_in_graphql_names(client: Client) -> None:
    bad = {**SITUATION, "goals": [], "horizon_weeks": 0, "hours_per_week": 100}
    body = await graphql(client, QUERY, {"situation": as_input(bad)})
    assert body["data"] == {"recommend": None}
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    fields = [e["field"] for e in error["extensions"]["errors"]]
    assert set(fields) == {"goals", "horizonWeeks", "hoursPerWeek"}
    assert error["extensions"]["field"] == fields[0]
    rest = await rest_recommendation(client, bad, "en")
    assert rest.status_code == 422
    assert [e["field"] for e in rest.json()["errors"]] == [
        {"horizonWeeks": "horizon_weeks", "hoursPerWeek": "hours_per_week"}.get(f, f)
        for f in fields
    ]
    assert error["message"] == rest.json()["detail"]


@pytest.mark.parametrize(
    "change",
    [{"career_stage": "earl"}, {"goals": ["career_navigation", "sleeping"]}],
)
async def test_the_input_types_refuse_unknown_values(
    client: Client, change: dict[str, Any]
) -> None:
    body = await graphql(client, QUERY, {"situation": as_input({**SITUATION, **change})})
    assert body.get("data") is None
    assert codes(body) == ["BAD_USER_INPUT"]


async def test_the_input_types_require_what_the_core_requires(client: Client) -> None:
    incomplete = {name: value for name, value in SITUATION.items() if name != "horizon_weeks"}
    body = await graphql(client, QUERY, {"situation": as_input(incomplete)})
    assert codes(body) == ["BAD_USER_INPUT"] and "horizonWeeks" in body["errors"][0]["message"]


async def test_recommendations_are_never_cached(client: Client, app: Litestar) -> None:
    door = door_of(app)
    variables = {"situation": as_input(SITUATION)}
    before = door.executions
    first = await graphql(client, QUERY, variables)
    second = await graphql(client, QUERY, variables)
    assert door.executions == before + 2  # each answered anew: a new decision id each
    ids = {answer["data"]["recommend"].pop("decisionId") for answer in (first, second)}
    assert first == second and len(ids) == 2
    response = await client.get(
        "/graphql", params={"query": QUERY, "variables": msgspec.json.encode(variables).decode()}
    )
    assert response.status_code == 200 and "errors" not in response.json()
    assert response.headers["cache-control"] == "no-store" and "etag" not in response.headers


async def test_policy_equals_rest(client: Client, app: Litestar) -> None:
    body = await graphql(client, "{ recommendationPolicy }")
    core = msgspec.json.decode(
        msgspec.json.encode(recommendations.policy(app.state.content.snapshot))
    )
    assert body["data"]["recommendationPolicy"] == core
    rest = await client.get("/v1/recommendations/policy")
    assert rest.status_code == 200, rest.text
    assert body["data"]["recommendationPolicy"] == rest.json()
    assert codes(body) == []
