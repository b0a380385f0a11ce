from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.register_trusted_document_manifest_apollo_persisted_query_manifest_operations_item_type import (
    RegisterTrustedDocumentManifestApolloPersistedQueryManifestOperationsItemType,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="RegisterTrustedDocumentManifestApolloPersistedQueryManifestOperationsItem")


@_attrs_define
class RegisterTrustedDocumentManifestApolloPersistedQueryManifestOperationsItem:
    """
    Attributes:
        body (str):
        id (str):
        name (str | Unset):
        type_ (RegisterTrustedDocumentManifestApolloPersistedQueryManifestOperationsItemType | Unset):
    """

    body: str
    id: str
    name: str | Unset = UNSET
    type_: RegisterTrustedDocumentManifestApolloPersistedQueryManifestOperationsItemType | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        body = self.body

        id = self.id

        name = self.name

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "body": body,
                "id": id,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        body = d.pop("body")

        id = d.pop("id")

        name = d.pop("name", UNSET)

        _type_ = d.pop("type", UNSET)
        type_: RegisterTrustedDocumentManifestApolloPersistedQueryManifestOperationsItemType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = RegisterTrustedDocumentManifestApolloPersistedQueryManifestOperationsItemType(_type_)

        register_trusted_document_manifest_apollo_persisted_query_manifest_operations_item = cls(
            body=body,
            id=id,
            name=name,
            type_=type_,
        )

        register_trusted_document_manifest_apollo_persisted_query_manifest_operations_item.additional_properties = d
        return register_trusted_document_manifest_apollo_persisted_query_manifest_operations_item

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
