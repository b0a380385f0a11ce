from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="OrganisationPolicyDocumentContextDefaults")


@_attrs_define
class OrganisationPolicyDocumentContextDefaults:
    """Organisation-wide context (e.g. coach_budget: false). Replaces a flag the caller did not send; never a value the
    caller sent. Optional; each field left out takes its own default. Names: `senior_learns_from_juniors`,
    `sponsors_available`, `peers_available`, `coach_budget`, `ai_acceptable`.

        Attributes:
            ai_acceptable (bool | Unset):
            coach_budget (bool | Unset):
            peers_available (bool | Unset):
            senior_learns_from_juniors (bool | Unset):
            sponsors_available (bool | Unset):
    """

    ai_acceptable: bool | Unset = UNSET
    coach_budget: bool | Unset = UNSET
    peers_available: bool | Unset = UNSET
    senior_learns_from_juniors: bool | Unset = UNSET
    sponsors_available: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        ai_acceptable = self.ai_acceptable

        coach_budget = self.coach_budget

        peers_available = self.peers_available

        senior_learns_from_juniors = self.senior_learns_from_juniors

        sponsors_available = self.sponsors_available

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if ai_acceptable is not UNSET:
            field_dict["ai_acceptable"] = ai_acceptable
        if coach_budget is not UNSET:
            field_dict["coach_budget"] = coach_budget
        if peers_available is not UNSET:
            field_dict["peers_available"] = peers_available
        if senior_learns_from_juniors is not UNSET:
            field_dict["senior_learns_from_juniors"] = senior_learns_from_juniors
        if sponsors_available is not UNSET:
            field_dict["sponsors_available"] = sponsors_available

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ai_acceptable = d.pop("ai_acceptable", UNSET)

        coach_budget = d.pop("coach_budget", UNSET)

        peers_available = d.pop("peers_available", UNSET)

        senior_learns_from_juniors = d.pop("senior_learns_from_juniors", UNSET)

        sponsors_available = d.pop("sponsors_available", UNSET)

        organisation_policy_document_context_defaults = cls(
            ai_acceptable=ai_acceptable,
            coach_budget=coach_budget,
            peers_available=peers_available,
            senior_learns_from_juniors=senior_learns_from_juniors,
            sponsors_available=sponsors_available,
        )

        return organisation_policy_document_context_defaults
