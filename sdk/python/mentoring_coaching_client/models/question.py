from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.question_kind import QuestionKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.question_option import QuestionOption


T = TypeVar("T", bound="Question")


@_attrs_define
class Question:
    """
    Attributes:
        field (str): The field the answer fills, dotted for context flags (`context.coach_budget`). Send it in the next
            request's body; an answer of "not sure" is sent as its option's value (null, or `no_preference`).
        kind (QuestionKind):
        required (bool):
        text (str):
        why (str): Why this question is asked now.
        hint (None | str | Unset):
        integer (bool | Unset):  Default: False.
        max_choices (int | None | Unset):
        maximum (float | None | Unset):
        min_choices (int | None | Unset):
        minimum (float | None | Unset):
        options (list[QuestionOption] | Unset):
    """

    field: str
    kind: QuestionKind
    required: bool
    text: str
    why: str
    hint: None | str | Unset = UNSET
    integer: bool | Unset = False
    max_choices: int | None | Unset = UNSET
    maximum: float | None | Unset = UNSET
    min_choices: int | None | Unset = UNSET
    minimum: float | None | Unset = UNSET
    options: list[QuestionOption] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field = self.field

        kind = self.kind.value

        required = self.required

        text = self.text

        why = self.why

        hint: None | str | Unset
        if isinstance(self.hint, Unset):
            hint = UNSET
        else:
            hint = self.hint

        integer = self.integer

        max_choices: int | None | Unset
        if isinstance(self.max_choices, Unset):
            max_choices = UNSET
        else:
            max_choices = self.max_choices

        maximum: float | None | Unset
        if isinstance(self.maximum, Unset):
            maximum = UNSET
        else:
            maximum = self.maximum

        min_choices: int | None | Unset
        if isinstance(self.min_choices, Unset):
            min_choices = UNSET
        else:
            min_choices = self.min_choices

        minimum: float | None | Unset
        if isinstance(self.minimum, Unset):
            minimum = UNSET
        else:
            minimum = self.minimum

        options: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.options, Unset):
            options = []
            for options_item_data in self.options:
                options_item = options_item_data.to_dict()
                options.append(options_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "field": field,
                "kind": kind,
                "required": required,
                "text": text,
                "why": why,
            }
        )
        if hint is not UNSET:
            field_dict["hint"] = hint
        if integer is not UNSET:
            field_dict["integer"] = integer
        if max_choices is not UNSET:
            field_dict["max_choices"] = max_choices
        if maximum is not UNSET:
            field_dict["maximum"] = maximum
        if min_choices is not UNSET:
            field_dict["min_choices"] = min_choices
        if minimum is not UNSET:
            field_dict["minimum"] = minimum
        if options is not UNSET:
            field_dict["options"] = options

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.question_option import QuestionOption  # noqa: PLC0415

        d = dict(src_dict)
        field = d.pop("field")

        kind = QuestionKind(d.pop("kind"))

        required = d.pop("required")

        text = d.pop("text")

        why = d.pop("why")

        def _parse_hint(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        hint = _parse_hint(d.pop("hint", UNSET))

        integer = d.pop("integer", UNSET)

        def _parse_max_choices(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_choices = _parse_max_choices(d.pop("max_choices", UNSET))

        def _parse_maximum(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        maximum = _parse_maximum(d.pop("maximum", UNSET))

        def _parse_min_choices(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        min_choices = _parse_min_choices(d.pop("min_choices", UNSET))

        def _parse_minimum(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        minimum = _parse_minimum(d.pop("minimum", UNSET))

        _options = d.pop("options", UNSET)
        options: list[QuestionOption] | Unset = UNSET
        if _options is not UNSET:
            options = []
            for options_item_data in _options:
                options_item = QuestionOption.from_dict(options_item_data)

                options.append(options_item)

        question = cls(
            field=field,
            kind=kind,
            required=required,
            text=text,
            why=why,
            hint=hint,
            integer=integer,
            max_choices=max_choices,
            maximum=maximum,
            min_choices=min_choices,
            minimum=minimum,
            options=options,
        )

        question.additional_properties = d
        return question

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
