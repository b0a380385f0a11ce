"""Scenarios derived from the source text: each cites the sentence that justifies it.

Source: shared/seed/mentoring-vs-coaching.txt.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import msgspec
import pytest

from service.domain.recommendation import PrimaryApproach, Recommendation, Situation
from service.domain.vocabulary import RelationshipPreference, StructurePreference
from tests.unit.test_recommend_helpers import apply_change, engine, situation, top

# (variant that must rank first, the source sentence, the situation)
SCENARIOS: list[tuple[str, str, dict[str, Any]]] = [
    (
        "classic-mentoring",
        "Mentoring offers long-term guidance focused on career development and personal growth, "
        "ideal for early-stage professionals seeking holistic support.",
        dict(
            career_stage="early",
            goals=["career_navigation", "industry_knowledge"],
            horizon_weeks=52,
            relationship_preference="single_senior",
            structure_preference="informal",
        ),
    ),
    (
        "classic-coaching",
        "Coaching provides targeted skill enhancement and performance improvement, best suited "
        "for mid to senior-level professionals aiming to overcome specific challenges or achieve "
        "defined goals.",
        dict(
            career_stage="senior",
            goals=["behaviour_change", "performance_improvement"],
            horizon_weeks=16,
            structure_preference="structured",
            relationship_preference="single_senior",
            context={"coach_budget": True},
        ),
    ),
    (
        "sponsorship-driven-mentoring",
        "This mentorship approach leverages influential sponsors to open career opportunities "
        "and provide critical visibility, enhancing long-term advancement.",
        dict(
            career_stage="mid",
            goals=["advancement_visibility"],
            horizon_weeks=52,
            context={"sponsors_available": True},
        ),
    ),
    (
        "reverse-mentoring",
        "Reverse mentoring accelerates professional growth by pairing junior employees with "
        "senior leaders, fostering mutual learning and fresh perspectives.",
        dict(
            career_stage="executive",
            goals=["digital_fluency"],
            horizon_weeks=26,
            relationship_preference="junior_colleagues",
            context={"senior_learns_from_juniors": True},
        ),
    ),
    (
        "peer-coaching",
        "Peer coaching enhances professional growth by fostering collaborative learning and "
        "mutual feedback between colleagues at similar career stages.",
        dict(
            career_stage="mid",
            goals=["peer_learning"],
            horizon_weeks=12,
            relationship_preference="peers",
            context={"peers_available": True},
        ),
    ),
    (
        "situational-mentoring",
        "This adaptive method enhances problem-solving and leadership capabilities by "
        "addressing immediate needs within varied workplace contexts.",
        dict(
            career_stage="early",
            goals=["immediate_challenge", "leadership_development"],
            horizon_weeks=8,
            urgent=True,
            structure_preference="informal",
        ),
    ),
    (
        "just-in-time-coaching",
        "Just-in-time coaching delivers immediate, targeted support to address specific "
        "professional challenges in real-time.",
        dict(
            career_stage="mid",
            goals=["immediate_challenge"],
            horizon_weeks=2,
            urgent=True,
            minutes_per_session=30,
            context={"coach_budget": True},
        ),
    ),
    (
        "micro-mentoring",
        "Micro-mentoring offers targeted, brief interactions that deliver immediate professional "
        "growth benefits by combining the guidance of mentoring with the skill-building focus "
        "of coaching.",
        dict(
            career_stage="early",
            goals=["specific_skill", "career_navigation"],
            horizon_weeks=4,
            minutes_per_session=15,
            hours_per_week=0.5,
        ),
    ),
    (
        "hybrid-mentorship-models",
        "Hybrid mentorship models combine the personalized guidance of mentoring with the "
        "skill-building focus of coaching, enhancing professional growth through tailored "
        "support and practical development.",
        dict(
            career_stage="mid",
            goals=["career_navigation", "specific_skill", "leadership_development"],
            horizon_weeks=26,
        ),
    ),
    (
        "skill-sprint-coaching",
        "Skill-Sprint Coaching delivers targeted, intensive sessions to rapidly develop specific "
        "professional skills.",
        dict(
            career_stage="mid",
            goals=["specific_skill"],
            horizon_weeks=4,
            urgent=True,
            minutes_per_session=90,
            hours_per_week=3,
            structure_preference="structured",
            context={"coach_budget": True},
        ),
    ),
    (
        "mosaic-mentoring",
        "Leveraging Mosaic Mentoring's tailored approach accelerates career development with "
        "holistic support, combining expert insight and adaptive strategies.",
        dict(
            career_stage="mid",
            goals=["network_building", "career_navigation"],
            horizon_weeks=52,
            relationship_preference="several_mentors",
        ),
    ),
    (
        "ai-powered-coaching",
        "AI coaching platforms utilize machine learning algorithms to tailor development plans, "
        "track progress, and optimize learning outcomes in dynamic career environments.",
        dict(
            career_stage="mid",
            goals=["specific_skill"],
            horizon_weeks=8,
            relationship_preference="ai_tool",
            minutes_per_session=15,
            context={"ai_acceptable": True},
        ),
    ),
]


@pytest.mark.parametrize(
    ("variant", "sentence", "fields"), SCENARIOS, ids=[s[0] for s in SCENARIOS]
)
def test_variant_ranks_first_where_the_source_places_it(
    variant: str, sentence: str, fields: dict[str, Any]
) -> None:
    result = engine().recommend(situation(**fields))
    assert result.ranking[0].variant == variant, sentence
    assert result.primary.variant == variant


def test_scenarios_cover_every_catalogue_variant() -> None:
    ranked = {r.variant for r in engine().recommend(situation()).ranking}
    assert {s[0] for s in SCENARIOS} == ranked
    assert len(ranked) == 12


def test_long_horizon_early_career_growth_is_mentoring() -> None:
    # "Mentoring: Extended period, often months or years." and "ideal for early-stage
    # professionals": a two-year horizon for career navigation recommends mentoring.
    result = engine().recommend(
        situation(career_stage="early", goals=["career_navigation"], horizon_weeks=104)
    )
    assert result.primary.approach is PrimaryApproach.MENTORING
    assert result.growth_plan is None


def test_near_term_skill_goal_is_coaching() -> None:
    # "Coaching is usually short-term and highly structured, focusing on specific skills or
    # goals within a defined timeline, often lasting weeks to a few months."
    result = engine().recommend(
        situation(
            career_stage="senior",
            goals=["specific_skill"],
            horizon_weeks=8,
            structure_preference="structured",
            context={"coach_budget": True},
        )
    )
    assert result.primary.approach is PrimaryApproach.COACHING


def test_growth_and_skill_goals_get_a_blended_growth_plan() -> None:
    # "Integrating mentoring and coaching in professional growth plans enhances skill
    # development by combining personalized guidance with targeted performance improvement."
    s = situation(
        career_stage="mid",
        goals=["career_navigation", "performance_improvement"],
        horizon_weeks=52,
        context={"coach_budget": True},
    )
    result = engine().recommend(s)
    assert result.primary.approach is PrimaryApproach.BLEND
    plan = result.growth_plan
    assert plan is not None
    assert plan.source_topic == "integrating-both"
    mentoring, coaching = plan.tracks
    # "Mentoring fosters long-term career navigation ... while coaching drives specific goal
    # achievement": each track serves its own goals.
    assert mentoring.base_approach == "mentoring"
    assert mentoring.serves_goals == ("career_navigation",)
    assert coaching.base_approach == "coaching"
    assert coaching.serves_goals == ("performance_improvement",)
    # Coaching is the shorter, time-boxed track; mentoring runs over the horizon.
    assert coaching.duration_weeks < mentoring.duration_weeks <= 52
    assert all(t.cadence_per_month >= 1 and t.session_minutes <= 60 for t in plan.tracks)
    assert "Classic Coaching" in plan.summary


def test_growth_plan_prefers_variants_whose_prerequisites_are_met() -> None:
    # Without coach budget, peers or AI, coaching variants that need them cannot start.
    s = situation(
        goals=["career_navigation", "specific_skill"],
        horizon_weeks=26,
        context={"ai_acceptable": True},
    )
    plan = engine().recommend(s).growth_plan
    assert plan is not None
    assert plan.tracks[1].variant == "ai-powered-coaching"


def test_hybrid_top_is_a_blend_even_without_a_plan() -> None:
    # "Hybrid mentorship models combine the personalized guidance of mentoring with the
    # skill-building focus of coaching"
    result = engine().recommend(
        situation(
            goals=["specific_skill", "leadership_development", "career_navigation"],
            horizon_weeks=26,
        )
    )
    assert result.ranking[0].base_approach == "hybrid"
    assert result.primary.approach is PrimaryApproach.BLEND


def test_cautions_are_the_ones_the_source_names() -> None:
    # "Challenges in mentorship include dependency risks and varying mentor commitment, whereas
    # coaching may face limitations in addressing broader career development beyond immediate
    # goals."
    said_no = situation(context={"peers_available": False})
    ranking = {r.variant: r for r in engine().recommend(said_no).ranking}
    mentoring_codes = [c.code for c in ranking["classic-mentoring"].cautions]
    assert mentoring_codes == ["dependency_risk", "uneven_mentor_commitment"]
    peers = ranking["peer-coaching"].cautions
    assert [c.code for c in peers] == ["limited_reach", "prerequisite_missing"]
    assert peers[0].source_topic == "benefits-and-challenges"
    assert peers[1].source_term == "peer-coaching"
    assert "similar career stage, which you said you do not have" in peers[1].text
    # Not said is not "no": the caution asks to check instead of claiming it is missing.
    not_said = {r.variant: r for r in engine().recommend(situation()).ranking}
    unknown = not_said["peer-coaching"].cautions[1]
    assert unknown.code == "prerequisite_unknown"
    assert "you have not said whether you have this" in unknown.text
    assert "you said you do not have" not in unknown.text


def test_no_coach_budget_does_not_block_coaching() -> None:
    # "Coach uses coaching techniques without necessarily being an expert": a coach may be
    # internal or a manager who coaches, so no budget for an external coach lowers classic
    # coaching (fewer coaches to choose from) but never blocks it, and says who can lead it.
    s = situation(career_stage="senior", goals=["behaviour_change"], horizon_weeks=12)
    no_budget = apply_change(s, "context.coach_budget", False)
    assert top(no_budget) == "classic-coaching"
    ranked = next(
        r for r in engine().recommend(no_budget).ranking if r.variant == "classic-coaching"
    )
    context = next(b for b in ranked.breakdown if b.factor == "context")
    assert context.fit == 0.4
    assert [c.code for c in ranked.cautions] == ["limited_reach", "internal_coach"]
    assert "internal coach or a manager who coaches" in ranked.cautions[1].text
    budget = engine().recommend(apply_change(s, "context.coach_budget", True)).ranking[0]
    assert budget.variant == "classic-coaching"
    assert next(b.fit for b in budget.breakdown if b.factor == "context") == 1.0
    assert [c.code for c in budget.cautions] == ["limited_reach"]


def test_reasons_cite_aspects_and_topics() -> None:
    result = engine().recommend(situation(**SCENARIOS[0][2]))
    first = result.ranking[0]
    codes = {r.code for r in first.reasons}
    assert "goals.match" in codes
    for reason in first.reasons:
        assert reason.aspect or reason.topic or reason.term
        assert first.name in reason.text
    by_code = {r.code: r for r in first.reasons}
    assert by_code["goals.match"].aspect == "focus"
    assert "long-term career navigation" in by_code["goals.match"].text


def test_weak_factors_are_named_as_gaps() -> None:
    result = engine().recommend(situation(**SCENARIOS[0][2]))
    jit = next(r for r in result.ranking if r.variant == "just-in-time-coaching")
    assert any(r.code.endswith(".gap") for r in jit.reasons)


def _single_changes(s: Situation) -> Iterator[tuple[str, object]]:
    """Every single-field change the counterfactual search covers: the horizon within half to
    double the person's own (a larger change abandons their goal), time only upwards and at
    most fourfold, every urgency, preference and context value."""
    raw = msgspec.to_builtins(s)
    for week in range(math.ceil(s.horizon_weeks / 2), 2 * s.horizon_weeks + 1):
        if week != s.horizon_weeks and week <= 520:
            yield "horizon_weeks", week
    for urgent in (True, False):
        if urgent is not s.urgent:
            yield "urgent", urgent
    for hours in (0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8, 12, 20, 40):
        if s.hours_per_week < hours <= 4 * s.hours_per_week:
            yield "hours_per_week", hours
    for minutes in (10, 15, 20, 30, 45, 60, 90, 120, 240, 480):
        if s.minutes_per_session < minutes <= 4 * s.minutes_per_session:
            yield "minutes_per_session", minutes
    for pref in RelationshipPreference:
        yield "relationship_preference", pref.value
    for structure in StructurePreference:
        yield "structure_preference", structure.value
    for name, value in raw["context"].items():
        yield f"context.{name}", value is not True  # not said or no -> yes; yes -> no


def _fit(answer: Recommendation, variant: str, factor: str) -> float:
    ranked = next(r for r in answer.ranking if r.variant == variant)
    return next(b.fit for b in ranked.breakdown if b.factor == factor)


def _plausible(s: Situation, field: str, value: object) -> bool:
    """The change raises the variant that then ranks first: its fit for the changed factor
    rises (to a match, 0.7, for a preference or a context flag), and it is not weak on the
    person's goals (a fit of 0.4 at least). Read from the two answers a client would see."""
    factor = {
        "horizon_weeks": "horizon",
        "urgent": "urgency",
        "hours_per_week": "time",
        "minutes_per_session": "time",
        "relationship_preference": "relationship",
        "structure_preference": "structure",
    }.get(field, "context")
    before = engine().recommend(s)
    after = engine().recommend(apply_change(s, field, value))
    winner = after.ranking[0].variant
    new_fit = _fit(after, winner, factor)
    return (
        new_fit > _fit(before, winner, factor)
        and (factor not in ("relationship", "structure", "context") or new_fit >= 0.7)
        and _fit(before, winner, "goals") >= 0.4
    )


