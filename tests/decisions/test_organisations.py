"""Organisation policies: publishing with If-Match, and isolation — a changed policy changes
its own organisation's recommendations (REST, batch, replay, GraphQL) and no one else's."""

import uuid
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from service.app import create_app
from service.domain.organisations.service import ensure_organisation
from service.security.keys import create_key
from tests.decisions.test_replay import replays
from tests.graphql.conftest import graphql
from tests.security.conftest import production_settings, started

pytestmark = [pytest.mark.slow]

Client = AsyncTestClient[Litestar]
SITUATION: dict[str, Any] = {
    "career_stage": "mid",
    "goals": ["specific_skill", "career_navigation"],
    "horizon_weeks": 26,
    "hours_per_week": 2,
    "minutes_per_session": 60,
}


GRAPHQL_QUERY = """query($s: SituationInput!) {
  recommend(situation: $s) { organisationPolicyVersion notOffered decisionId
    ranking { variant } } }"""


@pytest.fixture
async def production(database_url: str, client: Client) -> AsyncIterator[Client]:
    async for started_client in started(create_app(production_settings(database_url))):
        yield started_client


@pytest.fixture
async def keys(engine: AsyncEngine) -> dict[str, tuple[str, str]]:
    """(key id, key) for two fresh organisations' admins and recommenders, and the default."""
    suffix = uuid.uuid4().hex[:6]
    made: dict[str, tuple[str, str]] = {}
    async with AsyncSession(engine) as session, session.begin():
        for name, org, scopes in (
            ("acme_admin", f"acme-{suffix}", ["admin"]),
            ("acme", f"acme-{suffix}", ["recommend", "content:read"]),
            ("globex_admin", f"globex-{suffix}", ["admin"]),
            ("globex", f"globex-{suffix}", ["recommend", "content:read"]),
            ("default", "default", ["recommend", "content:read"]),
        ):
            await ensure_organisation(session, org)
            new = await create_key(session, name, scopes, org)
            made[name] = (org, new.key)
    return made


