"""Replay: 1,000 generated situations answered under the committed policy (now an earlier
version, read back from the archive) and under a changed one (in service), replayed byte for
byte; decision ids that name which input differs; the released policy versions."""

import asyncio
import os
import time
from typing import Any

import asyncpg
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from service.domain.bundle import read_files
from service.domain.decisions.archive import changelog_lines
from tests.decisions.conftest import store_committed, with_changed_policy
from tests.decisions.situations import LOCALES, situations

pytestmark = [pytest.mark.slow]

Client = AsyncTestClient[Litestar]
COUNT = int(os.environ.get("REPLAY_SITUATIONS", "1000"))
CHANGED_POLICY = "2026-12-test-r2"
# Filled by the first test, used by the later ones (they run in file order).
ANSWERS: dict[str, list[tuple[dict[str, Any], str, bytes]]] = {}


async def _answer_all(client: Client) -> list[tuple[dict[str, Any], str, bytes]]:
    answered = []
    for index, situation in enumerate(situations(COUNT)):
        locale = LOCALES[index % len(LOCALES)]
        response = await client.post(f"/v1/recommendations?locale={locale}", json=situation)
        assert response.status_code == 200, response.text
        answered.append((situation, locale, response.content))
    return answered


async def wait_for_policy(client: Client, version: str) -> None:
    """The app picks a load up through NOTIFY (its own loop and connections, in the client's
    thread): wait for it, at most 10 s on a loaded machine."""
    for _ in range(100):
        if (await client.get("/v1/recommendations/policy")).json()["version"] == version:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"policy {version} never went into service")


def _replay_body(situation: dict[str, Any], answer: dict[str, Any]) -> dict[str, Any]:
    return {
        "situation": situation,
        "policy_version": answer["policy_version"],
        "content_version": answer["content_version"],
        "locale": answer["locale"],
        "decision_id": answer["decision_id"],
    }


async def test_a_thousand_situations_replay_to_identical_bytes_under_two_policies(
    decisions_client: Client, decisions_app: Litestar, decisions_database: str
) -> None:
    ANSWERS["earlier"] = await _answer_all(decisions_client)
    version, changed = await store_committed(
        decisions_database, with_changed_policy(read_files(), CHANGED_POLICY)
    )
    assert changed and version == 2
    await wait_for_policy(decisions_client, CHANGED_POLICY)
    ANSWERS["current"] = await _answer_all(decisions_client)

    identical = {"earlier": 0, "current": 0}
    started = time.perf_counter()
    for name, answered in ANSWERS.items():
        for situation, _, original in answered:
            answer = _json(original)
            replayed = await decisions_client.post(
                "/v1/recommendations/replay", json=_replay_body(situation, answer)
            )
            assert replayed.status_code == 200, replayed.text
            identical[name] += replayed.content == original
    elapsed = time.perf_counter() - started
    print(f"\nreplayed {2 * COUNT} in {elapsed:.1f} s; identical bytes: {identical}")
    assert identical == {"earlier": COUNT, "current": COUNT}
    # The earlier version came from the archive once; the current one never left memory.
    assert decisions_app.state.replayer.loaded_versions == 1

    earlier = [_json(o) for _, _, o in ANSWERS["earlier"]]
    current = [_json(o) for _, _, o in ANSWERS["current"]]
    assert {a["policy_version"] for a in earlier} == {read_files().policy_version}
    assert {a["policy_version"] for a in current} == {CHANGED_POLICY}
    # The policies differ where it matters: scores moved for every situation, and the ids too.
    moved = sum(
        a["ranking"][0]["score"] != b["ranking"][0]["score"] or a["primary"] != b["primary"]
        for a, b in zip(earlier, current, strict=True)
    )
    assert moved > COUNT // 2
    assert all(a["decision_id"] != b["decision_id"] for a, b in zip(earlier, current, strict=True))


def _json(raw: bytes) -> dict[str, Any]:
    import msgspec

    decoded: dict[str, Any] = msgspec.json.decode(raw)
    return decoded


async def test_a_decision_id_that_does_not_match_names_the_input_that_differs(
    decisions_client: Client,
) -> None:
    situation, _, original = ANSWERS["earlier"][0]
    answer = _json(original)
    other_locale = next(code for code in LOCALES if code != answer["locale"])
    cases = {
        "locale": {**_replay_body(situation, answer), "locale": other_locale},
        "situation": {
            **_replay_body(situation, answer),
            "situation": {**situation, "horizon_weeks": situation["horizon_weeks"] % 200 + 1},
        },
    }
    for differing, body in cases.items():
        response = await decisions_client.post("/v1/recommendations/replay", json=body)
        assert response.status_code == 409, response.text
        assert response.headers["content-type"].startswith("application/problem+json")
        problem = response.json()
        assert problem["code"] == "decision-mismatch"
        assert [e["field"] for e in problem["errors"]] == [differing]
        assert differing in problem["detail"]


