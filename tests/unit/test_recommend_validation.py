"""parse_situation: every invalid input yields the right FieldProblems, never another exception."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.domain.recommendation import FieldProblem, InvalidSituation, parse_situation
from service.domain.vocabulary import CareerStage, Goal
from tests.unit.test_recommend_helpers import BASE, engine


def problems(raw: object) -> dict[str, FieldProblem]:
    with pytest.raises(InvalidSituation) as caught:
        parse_situation(raw)
    return {p.field: p for p in caught.value.problems}


def test_minimal_valid_body_gets_defaults() -> None:
    s = parse_situation(dict(BASE))
    # Optional signals left out are "not said" (None), never a silent "no".
    assert s.urgent is None
    assert s.relationship_preference == "no_preference"
    assert s.context.coach_budget is None
    said = parse_situation({**BASE, "urgent": None, "context": {"coach_budget": None}})
    assert said.urgent is None and said.context.coach_budget is None


def test_small_amounts_of_time_are_accepted() -> None:
    # "15 minutes a fortnight" is 0.125 hours a week; 0.05 (3 minutes a week) is the floor.
    assert parse_situation({**BASE, "hours_per_week": 0.125}).hours_per_week == 0.125
    assert parse_situation({**BASE, "hours_per_week": 0.05}).hours_per_week == 0.05
    with pytest.raises(InvalidSituation):
        parse_situation({**BASE, "hours_per_week": 0.04})


def test_empty_object_names_every_required_field() -> None:
    found = problems({})
    assert set(found) == {
        "body",
        "career_stage",
        "goals",
        "horizon_weeks",
        "hours_per_week",
        "minutes_per_session",
    }
    assert "required" in found["goals"].message


@pytest.mark.parametrize("raw", [None, [], [1, 2], "text", 3, 2.5, True, ""])
def test_non_object_bodies(raw: object) -> None:
    found = problems(raw)
    assert list(found) == ["body"]


def test_every_offending_field_is_named_at_once() -> None:
    found = problems(
        {
            "career_stage": "intern",
            "goals": ["specific_skill", "fly", "specific_skill"],
            "horizon_weeks": 0,
            "hours_per_week": 41,
            "minutes_per_session": 2.5,
            "urgent": "yes",
            "relationship_preference": "robot",
            "structure_preference": 3,
            "context": {"coach_budget": 1, "pets": True},
            "salary": 100,
        }
    )
    assert set(found) == {
        "career_stage",
        "goals[1]",
        "goals[2]",
        "horizon_weeks",
        "hours_per_week",
        "minutes_per_session",
        "urgent",
        "relationship_preference",
        "structure_preference",
        "context.coach_budget",
        "context.pets",
        "salary",
    }
    assert found["career_stage"].allowed == tuple(CareerStage)
    assert found["goals[1]"].allowed == tuple(Goal)
    assert "more than once" in found["goals[2]"].message
    assert "between 1 and 520" in found["horizon_weeks"].message
    assert "between 0.05 and 40" in found["hours_per_week"].message
    assert "integer" in found["minutes_per_session"].message
    assert found["structure_preference"].allowed is not None
    assert "Unknown field" in found["salary"].message
    assert "Unknown field" in found["context.pets"].message


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("goals", [], "at least 1"),
        ("goals", "specific_skill", "list"),
        ("goals", [g.value for g in Goal] + ["specific_skill"], "at most"),
        ("horizon_weeks", 521, "between"),
        ("horizon_weeks", True, "integer"),
        ("horizon_weeks", 12.0, "integer"),
        ("hours_per_week", 0.01, "between"),
        ("hours_per_week", float("nan"), "number"),
        ("hours_per_week", "2", "number"),
        ("minutes_per_session", 481, "between"),
        ("career_stage", None, "string"),
        ("context", None, "object"),
        ("context", [], "object"),
    ],
)
def test_single_problems(field: str, value: Any, fragment: str) -> None:
    found = problems({**BASE, field: value})
    assert field in found or any(k.startswith(field) for k in found)
    messages = " ".join(p.message for p in found.values())
    assert fragment in messages


def test_batch_isolates_bad_items() -> None:
    out = engine().recommend_batch([dict(BASE), {"goals": ["fly"]}, None, dict(BASE)])
    assert [i.index for i in out] == [0, 1, 2, 3]
    assert out[0].result is not None and out[0].problem is None
    assert out[1].result is None and out[1].problem is not None
    assert out[1].problem.status == 422
    assert {e.field for e in out[1].problem.errors} >= {"goals[0]", "career_stage"}
    assert "goals[0]" in out[1].problem.detail
    assert out[2].problem is not None and out[3].result is not None


def test_batch_limit() -> None:
    with pytest.raises(ValueError, match="1000"):
        engine().recommend_batch([dict(BASE)] * 1001)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=12,
)
situation_like = st.fixed_dictionaries(
    {},
    optional={
        "career_stage": st.sampled_from([*CareerStage, "x"]) | json_values,
        "goals": st.lists(st.sampled_from([*Goal, "x"]), max_size=13) | json_values,
        "horizon_weeks": st.integers(-5, 600) | json_values,
        "hours_per_week": st.floats(allow_nan=True) | json_values,
        "minutes_per_session": st.integers(0, 500) | json_values,
        "urgent": st.booleans() | json_values,
        "context": st.dictionaries(
            st.sampled_from(["coach_budget", "peers_available", "nope"]), json_values
        )
        | json_values,
        "extra": json_values,
    },
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(json_values, situation_like))
def test_fuzz_parse_never_raises_anything_else(raw: object) -> None:
    try:
        s = parse_situation(raw)
    except InvalidSituation as exc:
        assert exc.problems
        assert all(isinstance(p, FieldProblem) and p.field and p.message for p in exc.problems)
    else:
        assert 1 <= len(s.goals) == len(set(s.goals))
        engine().recommend(s)  # a valid situation always scores
