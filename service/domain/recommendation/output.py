"""What the engine returns: the public, documented shape of a recommendation."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import msgspec

from service.domain.recommendation.input import FieldProblem
from service.domain.recommendation.policy import Factor
from service.domain.vocabulary import BaseApproach, Goal


class PrimaryApproach(StrEnum):
    MENTORING = "mentoring"
    COACHING = "coaching"
    BLEND = "blend"


class _Out(msgspec.Struct, frozen=True, omit_defaults=False, gc=False):
    """Immutable answers, never part of a reference cycle, so not tracked by the cyclic
    collector (`gc=False`): the engine keeps thousands of them in its answer cache, and a
    full collection scanned every one of them (30-60 ms pauses in the worker, measured with
    `gc.callbacks` under a POST load: the POST p99)."""


class BreakdownItem(_Out, frozen=True):
    """One factor's share of a score: contribution = round(weight * fit, 4)."""

    factor: Factor
    weight: float
    fit: Annotated[float, msgspec.Meta(ge=0, le=1, description="How well the variant fits.")]
    contribution: float


class Reason(_Out, frozen=True):
    code: Annotated[str, msgspec.Meta(examples=["horizon.match"])]  # "<factor>.match|gap"
    factor: Factor
    text: str
    aspect: str | None  # comparison-table row key the reason rests on
    topic: str | None  # narrative topic slug
    term: str | None  # glossary term slug


class Caution(_Out, frozen=True):
    code: Annotated[str, msgspec.Meta(examples=["dependency_risk"])]
    text: str
    source_topic: str | None
    source_term: str | None


class RankedVariant(_Out, frozen=True):
    rank: int
    variant: str
    name: str
    base_approach: BaseApproach
    score: Annotated[float, msgspec.Meta(ge=0, le=1)]
    breakdown: tuple[BreakdownItem, ...]
    reasons: tuple[Reason, ...]
    cautions: tuple[Caution, ...]


class Primary(_Out, frozen=True):
    approach: PrimaryApproach
    variant: str
    headline: str


class GrowthTrack(_Out, frozen=True):
    variant: str
    name: str
    base_approach: BaseApproach
    serves_goals: tuple[Goal, ...]
    cadence_per_month: int
    session_minutes: int
    duration_weeks: int


class GrowthPlan(_Out, frozen=True):
    summary: str
    source_topic: str
    tracks: tuple[GrowthTrack, ...]


# No `int`: OpenAPI renders the union as oneOf, and 26 is both an integer and a number there.
Scalar = bool | float | str


class Counterfactual(_Out, frozen=True):
    """The most realistic single-field change that would put another variant first (the
    ranking of changes is in docs/recommendation-policy.md)."""

    field: Annotated[str, msgspec.Meta(examples=["horizon_weeks", "context.coach_budget"])]
    current: Annotated[
        Scalar | None, msgspec.Meta(description="The value sent; null when it was not said.")
    ]
    suggested: Scalar
    would_rank_first: str
    text: str


class Recommendation(_Out, frozen=True):
    policy_version: str
    content_version: int
    locale: str
    primary: Primary
    ranking: tuple[RankedVariant, ...]
    growth_plan: GrowthPlan | None
    counterfactual: Counterfactual | None
    # Stamped by service/domain/decisions (the engine leaves them as they are): see
    # docs/policy-card.md. The organisation's policy version when its keys asked.
    organisation_policy_version: int | None = None
    not_offered: Annotated[
        tuple[str, ...],
        msgspec.Meta(description="Variants the organisation does not offer: never ranked."),
    ] = ()
    decision_id: str = ""
    policy_card: str = ""


class ItemProblem(_Out, frozen=True):
    """RFC 9457-style problem for one batch item."""

    status: int
    title: str
    detail: str
    errors: tuple[FieldProblem, ...]


class BatchItem(_Out, frozen=True):
    index: int
    result: Recommendation | None = None
    problem: ItemProblem | None = None


class RankedScore(_Out, frozen=True):
    """A variant's place in the ranking, without the explanation (batch `detail=summary`)."""

    rank: int
    variant: str
    score: Annotated[float, msgspec.Meta(ge=0, le=1)]


class RecommendationSummary(_Out, frozen=True):
    """A recommendation without per-variant breakdowns, reasons and cautions: about a
    twentieth of the bytes, for batch jobs that store the outcome, not the explanation."""

    policy_version: str
    content_version: int
    locale: str
    primary: Primary
    ranking: tuple[RankedScore, ...]
    growth_plan: GrowthPlan | None
    counterfactual: Counterfactual | None
    organisation_policy_version: int | None = None
    not_offered: tuple[str, ...] = ()
    decision_id: str = ""
    policy_card: str = ""

    @classmethod
    def of(cls, full: Recommendation) -> RecommendationSummary:
        return cls(
            full.policy_version,
            full.content_version,
            full.locale,
            full.primary,
            tuple(RankedScore(r.rank, r.variant, r.score) for r in full.ranking),
            full.growth_plan,
            full.counterfactual,
            full.organisation_policy_version,
            full.not_offered,
            full.decision_id,
            full.policy_card,
        )


class SummaryBatchItem(_Out, frozen=True):
    index: int
    result: RecommendationSummary | None = None
    problem: ItemProblem | None = None
