"""The adaptive intake in the core: `done` is a guarantee, checked by brute force.

The oracle is the engine's own primary (`Engine.primary`: the real scoring and growth plan), run
on every combination of the answers left unasked, "not said" included; it shares nothing with
the intake's per-factor reasoning (`intake.pending`).
"""

from __future__ import annotations

import itertools
import math
import random
from collections import Counter
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.domain.bundle import StoredBundle, read_files
from service.domain.content import Snapshot, build_snapshot
from service.domain.decisions import service as decisions
from service.domain.decisions.service import IntakeDone, Scope
from service.domain.organisations.policy import (
    OrganisationPolicyDocument,
    adjustment,
    with_context_defaults,
)
from service.domain.recommendation import InvalidSituation, Recommendation, parse_situation
from service.domain.recommendation.adjustment import adjusted
from service.domain.recommendation.intake import (
    FIELDS,
    OPTIONAL_ORDER,
    REQUIRED_ORDER,
    IntakeQuestion,
    QuestionKind,
    _question,
    intake_texts,
    known_fields,
)
from service.domain.recommendation.policy import Factor
from service.domain.recommendation.tables import CONTEXT_FIELDS
from service.domain.vocabulary import (
    CareerStage,
    Goal,
    Prerequisite,
    RelationshipPreference,
    StructurePreference,
)

SNAPSHOT = build_snapshot(StoredBundle(read_files(), 1))
VALUES: dict[str, tuple[object, ...]] = {
    "urgent": (True, False, None),
    "relationship_preference": tuple(v.value for v in RelationshipPreference),
    "structure_preference": tuple(v.value for v in StructurePreference),
    **{f"context.{flag}": (True, False, None) for flag in CONTEXT_FIELDS},
}


def scope_of(document: OrganisationPolicyDocument, version: int = 1) -> Scope:
    """The organisation's scope as the service builds it from its published document."""
    return Scope(
        "acme",
        version,
        adjustment(document),
        lambda raw: with_context_defaults(raw, document),
        tuple(sorted(document.not_offered)),
    )


# An organisation that offers neither the classic models nor peer coaching, weighs context
# double and says there is no coach budget unless a person says otherwise.
STRICT = OrganisationPolicyDocument(
    weights={Factor.CONTEXT: 2.0, Factor.GOALS: 0.7},
    not_offered=("classic-coaching", "classic-mentoring", "peer-coaching"),
    context_defaults={Prerequisite.COACH_BUDGET: False},
)
SCOPES: dict[str, Scope | None] = {"released": None, "strict": scope_of(STRICT)}


def answered(body: dict[str, Any], field: str, value: object) -> dict[str, Any]:
    body = {**body, "context": dict(body.get("context", {}))}
    if field.startswith("context."):
        body["context"][field.removeprefix("context.")] = value
    else:
        body[field] = value
    return body


def primary_of(snapshot: Snapshot, scope: Scope | None, body: dict[str, Any]) -> tuple[str, str]:
    engine = snapshot.engine("en")
    if scope is not None:
        engine = adjusted(engine, scope.adjustment)
    raw = body if scope is None else scope.defaults(body)
    found = engine.primary(parse_situation(raw))
    return found.approach.value, found.variant


def unchanged_everywhere(scope: Scope | None, body: dict[str, Any]) -> tuple[str, str] | None:
    """None when every combination of the unasked fields' values keeps the primary; else the
    primary of a combination that changes it."""
    unasked = [f for f in OPTIONAL_ORDER if f not in known_fields(body)]
    expected = primary_of(SNAPSHOT, scope, body)
    for combination in itertools.product(*(VALUES[f] for f in unasked)):
        filled = body
        for field, value in zip(unasked, combination, strict=True):
            filled = answered(filled, field, value)
        found = primary_of(SNAPSHOT, scope, filled)
        if found != expected:
            return found
    return None


people = st.fixed_dictionaries(
    {
        "career_stage": st.sampled_from([s.value for s in CareerStage]),
        "goals": st.lists(
            st.sampled_from([g.value for g in Goal]), min_size=1, max_size=4, unique=True
        ),
        "horizon_weeks": st.integers(1, 520),
        "hours_per_week": st.sampled_from([0.05, 0.25, 0.5, 1, 1.5, 2, 4, 8, 40]),
        "minutes_per_session": st.integers(5, 480),
        **{field: st.sampled_from(values) for field, values in VALUES.items()},
    }
)


def without_id(answer: Recommendation) -> Recommendation:
    """Every decision has an id of its own (a nonce under the MAC): answers compare without."""
    assert answer.decision_id and answer.decision_id.startswith("d2.")
    return msgspec.structs.replace(answer, decision_id="")


