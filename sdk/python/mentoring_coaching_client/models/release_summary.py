from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ReleaseSummary")


@_attrs_define
class ReleaseSummary:
    """
    Attributes:
        created (int):
        policy_changed (bool):
        removed (int):
        updated (int):
    """

    created: int
    policy_changed: bool
    removed: int
    updated: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created = self.created

        policy_changed = self.policy_changed

        removed = self.removed

        updated = self.updated

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created": created,
                "policy_changed": policy_changed,
                "removed": removed,
                "updated": updated,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created = d.pop("created")

        policy_changed = d.pop("policy_changed")

        removed = d.pop("removed")

        updated = d.pop("updated")

        release_summary = cls(
            created=created,
            policy_changed=policy_changed,
            removed=removed,
            updated=updated,
        )

        release_summary.additional_properties = d
        return release_summary

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
