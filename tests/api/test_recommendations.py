"""The recommendation endpoints as a client sees them."""

from typing import Any

import pytest
from litestar.testing import AsyncTestClient

Client = AsyncTestClient[Any]

SITUATION: dict[str, Any] = {
    "career_stage": "early",
    "goals": ["career_navigation", "specific_skill"],
    "horizon_weeks": 52,
    "hours_per_week": 2,
    "minutes_per_session": 60,
    "context": {"coach_budget": True},
}


async def test_one_situation_ranks_every_variant_with_explanations(client: Client) -> None:
    response = await client.post("/v1/recommendations", json=SITUATION)
    assert response.status_code == 200, response.text
    body = response.json()
    variants = (await client.get("/v1/variants", params={"limit": 100})).json()["items"]
    assert sorted(r["variant"] for r in body["ranking"]) == sorted(v["slug"] for v in variants)
    assert [r["rank"] for r in body["ranking"]] == list(range(1, len(variants) + 1))
    scores = [r["score"] for r in body["ranking"]]
    assert scores == sorted(scores, reverse=True)
    for ranked in body["ranking"]:
        assert 0 <= ranked["score"] <= 1
        total = sum(item["contribution"] for item in ranked["breakdown"])
        assert total == pytest.approx(ranked["score"], abs=1e-9)
    top = body["ranking"][0]
    assert top["reasons"] and all(reason["text"] for reason in top["reasons"])
    assert body["primary"]["approach"] in {"mentoring", "coaching", "blend"}
    assert body["policy_version"] and body["content_version"] >= 1
    assert response.headers["content-language"] == "en"


async def test_long_horizon_with_a_skill_goal_gets_a_growth_plan(client: Client) -> None:
    body = (await client.post("/v1/recommendations", json=SITUATION)).json()
    plan = body["growth_plan"]
    assert plan is not None and len(plan["tracks"]) >= 2
    bases = {track["base_approach"] for track in plan["tracks"]}
    assert {"mentoring", "coaching"} <= bases | {"hybrid"} and len(bases) >= 2
    served = {goal for track in plan["tracks"] for goal in track["serves_goals"]}
    assert set(SITUATION["goals"]) <= served


async def test_mentoring_cautions_name_the_source_challenges(client: Client) -> None:
    body = (await client.post("/v1/recommendations", json=SITUATION)).json()
    mentoring = next(r for r in body["ranking"] if r["variant"] == "classic-mentoring")
    codes = {caution["code"] for caution in mentoring["cautions"]}
    assert codes, "mentoring carries the source's cautions"
    assert all(c["source_topic"] == "benefits-and-challenges" for c in mentoring["cautions"])


async def test_counterfactual_really_changes_the_top_variant(client: Client) -> None:
    # A coach budget nobody mentioned: confirming it is the most realistic change.
    situation = {**SITUATION, "career_stage": "senior", "goals": ["specific_skill"]}
    situation.update(horizon_weeks=30, context={})
    body = (await client.post("/v1/recommendations", json=situation)).json()
    hint = body["counterfactual"]
    assert hint is not None and hint["text"]
    assert (hint["field"], hint["current"], hint["suggested"]) == (
        "context.coach_budget",
        None,
        True,
    )
    changed = {**situation, "context": dict(situation["context"])}
    if "." in hint["field"]:
        parent, child = hint["field"].split(".")
        changed[parent][child] = hint["suggested"]
    else:
        changed[hint["field"]] = hint["suggested"]
    after = (await client.post("/v1/recommendations", json=changed)).json()
    assert after["ranking"][0]["variant"] == hint["would_rank_first"]
    assert after["ranking"][0]["variant"] != body["ranking"][0]["variant"]


def without_id(answer: dict[str, Any]) -> dict[str, Any]:
    """The answer but its decision id (keyed, with a fresh nonce: tests/decisions replay it)."""
    return {**answer, "decision_id": None}


async def test_same_input_same_answer(client: Client) -> None:
    first = await client.post("/v1/recommendations", json=SITUATION)
    second = await client.post("/v1/recommendations", json=dict(reversed(SITUATION.items())))
    assert without_id(first.json()) == without_id(second.json())
    again = await client.post("/v1/recommendations", json=SITUATION)
    assert again.content == first.content  # the same body: the kept answer, byte for byte