def run_intake(
    scope: Scope | None, person: dict[str, Any], start: dict[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """Answer the intake's questions from `person` until it is done: the body, the fields."""
    body, asked = start, list[str]()
    for _ in range(len(FIELDS) + 1):
        found = decisions.intake(SNAPSHOT, "en", body, scope)
        if isinstance(found, IntakeDone):
            direct = decisions.recommend(SNAPSHOT, "en", body, scope)
            assert without_id(found.recommendation) == without_id(direct)
            return body, asked
        field = found.question.field
        assert field not in known_fields(body), f"{field} asked twice"
        asked.append(field)
        body = answered(body, field, person[field])
    raise AssertionError("the intake never ended")


@pytest.mark.slow  # brute force: up to 17,496 primaries per example
@pytest.mark.parametrize("scope_name", list(SCOPES))
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(person=people, known=st.sets(st.sampled_from(OPTIONAL_ORDER)))
def test_done_holds_for_every_answer_left_unasked(
    scope_name: str, person: dict[str, Any], known: set[str]
) -> None:
    """Some optional answers given up front (a partial situation), then the intake's questions
    answered until done: no combination of the answers never asked changes the primary."""
    scope = SCOPES[scope_name]
    start: dict[str, Any] = {}
    for field in sorted(known):
        start = answered(start, field, person[field])
    body, asked = run_intake(scope, person, start)
    assert asked[: len(REQUIRED_ORDER)] == list(REQUIRED_ORDER)
    assert unchanged_everywhere(scope, body) is None


def test_done_holds_over_a_fixed_sample() -> None:
    """The same guarantee on 12 seeded people with nothing said up front (fast enough for
    the edit-test loop; the property test above draws more)."""
    rng = random.Random(30)
    for _ in range(12):
        person = {
            "career_stage": rng.choice(list(CareerStage)).value,
            "goals": [g.value for g in rng.sample(list(Goal), rng.randint(1, 3))],
            "horizon_weeks": rng.randint(1, 520),
            "hours_per_week": rng.choice([0.25, 1, 2, 4]),
            "minutes_per_session": rng.randint(5, 480),
            **{field: rng.choice(values) for field, values in VALUES.items()},
        }
        body, _ = run_intake(None, person, {})
        assert unchanged_everywhere(None, body) is None
        answer = decisions.recommend(SNAPSHOT, "en", body)
        assert primary_of(SNAPSHOT, None, body) == (answer.primary.approach, answer.primary.variant)


BASE: dict[str, Any] = {
    "career_stage": "mid",
    "goals": ["specific_skill", "career_navigation"],
    "horizon_weeks": 26,
    "hours_per_week": 2,
    "minutes_per_session": 60,
}


def test_a_signal_that_alone_changes_the_primary_is_asked_before_any_other() -> None:
    """Over seeded situations (required fields only): when some single answer changes the
    primary, the question asked is one of those signals (brute force over each alone)."""
    rng = random.Random(5)
    alone_cases = 0
    for _ in range(60):
        body = {
            "career_stage": rng.choice(list(CareerStage)).value,
            "goals": [g.value for g in rng.sample(list(Goal), rng.randint(1, 3))],
            "horizon_weeks": rng.choice([4, 8, 12, 26, 52, 104]),
            "hours_per_week": rng.choice([0.5, 1, 2, 4]),
            "minutes_per_session": rng.choice([15, 30, 45, 60, 90]),
        }
        before = primary_of(SNAPSHOT, None, body)
        alone = {
            field
            for field in OPTIONAL_ORDER
            for value in VALUES[field]
            if primary_of(SNAPSHOT, None, answered(body, field, value)) != before
        }
        found = decisions.intake(SNAPSHOT, "en", body)
        if alone:
            alone_cases += 1
            assert isinstance(found, IntakeQuestion)
            assert found.question.field in alone, (body, alone)
    assert alone_cases >= 20


def test_not_sure_counts_as_said_not_and_is_never_asked_again() -> None:
    body = answered(answered(BASE, "urgent", None), "context.coach_budget", None)
    body = {**body, "relationship_preference": "no_preference"}
    found = decisions.intake(SNAPSHOT, "en", body)
    if isinstance(found, IntakeQuestion):
        assert found.question.field not in known_fields(body)
        assert found.asked_so_far == len(REQUIRED_ORDER) + 3
    clean = decisions.recommend(SNAPSHOT, "en", BASE)
    assert without_id(decisions.recommend(SNAPSHOT, "en", body)) == without_id(clean)


def test_required_fields_come_in_the_order_that_splits_likely_answers_most() -> None:
    """The mutual information between each required field and the primary over seeded random
    situations, measured again: REQUIRED_ORDER must follow it (docs/recommendation-policy.md)."""
    rng = random.Random(11)
    engine = SNAPSHOT.engine("en")
    rows = []
    for _ in range(3000):
        person: dict[str, Any] = {
            "career_stage": rng.choice(list(CareerStage)).value,
            "goals": tuple(sorted(g.value for g in rng.sample(list(Goal), rng.choice([1, 2, 3])))),
            "horizon_weeks": rng.choice([4, 8, 12, 26, 52, 104]),
            "hours_per_week": rng.choice([0.5, 1, 2, 4]),
            "minutes_per_session": rng.choice([15, 30, 45, 60, 90]),
        }
        primary = engine.primary(parse_situation({**person, "goals": list(person["goals"])}))
        rows.append((person, (primary.approach, primary.variant)))

    def entropy(counts: Counter[Any]) -> float:
        n = sum(counts.values())
        return -sum(c / n * math.log2(c / n) for c in counts.values())

    total = entropy(Counter(y for _, y in rows))
    information = {}
    for field in REQUIRED_ORDER:
        groups: dict[object, Counter[Any]] = {}
        for person, y in rows:
            groups.setdefault(person[field], Counter())[y] += 1
        left = sum(sum(c.values()) / len(rows) * entropy(c) for c in groups.values())
        information[field] = total - left
    assert sorted(REQUIRED_ORDER, key=information.__getitem__, reverse=True) == list(
        REQUIRED_ORDER
    ), information


def test_two_organisations_get_their_own_questions_and_answers() -> None:
    """An organisation that does not offer the primary's variant: never recommended, and the
    intake's answer is its own (the other organisation's differs)."""
    person = {**BASE, **{f: VALUES[f][-1] for f in OPTIONAL_ORDER}}
    released, _ = run_intake(None, person, {})
    top = decisions.recommend(SNAPSHOT, "en", released).primary.variant
    document = OrganisationPolicyDocument(not_offered=(top,))
    other = scope_of(document)
    body, _ = run_intake(other, person, {})
    mine = decisions.intake(SNAPSHOT, "en", body, other)
    assert isinstance(mine, IntakeDone)
    assert mine.recommendation.primary.variant != top
    assert top in mine.recommendation.not_offered
    assert top not in {r.variant for r in mine.recommendation.ranking}
    assert unchanged_everywhere(other, body) is None


@pytest.mark.parametrize("locale", ["en", "es", "fr", "de"])
def test_every_question_is_worded_in_every_locale(locale: str) -> None:
    texts = intake_texts(locale)
    assert texts.locale == locale
    english = intake_texts("en")
    engine = SNAPSHOT.engine(locale)
    seen = set()
    for field in FIELDS:
        question = _question(engine, texts, field)
        seen.add(question.kind)
        assert question.text and question.why
        if locale != "en":
            assert question.text != english.questions[field].text
        if question.kind is QuestionKind.NUMBER:
            assert question.hint and "{" not in question.hint
        else:
            assert all(option.label for option in question.options)
        if not question.required:
            assert sum(option.not_sure for option in question.options) == 1
    assert seen == set(QuestionKind)
    hours = _hint(locale, "hours_per_week")
    assert {"en": "0.05", "es": "0,05", "fr": "0,05", "de": "0,05"}[locale] in hours


def _hint(locale: str, field: str) -> str:
    question = _question(SNAPSHOT.engine(locale), intake_texts(locale), field)
    assert question.hint is not None
    return question.hint


@pytest.mark.parametrize(
    "body",
    [
        [],
        "goals",
        {"goals": []},
        {"goals": ["specific_skill", "specific_skill"]},
        {"horizon_weeks": 0},
        {"horizon_weeks": "52"},
        {"hours_per_week": float("nan")},
        {"context": None},
        {"context": {"coach_budget": "yes"}},
        {"context": {"nope": True}},
        {"unknown": 1},
        {"urgent": "maybe"},
    ],
)
def test_a_bad_partial_situation_is_refused_naming_its_fields(body: object) -> None:
    with pytest.raises(InvalidSituation) as refused:
        decisions.intake(SNAPSHOT, "en", body)
    assert refused.value.problems


# Every mentoring variant this organisation offers needs a prerequisite: a person who says
# there are no sponsors and is no senior leader learning from juniors gets no growth plan, so
# the approach can change ("blend" to "coaching") while the first variant stays the same.
PREREQUISITE_MENTORING = scope_of(
    OrganisationPolicyDocument(
        not_offered=(
            "classic-mentoring",
            "mosaic-mentoring",
            "situational-mentoring",
            "micro-mentoring",
            "hybrid-mentorship-models",
        ),
    )
)


def test_done_also_holds_when_only_the_growth_plan_could_change_the_approach() -> None:
    rng = random.Random(8)
    tracks = SNAPSHOT.policy.goal_tracks
    checked = 0
    while checked < 25:
        goals = rng.sample(list(Goal), rng.randint(2, 3))
        if len({tracks[g] for g in goals}) < 2:
            continue
        person = {
            "career_stage": rng.choice(list(CareerStage)).value,
            "goals": [g.value for g in goals],
            "horizon_weeks": rng.choice([8, 26, 52, 104]),
            "hours_per_week": rng.choice([1, 2, 4]),
            "minutes_per_session": rng.choice([30, 60, 90]),
            **{field: rng.choice(values) for field, values in VALUES.items()},
        }
        body, _ = run_intake(PREREQUISITE_MENTORING, person, {})
        assert unchanged_everywhere(PREREQUISITE_MENTORING, body) is None, body
        checked += 1