@pytest.mark.parametrize(
    ("variant", "sentence", "fields"), SCENARIOS, ids=[s[0] for s in SCENARIOS]
)
def test_counterfactual_is_right_and_none_means_no_single_change_flips(
    variant: str, sentence: str, fields: dict[str, Any]
) -> None:
    s = situation(**fields)
    hint = engine().recommend(s).counterfactual
    if hint is None:
        # A clear winner: no single change within the search's reach plausibly dethrones it
        # (one that only lowers the leader, "without sponsors ...", names nothing the change
        # brings about, and is never a hint).
        for field, value in _single_changes(s):
            flipped = top(apply_change(s, field, value)) != variant
            assert not flipped or not _plausible(s, field, value), (field, value)
        return
    assert _plausible(s, hint.field, hint.suggested)
    assert top(apply_change(s, hint.field, hint.suggested)) == hint.would_rank_first != variant
    if hint.field == "horizon_weeks":
        # Smallest: no horizon closer to the current one changes the top.
        low, high = sorted((s.horizon_weeks, int(hint.suggested)))
        for week in range(low + 1, high):
            assert top(apply_change(s, "horizon_weeks", week)) == variant


def test_counterfactual_points_at_a_concrete_change() -> None:
    # Every scenario with a hint names a concrete single change with structured from/to values
    # (null for a signal that was not said) and a sentence naming the new leader.
    hinted = 0
    for _, _, fields in SCENARIOS:
        s = situation(**fields)
        result = engine().recommend(s)
        hint = result.counterfactual
        if hint is None:
            continue
        hinted += 1
        raw = msgspec.to_builtins(s)
        current = (
            raw["context"][hint.field[8:]] if hint.field.startswith("context.") else raw[hint.field]
        )
        assert hint.current == current
        names = {r.variant: r.name for r in result.ranking}
        assert names[hint.would_rank_first] in hint.text
    assert hinted >= 4