async def test_recommendation_in_another_locale(client: Client) -> None:
    response = await client.post(
        "/v1/recommendations", json=SITUATION, headers={"Accept-Language": "de-AT, en;q=0.5"}
    )
    assert response.status_code == 200
    assert response.headers["content-language"] == "de"
    english = (await client.post("/v1/recommendations", json=SITUATION)).json()
    german = response.json()
    assert german["locale"] == "de"
    assert [r["variant"] for r in german["ranking"]] == [r["variant"] for r in english["ranking"]]
    assert german["primary"]["headline"] != english["primary"]["headline"]


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({}, {"career_stage", "goals", "horizon_weeks", "hours_per_week", "minutes_per_session"}),
        ({**SITUATION, "shoe_size": 44}, {"shoe_size"}),
        ({**SITUATION, "goals": ["world_domination"]}, {"goals[0]"}),
        (
            {**SITUATION, "horizon_weeks": -3, "hours_per_week": 1000},
            {"horizon_weeks", "hours_per_week"},
        ),
        ({**SITUATION, "career_stage": "intern", "goals": []}, {"career_stage", "goals"}),
        ({**SITUATION, "context": {"coach_budget": "yes"}}, {"context.coach_budget"}),
        ([1, 2, 3], {"body"}),
    ],
)
async def test_invalid_situations_name_every_offending_field(
    client: Client, body: Any, fields: set[str]
) -> None:
    response = await client.post("/v1/recommendations", json=body)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["status"] == 422
    assert {e["field"] for e in problem["errors"]} >= fields


async def test_enumeration_errors_list_the_allowed_values(client: Client) -> None:
    response = await client.post(
        "/v1/recommendations", json={**SITUATION, "career_stage": "intern"}
    )
    error = next(e for e in response.json()["errors"] if e["field"] == "career_stage")
    assert error["allowed"] == ["early", "mid", "senior", "executive"]


