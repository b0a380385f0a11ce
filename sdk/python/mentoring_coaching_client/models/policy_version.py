from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.policy_version_policy import PolicyVersionPolicy


T = TypeVar("T", bound="PolicyVersion")


@_attrs_define
class PolicyVersion:
    """
    Attributes:
        changelog (str):
        in_service (bool):
        policy (PolicyVersionPolicy):
        released_at (datetime.datetime):
        version (str):
    """

    changelog: str
    in_service: bool
    policy: PolicyVersionPolicy
    released_at: datetime.datetime
    version: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        changelog = self.changelog

        in_service = self.in_service

        policy = self.policy.to_dict()

        released_at = self.released_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "changelog": changelog,
                "in_service": in_service,
                "policy": policy,
                "released_at": released_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.policy_version_policy import PolicyVersionPolicy  # noqa: PLC0415

        d = dict(src_dict)
        changelog = d.pop("changelog")

        in_service = d.pop("in_service")

        policy = PolicyVersionPolicy.from_dict(d.pop("policy"))

        released_at = datetime.datetime.fromisoformat(d.pop("released_at"))

        version = d.pop("version")

        policy_version = cls(
            changelog=changelog,
            in_service=in_service,
            policy=policy,
            released_at=released_at,
            version=version,
        )

        policy_version.additional_properties = d
        return policy_version

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
