from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LocaleInfo")


@_attrs_define
class LocaleInfo:
    """
    Attributes:
        code (str):
        completeness (float):
        fallback (None | str):
        language_name (str):
    """

    code: str
    completeness: float
    fallback: None | str
    language_name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        completeness = self.completeness

        fallback: None | str
        fallback = self.fallback

        language_name = self.language_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "completeness": completeness,
                "fallback": fallback,
                "language_name": language_name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        completeness = d.pop("completeness")

        def _parse_fallback(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        fallback = _parse_fallback(d.pop("fallback"))

        language_name = d.pop("language_name")

        locale_info = cls(
            code=code,
            completeness=completeness,
            fallback=fallback,
            language_name=language_name,
        )

        locale_info.additional_properties = d
        return locale_info

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