async def test_replay_refuses_inputs_it_cannot_honour(decisions_client: Client) -> None:
    situation, _, original = ANSWERS["earlier"][0]
    body = _replay_body(situation, _json(original))
    cases = [
        ({**body, "content_version": 99}, 404),
        ({**body, "policy_version": "no-such-policy"}, 400),
        ({**body, "locale": "xx"}, 400),
        ({**body, "decision_id": "not-an-id"}, 400),
        ({**body, "situation": {"goals": "everything"}}, 422),
        ({key: value for key, value in body.items() if key != "locale"}, 400),
        ({**body, "unknown": 1}, 400),
    ]
    for case, status in cases:
        response = await decisions_client.post("/v1/recommendations/replay", json=case)
        assert response.status_code == status, (case, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
    malformed = await decisions_client.post(
        "/v1/recommendations/replay",
        content=b"{not json",
        headers={"Content-Type": "application/json"},
    )
    assert malformed.status_code == 400


async def replays(
    client: Client,
    decision_id: str,
    situation: dict[str, Any],
    answer: dict[str, Any],
    headers: dict[str, str] | None = None,
) -> Any:
    """The replay of `situation` under the versions `answer` names, with `decision_id`."""
    body = {
        "situation": situation,
        "policy_version": answer["policy_version"],
        "content_version": answer["content_version"],
        "locale": answer["locale"],
        "organisation_policy_version": answer["organisation_policy_version"],
        "decision_id": decision_id,
    }
    return await client.post("/v1/recommendations/replay", json=body, headers=headers or {})


async def test_equivalent_bodies_are_one_decision_and_batches_agree(
    decisions_client: Client,
) -> None:
    """Decision ids are keyed and carry a fresh nonce (no two are equal), so "the same
    decision" is what a replay proves: an id replays against every equivalent body."""
    situation = {
        "career_stage": "mid",
        "goals": ["specific_skill"],
        "horizon_weeks": 12,
        "hours_per_week": 2,
        "minutes_per_session": 45,
    }
    # `null` and an empty context say nothing, like leaving them out (false would say "no").
    spelled_out = {**situation, "urgent": None, "context": {}}
    reordered = dict(reversed(list(spelled_out.items())))
    bodies = (situation, spelled_out, reordered)
    answers = []
    for body in bodies:
        response = await decisions_client.post("/v1/recommendations?locale=fr", json=body)
        answers.append(response.json())
    ids = {a["decision_id"] for a in answers}
    assert all(i.startswith("d2.") for i in ids)
    for answer in answers:
        for body in bodies:
            replayed = await replays(decisions_client, answer["decision_id"], body, answer)
            assert replayed.status_code == 200, replayed.text
            assert replayed.json()["decision_id"] == answer["decision_id"]
    said_no = {**situation, "urgent": False}
    differs = await replays(decisions_client, answers[0]["decision_id"], said_no, answers[0])
    assert differs.status_code == 409 and "situation" in differs.json()["detail"]
    batch = await decisions_client.post(
        "/v1/recommendations/batch?detail=summary&locale=fr",
        json={"items": [situation, {"goals": []}]},
    )
    items = batch.json()["items"]
    batched = await replays(
        decisions_client, items[0]["result"]["decision_id"], situation, answers[0]
    )
    assert batched.status_code == 200
    assert items[1]["result"] is None
    english = await decisions_client.post("/v1/recommendations?locale=en", json=situation)
    assert english.json()["decision_id"] not in ids
    other_locale = await replays(
        decisions_client, english.json()["decision_id"], situation, answers[0]
    )
    assert other_locale.status_code == 409 and "locale" in other_locale.json()["detail"]
    assert english.json()["policy_card"].startswith("/v1/recommendations/policy-card?locale=en")
    assert english.headers["link"].startswith("</v1/recommendations/policy-card?locale=en")


async def test_released_policy_versions_are_listed_paged_and_kept_immutable(
    decisions_client: Client, decisions_database: str
) -> None:
    first = await decisions_client.get("/v1/recommendations/policies?limit=1")
    assert first.status_code == 200
    page = first.json()
    assert [p["version"] for p in page["items"]] == [read_files().policy_version]
    assert page["items"][0]["in_service"] is False
    assert page["items"][0]["changelog"] == changelog_lines()[read_files().policy_version]
    second = await decisions_client.get(
        f"/v1/recommendations/policies?limit=1&cursor={page['next_cursor']}"
    )
    assert [p["version"] for p in second.json()["items"]] == [CHANGED_POLICY]
    assert second.json()["items"][0]["in_service"] is True
    assert second.json()["next_cursor"] is None

    one = await decisions_client.get(f"/v1/recommendations/policies/{CHANGED_POLICY}")
    assert one.status_code == 200
    assert one.json()["policy"]["version"] == CHANGED_POLICY
    assert one.json()["released_at"] >= page["items"][0]["released_at"]
    missing = await decisions_client.get("/v1/recommendations/policies/never-released")
    assert missing.status_code == 404

    connection = await asyncpg.connect(decisions_database)
    try:
        for statement in (
            "UPDATE released_bundles SET checksum = 'x'",
            "DELETE FROM released_bundles",
            "UPDATE recommendation_policies SET document = '{}'",
            "DELETE FROM policy_changelog",
        ):
            with pytest.raises(asyncpg.IntegrityConstraintViolationError):
                await connection.execute(statement)
        kept = await connection.fetchval("SELECT count(*) FROM released_bundles")
        assert kept == 2
    finally:
        await connection.close()
