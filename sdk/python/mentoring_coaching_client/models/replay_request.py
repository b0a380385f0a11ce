from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.situation import Situation


T = TypeVar("T", bound="ReplayRequest")


@_attrs_define
class ReplayRequest:
    """The inputs of a past recommendation, as its answer named them.

    Attributes:
        content_version (int):
        locale (str):
        policy_version (str):
        situation (Situation): An employee's situation. Nothing in it is stored or logged.
        decision_id (None | str | Unset): Optional; the server uses `null` when it is left out.
        organisation_policy_version (int | None | Unset): Optional; the server uses `null` when it is left out.
    """

    content_version: int
    locale: str
    policy_version: str
    situation: Situation
    decision_id: None | str | Unset = UNSET
    organisation_policy_version: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        content_version = self.content_version

        locale = self.locale

        policy_version = self.policy_version

        situation = self.situation.to_dict()

        decision_id: None | str | Unset
        if isinstance(self.decision_id, Unset):
            decision_id = UNSET
        else:
            decision_id = self.decision_id

        organisation_policy_version: int | None | Unset
        if isinstance(self.organisation_policy_version, Unset):
            organisation_policy_version = UNSET
        else:
            organisation_policy_version = self.organisation_policy_version

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "content_version": content_version,
                "locale": locale,
                "policy_version": policy_version,
                "situation": situation,
            }
        )
        if decision_id is not UNSET:
            field_dict["decision_id"] = decision_id
        if organisation_policy_version is not UNSET:
            field_dict["organisation_policy_version"] = organisation_policy_version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.situation import Situation  # noqa: PLC0415

        d = dict(src_dict)
        content_version = d.pop("content_version")

        locale = d.pop("locale")

        policy_version = d.pop("policy_version")

        situation = Situation.from_dict(d.pop("situation"))

        def _parse_decision_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        decision_id = _parse_decision_id(d.pop("decision_id", UNSET))

        def _parse_organisation_policy_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        organisation_policy_version = _parse_organisation_policy_version(d.pop("organisation_policy_version", UNSET))

        replay_request = cls(
            content_version=content_version,
            locale=locale,
            policy_version=policy_version,
            situation=situation,
            decision_id=decision_id,
            organisation_policy_version=organisation_policy_version,
        )

        return replay_request
