from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.factor import Factor

T = TypeVar("T", bound="BreakdownItem")


@_attrs_define
class BreakdownItem:
    """
    Attributes:
        contribution (float):
        factor (Factor): The aspects of a situation a variant is scored on; each has a weight in the policy.
        fit (float): How well the variant fits.
        weight (float):
    """

    contribution: float
    factor: Factor
    fit: float
    weight: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contribution = self.contribution

        factor = self.factor.value

        fit = self.fit

        weight = self.weight

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contribution": contribution,
                "factor": factor,
                "fit": fit,
                "weight": weight,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        contribution = d.pop("contribution")

        factor = Factor(d.pop("factor"))

        fit = d.pop("fit")

        weight = d.pop("weight")

        breakdown_item = cls(
            contribution=contribution,
            factor=factor,
            fit=fit,
            weight=weight,
        )

        breakdown_item.additional_properties = d
        return breakdown_item

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
