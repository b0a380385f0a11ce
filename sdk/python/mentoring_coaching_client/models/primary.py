from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.primary_approach import PrimaryApproach

T = TypeVar("T", bound="Primary")


@_attrs_define
class Primary:
    """
    Attributes:
        approach (PrimaryApproach):
        headline (str):
        variant (str):
    """

    approach: PrimaryApproach
    headline: str
    variant: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        approach = self.approach.value

        headline = self.headline

        variant = self.variant

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "approach": approach,
                "headline": headline,
                "variant": variant,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        approach = PrimaryApproach(d.pop("approach"))

        headline = d.pop("headline")

        variant = d.pop("variant")

        primary = cls(
            approach=approach,
            headline=headline,
            variant=variant,
        )

        primary.additional_properties = d
        return primary

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
