"""The recommendation policy (weights and per-variant scoring profiles) and the message templates.

Both are data: `content/policy.yaml` and `content/messages/<locale>.yaml`. They are decoded
strictly and checked for internal consistency here, so a bad edit fails at load time with a clear
message instead of producing odd rankings at request time.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

import msgspec

from service.domain.recommendation.limits import HORIZON_WEEKS, SCALE
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
    unmet: float  # a prerequisite is missing


class ReasonThresholds(_Strict, frozen=True):
    match: float  # fit at or above which a factor is named as a reason for the variant
    gap: float  # fit below which a factor is named as holding the variant back


class VariantProfile(_Strict, frozen=True):
    goals: dict[Goal, float]  # goals not listed score 0
    career_stages: dict[CareerStage, float]
    horizon: tuple[float, ...]  # one fit per horizon band
    urgency: UrgencyFit


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


class ListFormat(_Strict, frozen=True):
    separator: str
    last: str


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


class ReasonTexts(_Strict, frozen=True):
    match: str
    gap: str


class HorizonBandTexts(_Strict, frozen=True):
    first: str  # "up to {max} weeks"
    middle: str  # "{min} to {max} weeks"
    last: str  # "more than {min} weeks" (min is the last bound)


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
    type_names: dict[str, str]  # integer / number / boolean / string / list / object


class RecommendationMessages(_Strict, frozen=True):
    locale: str
    list_format: ListFormat
    labels: Labels
    horizon_bands: HorizonBandTexts
    reasons: dict[Factor, ReasonTexts]
    cautions: dict[str, str]
    headlines: dict[str, str]  # mentoring / coaching / blend
    growth_plan_summary: str
    counterfactual: CounterfactualTexts
    problems: ProblemTexts
    decimal_separator: str = "."  # "0,5 Stunden": numbers in texts follow the locale


# Placeholders each template may use; checked at load time so a typo in a translation fails
# loudly instead of raising KeyError in the middle of a request.
_REASON_FIELDS = {
    Factor.GOALS: {"variant", "goals"},
    Factor.HORIZON: {"variant", "min_weeks", "max_weeks", "horizon_band"},
    Factor.URGENCY: {"variant", "urgency"},
    Factor.CAREER_STAGE: {"variant", "career_stage"},
    Factor.RELATIONSHIP: {"variant", "shape", "preference"},
    Factor.STRUCTURE: {"variant", "formality", "preference"},
    Factor.TIME: {"variant", "session_minutes", "hours_per_week"},
    Factor.CONTEXT: {"variant", "prerequisite"},
}
_CAUTION_FIELDS = {"variant", "prerequisite"}
_COUNTERFACTUAL_FIELDS = {"variant", "value", "label"}
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
}
REQUIRED_CAUTIONS = (
    "dependency_risk",
    "uneven_mentor_commitment",
    "limited_reach",
    "prerequisite_missing",
)
TYPE_NAMES = ("integer", "number", "boolean", "string", "list", "object")


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def _check_template(where: str, template: str, allowed: set[str], problems: list[str]) -> None:
    unknown = _placeholders(template) - allowed
    if unknown:
        problems.append(f"{where}: unknown placeholders {sorted(unknown)}")


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
    approaches = {"mentoring", "coaching", "blend"}
    if set(labels.approaches) != approaches or set(m.headlines) != approaches:
        problems.append("labels.approaches and headlines need mentoring, coaching and blend")
    if set(m.reasons) != set(Factor):
        problems.append("reasons must cover every factor")
    for factor, texts in m.reasons.items():
        for kind, template in (("match", texts.match), ("gap", texts.gap)):
            _check_template(f"reasons.{factor}.{kind}", template, _REASON_FIELDS[factor], problems)
    if not set(REQUIRED_CAUTIONS) <= set(m.cautions):
        problems.append(f"cautions must include {list(REQUIRED_CAUTIONS)}")
    for code, template in m.cautions.items():
        _check_template(f"cautions.{code}", template, _CAUTION_FIELDS, problems)
    for name, template in msgspec.structs.asdict(m.counterfactual).items():
        _check_template(f"counterfactual.{name}", template, _COUNTERFACTUAL_FIELDS, problems)
    for code, template in m.headlines.items():
        _check_template(f"headlines.{code}", template, {"variant"}, problems)
    _check_template(
        "growth_plan_summary",
        m.growth_plan_summary,
        {
            "growth_variant",
            "growth_goals",
            "growth_weeks",
            "skill_variant",
            "skill_goals",
            "skill_weeks",
        },
        problems,
    )
    _check_template("horizon_bands.first", m.horizon_bands.first, {"max"}, problems)
    _check_template("horizon_bands.middle", m.horizon_bands.middle, {"min", "max"}, problems)
    _check_template("horizon_bands.last", m.horizon_bands.last, {"min"}, problems)
    problem_texts = msgspec.structs.asdict(m.problems)
    for name, allowed in _PROBLEM_FIELDS.items():
        _check_template(f"problems.{name}", problem_texts[name], allowed, problems)
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
