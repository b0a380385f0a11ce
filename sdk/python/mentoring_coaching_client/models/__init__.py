"""Contains all the data models used in inputs/outputs"""

from .approach import Approach
from .approach_page import ApproachPage
from .aspect import Aspect
from .aspect_page import AspectPage
from .aspect_statement import AspectStatement
from .base_approach import BaseApproach
from .batch_detail import BatchDetail
from .batch_item import BatchItem
from .batch_request import BatchRequest
from .batch_response import BatchResponse
from .breakdown_item import BreakdownItem
from .career_stage import CareerStage
from .caution import Caution
from .context_fit import ContextFit
from .counterfactual import Counterfactual
from .export import Export
from .factor import Factor
from .factor_policy import FactorPolicy
from .field_error import FieldError
from .field_problem import FieldProblem
from .formality import Formality
from .goal import Goal
from .goal_track import GoalTrack
from .growth_plan import GrowthPlan
from .growth_track import GrowthTrack
from .health import Health
from .item_problem import ItemProblem
from .locale_info import LocaleInfo
from .locale_list import LocaleList
from .prerequisite import Prerequisite
from .primary import Primary
from .primary_approach import PrimaryApproach
from .problem import Problem
from .ranked_score import RankedScore
from .ranked_variant import RankedVariant
from .reason import Reason
from .reason_thresholds import ReasonThresholds
from .recommendation import Recommendation
from .recommendation_policy import RecommendationPolicy
from .recommendation_policy_cautions import RecommendationPolicyCautions
from .recommendation_policy_factors import RecommendationPolicyFactors
from .recommendation_policy_goal_tracks import RecommendationPolicyGoalTracks
from .recommendation_policy_relationship_fit import RecommendationPolicyRelationshipFit
from .recommendation_policy_relationship_fit_additional_property import (
    RecommendationPolicyRelationshipFitAdditionalProperty,
)
from .recommendation_policy_structure_fit import RecommendationPolicyStructureFit
from .recommendation_policy_structure_fit_additional_property import RecommendationPolicyStructureFitAdditionalProperty
from .recommendation_policy_variants import RecommendationPolicyVariants
from .recommendation_summary import RecommendationSummary
from .relationship_preference import RelationshipPreference
from .relationship_shape import RelationshipShape
from .situation import Situation
from .situation_context import SituationContext
from .span import Span
from .structure_preference import StructurePreference
from .summary_batch_item import SummaryBatchItem
from .summary_batch_response import SummaryBatchResponse
from .term import Term
from .term_page import TermPage
from .topic import Topic
from .topic_page import TopicPage
from .urgency_fit import UrgencyFit
from .variant import Variant
from .variant_page import VariantPage
from .variant_profile import VariantProfile
from .variant_profile_career_stages import VariantProfileCareerStages
from .variant_profile_goals import VariantProfileGoals

__all__ = (
    "Approach",
    "ApproachPage",
    "Aspect",
    "AspectPage",
    "AspectStatement",
    "BaseApproach",
    "BatchDetail",
    "BatchItem",
    "BatchRequest",
    "BatchResponse",
    "BreakdownItem",
    "CareerStage",
    "Caution",
    "ContextFit",
    "Counterfactual",
    "Export",
    "Factor",
    "FactorPolicy",
    "FieldError",
    "FieldProblem",
    "Formality",
    "Goal",
    "GoalTrack",
    "GrowthPlan",
    "GrowthTrack",
    "Health",
    "ItemProblem",
    "LocaleInfo",
    "LocaleList",
    "Prerequisite",
    "Primary",
    "PrimaryApproach",
    "Problem",
    "RankedScore",
    "RankedVariant",
    "Reason",
    "ReasonThresholds",
    "Recommendation",
    "RecommendationPolicy",
    "RecommendationPolicyCautions",
    "RecommendationPolicyFactors",
    "RecommendationPolicyGoalTracks",
    "RecommendationPolicyRelationshipFit",
    "RecommendationPolicyRelationshipFitAdditionalProperty",
    "RecommendationPolicyStructureFit",
    "RecommendationPolicyStructureFitAdditionalProperty",
    "RecommendationPolicyVariants",
    "RecommendationSummary",
    "RelationshipPreference",
    "RelationshipShape",
    "Situation",
    "SituationContext",
    "Span",
    "StructurePreference",
    "SummaryBatchItem",
    "SummaryBatchResponse",
    "Term",
    "TermPage",
    "Topic",
    "TopicPage",
    "UrgencyFit",
    "Variant",
    "VariantPage",
    "VariantProfile",
    "VariantProfileCareerStages",
    "VariantProfileGoals",
)
