from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.factor import Factor

T = TypeVar("T", bound="Reason")


@_attrs_define
class Reason:
    """
    Attributes:
        aspect (None | str):
        code (str):
        factor (Factor): The aspects of a situation a variant is scored on; each has a weight in the policy.
        term (None | str):
        text (str):
        topic (None | str):
    """

    aspect: None | str
    code: str
    factor: Factor
    term: None | str
    text: str
    topic: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        aspect: None | str
        aspect = self.aspect

        code = self.code

        factor = self.factor.value

        term: None | str
        term = self.term

        text = self.text

        topic: None | str
        topic = self.topic

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "aspect": aspect,
                "code": code,
                "factor": factor,
                "term": term,
                "text": text,
                "topic": topic,
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

        code = d.pop("code")

        factor = Factor(d.pop("factor"))

        def _parse_term(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        term = _parse_term(d.pop("term"))

        text = d.pop("text")

        def _parse_topic(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        topic = _parse_topic(d.pop("topic"))

        reason = cls(
            aspect=aspect,
            code=code,
            factor=factor,
            term=term,
            text=text,
            topic=topic,
        )

        reason.additional_properties = d
        return reason

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
