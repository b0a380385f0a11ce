from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.organisation_policy_document import OrganisationPolicyDocument


T = TypeVar("T", bound="PublishedPolicy")


@_attrs_define
class PublishedPolicy:
    """
    Attributes:
        document (OrganisationPolicyDocument): What an organisation changes; everything left out stays as released.
        organisation (str):
        published_at (datetime.datetime | None):
        published_by (None | str):
        version (int):
    """

    document: OrganisationPolicyDocument
    organisation: str
    published_at: datetime.datetime | None
    published_by: None | str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        document = self.document.to_dict()

        organisation = self.organisation

        published_at: None | str
        if isinstance(self.published_at, datetime.datetime):
            published_at = self.published_at.isoformat()
        else:
            published_at = self.published_at

        published_by: None | str
        published_by = self.published_by

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "document": document,
                "organisation": organisation,
                "published_at": published_at,
                "published_by": published_by,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.organisation_policy_document import OrganisationPolicyDocument  # noqa: PLC0415

        d = dict(src_dict)
        document = OrganisationPolicyDocument.from_dict(d.pop("document"))

        organisation = d.pop("organisation")

        def _parse_published_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                published_at_type_0 = datetime.datetime.fromisoformat(data)

                return published_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        published_at = _parse_published_at(d.pop("published_at"))

        def _parse_published_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        published_by = _parse_published_by(d.pop("published_by"))

        version = d.pop("version")

        published_policy = cls(
            document=document,
            organisation=organisation,
            published_at=published_at,
            published_by=published_by,
            version=version,
        )

        published_policy.additional_properties = d
        return published_policy

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
