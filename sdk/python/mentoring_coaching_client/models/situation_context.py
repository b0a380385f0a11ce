from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SituationContext")


@_attrs_define
class SituationContext:
    """What the organisation and the person can offer: each flag true, false or not said.

    Attributes:
        ai_acceptable (bool | None | Unset): AI coaching tools are acceptable. Left out or null: not said. Optional; the
            server uses `null` when it is left out.
        coach_budget (bool | None | Unset): There is budget for an external coach. Left out or null: not said. Optional;
            the server uses `null` when it is left out.
        peers_available (bool | None | Unset): Peers at a similar career stage are available. Left out or null: not
            said. Optional; the server uses `null` when it is left out.
        senior_learns_from_juniors (bool | None | Unset): The person is a senior leader who wants to learn from junior
            staff (reverse mentoring). Left out or null: not said. Optional; the server uses `null` when it is left out.
        sponsors_available (bool | None | Unset): Senior advocates or sponsors are available. Left out or null: not
            said. Optional; the server uses `null` when it is left out.
    """

    ai_acceptable: bool | None | Unset = UNSET
    coach_budget: bool | None | Unset = UNSET
    peers_available: bool | None | Unset = UNSET
    senior_learns_from_juniors: bool | None | Unset = UNSET
    sponsors_available: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        ai_acceptable: bool | None | Unset
        if isinstance(self.ai_acceptable, Unset):
            ai_acceptable = UNSET
        else:
            ai_acceptable = self.ai_acceptable

        coach_budget: bool | None | Unset
        if isinstance(self.coach_budget, Unset):
            coach_budget = UNSET
        else:
            coach_budget = self.coach_budget

        peers_available: bool | None | Unset
        if isinstance(self.peers_available, Unset):
            peers_available = UNSET
        else:
            peers_available = self.peers_available

        senior_learns_from_juniors: bool | None | Unset
        if isinstance(self.senior_learns_from_juniors, Unset):
            senior_learns_from_juniors = UNSET
        else:
            senior_learns_from_juniors = self.senior_learns_from_juniors

        sponsors_available: bool | None | Unset
        if isinstance(self.sponsors_available, Unset):
            sponsors_available = UNSET
        else:
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

        def _parse_ai_acceptable(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        ai_acceptable = _parse_ai_acceptable(d.pop("ai_acceptable", UNSET))

        def _parse_coach_budget(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        coach_budget = _parse_coach_budget(d.pop("coach_budget", UNSET))

        def _parse_peers_available(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        peers_available = _parse_peers_available(d.pop("peers_available", UNSET))

        def _parse_senior_learns_from_juniors(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        senior_learns_from_juniors = _parse_senior_learns_from_juniors(d.pop("senior_learns_from_juniors", UNSET))

        def _parse_sponsors_available(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        sponsors_available = _parse_sponsors_available(d.pop("sponsors_available", UNSET))

        situation_context = cls(
            ai_acceptable=ai_acceptable,
            coach_budget=coach_budget,
            peers_available=peers_available,
            senior_learns_from_juniors=senior_learns_from_juniors,
            sponsors_available=sponsors_available,
        )

        return situation_context
