from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.factor import Factor

T = TypeVar("T", bound="CardFactor")


@_attrs_define
class CardFactor:
    """
    Attributes:
        factor (Factor): The aspects of a situation a variant is scored on; each has a weight in the policy.
        share (str):
        weight (float):
        what (str):
    """

    factor: Factor
    share: str
    weight: float
    what: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        factor = self.factor.value

        share = self.share

        weight = self.weight

        what = self.what

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "factor": factor,
                "share": share,
                "weight": weight,
                "what": what,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        factor = Factor(d.pop("factor"))

        share = d.pop("share")

        weight = d.pop("weight")

        what = d.pop("what")

        card_factor = cls(
            factor=factor,
            share=share,
            weight=weight,
            what=what,
        )

        card_factor.additional_properties = d
        return card_factor

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
