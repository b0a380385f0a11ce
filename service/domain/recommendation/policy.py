"""The recommendation policy (weights and per-variant scoring profiles) and the message templates.

Both are data: `content/policy.yaml` and `content/messages/<locale>.yaml`. They are decoded
strictly and checked for internal consistency here, so a bad edit fails at load time with a clear
message instead of producing odd rankings at request time.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

import msgspec

from service.domain.recommendation.limits import HORIZON_WEEKS, SCALE
from service.domain.recommendation.wording import TemplateError, placeholders
from service.domain.vocabulary import (
    BaseApproach,
    CareerStage,
    Formality,
    Goal,
    Prerequisite,
    RelationshipPreference,
    RelationshipShape,
    StructurePreference,
)


class Factor(StrEnum):
    """The aspects of a situation a variant is scored on; each has a weight in the policy."""

    GOALS = "goals"
    HORIZON = "horizon"
    URGENCY = "urgency"
    CAREER_STAGE = "career_stage"
    RELATIONSHIP = "relationship"
    STRUCTURE = "structure"
    TIME = "time"
    CONTEXT = "context"


class GoalTrack(StrEnum):
    """Which half of a blended growth plan serves a goal (source: "Integrating Mentoring and
    Coaching": mentoring for long-term career navigation, coaching for specific goals)."""

    GROWTH = "growth"
    SKILL = "skill"


class _Strict(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    pass


class FactorPolicy(_Strict, frozen=True):
    weight: float
    aspect: str | None  # comparison-table row the factor rests on
    topic: str | None  # narrative section the factor rests on


class UrgencyFit(_Strict, frozen=True):
    urgent: float
    not_urgent: float


class ContextFit(_Strict, frozen=True):
    all_met: float  # the variant's prerequisites are all available: the situation unlocks it
    none_required: float  # the variant needs nothing special
    unmet: float  # the person said a prerequisite is not available: the variant is blocked
    not_said: float  # a prerequisite nobody mentioned: neutral (docs/recommendation-policy.md)
    internal_coach: float  # a coach-led variant without a budget for an external coach


class ReasonThresholds(_Strict, frozen=True):
    match: float  # fit at or above which a factor is named as a reason for the variant
    gap: float  # fit below which a factor is named as holding the variant back


class VariantProfile(_Strict, frozen=True):
    goals: dict[Goal, float]  # goals not listed score 0
    career_stages: dict[CareerStage, float]
    horizon: tuple[float, ...]  # one fit per horizon band
    urgency: UrgencyFit
    # The stages the source itself names for this variant (the quote is in the variant's
    # editorial note); the other stage fits are editorial judgements, and say so.
    source_stages: tuple[CareerStage, ...] = ()


class RecommendationPolicy(_Strict, frozen=True):
    version: str
    factors: dict[Factor, FactorPolicy]
    horizon_bands: tuple[int, ...]  # upper bounds (weeks, inclusive) of every band but the last
    context: ContextFit
    relationship_fit: dict[RelationshipPreference, dict[RelationshipShape, float]]
    structure_fit: dict[StructurePreference, dict[Formality, float]]
    goal_tracks: dict[Goal, GoalTrack]
    cautions: dict[BaseApproach, tuple[str, ...]]  # caution codes the source names per approach
    caution_topic: str  # topic slug the cautions come from
    growth_plan_topic: str
    reason_thresholds: ReasonThresholds
    urgency_not_said: float  # every variant's urgency fit when urgency is not said: neutral
    long_term_weeks: int  # a primary whose typical run is this long is "long-term" in headlines
    # Variants a coach leads: a budget for an external coach helps them, its absence never
    # blocks them (an internal coach or a manager who coaches can lead them).
    coach_led: tuple[str, ...]
    variants: dict[str, VariantProfile]


def _in_unit(value: float) -> bool:
    return 0.0 <= value <= 1.0


def _check_policy(policy: RecommendationPolicy) -> None:
    problems: list[str] = []
    if set(policy.factors) != set(Factor):
        problems.append(f"factors must be exactly {sorted(Factor)}")
    weights = [f.weight for f in policy.factors.values()]
    scaled = [round(w * SCALE) for w in weights]
    if any(abs(s - w * SCALE) > 1e-6 for s, w in zip(scaled, weights, strict=True)):
        problems.append("factor weights must have at most 4 decimals")
    if sum(scaled) != SCALE or any(s < 0 for s in scaled):
        problems.append("factor weights must be non-negative and add up to 1")
    bands = policy.horizon_bands
    if (
        list(bands) != sorted(set(bands))
        or not bands
        or bands[0] < 1
        or bands[-1] >= HORIZON_WEEKS[1]
    ):
        problems.append(
            f"horizon_bands must be strictly increasing week counts in 1..{HORIZON_WEEKS[1] - 1}"
        )
    if set(policy.relationship_fit) != set(RelationshipPreference) or any(
        set(row) != set(RelationshipShape) for row in policy.relationship_fit.values()
    ):
        problems.append("relationship_fit must cover every preference x shape")
    if set(policy.structure_fit) != set(StructurePreference) or any(
        set(row) != set(Formality) for row in policy.structure_fit.values()
    ):
        problems.append("structure_fit must cover every preference x formality")
    if set(policy.goal_tracks) != set(Goal):
        problems.append("goal_tracks must place every goal")
    if set(policy.cautions) != set(BaseApproach):
        problems.append("cautions must list codes for every base approach")
    numbers = [policy.context.all_met, policy.context.none_required, policy.context.unmet]
    numbers += [policy.context.not_said, policy.context.internal_coach, policy.urgency_not_said]
    unknown_coach_led = set(policy.coach_led) - set(policy.variants)
    if unknown_coach_led:
        problems.append(f"coach_led names unknown variants {sorted(unknown_coach_led)}")
    numbers += [v for row in policy.relationship_fit.values() for v in row.values()]
    numbers += [v for row in policy.structure_fit.values() for v in row.values()]
    for slug, profile in policy.variants.items():
        if len(profile.horizon) != len(bands) + 1:
            problems.append(f"{slug}: horizon needs {len(bands) + 1} fits, one per band")
        if set(profile.career_stages) != set(CareerStage):
            problems.append(f"{slug}: career_stages must rate every stage")
        numbers += [*profile.goals.values(), *profile.career_stages.values(), *profile.horizon]
        numbers += [profile.urgency.urgent, profile.urgency.not_urgent]
    if not all(_in_unit(n) for n in numbers):
        problems.append("every fit must lie in [0, 1]")
    if problems:
        raise ValueError("invalid recommendation policy: " + "; ".join(problems))


def load_policy(data: bytes) -> RecommendationPolicy:
    """Decode and check `content/policy.yaml`; raises ValueError (or msgspec errors) on bad data."""
    return policy_from(msgspec.yaml.decode(data))


def policy_from(raw: object) -> RecommendationPolicy:
    """Check an already decoded policy (a content bundle keeps it as plain data)."""
    policy = msgspec.convert(raw, type=RecommendationPolicy)
    _check_policy(policy)
    return policy


# ---------------------------------------------------------------------------------------------
# Messages: every user-visible sentence, with named placeholders, one file per locale.


class NameGrammar(_Strict, frozen=True):
    """How a variant's name behaves in a sentence: its gender (m, f, n), whether it is a plural
    noun phrase, and its forms with articles and contractions ("the", "of", "to"; "nom", "acc",
    "dat"), written out so that no template builds an article by hand."""

    gender: str = "n"
    plural: bool = False
    forms: dict[str, str] = {}


class Labels(_Strict, frozen=True):
    factors: dict[Factor, str]
    goals: dict[Goal, str]
    career_stages: dict[CareerStage, str]
    relationship_preferences: dict[RelationshipPreference, str]
    structure_preferences: dict[StructurePreference, str]
    relationship_shapes: dict[RelationshipShape, str]
    formalities: dict[Formality, str]
    prerequisites: dict[Prerequisite, str]
    urgency: dict[str, str]  # "urgent" / "not_urgent"
    approaches: dict[str, str]  # mentoring / coaching / blend


class Units(_Strict, frozen=True):
    minutes: str  # "{count, plural, one {# minute} other {# minutes}}"
    hours: str
    weeks: str
    week_range: str  # "{min} to {max, plural, ...}"


class ReasonTexts(_Strict, frozen=True):
    match: str
    gap: str


class CareerStageTexts(_Strict, frozen=True):
    """A stage the source names for the variant ("The source pairs ...") or one that is an
    editorial judgement, which says so."""

    match: str
    gap: str
    editorial_match: str
    editorial_gap: str


class ContextTexts(_Strict, frozen=True):
    match: str  # every prerequisite available
    gap: str  # a prerequisite said unavailable: the variant is blocked
    coach: str  # a coach-led variant, and a budget for an external coach is available


class HorizonTexts(_Strict, frozen=True):
    """What a variant's usual length means for the person's horizon (see docs/recommendation-
    policy.md): fits (the horizon lies inside the range), partly (within a factor of two of
    it), or does not fit."""

    fits: str
    partly_shorter: str  # the variant ends before the horizon: it covers its first weeks
    partly_longer: str  # the variant usually runs longer: a shortened run
    shorter: str
    longer: str


class TimeTexts(_Strict, frozen=True):
    covered: str
    short_minutes: str
    short_hours: str
    short_both: str


class Reasons(_Strict, frozen=True):
    goals: ReasonTexts
    horizon: HorizonTexts
    urgency: ReasonTexts
    career_stage: CareerStageTexts
    relationship: ReasonTexts
    structure: ReasonTexts
    time: TimeTexts
    context: ContextTexts


class HeadlineTexts(_Strict, frozen=True):
    long: str  # the primary usually runs for months, and so does the horizon: long-term growth
    beyond_horizon: str  # it usually runs for months, longer than the horizon
    short: str  # it usually runs for weeks
    urgent: str  # short, and the person needs help now


class Headlines(_Strict, frozen=True):
    mentoring: HeadlineTexts
    coaching: HeadlineTexts
    blend: HeadlineTexts
    # Put before the headline when every variant built for the goals is blocked: the best of
    # them, and what it needs that the person said they do not have.
    blocked: str


class ShortfallTexts(_Strict, frozen=True):
    """What an answer says when the person's time falls short of what a model needs (the
    model's own shortfall uses reasons.time)."""

    alternative: str  # the best-ranked model that fits the person's time
    plan_load: str  # the two tracks together need more weekly time than the person has


class GrowthPlanTexts(_Strict, frozen=True):
    summary: str
    runs_past_horizon: str  # a track usually runs longer than the horizon
    another_cycle: str  # the mentoring track ends before the horizon does
    needs: str  # a track needs something the person said is not available
    confirm: str  # a track needs something the person has not mentioned


class CounterfactualTexts(_Strict, frozen=True):
    horizon_up: str
    horizon_down: str
    urgent_on: str
    urgent_off: str
    hours_per_week: str
    minutes_per_session: str
    relationship_preference: str
    structure_preference: str
    context_on: str
    context_off: str


class ProblemTexts(_Strict, frozen=True):
    title: str
    detail: str
    not_object: str
    empty_body: str
    unknown_field: str
    missing: str
    wrong_type: str
    out_of_range: str
    not_allowed: str
    duplicate: str
    too_few: str
    too_many: str
    too_many_items: str  # a batch over its limit
    too_many_items_title: str
    type_names: dict[str, str]  # integer / number / boolean / string / list / object / null


class RecommendationMessages(_Strict, frozen=True):
    locale: str
    names: dict[str, NameGrammar]
    units: Units
    labels: Labels
    reasons: Reasons
    cautions: dict[str, str]
    headlines: Headlines
    shortfall: ShortfallTexts
    growth_plan: GrowthPlanTexts
    counterfactual: CounterfactualTexts
    problems: ProblemTexts


# Placeholders each template may use; checked at load time so a typo in a translation fails
# loudly instead of raising KeyError in the middle of a request.
_HORIZON_FIELDS = {"variant", "span", "horizon", "covered"}
_REASON_FIELDS = {
    "goals": {"variant", "goals", "count"},
    "urgency": {"variant", "urgency"},
    "career_stage": {"variant", "career_stage"},
    "relationship": {"variant", "shape", "preference"},
    "structure": {"variant", "formality", "preference"},
    "context": {"variant", "prerequisite"},
}
_SHORTFALL_FIELDS = {"alternative": {"variant"}, "plan_load": {"need_time", "time"}}
_TIME_FIELDS = {"variant", "need_minutes", "need_time", "minutes", "time"}
_CAUTION_FIELDS = {"variant", "prerequisite"}
_COUNTERFACTUAL_FIELDS = {"variant", "value", "label"}
_HEADLINE_FIELDS = {"variant"}
_BLOCKED_FIELDS = {"variant", "prerequisite"}
_PLAN_FIELDS = {
    "summary": {"growth_variant", "growth_goals", "growth_weeks", "growth_count",
                "skill_variant", "skill_goals", "skill_weeks", "skill_count"},
    "runs_past_horizon": {"variant", "weeks", "horizon"},
    "another_cycle": {"variant", "weeks", "horizon"},
    "needs": {"variant", "prerequisite"},
    "confirm": {"variant", "prerequisite"},
}  # fmt: skip
_UNIT_FIELDS = {"minutes": {"count"}, "hours": {"count"}, "weeks": {"count"},
                "week_range": {"min", "max"}}  # fmt: skip
_PROBLEM_FIELDS = {
    "title": set(),
    "detail": {"count", "fields"},
    "not_object": {"type"},
    "empty_body": set(),
    "unknown_field": {"field"},
    "missing": {"field"},
    "wrong_type": {"expected"},
    "out_of_range": {"min", "max"},
    "not_allowed": {"value"},
    "duplicate": {"value"},
    "too_few": {"min"},
    "too_many": {"max"},
    "too_many_items": {"max", "count"},
    "too_many_items_title": set(),
}
REQUIRED_CAUTIONS = (
    "dependency_risk",
    "uneven_mentor_commitment",
    "limited_reach",
    "prerequisite_missing",
    "prerequisite_unknown",
    "internal_coach",
    "coach_unknown",
)
TYPE_NAMES = ("integer", "number", "boolean", "string", "list", "object", "null")
GENDERS = ("m", "f", "n")


def _check_template(where: str, template: str, allowed: set[str], problems: list[str]) -> None:
    try:
        unknown = placeholders(template) - allowed
    except TemplateError as exc:
        problems.append(f"{where}: {exc}")
        return
    if unknown:
        problems.append(f"{where}: unknown placeholders {sorted(unknown)}")


def _check_group(where: str, texts: msgspec.Struct, allowed: object, problems: list[str]) -> None:
    """Every template of a group; `allowed` is one set for all, or a set per template."""
    for name, template in msgspec.structs.asdict(texts).items():
        if isinstance(template, str):
            fields = allowed[name] if isinstance(allowed, dict) else allowed
            _check_template(f"{where}.{name}", template, fields, problems)  # type: ignore[arg-type]


def _check_messages(m: RecommendationMessages) -> None:
    problems: list[str] = []
    labels = m.labels
    complete: dict[str, tuple[Mapping[Any, str], type[StrEnum]]] = {
        "factors": (labels.factors, Factor),
        "goals": (labels.goals, Goal),
        "career_stages": (labels.career_stages, CareerStage),
        "relationship_preferences": (labels.relationship_preferences, RelationshipPreference),
        "structure_preferences": (labels.structure_preferences, StructurePreference),
        "relationship_shapes": (labels.relationship_shapes, RelationshipShape),
        "formalities": (labels.formalities, Formality),
        "prerequisites": (labels.prerequisites, Prerequisite),
    }
    for name, (mapping, enum) in complete.items():
        if set(mapping) != set(enum):
            problems.append(f"labels.{name} must label every value")
    if set(labels.urgency) != {"urgent", "not_urgent"}:
        problems.append("labels.urgency needs urgent and not_urgent")
    if set(labels.approaches) != {"mentoring", "coaching", "blend"}:
        problems.append("labels.approaches needs mentoring, coaching and blend")
    for slug, grammar in m.names.items():
        if grammar.gender not in GENDERS:
            problems.append(f"names.{slug}: gender must be one of {list(GENDERS)}")
    _check_group("units", m.units, _UNIT_FIELDS, problems)
    for factor, allowed in _REASON_FIELDS.items():
        _check_group(f"reasons.{factor}", getattr(m.reasons, factor), allowed, problems)
    _check_group("reasons.horizon", m.reasons.horizon, _HORIZON_FIELDS, problems)
    _check_group("reasons.time", m.reasons.time, _TIME_FIELDS, problems)
    if not set(REQUIRED_CAUTIONS) <= set(m.cautions):
        problems.append(f"cautions must include {list(REQUIRED_CAUTIONS)}")
    for code, template in m.cautions.items():
        _check_template(f"cautions.{code}", template, _CAUTION_FIELDS, problems)
    _check_group("counterfactual", m.counterfactual, _COUNTERFACTUAL_FIELDS, problems)
    for approach in ("mentoring", "coaching", "blend"):
        texts = getattr(m.headlines, approach)
        _check_group(f"headlines.{approach}", texts, _HEADLINE_FIELDS, problems)
    _check_template("headlines.blocked", m.headlines.blocked, _BLOCKED_FIELDS, problems)
    _check_group("shortfall", m.shortfall, _SHORTFALL_FIELDS, problems)
    _check_group("growth_plan", m.growth_plan, _PLAN_FIELDS, problems)
    _check_group("problems", m.problems, _PROBLEM_FIELDS, problems)
    if set(m.problems.type_names) != set(TYPE_NAMES):
        problems.append(f"problems.type_names must name {list(TYPE_NAMES)}")
    if problems:
        raise ValueError("invalid recommendation messages: " + "; ".join(problems))


def load_messages(data: bytes) -> RecommendationMessages:
    """Decode and check `content/messages/<locale>.yaml`."""
    return messages_from(msgspec.yaml.decode(data))


def messages_from(raw: object) -> RecommendationMessages:
    """Check already decoded messages (a content bundle keeps them as plain data)."""
    messages = msgspec.convert(raw, type=RecommendationMessages)
    _check_messages(messages)
    return messages
