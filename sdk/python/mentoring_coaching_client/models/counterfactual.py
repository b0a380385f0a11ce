from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Counterfactual")


@_attrs_define
class Counterfactual:
    """
    Attributes:
        current (bool | float | None | str): The value sent; null when it was not said.
        field (str):
        suggested (bool | float | str):
        text (str):
        would_rank_first (str):
    """

    current: bool | float | None | str
    field: str
    suggested: bool | float | str
    text: str
    would_rank_first: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        current: bool | float | None | str
        current = self.current

        field = self.field

        suggested: bool | float | str
        suggested = self.suggested

        text = self.text

        would_rank_first = self.would_rank_first

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "current": current,
                "field": field,
                "suggested": suggested,
                "text": text,
                "would_rank_first": would_rank_first,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_current(data: object) -> bool | float | None | str:
            if data is None:
                return data
            return cast(bool | float | None | str, data)

        current = _parse_current(d.pop("current"))

        field = d.pop("field")

        def _parse_suggested(data: object) -> bool | float | str:
            return cast(bool | float | str, data)

        suggested = _parse_suggested(d.pop("suggested"))

        text = d.pop("text")

        would_rank_first = d.pop("would_rank_first")

        counterfactual = cls(
            current=current,
            field=field,
            suggested=suggested,
            text=text,
            would_rank_first=would_rank_first,
        )

        counterfactual.additional_properties = d
        return counterfactual

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
