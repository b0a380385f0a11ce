from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="IssuerCreate")


@_attrs_define
class IssuerCreate:
    """
    Attributes:
        issuer (str):
        jwks_uri (None | str | Unset):
    """

    issuer: str
    jwks_uri: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        issuer = self.issuer

        jwks_uri: None | str | Unset
        if isinstance(self.jwks_uri, Unset):
            jwks_uri = UNSET
        else:
            jwks_uri = self.jwks_uri

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "issuer": issuer,
            }
        )
        if jwks_uri is not UNSET:
            field_dict["jwks_uri"] = jwks_uri

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        issuer = d.pop("issuer")

        def _parse_jwks_uri(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        jwks_uri = _parse_jwks_uri(d.pop("jwks_uri", UNSET))

        issuer_create = cls(
            issuer=issuer,
            jwks_uri=jwks_uri,
        )

        return issuer_create
