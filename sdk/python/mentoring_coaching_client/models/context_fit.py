from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ContextFit")


@_attrs_define
class ContextFit:
    """
    Attributes:
        all_met (float):
        internal_coach (float):
        none_required (float):
        not_said (float):
        unmet (float):
    """

    all_met: float
    internal_coach: float
    none_required: float
    not_said: float
    unmet: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        all_met = self.all_met

        internal_coach = self.internal_coach

        none_required = self.none_required

        not_said = self.not_said

        unmet = self.unmet

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "all_met": all_met,
                "internal_coach": internal_coach,
                "none_required": none_required,
                "not_said": not_said,
                "unmet": unmet,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        all_met = d.pop("all_met")

        internal_coach = d.pop("internal_coach")

        none_required = d.pop("none_required")

        not_said = d.pop("not_said")

        unmet = d.pop("unmet")

        context_fit = cls(
            all_met=all_met,
            internal_coach=internal_coach,
            none_required=none_required,
            not_said=not_said,
            unmet=unmet,
        )

        context_fit.additional_properties = d
        return context_fit

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
