from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.career_stage import CareerStage
from ..models.goal import Goal
from ..models.relationship_preference import RelationshipPreference
from ..models.structure_preference import StructurePreference
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.situation_context import SituationContext


T = TypeVar("T", bound="IntakeSituation")


@_attrs_define
class IntakeSituation:
    """What is known so far of a situation: any subset of its fields, none required. A context flag sent as null, or a
    preference sent as `no_preference`, counts as answered (not sure).

        Attributes:
            career_stage (CareerStage | Unset):
            context (SituationContext | Unset): What the organisation and the person can offer: each flag true, false or not
                said.
            goals (list[Goal] | Unset): What the person wants from development, without repeats.
            horizon_weeks (int | Unset): How far ahead the person plans, in weeks.
            hours_per_week (float | Unset): Hours a week available for development (0.05 is 3 minutes a week; 15 minutes a
                fortnight is 0.125).
            minutes_per_session (int | Unset): Longest session the person can attend, in minutes.
            relationship_preference (RelationshipPreference | Unset):
            structure_preference (StructurePreference | Unset):
            urgent (bool | None | Unset): The person needs help now. Left out or null: not said (neutral). Optional; the
                server uses `null` when it is left out.
    """

    career_stage: CareerStage | Unset = UNSET
    context: SituationContext | Unset = UNSET
    goals: list[Goal] | Unset = UNSET
    horizon_weeks: int | Unset = UNSET
    hours_per_week: float | Unset = UNSET
    minutes_per_session: int | Unset = UNSET
    relationship_preference: RelationshipPreference | Unset = UNSET
    structure_preference: StructurePreference | Unset = UNSET
    urgent: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        career_stage: str | Unset = UNSET
        if not isinstance(self.career_stage, Unset):
            career_stage = self.career_stage.value

        context: dict[str, Any] | Unset = UNSET
        if not isinstance(self.context, Unset):
            context = self.context.to_dict()

        goals: list[str] | Unset = UNSET
        if not isinstance(self.goals, Unset):
            goals = []
            for goals_item_data in self.goals:
                goals_item = goals_item_data.value
                goals.append(goals_item)

        horizon_weeks = self.horizon_weeks

        hours_per_week = self.hours_per_week

        minutes_per_session = self.minutes_per_session

        relationship_preference: str | Unset = UNSET
        if not isinstance(self.relationship_preference, Unset):
            relationship_preference = self.relationship_preference.value

        structure_preference: str | Unset = UNSET
        if not isinstance(self.structure_preference, Unset):
            structure_preference = self.structure_preference.value

        urgent: bool | None | Unset
        if isinstance(self.urgent, Unset):
            urgent = UNSET
        else:
            urgent = self.urgent

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if career_stage is not UNSET:
            field_dict["career_stage"] = career_stage
        if context is not UNSET:
            field_dict["context"] = context
        if goals is not UNSET:
            field_dict["goals"] = goals
        if horizon_weeks is not UNSET:
            field_dict["horizon_weeks"] = horizon_weeks
        if hours_per_week is not UNSET:
            field_dict["hours_per_week"] = hours_per_week
        if minutes_per_session is not UNSET:
            field_dict["minutes_per_session"] = minutes_per_session
        if relationship_preference is not UNSET:
            field_dict["relationship_preference"] = relationship_preference
        if structure_preference is not UNSET:
            field_dict["structure_preference"] = structure_preference
        if urgent is not UNSET:
            field_dict["urgent"] = urgent

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.situation_context import SituationContext  # noqa: PLC0415

        d = dict(src_dict)
        _career_stage = d.pop("career_stage", UNSET)
        career_stage: CareerStage | Unset
        if isinstance(_career_stage, Unset):
            career_stage = UNSET
        else:
            career_stage = CareerStage(_career_stage)

        _context = d.pop("context", UNSET)
        context: SituationContext | Unset
        if isinstance(_context, Unset):
            context = UNSET
        else:
            context = SituationContext.from_dict(_context)

        _goals = d.pop("goals", UNSET)
        goals: list[Goal] | Unset = UNSET
        if _goals is not UNSET:
            goals = []
            for goals_item_data in _goals:
                goals_item = Goal(goals_item_data)

                goals.append(goals_item)

        horizon_weeks = d.pop("horizon_weeks", UNSET)

        hours_per_week = d.pop("hours_per_week", UNSET)

        minutes_per_session = d.pop("minutes_per_session", UNSET)

        _relationship_preference = d.pop("relationship_preference", UNSET)
        relationship_preference: RelationshipPreference | Unset
        if isinstance(_relationship_preference, Unset):
            relationship_preference = UNSET
        else:
            relationship_preference = RelationshipPreference(_relationship_preference)

        _structure_preference = d.pop("structure_preference", UNSET)
        structure_preference: StructurePreference | Unset
        if isinstance(_structure_preference, Unset):
            structure_preference = UNSET
        else:
            structure_preference = StructurePreference(_structure_preference)

        def _parse_urgent(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        urgent = _parse_urgent(d.pop("urgent", UNSET))

        intake_situation = cls(
            career_stage=career_stage,
            context=context,
            goals=goals,
            horizon_weeks=horizon_weeks,
            hours_per_week=hours_per_week,
            minutes_per_session=minutes_per_session,
            relationship_preference=relationship_preference,
            structure_preference=structure_preference,
            urgent=urgent,
        )

        return intake_situation
