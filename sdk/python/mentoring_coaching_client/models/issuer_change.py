from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="IssuerChange")


@_attrs_define
class IssuerChange:
    """
    Attributes:
        action (str):
        changed_at (datetime.datetime | None):
        changed_by (str):
        issuer (str):
        jwks_uri (str):
    """

    action: str
    changed_at: datetime.datetime | None
    changed_by: str
    issuer: str
    jwks_uri: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        changed_at: None | str
        if isinstance(self.changed_at, datetime.datetime):
            changed_at = self.changed_at.isoformat()
        else:
            changed_at = self.changed_at

        changed_by = self.changed_by

        issuer = self.issuer

        jwks_uri = self.jwks_uri

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "changed_at": changed_at,
                "changed_by": changed_by,
                "issuer": issuer,
                "jwks_uri": jwks_uri,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = d.pop("action")

        def _parse_changed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                changed_at_type_0 = datetime.datetime.fromisoformat(data)

                return changed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        changed_at = _parse_changed_at(d.pop("changed_at"))

        changed_by = d.pop("changed_by")

        issuer = d.pop("issuer")

        jwks_uri = d.pop("jwks_uri")

        issuer_change = cls(
            action=action,
            changed_at=changed_at,
            changed_by=changed_by,
            issuer=issuer,
            jwks_uri=jwks_uri,
        )

        issuer_change.additional_properties = d
        return issuer_change

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
