"""Explainable recommendation of development models (mentoring, coaching and their variants).

Pure and in-memory: no I/O, no logging of the situation. Build one `Engine` per (policy,
catalogue, locale texts, messages) and call `recommend` or `recommend_batch`.

    policy = load_policy(Path("content/policy.yaml").read_bytes())
    messages = load_messages(Path("content/messages/en.yaml").read_bytes())
    engine = Engine(policy, catalogue, texts, messages, content_version=7)
    engine.recommend(parse_situation(body))

The pieces live in `recommend_input` (the situation and its validation), `recommend_policy`
(weights, profiles, message templates), `recommend_output` (the response) and `recommend_engine`
(scoring, growth plan, counterfactual).
"""

from service.domain.recommend_engine import MAX_BATCH, Engine
from service.domain.recommend_input import (
    FieldProblem,
    InvalidSituation,
    Situation,
    SituationContext,
    parse_situation,
)
from service.domain.recommend_output import (
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
from service.domain.recommend_policy import (
    Factor,
    RecommendationMessages,
    RecommendationPolicy,
    load_messages,
    load_policy,
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
    "parse_situation",
]
