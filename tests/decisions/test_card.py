"""The policy card: served in four locales with the policy's weights and the suite's evidence,
linked from every recommendation, rendered into docs/policy-card.md, exposed in GraphQL."""

from typing import Any

import msgspec
from litestar import Litestar
from litestar.testing import AsyncTestClient

from service.config import PROJECT_ROOT
from service.domain.bundle import read_files
from service.domain.decisions.archive import changelog_lines
from service.domain.decisions.card import CARD_LOCALES, committed_card_markdown, read_evidence
from tests.graphql.conftest import graphql

Client = AsyncTestClient[Litestar]
SITUATION = {
    "career_stage": "early",
    "goals": ["career_navigation"],
    "horizon_weeks": 52,
    "hours_per_week": 2,
    "minutes_per_session": 60,
}
# How each locale says the card must not be used for promotion decisions.
PROMOTION = {"en": "Promotion", "es": "Ascensos", "fr": "promotions", "de": "Beförderung"}


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for item in value.values() for t in _texts(item)]
    if isinstance(value, list):
        return [t for item in value for t in _texts(item)]
    return []


async def test_the_card_is_served_in_four_locales_with_weights_and_evidence(
    client: Client,
) -> None:
    policy = (await client.get("/v1/recommendations/policy")).json()
    evidence = read_evidence()
    titles = set()
    for locale in CARD_LOCALES:
        response = await client.get(f"/v1/recommendations/policy-card?locale={locale}")
        assert response.status_code == 200
        assert response.headers["content-language"] == locale
        card = response.json()
        titles.add(card["title"])
        assert card["locale"] == locale and card["policy_version"] == policy["version"]
        assert any(PROMOTION[locale] in line for line in card["must_not_use_for"])
        weights = {f["factor"]: f["weight"] for f in card["factors"]}
        assert weights == {name: spec["weight"] for name, spec in policy["factors"].items()}
        checks = {c["check"]: (c["passed"], c["total"]) for c in card["evaluation"]["checks"]}
        assert checks == {n: (c.passed, c.total) for n, c in evidence.checks.items()}
        assert card["evaluation"]["stale"] is None
        assert {i["field"] for i in card["inputs"]} >= {"goals", "context", "horizon_weeks"}
        assert all(text.strip() for text in _texts(card))
    assert len(titles) == len(CARD_LOCALES)
    german = await client.get(
        "/v1/recommendations/policy-card", headers={"Accept-Language": "de-AT, en;q=0.5"}
    )
    assert german.json()["locale"] == "de"
    # Numbers in the locale's own format (Babel): 4.000 in German, 4,000 in English.
    assert "4.000 von 4.000" in german.text
    unknown = await client.get("/v1/recommendations/policy-card?policy_version=never-released")
    assert unknown.status_code == 404


async def test_every_recommendation_links_to_its_card(client: Client) -> None:
    single = await client.post("/v1/recommendations?locale=es", json=SITUATION)
    batch = await client.post("/v1/recommendations/batch?locale=es", json={"items": [SITUATION]})
    links = [single.json()["policy_card"], batch.json()["items"][0]["result"]["policy_card"]]
    assert single.headers["link"] == f'<{links[0]}>; rel="describedby"'
    assert batch.headers["link"] == single.headers["link"]
    assert links[0] == links[1]
    followed = await client.get(links[0])
    assert followed.status_code == 200 and followed.json()["locale"] == "es"


async def test_graphql_exposes_decision_ids_the_card_and_policy_versions(client: Client) -> None:
    rest = await client.post("/v1/recommendations?locale=fr", json=SITUATION)
    body = await graphql(
        client,
        """query($s: SituationInput!) {
          recommend(situation: $s, locale: "fr") { decisionId policyCard }
          policyCard(locale: "fr") { locale title factors { factor weight }
            evaluation { checks { check passed total } } }
          policyVersions(first: 10) { items { version inService changelog releasedAt } }
        }""",
        {
            "s": {
                "careerStage": "early",
                "goals": ["career_navigation"],
                "horizonWeeks": 52,
                "hoursPerWeek": 2,
                "minutesPerSession": 60,
            }
        },
    )
    assert "errors" not in body, body
    data = body["data"]
    assert data["recommend"]["decisionId"] == rest.json()["decision_id"]
    assert data["recommend"]["policyCard"] == rest.json()["policy_card"]
    card = (await client.get("/v1/recommendations/policy-card?locale=fr")).json()
    assert data["policyCard"]["title"] == card["title"]
    assert data["policyCard"]["factors"] == [
        {"factor": f["factor"], "weight": f["weight"]} for f in card["factors"]
    ]
    versions = data["policyVersions"]["items"]
    assert [v["version"] for v in versions if v["inService"]] == [read_files().policy_version]


def test_docs_policy_card_is_the_generated_english_card() -> None:
    committed = (PROJECT_ROOT / "docs" / "policy-card.md").read_text()
    assert committed == committed_card_markdown(), (
        "docs/policy-card.md is stale: python -m service.domain.decisions.card "
        "> docs/policy-card.md"
    )


def test_the_policy_in_the_files_has_a_changelog_line() -> None:
    assert read_files().policy_version in changelog_lines()


def test_every_card_locale_has_the_same_inputs_and_factors() -> None:
    from service.domain.decisions.card import card_texts

    english = card_texts("en")
    for locale in CARD_LOCALES:
        texts = card_texts(locale)
        assert texts.locale == locale
        assert set(texts.inputs) == set(english.inputs)
        assert set(texts.factors) == set(english.factors)
        assert len(texts.must_not_use_for) == len(english.must_not_use_for)
        assert msgspec.structs.fields(texts)  # decoded strictly: no unknown or missing key
