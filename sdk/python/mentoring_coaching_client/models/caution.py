from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Caution")


@_attrs_define
class Caution:
    """
    Attributes:
        code (str):
        source_term (None | str):
        source_topic (None | str):
        text (str):
    """

    code: str
    source_term: None | str
    source_topic: None | str
    text: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        source_term: None | str
        source_term = self.source_term

        source_topic: None | str
        source_topic = self.source_topic

        text = self.text

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "source_term": source_term,
                "source_topic": source_topic,
                "text": text,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        def _parse_source_term(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        source_term = _parse_source_term(d.pop("source_term"))

        def _parse_source_topic(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        source_topic = _parse_source_topic(d.pop("source_topic"))

        text = d.pop("text")

        caution = cls(
            code=code,
            source_term=source_term,
            source_topic=source_topic,
            text=text,
        )

        caution.additional_properties = d
        return caution

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
