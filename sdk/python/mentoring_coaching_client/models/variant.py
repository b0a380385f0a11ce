from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.base_approach import BaseApproach
from ..models.career_stage import CareerStage
from ..models.formality import Formality
from ..models.goal import Goal
from ..models.prerequisite import Prerequisite
from ..models.relationship_shape import RelationshipShape

if TYPE_CHECKING:
    from ..models.span import Span


T = TypeVar("T", bound="Variant")


@_attrs_define
class Variant:
    """
    Attributes:
        base_approach (BaseApproach):
        career_stages (list[CareerStage]):
        duration_weeks (Span):
        editorial_note (str):
        formality (Formality):
        goals (list[Goal]):
        name (str):
        prerequisites (list[Prerequisite]):
        relationship_shape (RelationshipShape):
        risks (list[str]):
        session_minutes (Span):
        sessions_per_month (Span):
        slug (str):
        source_refs (list[str]):
        strengths (list[str]):
        summary (str):
        term (None | str):
    """

    base_approach: BaseApproach
    career_stages: list[CareerStage]
    duration_weeks: Span
    editorial_note: str
    formality: Formality
    goals: list[Goal]
    name: str
    prerequisites: list[Prerequisite]
    relationship_shape: RelationshipShape
    risks: list[str]
    session_minutes: Span
    sessions_per_month: Span
    slug: str
    source_refs: list[str]
    strengths: list[str]
    summary: str
    term: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        base_approach = self.base_approach.value

        career_stages = []
        for career_stages_item_data in self.career_stages:
            career_stages_item = career_stages_item_data.value
            career_stages.append(career_stages_item)

        duration_weeks = self.duration_weeks.to_dict()

        editorial_note = self.editorial_note

        formality = self.formality.value

        goals = []
        for goals_item_data in self.goals:
            goals_item = goals_item_data.value
            goals.append(goals_item)

        name = self.name

        prerequisites = []
        for prerequisites_item_data in self.prerequisites:
            prerequisites_item = prerequisites_item_data.value
            prerequisites.append(prerequisites_item)

        relationship_shape = self.relationship_shape.value

        risks = self.risks

        session_minutes = self.session_minutes.to_dict()

        sessions_per_month = self.sessions_per_month.to_dict()

        slug = self.slug

        source_refs = self.source_refs

        strengths = self.strengths

        summary = self.summary

        term: None | str
        term = self.term

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "base_approach": base_approach,
                "career_stages": career_stages,
                "duration_weeks": duration_weeks,
                "editorial_note": editorial_note,
                "formality": formality,
                "goals": goals,
                "name": name,
                "prerequisites": prerequisites,
                "relationship_shape": relationship_shape,
                "risks": risks,
                "session_minutes": session_minutes,
                "sessions_per_month": sessions_per_month,
                "slug": slug,
                "source_refs": source_refs,
                "strengths": strengths,
                "summary": summary,
                "term": term,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.span import Span  # noqa: PLC0415

        d = dict(src_dict)
        base_approach = BaseApproach(d.pop("base_approach"))

        career_stages = []
        _career_stages = d.pop("career_stages")
        for career_stages_item_data in _career_stages:
            career_stages_item = CareerStage(career_stages_item_data)

            career_stages.append(career_stages_item)

        duration_weeks = Span.from_dict(d.pop("duration_weeks"))

        editorial_note = d.pop("editorial_note")

        formality = Formality(d.pop("formality"))

        goals = []
        _goals = d.pop("goals")
        for goals_item_data in _goals:
            goals_item = Goal(goals_item_data)

            goals.append(goals_item)

        name = d.pop("name")

        prerequisites = []
        _prerequisites = d.pop("prerequisites")
        for prerequisites_item_data in _prerequisites:
            prerequisites_item = Prerequisite(prerequisites_item_data)

            prerequisites.append(prerequisites_item)

        relationship_shape = RelationshipShape(d.pop("relationship_shape"))

        risks = cast(list[str], d.pop("risks"))

        session_minutes = Span.from_dict(d.pop("session_minutes"))

        sessions_per_month = Span.from_dict(d.pop("sessions_per_month"))

        slug = d.pop("slug")

        source_refs = cast(list[str], d.pop("source_refs"))

        strengths = cast(list[str], d.pop("strengths"))

        summary = d.pop("summary")

        def _parse_term(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        term = _parse_term(d.pop("term"))

        variant = cls(
            base_approach=base_approach,
            career_stages=career_stages,
            duration_weeks=duration_weeks,
            editorial_note=editorial_note,
            formality=formality,
            goals=goals,
            name=name,
            prerequisites=prerequisites,
            relationship_shape=relationship_shape,
            risks=risks,
            session_minutes=session_minutes,
            sessions_per_month=sessions_per_month,
            slug=slug,
            source_refs=source_refs,
            strengths=strengths,
            summary=summary,
            term=term,
        )

        variant.additional_properties = d
        return variant

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
