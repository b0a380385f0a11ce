from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Aspect")


@_attrs_define
class Aspect:
    """
    Attributes:
        coaching (str):
        key (str):
        mentoring (str):
        name (str):
        topics (list[str]):
    """

    coaching: str
    key: str
    mentoring: str
    name: str
    topics: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        coaching = self.coaching

        key = self.key

        mentoring = self.mentoring

        name = self.name

        topics = self.topics

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "coaching": coaching,
                "key": key,
                "mentoring": mentoring,
                "name": name,
                "topics": topics,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        coaching = d.pop("coaching")

        key = d.pop("key")

        mentoring = d.pop("mentoring")

        name = d.pop("name")

        topics = cast(list[str], d.pop("topics"))

        aspect = cls(
            coaching=coaching,
            key=key,
            mentoring=mentoring,
            name=name,
            topics=topics,
        )

        aspect.additional_properties = d
        return aspect

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
