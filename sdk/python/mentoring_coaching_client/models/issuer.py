from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Issuer")


@_attrs_define
class Issuer:
    """
    Attributes:
        added_at (datetime.datetime | None):
        added_by (str):
        discovered (bool):
        id (str):
        issuer (str):
        jwks_uri (str):
    """

    added_at: datetime.datetime | None
    added_by: str
    discovered: bool
    id: str
    issuer: str
    jwks_uri: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        added_at: None | str
        if isinstance(self.added_at, datetime.datetime):
            added_at = self.added_at.isoformat()
        else:
            added_at = self.added_at

        added_by = self.added_by

        discovered = self.discovered

        id = self.id

        issuer = self.issuer

        jwks_uri = self.jwks_uri

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "added_at": added_at,
                "added_by": added_by,
                "discovered": discovered,
                "id": id,
                "issuer": issuer,
                "jwks_uri": jwks_uri,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_added_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                added_at_type_0 = datetime.datetime.fromisoformat(data)

                return added_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        added_at = _parse_added_at(d.pop("added_at"))

        added_by = d.pop("added_by")

        discovered = d.pop("discovered")

        id = d.pop("id")

        issuer = d.pop("issuer")

        jwks_uri = d.pop("jwks_uri")

        issuer = cls(
            added_at=added_at,
            added_by=added_by,
            discovered=discovered,
            id=id,
            issuer=issuer,
            jwks_uri=jwks_uri,
        )

        issuer.additional_properties = d
        return issuer

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
