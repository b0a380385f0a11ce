from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="FactorPolicy")


@_attrs_define
class FactorPolicy:
    """
    Attributes:
        aspect (None | str):
        topic (None | str):
        weight (float):
    """

    aspect: None | str
    topic: None | str
    weight: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        aspect: None | str
        aspect = self.aspect

        topic: None | str
        topic = self.topic

        weight = self.weight

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "aspect": aspect,
                "topic": topic,
                "weight": weight,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_aspect(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        aspect = _parse_aspect(d.pop("aspect"))

        def _parse_topic(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        topic = _parse_topic(d.pop("topic"))

        weight = d.pop("weight")

        factor_policy = cls(
            aspect=aspect,
            topic=topic,
            weight=weight,
        )

        factor_policy.additional_properties = d
        return factor_policy

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
