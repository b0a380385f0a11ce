from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.base_approach import BaseApproach
from ..models.goal import Goal

T = TypeVar("T", bound="GrowthTrack")


@_attrs_define
class GrowthTrack:
    """
    Attributes:
        base_approach (BaseApproach):
        cadence_per_month (int):
        duration_weeks (int):
        name (str):
        serves_goals (list[Goal]):
        session_minutes (int):
        variant (str):
    """

    base_approach: BaseApproach
    cadence_per_month: int
    duration_weeks: int
    name: str
    serves_goals: list[Goal]
    session_minutes: int
    variant: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        base_approach = self.base_approach.value

        cadence_per_month = self.cadence_per_month

        duration_weeks = self.duration_weeks

        name = self.name

        serves_goals = []
        for serves_goals_item_data in self.serves_goals:
            serves_goals_item = serves_goals_item_data.value
            serves_goals.append(serves_goals_item)

        session_minutes = self.session_minutes

        variant = self.variant

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "base_approach": base_approach,
                "cadence_per_month": cadence_per_month,
                "duration_weeks": duration_weeks,
                "name": name,
                "serves_goals": serves_goals,
                "session_minutes": session_minutes,
                "variant": variant,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        base_approach = BaseApproach(d.pop("base_approach"))

        cadence_per_month = d.pop("cadence_per_month")

        duration_weeks = d.pop("duration_weeks")

        name = d.pop("name")

        serves_goals = []
        _serves_goals = d.pop("serves_goals")
        for serves_goals_item_data in _serves_goals:
            serves_goals_item = Goal(serves_goals_item_data)

            serves_goals.append(serves_goals_item)

        session_minutes = d.pop("session_minutes")

        variant = d.pop("variant")

        growth_track = cls(
            base_approach=base_approach,
            cadence_per_month=cadence_per_month,
            duration_weeks=duration_weeks,
            name=name,
            serves_goals=serves_goals,
            session_minutes=session_minutes,
            variant=variant,
        )

        growth_track.additional_properties = d
        return growth_track

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
