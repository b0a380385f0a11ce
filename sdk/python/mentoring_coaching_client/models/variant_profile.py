from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.career_stage import CareerStage
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.urgency_fit import UrgencyFit
    from ..models.variant_profile_career_stages import VariantProfileCareerStages
    from ..models.variant_profile_goals import VariantProfileGoals


T = TypeVar("T", bound="VariantProfile")


@_attrs_define
class VariantProfile:
    """
    Attributes:
        career_stages (VariantProfileCareerStages):
        goals (VariantProfileGoals):
        horizon (list[float]):
        urgency (UrgencyFit):
        source_stages (list[CareerStage] | Unset):
    """

    career_stages: VariantProfileCareerStages
    goals: VariantProfileGoals
    horizon: list[float]
    urgency: UrgencyFit
    source_stages: list[CareerStage] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        career_stages = self.career_stages.to_dict()

        goals = self.goals.to_dict()

        horizon = self.horizon

        urgency = self.urgency.to_dict()

        source_stages: list[str] | Unset = UNSET
        if not isinstance(self.source_stages, Unset):
            source_stages = []
            for source_stages_item_data in self.source_stages:
                source_stages_item = source_stages_item_data.value
                source_stages.append(source_stages_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "career_stages": career_stages,
                "goals": goals,
                "horizon": horizon,
                "urgency": urgency,
            }
        )
        if source_stages is not UNSET:
            field_dict["source_stages"] = source_stages

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.urgency_fit import UrgencyFit  # noqa: PLC0415
        from ..models.variant_profile_career_stages import VariantProfileCareerStages  # noqa: PLC0415
        from ..models.variant_profile_goals import VariantProfileGoals  # noqa: PLC0415

        d = dict(src_dict)
        career_stages = VariantProfileCareerStages.from_dict(d.pop("career_stages"))

        goals = VariantProfileGoals.from_dict(d.pop("goals"))

        horizon = cast(list[float], d.pop("horizon"))

        urgency = UrgencyFit.from_dict(d.pop("urgency"))

        _source_stages = d.pop("source_stages", UNSET)
        source_stages: list[CareerStage] | Unset = UNSET
        if _source_stages is not UNSET:
            source_stages = []
            for source_stages_item_data in _source_stages:
                source_stages_item = CareerStage(source_stages_item_data)

                source_stages.append(source_stages_item)

        variant_profile = cls(
            career_stages=career_stages,
            goals=goals,
            horizon=horizon,
            urgency=urgency,
            source_stages=source_stages,
        )

        variant_profile.additional_properties = d
        return variant_profile

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
