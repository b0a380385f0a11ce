from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.question import Question


T = TypeVar("T", bound="IntakeQuestion")


@_attrs_define
class IntakeQuestion:
    """
    Attributes:
        asked_so_far (int): Fields answered so far (not sure included).
        question (Question):
        done (bool | Unset):  Default: False.
    """

    asked_so_far: int
    question: Question
    done: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        asked_so_far = self.asked_so_far

        question = self.question.to_dict()

        done = self.done

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "asked_so_far": asked_so_far,
                "question": question,
            }
        )
        if done is not UNSET:
            field_dict["done"] = done

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.question import Question  # noqa: PLC0415

        d = dict(src_dict)
        asked_so_far = d.pop("asked_so_far")

        question = Question.from_dict(d.pop("question"))

        done = d.pop("done", UNSET)

        intake_question = cls(
            asked_so_far=asked_so_far,
            question=question,
            done=done,
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
