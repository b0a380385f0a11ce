from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="OrganisationPolicyDocumentWeights")


@_attrs_define
class OrganisationPolicyDocumentWeights:
    """Multiplier per factor, 0.5 to 2.0; the weights are scaled back to add up to 1. Optional; each field left out takes
    its own default. Names: `goals`, `horizon`, `urgency`, `career_stage`, `relationship`, `structure`, `time`,
    `context`.

        Attributes:
            career_stage (float | Unset):
            context (float | Unset):
            goals (float | Unset):
            horizon (float | Unset):
            relationship (float | Unset):
            structure (float | Unset):
            time (float | Unset):
            urgency (float | Unset):
    """

    career_stage: float | Unset = UNSET
    context: float | Unset = UNSET
    goals: float | Unset = UNSET
    horizon: float | Unset = UNSET
    relationship: float | Unset = UNSET
    structure: float | Unset = UNSET
    time: float | Unset = UNSET
    urgency: float | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        career_stage = self.career_stage

        context = self.context

        goals = self.goals

        horizon = self.horizon

        relationship = self.relationship

        structure = self.structure

        time = self.time

        urgency = self.urgency

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if career_stage is not UNSET:
            field_dict["career_stage"] = career_stage
        if context is not UNSET:
            field_dict["context"] = context
        if goals is not UNSET:
            field_dict["goals"] = goals
        if horizon is not UNSET:
            field_dict["horizon"] = horizon
        if relationship is not UNSET:
            field_dict["relationship"] = relationship
        if structure is not UNSET:
            field_dict["structure"] = structure
        if time is not UNSET:
            field_dict["time"] = time
        if urgency is not UNSET:
            field_dict["urgency"] = urgency

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        career_stage = d.pop("career_stage", UNSET)

        context = d.pop("context", UNSET)

        goals = d.pop("goals", UNSET)

        horizon = d.pop("horizon", UNSET)

        relationship = d.pop("relationship", UNSET)

        structure = d.pop("structure", UNSET)

        time = d.pop("time", UNSET)

        urgency = d.pop("urgency", UNSET)

        organisation_policy_document_weights = cls(
            career_stage=career_stage,
            context=context,
            goals=goals,
            horizon=horizon,
            relationship=relationship,
            structure=structure,
            time=time,
            urgency=urgency,
        )

        return organisation_policy_document_weights
