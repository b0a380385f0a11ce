"""POST /v1/recommendations/intake as a client sees it: questions, then the very answer
POST /v1/recommendations gives; problems for bad bodies; locales; organisations."""

import json
import re
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from service.app import create_app
from service.domain.organisations.service import ensure_organisation
from service.security.keys import create_key
from tests.security.conftest import production_settings, started

Client = AsyncTestClient[Litestar]
PATH = "/v1/recommendations/intake"
PERSON: dict[str, Any] = {
    "career_stage": "senior",
    "goals": ["leadership_development", "specific_skill"],
    "horizon_weeks": 26,
    "hours_per_week": 1.5,
    "minutes_per_session": 45,
    "urgent": True,
    "relationship_preference": "several_mentors",
    "structure_preference": "no_preference",
    "context": {
        "senior_learns_from_juniors": False,
        "sponsors_available": True,
        "peers_available": None,
        "coach_budget": False,
        "ai_acceptable": True,
    },
}


def answer(body: dict[str, Any], field: str, person: dict[str, Any]) -> dict[str, Any]:
    body = {**body, "context": dict(body.get("context", {}))}
    if field.startswith("context."):
        flag = field.removeprefix("context.")
        body["context"][flag] = person["context"][flag]
    else:
        body[field] = person[field]
    return body


async def walk(
    client: Client, person: dict[str, Any], headers: dict[str, str] | None = None
) -> tuple[dict[str, Any], bytes, list[str]]:
    """Answer every question from `person`: the last body, the final answer's bytes, fields."""
    body: dict[str, Any] = {}
    asked: list[str] = []
    for _ in range(14):
        response = await client.post(PATH, json=body, headers=headers or {})
        assert response.status_code == 200, response.text
        found = response.json()
        if found["done"]:
            return body, response.content, asked
        assert found["asked_so_far"] == len(asked)
        field = found["question"]["field"]
        asked.append(field)
        body = answer(body, field, person)
    raise AssertionError("the intake never ended")


def without_id(answer: bytes) -> bytes:
    """The bytes with the decision id blanked: every decision has an id of its own."""
    blanked, found = re.subn(rb'"decision_id":"d2\.[^"]+"', b'"decision_id":""', answer)
    assert found == 1
    return blanked


async def test_the_intake_ends_with_the_bytes_of_a_recommendation(client: Client) -> None:
    body, final, asked = await walk(client, PERSON)
    assert asked[:5] == ["goals", "horizon_weeks", "career_stage", "minutes_per_session",
                         "hours_per_week"]  # fmt: skip
    assert len(asked) < 13
    direct = await client.post("/v1/recommendations", json=body)
    assert direct.status_code == 200
    assert without_id(final) == without_id(
        b'{"done":true,"recommendation":' + direct.content + b"}"
    )
    # What the person would have said to the questions never asked changes nothing first.
    everything = await client.post("/v1/recommendations", json=PERSON)
    assert everything.json()["primary"]["variant"] == direct.json()["primary"]["variant"]
    # The intake's decision id is a decision of its own: a replay of it gives the same answer.
    made = json.loads(final)["recommendation"]
    replay = {
        "situation": body,
        **{
            k: made[k]
            for k in (
                "policy_version",
                "content_version",
                "locale",
                "decision_id",
                "organisation_policy_version",
            )
        },
    }
    replayed = await client.post("/v1/recommendations/replay", json=replay)
    assert replayed.status_code == 200, replayed.text
    assert replayed.json()["decision_id"] == made["decision_id"]


async def test_a_question_says_what_it_fills_and_how(client: Client) -> None:
    first = (await client.post(PATH, json={})).json()
    assert first == {"done": False, "asked_so_far": 0, "question": first["question"]}
    question = first["question"]
    assert question["field"] == "goals" and question["kind"] == "several_of"
    assert question["required"] is True and question["why"]
    assert len(question["options"]) == 11 and question["max_choices"] == 11
    hours = (
        await client.post(
            PATH,
            json={
                k: PERSON[k]
                for k in ("goals", "horizon_weeks", "career_stage", "minutes_per_session")
            },
        )
    ).json()["question"]
    assert hours["kind"] == "number" and hours["minimum"] == 0.05 and hours["maximum"] == 40
    assert hours["integer"] is False and "0.05" in hours["hint"]


