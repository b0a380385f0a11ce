"""Explainable recommendation of development models (mentoring, coaching and their variants).

Pure and in-memory: no I/O, no logging of the situation. Build one `Engine` per (policy,
catalogue, locale texts, messages) and call `recommend` or `recommend_batch`.

    policy = load_policy(Path("content/policy.yaml").read_bytes())
    messages = load_messages(Path("content/messages/en.yaml").read_bytes())
    engine = Engine(policy, catalogue, texts, messages, content_version=7)
    engine.recommend(parse_situation(body))

The pieces: `input` (the situation and its validation), `policy` (weights, profiles, message
templates), `limits` (the numeric limits, once), `output` (the response), the engine split by job
(`tables`, `scoring`, `growth`, `counterfactuals`, composed by `engine`), `wording` (message
templates with CLDR plurals, numbers and lists, and variant names with their grammar) and
`service` (what both doors call: the engine of the content version in service, batches).
"""

from service.domain.recommendation.engine import Engine
from service.domain.recommendation.input import (
    FieldProblem,
    InvalidSituation,
    Situation,
    SituationContext,
    parse_situation,
)
from service.domain.recommendation.limits import MAX_BATCH
from service.domain.recommendation.output import (
    BatchItem,
    BreakdownItem,
    Caution,
    Counterfactual,
    GrowthPlan,
    GrowthTrack,
    ItemProblem,
    Primary,
    PrimaryApproach,
    RankedVariant,
    Reason,
    Recommendation,
)
from service.domain.recommendation.policy import (
    Factor,
    RecommendationMessages,
    RecommendationPolicy,
    load_messages,
    load_policy,
    messages_from,
    policy_from,
)

__all__ = [
    "MAX_BATCH",
    "BatchItem",
    "BreakdownItem",
    "Caution",
    "Counterfactual",
    "Engine",
    "Factor",
    "FieldProblem",
    "GrowthPlan",
    "GrowthTrack",
    "InvalidSituation",
    "ItemProblem",
    "Primary",
    "PrimaryApproach",
    "RankedVariant",
    "Reason",
    "Recommendation",
    "RecommendationMessages",
    "RecommendationPolicy",
    "Situation",
    "SituationContext",
    "load_messages",
    "load_policy",
    "messages_from",
    "parse_situation",
    "policy_from",
]