@pytest.mark.parametrize("raw", [b"", b"   "])
async def test_empty_body_is_422(client: Client, raw: bytes) -> None:
    response = await client.post(
        "/v1/recommendations", content=raw, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422


@pytest.mark.parametrize("raw", [b"{", b"{'career_stage': 'early'}", b"\xff\xfe", b"[1,]"])
async def test_malformed_json_is_400(client: Client, raw: bytes) -> None:
    response = await client.post(
        "/v1/recommendations", content=raw, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["code"] == "malformed-json"


async def test_batch_isolates_bad_items(client: Client) -> None:
    items = [SITUATION, {"career_stage": "nope"}, {**SITUATION, "urgent": True}]
    response = await client.post("/v1/recommendations/batch", json={"items": items})
    assert response.status_code == 200
    results = response.json()["items"]
    assert [r["index"] for r in results] == [0, 1, 2]
    assert results[0]["result"] and results[0]["problem"] is None
    assert results[1]["result"] is None and results[1]["problem"]["status"] == 422
    assert "career_stage" in {e["field"] for e in results[1]["problem"]["errors"]}
    assert results[2]["result"]["ranking"]
    single = (await client.post("/v1/recommendations", json=SITUATION)).json()
    assert without_id(results[0]["result"]) == without_id(single)


async def test_batch_limits(client: Client) -> None:
    too_many = await client.post("/v1/recommendations/batch", json={"items": [SITUATION] * 1001})
    assert too_many.status_code == 422
    assert "1,000" in too_many.json()["detail"]  # numbers in texts are formatted by CLDR
    assert too_many.json()["errors"][0]["field"] == "items"
    german = await client.post(
        "/v1/recommendations/batch",
        json={"items": [SITUATION] * 1001},
        headers={"Accept-Language": "de"},
    )
    assert german.status_code == 422
    assert german.json()["title"] == "Der Batch ist zu groß."
    assert (
        german.json()["detail"]
        == "Ein Batch umfasst höchstens 1.000 Situationen; dieser enthält 1.001."
    )
    full = await client.post("/v1/recommendations/batch", json={"items": [SITUATION] * 1000})
    assert full.status_code == 200 and len(full.json()["items"]) == 1000
    for body in ({"items": []}, {"items": "all"}, {"things": []}, []):
        response = await client.post("/v1/recommendations/batch", json=body)
        assert response.status_code == 422, body


async def test_policy_is_served_read_only_with_its_version(client: Client) -> None:
    response = await client.get("/v1/recommendations/policy")
    assert response.status_code == 200
    policy = response.json()
    recommendation = (await client.post("/v1/recommendations", json=SITUATION)).json()
    assert policy["version"] == recommendation["policy_version"]
    weights = [factor["weight"] for factor in policy["factors"].values()]
    assert sum(weights) == pytest.approx(1.0)
    assert set(policy["variants"]) == {r["variant"] for r in recommendation["ranking"]}
    assert response.headers["etag"]
    again = await client.get(
        "/v1/recommendations/policy", headers={"If-None-Match": response.headers["etag"]}
    )
    assert again.status_code == 304
    assert (await client.put("/v1/recommendations/policy", json=policy)).status_code == 405


async def test_batch_summary_keeps_the_outcome_without_the_explanation(client: Client) -> None:
    items = [SITUATION, {"career_stage": "nope"}]
    full = (await client.post("/v1/recommendations/batch", json={"items": items})).json()
    response = await client.post(
        "/v1/recommendations/batch", params={"detail": "summary"}, json={"items": items}
    )
    assert response.status_code == 200
    summary = response.json()
    assert (full["detail"], summary["detail"]) == ("full", "summary")
    whole, short = full["items"][0]["result"], summary["items"][0]["result"]
    assert short["primary"] == whole["primary"]
    assert short["growth_plan"] == whole["growth_plan"]
    assert short["counterfactual"] == whole["counterfactual"]
    assert short["ranking"] == [
        {"rank": r["rank"], "variant": r["variant"], "score": r["score"]} for r in whole["ranking"]
    ]
    assert summary["items"][1]["problem"] == full["items"][1]["problem"]
    assert len(response.content) * 5 < len(
        (await client.post("/v1/recommendations/batch", json={"items": items})).content
    )
    bad = await client.post(
        "/v1/recommendations/batch", params={"detail": "everything"}, json={"items": items}
    )
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "detail"


@pytest.mark.parametrize(
    ("language", "title", "detail"),
    [
        ("en", "The situation is not valid.", "1 field needs attention: hours_per_week."),
        ("es", "La situación no es válida.", "Hay 1 campo que requiere atención: hours_per_week."),
        ("fr", "La situation n'est pas valide.", "1 champ à corriger\u00a0: hours_per_week."),
        (
            "de",
            "Die Angaben zur Situation sind ungültig.",
            "1 Feld muss korrigiert werden: hours_per_week.",
        ),
    ],
)
async def test_invalid_situation_problem_is_localised_and_the_same_on_both_endpoints(
    client: Client, language: str, title: str, detail: str
) -> None:
    bad = {**SITUATION, "hours_per_week": 0.01}
    headers = {"Accept-Language": language}
    single = await client.post("/v1/recommendations", json=bad, headers=headers)
    assert single.status_code == 422
    problem = single.json()
    assert (problem["title"], problem["detail"]) == (title, detail)
    assert problem["errors"][0]["field"] == "hours_per_week"
    assert "0.05" in problem["errors"][0]["message"] or "0,05" in problem["errors"][0]["message"]
    batch = await client.post("/v1/recommendations/batch", json={"items": [bad]}, headers=headers)
    item = batch.json()["items"][0]["problem"]
    assert (item["title"], item["detail"]) == (title, detail)
    two = {**bad, "minutes_per_session": 1}
    plural = (await client.post("/v1/recommendations", json=two, headers=headers)).json()
    assert plural["detail"].startswith({"en": "2 fields", "es": "Hay 2 campos", "fr": "2 champs",
                                        "de": "2 Felder"}[language])  # fmt: skip
    assert "(s)" not in plural["detail"] and "(er)" not in plural["detail"]


async def test_a_body_of_the_wrong_kind_is_named_in_the_callers_language(client: Client) -> None:
    response = await client.post(
        "/v1/recommendations", json=["a list"], headers={"Accept-Language": "es"}
    )
    assert response.status_code == 422
    message = response.json()["errors"][0]["message"]
    assert message.endswith("no una lista.") and "de tipo" not in message
