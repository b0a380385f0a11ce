from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SituationContext")


@_attrs_define
class SituationContext:
    """
    Attributes:
        ai_acceptable (bool | Unset): AI coaching tools are acceptable. Optional; the server uses `false` when it is
            left out.
        coach_budget (bool | Unset): There is budget for an external coach. Optional; the server uses `false` when it is
            left out.
        peers_available (bool | Unset): Peers at a similar career stage are available. Optional; the server uses `false`
            when it is left out.
        senior_learns_from_juniors (bool | Unset): The person is a senior leader who wants to learn from junior staff
            (reverse mentoring). Optional; the server uses `false` when it is left out.
        sponsors_available (bool | Unset): Senior advocates or sponsors are available. Optional; the server uses `false`
            when it is left out.
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

        situation_context = cls(
            ai_acceptable=ai_acceptable,
            coach_budget=coach_budget,
            peers_available=peers_available,
            senior_learns_from_juniors=senior_learns_from_juniors,
            sponsors_available=sponsors_available,
        )

        return situation_context
