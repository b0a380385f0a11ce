from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.aspect_statement import AspectStatement


T = TypeVar("T", bound="Approach")


@_attrs_define
class Approach:
    """
    Attributes:
        aspects (list[AspectStatement]):
        complement (str):
        name (str):
        slug (str):
        summary (str):
    """

    aspects: list[AspectStatement]
    complement: str
    name: str
    slug: str
    summary: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        aspects = []
        for aspects_item_data in self.aspects:
            aspects_item = aspects_item_data.to_dict()
            aspects.append(aspects_item)

        complement = self.complement

        name = self.name

        slug = self.slug

        summary = self.summary

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "aspects": aspects,
                "complement": complement,
                "name": name,
                "slug": slug,
                "summary": summary,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.aspect_statement import AspectStatement  # noqa: PLC0415

        d = dict(src_dict)
        aspects = []
        _aspects = d.pop("aspects")
        for aspects_item_data in _aspects:
            aspects_item = AspectStatement.from_dict(aspects_item_data)

            aspects.append(aspects_item)

        complement = d.pop("complement")

        name = d.pop("name")

        slug = d.pop("slug")

        summary = d.pop("summary")

        approach = cls(
            aspects=aspects,
            complement=complement,
            name=name,
            slug=slug,
            summary=summary,
        )

        approach.additional_properties = d
        return approach

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
