from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ManifestSummary")


@_attrs_define
class ManifestSummary:
    """
    Attributes:
        documents (int):
        format_ (str):
        name (str):
        registered_at (datetime.datetime | None):
        registered_by (str):
        sha256 (str):
    """

    documents: int
    format_: str
    name: str
    registered_at: datetime.datetime | None
    registered_by: str
    sha256: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        documents = self.documents

        format_ = self.format_

        name = self.name

        registered_at: None | str
        if isinstance(self.registered_at, datetime.datetime):
            registered_at = self.registered_at.isoformat()
        else:
            registered_at = self.registered_at

        registered_by = self.registered_by

        sha256 = self.sha256

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "documents": documents,
                "format": format_,
                "name": name,
                "registered_at": registered_at,
                "registered_by": registered_by,
                "sha256": sha256,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        documents = d.pop("documents")

        format_ = d.pop("format")

        name = d.pop("name")

        def _parse_registered_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                registered_at_type_0 = datetime.datetime.fromisoformat(data)

                return registered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        registered_at = _parse_registered_at(d.pop("registered_at"))

        registered_by = d.pop("registered_by")

        sha256 = d.pop("sha256")

        manifest_summary = cls(
            documents=documents,
            format_=format_,
            name=name,
            registered_at=registered_at,
            registered_by=registered_by,
            sha256=sha256,
        )

        manifest_summary.additional_properties = d
        return manifest_summary

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
