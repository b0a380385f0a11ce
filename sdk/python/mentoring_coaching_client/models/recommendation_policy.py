from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.context_fit import ContextFit
    from ..models.reason_thresholds import ReasonThresholds
    from ..models.recommendation_policy_cautions import RecommendationPolicyCautions
    from ..models.recommendation_policy_factors import RecommendationPolicyFactors
    from ..models.recommendation_policy_goal_tracks import RecommendationPolicyGoalTracks
    from ..models.recommendation_policy_relationship_fit import RecommendationPolicyRelationshipFit
    from ..models.recommendation_policy_structure_fit import RecommendationPolicyStructureFit
    from ..models.recommendation_policy_variants import RecommendationPolicyVariants


T = TypeVar("T", bound="RecommendationPolicy")


@_attrs_define
class RecommendationPolicy:
    """
    Attributes:
        caution_topic (str):
        cautions (RecommendationPolicyCautions):
        coach_led (list[str]):
        context (ContextFit):
        factors (RecommendationPolicyFactors):
        goal_tracks (RecommendationPolicyGoalTracks):
        growth_plan_topic (str):
        horizon_bands (list[int]):
        long_term_weeks (int):
        reason_thresholds (ReasonThresholds):
        relationship_fit (RecommendationPolicyRelationshipFit):
        structure_fit (RecommendationPolicyStructureFit):
        urgency_not_said (float):
        variants (RecommendationPolicyVariants):
        version (str):
    """

    caution_topic: str
    cautions: RecommendationPolicyCautions
    coach_led: list[str]
    context: ContextFit
    factors: RecommendationPolicyFactors
    goal_tracks: RecommendationPolicyGoalTracks
    growth_plan_topic: str
    horizon_bands: list[int]
    long_term_weeks: int
    reason_thresholds: ReasonThresholds
    relationship_fit: RecommendationPolicyRelationshipFit
    structure_fit: RecommendationPolicyStructureFit
    urgency_not_said: float
    variants: RecommendationPolicyVariants
    version: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        caution_topic = self.caution_topic

        cautions = self.cautions.to_dict()

        coach_led = self.coach_led

        context = self.context.to_dict()

        factors = self.factors.to_dict()

        goal_tracks = self.goal_tracks.to_dict()

        growth_plan_topic = self.growth_plan_topic

        horizon_bands = self.horizon_bands

        long_term_weeks = self.long_term_weeks

        reason_thresholds = self.reason_thresholds.to_dict()

        relationship_fit = self.relationship_fit.to_dict()

        structure_fit = self.structure_fit.to_dict()

        urgency_not_said = self.urgency_not_said

        variants = self.variants.to_dict()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "caution_topic": caution_topic,
                "cautions": cautions,
                "coach_led": coach_led,
                "context": context,
                "factors": factors,
                "goal_tracks": goal_tracks,
                "growth_plan_topic": growth_plan_topic,
                "horizon_bands": horizon_bands,
                "long_term_weeks": long_term_weeks,
                "reason_thresholds": reason_thresholds,
                "relationship_fit": relationship_fit,
                "structure_fit": structure_fit,
                "urgency_not_said": urgency_not_said,
                "variants": variants,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.context_fit import ContextFit  # noqa: PLC0415
        from ..models.reason_thresholds import ReasonThresholds  # noqa: PLC0415
        from ..models.recommendation_policy_cautions import RecommendationPolicyCautions  # noqa: PLC0415
        from ..models.recommendation_policy_factors import RecommendationPolicyFactors  # noqa: PLC0415
        from ..models.recommendation_policy_goal_tracks import RecommendationPolicyGoalTracks  # noqa: PLC0415
        from ..models.recommendation_policy_relationship_fit import RecommendationPolicyRelationshipFit  # noqa: PLC0415
        from ..models.recommendation_policy_structure_fit import RecommendationPolicyStructureFit  # noqa: PLC0415
        from ..models.recommendation_policy_variants import RecommendationPolicyVariants  # noqa: PLC0415

        d = dict(src_dict)
        caution_topic = d.pop("caution_topic")

        cautions = RecommendationPolicyCautions.from_dict(d.pop("cautions"))

        coach_led = cast(list[str], d.pop("coach_led"))

        context = ContextFit.from_dict(d.pop("context"))

        factors = RecommendationPolicyFactors.from_dict(d.pop("factors"))

        goal_tracks = RecommendationPolicyGoalTracks.from_dict(d.pop("goal_tracks"))

        growth_plan_topic = d.pop("growth_plan_topic")

        horizon_bands = cast(list[int], d.pop("horizon_bands"))

        long_term_weeks = d.pop("long_term_weeks")

        reason_thresholds = ReasonThresholds.from_dict(d.pop("reason_thresholds"))

        relationship_fit = RecommendationPolicyRelationshipFit.from_dict(d.pop("relationship_fit"))

        structure_fit = RecommendationPolicyStructureFit.from_dict(d.pop("structure_fit"))

        urgency_not_said = d.pop("urgency_not_said")

        variants = RecommendationPolicyVariants.from_dict(d.pop("variants"))

        version = d.pop("version")

        recommendation_policy = cls(
            caution_topic=caution_topic,
            cautions=cautions,
            coach_led=coach_led,
            context=context,
            factors=factors,
            goal_tracks=goal_tracks,
            growth_plan_topic=growth_plan_topic,
            horizon_bands=horizon_bands,
            long_term_weeks=long_term_weeks,
            reason_thresholds=reason_thresholds,
            relationship_fit=relationship_fit,
            structure_fit=structure_fit,
            urgency_not_said=urgency_not_said,
            variants=variants,
            version=version,
        )

        recommendation_policy.additional_properties = d
        return recommendation_policy

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
