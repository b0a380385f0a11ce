from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="QuestionOption")


@_attrs_define
class QuestionOption:
    """
    Attributes:
        label (str):
        value (bool | None | str): What to send for the field; null: not said.
        not_sure (bool | Unset): This option is "not sure": the field counts as not said. Default: False.
    """

    label: str
    value: bool | None | str
    not_sure: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        label = self.label

        value: bool | None | str
        value = self.value

        not_sure = self.not_sure

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "label": label,
                "value": value,
            }
        )
        if not_sure is not UNSET:
            field_dict["not_sure"] = not_sure

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        label = d.pop("label")

        def _parse_value(data: object) -> bool | None | str:
            if data is None:
                return data
            return cast(bool | None | str, data)

        value = _parse_value(d.pop("value"))

        not_sure = d.pop("not_sure", UNSET)

        question_option = cls(
            label=label,
            value=value,
            not_sure=not_sure,
        )

        question_option.additional_properties = d
        return question_option

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
