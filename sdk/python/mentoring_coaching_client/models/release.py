from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.release_summary import ReleaseSummary


T = TypeVar("T", bound="Release")


@_attrs_define
class Release:
    """
    Attributes:
        policy_version (str):
        previous_version (int | None): Null where the kept history starts.
        released_at (datetime.datetime):
        summary (ReleaseSummary):
        version (int):
    """

    policy_version: str
    previous_version: int | None
    released_at: datetime.datetime
    summary: ReleaseSummary
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        policy_version = self.policy_version

        previous_version: int | None
        previous_version = self.previous_version

        released_at = self.released_at.isoformat()

        summary = self.summary.to_dict()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "policy_version": policy_version,
                "previous_version": previous_version,
                "released_at": released_at,
                "summary": summary,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.release_summary import ReleaseSummary  # noqa: PLC0415

        d = dict(src_dict)
        policy_version = d.pop("policy_version")

        def _parse_previous_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        previous_version = _parse_previous_version(d.pop("previous_version"))

        released_at = datetime.datetime.fromisoformat(d.pop("released_at"))

        summary = ReleaseSummary.from_dict(d.pop("summary"))

        version = d.pop("version")

        release = cls(
            policy_version=policy_version,
            previous_version=previous_version,
            released_at=released_at,
            summary=summary,
            version=version,
        )

        release.additional_properties = d
        return release

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
