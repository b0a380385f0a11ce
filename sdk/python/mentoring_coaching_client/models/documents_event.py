from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DocumentsEvent")


@_attrs_define
class DocumentsEvent:
    """
    Attributes:
        action (str):
        actor (str):
        at (datetime.datetime | None):
        documents (int | None):
        manifest (None | str):
        number (int):
        sha256 (None | str):
    """

    action: str
    actor: str
    at: datetime.datetime | None
    documents: int | None
    manifest: None | str
    number: int
    sha256: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        actor = self.actor

        at: None | str
        if isinstance(self.at, datetime.datetime):
            at = self.at.isoformat()
        else:
            at = self.at

        documents: int | None
        documents = self.documents

        manifest: None | str
        manifest = self.manifest

        number = self.number

        sha256: None | str
        sha256 = self.sha256

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "actor": actor,
                "at": at,
                "documents": documents,
                "manifest": manifest,
                "number": number,
                "sha256": sha256,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = d.pop("action")

        actor = d.pop("actor")

        def _parse_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                at_type_0 = datetime.datetime.fromisoformat(data)

                return at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        at = _parse_at(d.pop("at"))

        def _parse_documents(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        documents = _parse_documents(d.pop("documents"))

        def _parse_manifest(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        manifest = _parse_manifest(d.pop("manifest"))

        number = d.pop("number")

        def _parse_sha256(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        sha256 = _parse_sha256(d.pop("sha256"))

        documents_event = cls(
            action=action,
            actor=actor,
            at=at,
            documents=documents,
            manifest=manifest,
            number=number,
            sha256=sha256,
        )

        documents_event.additional_properties = d
        return documents_event

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
