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
from .card_check import CardCheck
from .card_evaluation import CardEvaluation
from .card_factor import CardFactor
from .card_input import CardInput
from .card_link import CardLink
from .career_stage import CareerStage
from .caution import Caution
from .change import Change
from .change_page import ChangePage
from .context_fit import ContextFit
from .counterfactual import Counterfactual
from .created_webhook import CreatedWebhook
from .delivery_attempt import DeliveryAttempt
from .delivery_attempt_delivery_status import DeliveryAttemptDeliveryStatus
from .delivery_attempt_outcome import DeliveryAttemptOutcome
from .delivery_page import DeliveryPage
from .documents_event import DocumentsEvent
from .documents_event_page import DocumentsEventPage
from .documents_summary import DocumentsSummary
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
from .issuer import Issuer
from .issuer_change import IssuerChange
from .issuer_change_page import IssuerChangePage
from .issuer_create import IssuerCreate
from .issuer_page import IssuerPage
from .item_problem import ItemProblem
from .locale_info import LocaleInfo
from .locale_list import LocaleList
from .manifest_detail import ManifestDetail
from .manifest_summary import ManifestSummary
from .mode_change import ModeChange
from .organisation_policy_document import OrganisationPolicyDocument
from .organisation_policy_document_context_defaults import OrganisationPolicyDocumentContextDefaults
from .organisation_policy_document_weights import OrganisationPolicyDocumentWeights
from .ping_sent import PingSent
from .policy_card import PolicyCard
from .policy_release import PolicyRelease
from .policy_release_page import PolicyReleasePage
from .policy_version import PolicyVersion
from .policy_version_policy import PolicyVersionPolicy
from .prerequisite import Prerequisite
from .primary import Primary
from .primary_approach import PrimaryApproach
from .problem import Problem
from .protected_resource_metadata import ProtectedResourceMetadata
from .published_policy import PublishedPolicy
from .published_policy_page import PublishedPolicyPage
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
from .register_trusted_document_manifest_apollo_persisted_query_manifest import (
    RegisterTrustedDocumentManifestApolloPersistedQueryManifest,
)
from .register_trusted_document_manifest_apollo_persisted_query_manifest_operations_item import (
    RegisterTrustedDocumentManifestApolloPersistedQueryManifestOperationsItem,
)
from .register_trusted_document_manifest_apollo_persisted_query_manifest_operations_item_type import (
    RegisterTrustedDocumentManifestApolloPersistedQueryManifestOperationsItemType,
)
from .register_trusted_document_manifest_persisted_documents_json_graphql_codegen_client_preset import (
    RegisterTrustedDocumentManifestPersistedDocumentsJsonGraphqlCodegenClientPreset,
)
from .relationship_preference import RelationshipPreference
from .relationship_shape import RelationshipShape
from .release import Release
from .release_detail import ReleaseDetail
from .release_page import ReleasePage
from .release_summary import ReleaseSummary
from .replay_request import ReplayRequest
from .sections import Sections
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
from .trusted_document import TrustedDocument
from .urgency_fit import UrgencyFit
from .variant import Variant
from .variant_page import VariantPage
from .variant_profile import VariantProfile
from .variant_profile_career_stages import VariantProfileCareerStages
from .variant_profile_goals import VariantProfileGoals
from .webhook import Webhook
from .webhook_create import WebhookCreate
from .webhook_create_events_item import WebhookCreateEventsItem
from .webhook_page import WebhookPage

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
    "CardCheck",
    "CardEvaluation",
    "CardFactor",
    "CardInput",
    "CardLink",
    "CareerStage",
    "Caution",
    "Change",
    "ChangePage",
    "ContextFit",
    "Counterfactual",
    "CreatedWebhook",
    "DeliveryAttempt",
    "DeliveryAttemptDeliveryStatus",
    "DeliveryAttemptOutcome",
    "DeliveryPage",
    "DocumentsEvent",
    "DocumentsEventPage",
    "DocumentsSummary",
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
    "Issuer",
    "IssuerChange",
    "IssuerChangePage",
    "IssuerCreate",
    "IssuerPage",
    "ItemProblem",
    "LocaleInfo",
    "LocaleList",
    "ManifestDetail",
    "ManifestSummary",
    "ModeChange",
    "OrganisationPolicyDocument",
    "OrganisationPolicyDocumentContextDefaults",
    "OrganisationPolicyDocumentWeights",
    "PingSent",
    "PolicyCard",
    "PolicyRelease",
    "PolicyReleasePage",
    "PolicyVersion",
    "PolicyVersionPolicy",
    "Prerequisite",
    "Primary",
    "PrimaryApproach",
    "Problem",
    "ProtectedResourceMetadata",
    "PublishedPolicy",
    "PublishedPolicyPage",
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
    "RegisterTrustedDocumentManifestApolloPersistedQueryManifest",
    "RegisterTrustedDocumentManifestApolloPersistedQueryManifestOperationsItem",
    "RegisterTrustedDocumentManifestApolloPersistedQueryManifestOperationsItemType",
    "RegisterTrustedDocumentManifestPersistedDocumentsJsonGraphqlCodegenClientPreset",
    "RelationshipPreference",
    "RelationshipShape",
    "Release",
    "ReleaseDetail",
    "ReleasePage",
    "ReleaseSummary",
    "ReplayRequest",
    "Sections",
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
    "TrustedDocument",
    "UrgencyFit",
    "Variant",
    "VariantPage",
    "VariantProfile",
    "VariantProfileCareerStages",
    "VariantProfileGoals",
    "Webhook",
    "WebhookCreate",
    "WebhookCreateEventsItem",
    "WebhookPage",
)
