from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.question import Question


T = TypeVar("T", bound="IntakeQuestion")


@_attrs_define
class IntakeQuestion:
    """
    Attributes:
        asked_so_far (int): Fields answered so far (not sure included).
        done (bool):
        question (Question):
    """

    asked_so_far: int
    done: bool
    question: Question
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        asked_so_far = self.asked_so_far

        done = self.done

        question = self.question.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "asked_so_far": asked_so_far,
                "done": done,
                "question": question,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.question import Question  # noqa: PLC0415

        d = dict(src_dict)
        asked_so_far = d.pop("asked_so_far")

        done = d.pop("done")

        question = Question.from_dict(d.pop("question"))

        intake_question = cls(
            asked_so_far=asked_so_far,
            done=done,
            question=question,
        )

        intake_question.additional_properties = d
        return intake_question

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
