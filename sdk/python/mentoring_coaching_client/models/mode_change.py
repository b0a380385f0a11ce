from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ModeChange")


@_attrs_define
class ModeChange:
    """
    Attributes:
        trusted_only (bool):
    """

    trusted_only: bool

    def to_dict(self) -> dict[str, Any]:
        trusted_only = self.trusted_only

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "trusted_only": trusted_only,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        trusted_only = d.pop("trusted_only")

        mode_change = cls(
            trusted_only=trusted_only,
        )

        return mode_change
