from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.manifest_summary import ManifestSummary


T = TypeVar("T", bound="DocumentsSummary")


@_attrs_define
class DocumentsSummary:
    """
    Attributes:
        manifests (list[ManifestSummary]):
        organisation (str):
        trusted_only (bool):
        version (int):
    """

    manifests: list[ManifestSummary]
    organisation: str
    trusted_only: bool
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        manifests = []
        for manifests_item_data in self.manifests:
            manifests_item = manifests_item_data.to_dict()
            manifests.append(manifests_item)

        organisation = self.organisation

        trusted_only = self.trusted_only

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "manifests": manifests,
                "organisation": organisation,
                "trusted_only": trusted_only,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.manifest_summary import ManifestSummary  # noqa: PLC0415

        d = dict(src_dict)
        manifests = []
        _manifests = d.pop("manifests")
        for manifests_item_data in _manifests:
            manifests_item = ManifestSummary.from_dict(manifests_item_data)

            manifests.append(manifests_item)

        organisation = d.pop("organisation")

        trusted_only = d.pop("trusted_only")

        version = d.pop("version")

        documents_summary = cls(
            manifests=manifests,
            organisation=organisation,
            trusted_only=trusted_only,
            version=version,
        )

        documents_summary.additional_properties = d
        return documents_summary

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
