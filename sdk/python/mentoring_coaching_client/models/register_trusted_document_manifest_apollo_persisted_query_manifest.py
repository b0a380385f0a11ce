from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.register_trusted_document_manifest_apollo_persisted_query_manifest_operations_item import (
        RegisterTrustedDocumentManifestApolloPersistedQueryManifestOperationsItem,
    )


T = TypeVar("T", bound="RegisterTrustedDocumentManifestApolloPersistedQueryManifest")


@_attrs_define
class RegisterTrustedDocumentManifestApolloPersistedQueryManifest:
    """
    Attributes:
        format_ (Literal['apollo-persisted-query-manifest']):
        operations (list[RegisterTrustedDocumentManifestApolloPersistedQueryManifestOperationsItem]):
        version (Literal[1]):
    """

    format_: Literal["apollo-persisted-query-manifest"]
    operations: list[RegisterTrustedDocumentManifestApolloPersistedQueryManifestOperationsItem]
    version: Literal[1]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        format_ = self.format_

        operations = []
        for operations_item_data in self.operations:
            operations_item = operations_item_data.to_dict()
            operations.append(operations_item)

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "format": format_,
                "operations": operations,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.register_trusted_document_manifest_apollo_persisted_query_manifest_operations_item import (
            RegisterTrustedDocumentManifestApolloPersistedQueryManifestOperationsItem,  # noqa: PLC0415
        )

        d = dict(src_dict)
        format_ = cast(Literal["apollo-persisted-query-manifest"], d.pop("format"))
        if format_ != "apollo-persisted-query-manifest":
            raise ValueError(f"format must match const 'apollo-persisted-query-manifest', got '{format_}'")

        operations = []
        _operations = d.pop("operations")
        for operations_item_data in _operations:
            operations_item = RegisterTrustedDocumentManifestApolloPersistedQueryManifestOperationsItem.from_dict(
                operations_item_data
            )

            operations.append(operations_item)

        version = cast(Literal[1], d.pop("version"))
        if version != 1:
            raise ValueError(f"version must match const 1, got '{version}'")

        register_trusted_document_manifest_apollo_persisted_query_manifest = cls(
            format_=format_,
            operations=operations,
            version=version,
        )

        register_trusted_document_manifest_apollo_persisted_query_manifest.additional_properties = d
        return register_trusted_document_manifest_apollo_persisted_query_manifest

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
