from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Change")


@_attrs_define
class Change:
    """
    Attributes:
        change (str): created, updated or removed
        key (str): Its slug (an aspect's key).
        kind (str): approach, aspect, topic, term or variant
        locales (list[str]): Locales that changed.
        version (int): The release of its last change.
        replaced_by (None | str | Unset): The key of the item replacing a removed one.
    """

    change: str
    key: str
    kind: str
    locales: list[str]
    version: int
    replaced_by: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        change = self.change

        key = self.key

        kind = self.kind

        locales = self.locales

        version = self.version

        replaced_by: None | str | Unset
        if isinstance(self.replaced_by, Unset):
            replaced_by = UNSET
        else:
            replaced_by = self.replaced_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "change": change,
                "key": key,
                "kind": kind,
                "locales": locales,
                "version": version,
            }
        )
        if replaced_by is not UNSET:
            field_dict["replaced_by"] = replaced_by

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        change = d.pop("change")

        key = d.pop("key")

        kind = d.pop("kind")

        locales = cast(list[str], d.pop("locales"))

        version = d.pop("version")

        def _parse_replaced_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        replaced_by = _parse_replaced_by(d.pop("replaced_by", UNSET))

        change = cls(
            change=change,
            key=key,
            kind=kind,
            locales=locales,
            version=version,
            replaced_by=replaced_by,
        )

        change.additional_properties = d
        return change

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
