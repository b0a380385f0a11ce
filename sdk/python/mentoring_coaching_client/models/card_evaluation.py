from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.card_check import CardCheck


T = TypeVar("T", bound="CardEvaluation")


@_attrs_define
class CardEvaluation:
    """
    Attributes:
        checks (list[CardCheck]):
        introduction (str):
        policy_version (str):
        primary_share (str):
        produced_by (str):
        stale (None | str):
        independent (str | Unset): What was evaluated on situations the team did not write. Default: ''.
        situations (str | Unset): How the evaluation situations were generated. Default: ''.
    """

    checks: list[CardCheck]
    introduction: str
    policy_version: str
    primary_share: str
    produced_by: str
    stale: None | str
    independent: str | Unset = ""
    situations: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        checks = []
        for checks_item_data in self.checks:
            checks_item = checks_item_data.to_dict()
            checks.append(checks_item)

        introduction = self.introduction

        policy_version = self.policy_version

        primary_share = self.primary_share

        produced_by = self.produced_by

        stale: None | str
        stale = self.stale

        independent = self.independent

        situations = self.situations

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "checks": checks,
                "introduction": introduction,
                "policy_version": policy_version,
                "primary_share": primary_share,
                "produced_by": produced_by,
                "stale": stale,
            }
        )
        if independent is not UNSET:
            field_dict["independent"] = independent
        if situations is not UNSET:
            field_dict["situations"] = situations

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.card_check import CardCheck  # noqa: PLC0415

        d = dict(src_dict)
        checks = []
        _checks = d.pop("checks")
        for checks_item_data in _checks:
            checks_item = CardCheck.from_dict(checks_item_data)

            checks.append(checks_item)

        introduction = d.pop("introduction")

        policy_version = d.pop("policy_version")

        primary_share = d.pop("primary_share")

        produced_by = d.pop("produced_by")

        def _parse_stale(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        stale = _parse_stale(d.pop("stale"))

        independent = d.pop("independent", UNSET)

        situations = d.pop("situations", UNSET)

        card_evaluation = cls(
            checks=checks,
            introduction=introduction,
            policy_version=policy_version,
            primary_share=primary_share,
            produced_by=produced_by,
            stale=stale,
            independent=independent,
            situations=situations,
        )

        card_evaluation.additional_properties = d
        return card_evaluation

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
