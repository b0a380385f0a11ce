"""Two organisations, the same input: each sees only its own answers, decision ids, GraphQL
answers and policy views; what belongs to no organisation (the change feed, metrics) is the
same for both and names neither."""

from service.domain.recommendation.adjustment import VIEWS
from tests.decisions.test_organisations import (  # noqa: F401
    GRAPHQL_QUERY,
    SITUATION,
    Client,
    auth,
    keys,
    production,
)
from tests.decisions.test_replay import replays
from tests.graphql.conftest import graphql

VARIABLES = {
    "s": {
        "careerStage": "mid",
        "goals": ["specific_skill", "career_navigation"],
        "horizonWeeks": 26,
        "hoursPerWeek": 2,
        "minutesPerSession": 60,
    }
}


async def test_kept_answers_are_each_organisations_own(
    production: Client,  # noqa: F811
    keys: dict[str, tuple[str, str]],  # noqa: F811
) -> None:
    """The same body twice from each organisation (the second answer comes from the kept
    answers): each decision id replays under its own organisation's key and no other."""
    answers = {}
    for _ in range(2):
        for who in ("acme", "globex"):
            response = await production.post(
                "/v1/recommendations", json=SITUATION, headers=auth(keys, who)
            )
            assert response.status_code == 200
            answers[who] = response.json()
    for who, other in (("acme", "globex"), ("globex", "acme")):
        mine = answers[who]
        own = await replays(production, mine["decision_id"], SITUATION, mine, auth(keys, who))
        assert own.status_code == 200, own.text
        theirs = await replays(production, mine["decision_id"], SITUATION, mine, auth(keys, other))
        assert theirs.status_code == 409 and "organisation" in theirs.json()["detail"]

    # GraphQL: the same document and variables from both organisations.
    for _ in range(2):
        ids = {
            who: (await graphql(production, GRAPHQL_QUERY, VARIABLES, auth(keys, who)))["data"][
                "recommend"
            ]["decisionId"]
            for who in ("acme", "globex")
        }
    for who, other in (("acme", "globex"), ("globex", "acme")):
        mine = answers[who]
        assert (
            await replays(production, ids[who], SITUATION, mine, auth(keys, who))
        ).status_code == 200
        assert (
            await replays(production, ids[who], SITUATION, mine, auth(keys, other))
        ).status_code == 409


async def test_a_policy_applies_to_its_organisation_only_with_one_shared_engine(
    production: Client,  # noqa: F811
    keys: dict[str, tuple[str, str]],  # noqa: F811
) -> None:
    acme = keys["acme"][0]
    before = (
        await production.post("/v1/recommendations", json=SITUATION, headers=auth(keys, "globex"))
    ).json()
    top = before["ranking"][0]["variant"]
    admin = auth(keys, "acme_admin")
    published = await production.put(
        f"/v1/organisations/{acme}/policy",
        json={"weights": {"goals": 2.0}, "not_offered": [top]},
        headers={**admin, "If-Match": "*"},
    )
    assert published.status_code == 201, published.text
    views = len(VIEWS)
    body = {**SITUATION, "horizon_weeks": 27}  # never sent before: no kept answer
    acme_answer = (
        await production.post("/v1/recommendations", json=body, headers=auth(keys, "acme"))
    ).json()
    globex_answer = (
        await production.post("/v1/recommendations", json=body, headers=auth(keys, "globex"))
    ).json()
    assert top not in {r["variant"] for r in acme_answer["ranking"]}
    assert top in {r["variant"] for r in globex_answer["ranking"]}
    assert acme_answer["organisation_policy_version"] == 1
    assert globex_answer["organisation_policy_version"] is None
    assert len(VIEWS) <= views + 1  # one view of the shared engine, not an engine


async def test_the_change_feed_and_metrics_belong_to_no_organisation(
    production: Client,  # noqa: F811
    keys: dict[str, tuple[str, str]],  # noqa: F811
) -> None:
    feeds = [
        await production.get("/v1/changes?since=0", headers=auth(keys, who))
        for who in ("acme", "globex")
    ]
    assert feeds[0].status_code == 200
    assert feeds[0].content == feeds[1].content
    for who in ("acme", "globex"):
        await production.post("/v1/recommendations", json=SITUATION, headers=auth(keys, who))
    metrics = (await production.get("/metrics")).text
    assert "recommendation" in metrics
    for who in ("acme", "globex"):
        assert keys[who][0] not in metrics