@pytest.mark.parametrize(
    ("language", "locale", "word"),
    [("es-MX", "es", "objetivos"), ("fr-CA", "fr", "objectifs"), ("de", "de", "Ziele")],
)
async def test_questions_are_asked_in_the_callers_language(
    client: Client, language: str, locale: str, word: str
) -> None:
    response = await client.post(PATH, json={}, headers={"Accept-Language": language})
    assert response.status_code == 200
    assert response.headers["content-language"] == locale
    assert word in response.json()["question"]["why"]
    body = {k: PERSON[k] for k in ("goals", "horizon_weeks", "career_stage",
                                   "minutes_per_session", "hours_per_week")}  # fmt: skip
    optional = (await client.post(PATH, json=body, params={"locale": locale})).json()
    if not optional["done"]:
        labels = [o["label"] for o in optional["question"]["options"] if o["not_sure"]]
        assert len(labels) == 1 and labels[0]


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        (b"{", 400),
        (b"[" * 10_000 + b"]" * 10_000, 400),
        (b"\xff\xfe", 400),
        (b"", 422),
        (b"[]", 422),
        (b'"goals"', 422),
        (b"null", 422),
        (b'{"goals": "specific_skill"}', 422),
        (b'{"goals": ["specific_skill", "specific_skill"]}', 422),
        (b'{"horizon_weeks": 1e400}', 422),
        (b'{"horizon_weeks": -1}', 422),
        (b'{"hours_per_week": NaN}', 400),
        (b'{"context": null}', 422),
        (b'{"context": []}', 422),
        (b'{"context": {"coach_budget": "yes", "x": 1}}', 422),
        (b'{"\\u0000": 1}', 422),
        (b'{"urgent": true, "urgent": "x"}', 422),
        (b'{"relationship_preference": {"a": 1}}', 422),
        (b'{"goals": [' + b'"specific_skill",' * 5000 + b'"x"]}', 422),
    ],
)
async def test_hostile_bodies_are_problems_never_500(
    client: Client, raw: bytes, status: int
) -> None:
    response = await client.post(PATH, content=raw, headers={"Content-Type": "application/json"})
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["status"] == status


async def test_an_oversized_body_is_refused(client: Client) -> None:
    raw = b'{"goals": ["' + b"x" * 2_000_000 + b'"]}'
    response = await client.post(PATH, content=raw, headers={"Content-Type": "application/json"})
    assert response.status_code == 413


@pytest.fixture
async def production(database_url: str, client: Client) -> AsyncIterator[Client]:
    async for started_client in started(create_app(production_settings(database_url))):
        yield started_client


@pytest.mark.slow  # a production app of its own, with its lifespan
async def test_two_organisations_each_get_their_own_questions_and_answers(
    production: Client, engine: AsyncEngine
) -> None:
    suffix = uuid.uuid4().hex[:6]
    keys: dict[str, tuple[str, str]] = {}
    async with AsyncSession(engine) as session, session.begin():
        for name, org, scopes in (
            ("acme_admin", f"acme-{suffix}", ["admin"]),
            ("acme", f"acme-{suffix}", ["recommend"]),
            ("globex", f"globex-{suffix}", ["recommend", "content:read"]),
            ("reader", f"globex-{suffix}", ["content:read"]),
        ):
            await ensure_organisation(session, org)
            keys[name] = (org, (await create_key(session, name, scopes, org)).key)

    def auth(who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {keys[who][1]}"}

    refused = await production.post(PATH, json={}, headers=auth("reader"))
    assert refused.status_code == 403
    query = "query($s: IntakeSituationInput!) { intake(situation: $s) { done } }"
    gql = await production.post(
        "/graphql", json={"query": query, "variables": {"s": {}}}, headers=auth("reader")
    )
    assert [e["extensions"]["code"] for e in gql.json()["errors"]] == ["FORBIDDEN"]
    allowed = await production.post(
        "/graphql", json={"query": query, "variables": {"s": {}}}, headers=auth("globex")
    )
    assert allowed.json().get("data") == {"intake": {"done": False}}, allowed.text
    assert (await production.post(PATH, json={})).status_code == 401

    before, _, _ = await walk(production, PERSON, auth("acme"))
    top = await production.post("/v1/recommendations", json=before, headers=auth("acme"))
    top_variant = top.json()["primary"]["variant"]
    path = f"/v1/organisations/{keys['acme'][0]}/policy"
    current = await production.get(path, headers=auth("acme_admin"))
    document = {"not_offered": [top_variant], "context_defaults": {"coach_budget": True}}
    published = await production.put(
        path, json=document, headers={**auth("acme_admin"), "If-Match": current.headers["etag"]}
    )
    assert published.status_code in (200, 201), published.text

    acme_body, acme_final, _ = await walk(production, PERSON, auth("acme"))
    globex_body, globex_final, _ = await walk(production, PERSON, auth("globex"))
    acme = json.loads(acme_final)["recommendation"]
    globex = json.loads(globex_final)["recommendation"]
    assert acme["primary"]["variant"] != top_variant
    assert top_variant in acme["not_offered"] and globex["not_offered"] == []
    assert globex["primary"]["variant"] == top_variant
    assert (
        acme["organisation_policy_version"] == 1 and globex["organisation_policy_version"] is None
    )
    for body, final, who in (
        (acme_body, acme_final, "acme"),
        (globex_body, globex_final, "globex"),
    ):
        direct = await production.post("/v1/recommendations", json=body, headers=auth(who))
        framed = b'{"done":true,"recommendation":' + direct.content + b"}"
        assert without_id(final) == without_id(framed)
