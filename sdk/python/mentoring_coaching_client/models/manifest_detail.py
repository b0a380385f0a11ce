from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.trusted_document import TrustedDocument


T = TypeVar("T", bound="ManifestDetail")


@_attrs_define
class ManifestDetail:
    """
    Attributes:
        documents (list[TrustedDocument]):
        format_ (str):
        name (str):
        registered_at (datetime.datetime | None):
        registered_by (str):
        sha256 (str):
    """

    documents: list[TrustedDocument]
    format_: str
    name: str
    registered_at: datetime.datetime | None
    registered_by: str
    sha256: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        documents = []
        for documents_item_data in self.documents:
            documents_item = documents_item_data.to_dict()
            documents.append(documents_item)

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
        from ..models.trusted_document import TrustedDocument  # noqa: PLC0415

        d = dict(src_dict)
        documents = []
        _documents = d.pop("documents")
        for documents_item_data in _documents:
            documents_item = TrustedDocument.from_dict(documents_item_data)

            documents.append(documents_item)

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

        manifest_detail = cls(
            documents=documents,
            format_=format_,
            name=name,
            registered_at=registered_at,
            registered_by=registered_by,
            sha256=sha256,
        )

        manifest_detail.additional_properties = d
        return manifest_detail

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