def auth(keys: dict[str, tuple[str, str]], who: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {keys[who][1]}"}


async def test_an_organisation_policy_changes_its_own_answers_and_no_one_elses(
    production: Client, keys: dict[str, tuple[str, str]], database_url: str
) -> None:
    acme, globex = keys["acme"][0], keys["globex"][0]
    before = {
        who: await production.post("/v1/recommendations", json=SITUATION, headers=auth(keys, who))
        for who in ("acme", "globex", "default")
    }
    assert {r.status_code for r in before.values()} == {200}
    # The same answer; each decision id its own (keyed, and carries the organisation).
    answers = {who: {**r.json(), "decision_id": None} for who, r in before.items()}
    assert answers["acme"] == answers["globex"] == answers["default"]
    assert len({r.json()["decision_id"] for r in before.values()}) == 3
    assert before["acme"].json()["organisation_policy_version"] is None
    top = before["acme"].json()["ranking"][0]["variant"]

    path = f"/v1/organisations/{acme}/policy"
    current = await production.get(path, headers=auth(keys, "acme_admin"))
    assert current.status_code == 200 and current.json()["version"] == 0
    document = {
        "weights": {"context": 2.0, "goals": 0.5},
        "not_offered": [top],
        "context_defaults": {"coach_budget": False},
        "note": "No external coaches this year.",
    }
    admin = auth(keys, "acme_admin")
    missing = await production.put(path, json=document, headers=admin)
    stale = await production.put(path, json=document, headers={**admin, "If-Match": '"v9"'})
    not_admin = await production.put(
        path, json=document, headers={**auth(keys, "acme"), "If-Match": current.headers["etag"]}
    )
    other_org = await production.put(
        path,
        json=document,
        headers={**auth(keys, "globex_admin"), "If-Match": current.headers["etag"]},
    )
    out_of_bounds = await production.put(
        path,
        json={"weights": {"goals": 5}},
        headers={**admin, "If-Match": current.headers["etag"]},
    )
    assert (missing.status_code, stale.status_code) == (428, 412)
    assert (not_admin.status_code, other_org.status_code) == (403, 404)
    assert out_of_bounds.status_code == 400
    published = await production.put(
        path, json=document, headers={**admin, "If-Match": current.headers["etag"]}
    )
    assert published.status_code == 201, published.text
    assert published.json()["version"] == 1
    again = await production.put(
        path, json=document, headers={**admin, "If-Match": current.headers["etag"]}
    )
    assert again.status_code == 412

    after = {
        who: await production.post("/v1/recommendations", json=SITUATION, headers=auth(keys, who))
        for who in ("acme", "globex", "default")
    }
    # Everyone else: the same bytes as before.
    assert after["globex"].content == before["globex"].content
    assert after["default"].content == before["default"].content
    mine = after["acme"].json()
    assert mine["organisation_policy_version"] == 1
    assert mine["not_offered"] == [top]
    assert top not in {r["variant"] for r in mine["ranking"]}
    assert mine["decision_id"] != before["acme"].json()["decision_id"]
    context_weight = next(
        item["weight"] for item in mine["ranking"][0]["breakdown"] if item["factor"] == "context"
    )
    assert context_weight > next(
        item["weight"]
        for item in before["acme"].json()["ranking"][0]["breakdown"]
        if item["factor"] == "context"
    )

    # Context defaults fill only what was not said.
    said_false = {**SITUATION, "context": {"coach_budget": False}}
    said_true = {**SITUATION, "context": {"coach_budget": True}}
    unsaid = await production.post(
        "/v1/recommendations", json=SITUATION, headers=auth(keys, "acme")
    )
    statuses = [
        (
            await replays(production, unsaid.json()["decision_id"], body, mine, auth(keys, "acme"))
        ).status_code
        for body in (SITUATION, said_false, said_true)
    ]
    assert statuses == [200, 200, 409]

    # Batches and replays follow the same policy; other organisations cannot replay it.
    batch = await production.post(
        "/v1/recommendations/batch", json={"items": [SITUATION]}, headers=auth(keys, "acme")
    )
    batched = batch.json()["items"][0]["result"]
    assert {**batched, "decision_id": None} == {**mine, "decision_id": None}
    assert (
        await replays(production, batched["decision_id"], SITUATION, mine, auth(keys, "acme"))
    ).status_code == 200
    replay = {
        "situation": SITUATION,
        "policy_version": mine["policy_version"],
        "content_version": mine["content_version"],
        "locale": mine["locale"],
        "organisation_policy_version": 1,
        "decision_id": mine["decision_id"],
    }
    replayed = await production.post(
        "/v1/recommendations/replay", json=replay, headers=auth(keys, "acme")
    )
    assert replayed.content == after["acme"].content
    foreign = await production.post(
        "/v1/recommendations/replay", json=replay, headers=auth(keys, "globex")
    )
    assert foreign.status_code == 400

    # Other organisations never see the policy or its history.
    for where in (path, f"{path}/history"):
        hidden = await production.get(where, headers=auth(keys, "globex_admin"))
        assert hidden.status_code == 404
    history = await production.get(f"{path}/history", headers=admin)
    [version] = history.json()["items"]
    assert (
        version["version"] == 1 and version["published_by"] == keys["acme_admin"][1].split("_")[1]
    )
    assert version["document"]["context_defaults"] == {"coach_budget": False}
    assert (
        await production.get(f"/v1/organisations/{globex}/policy", headers=admin)
    ).status_code == 404

    connection = await asyncpg.connect(database_url)
    try:
        with pytest.raises(asyncpg.IntegrityConstraintViolationError):
            await connection.execute("UPDATE organisation_policies SET document = '{}'")
    finally:
        await connection.close()

    # GraphQL: the same policy for acme's keys, none for globex's.
    query = GRAPHQL_QUERY
    variables = {
        "s": {
            "careerStage": "mid",
            "goals": ["specific_skill", "career_navigation"],
            "horizonWeeks": 26,
            "hoursPerWeek": 2,
            "minutesPerSession": 60,
        }
    }
    acme_graphql = await graphql(production, query, variables, auth(keys, "acme"))
    globex_graphql = await graphql(production, query, variables, auth(keys, "globex"))
    assert "errors" not in acme_graphql, acme_graphql
    assert acme_graphql["data"]["recommend"]["organisationPolicyVersion"] == 1
    assert acme_graphql["data"]["recommend"]["notOffered"] == [top]
    acme_id = acme_graphql["data"]["recommend"]["decisionId"]
    assert (
        await replays(production, acme_id, SITUATION, mine, auth(keys, "acme"))
    ).status_code == 200
    assert globex_graphql["data"]["recommend"]["organisationPolicyVersion"] is None
    globex_id = globex_graphql["data"]["recommend"]["decisionId"]
    globex_before = before["globex"].json()
    assert (
        await replays(production, globex_id, SITUATION, globex_before, auth(keys, "globex"))
    ).status_code == 200
    # Another organisation's decision id, the same inputs: refused, naming the organisation.
    stolen = await replays(production, globex_id, SITUATION, globex_before, auth(keys, "default"))
    assert stolen.status_code == 409 and stolen.json()["detail"].count("organisation") == 1