def test_counterfactual_never_abandons_a_long_term_goal() -> None:
    # The example: a 52-week career plan must not be told to plan 4 weeks instead.
    s = situation(
        career_stage="early",
        goals=["career_navigation"],
        horizon_weeks=52,
        minutes_per_session=15,
        hours_per_week=0.5,
    )
    hint = engine().recommend(s).counterfactual
    assert hint is not None
    assert hint.field != "horizon_weeks" or 26 <= float(hint.suggested) <= 104
    assert "4 weeks" not in hint.text


def test_counterfactual_prefers_confirming_a_prerequisite_over_a_new_horizon() -> None:
    # A senior person wants one skill within 30 weeks; nothing is said about a coach budget.
    # Halving the horizon would also change the leader, but saying there is a budget (one
    # organisational fact, the person's goal intact) is the smaller change and comes first.
    s = situation(career_stage="senior", goals=["specific_skill"], horizon_weeks=30)
    assert top(s) == "hybrid-mentorship-models"
    assert top(apply_change(s, "horizon_weeks", 15)) != "hybrid-mentorship-models"
    hint = engine().recommend(s).counterfactual
    assert hint is not None
    assert (hint.field, hint.current, hint.suggested) == ("context.coach_budget", None, True)
    assert hint.would_rank_first == "classic-coaching"
    assert hint.text == "With a budget for an external coach, Classic Coaching would rank first."


def test_versions_and_locale_are_reported() -> None:
    result = engine().recommend(situation())
    assert result.policy_version == engine().policy.version
    assert result.content_version == 1
    assert result.locale == "en"
