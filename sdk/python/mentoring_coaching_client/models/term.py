from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Term")


@_attrs_define
class Term:
    """
    Attributes:
        approaches (list[str]):
        definition (str):
        name (str):
        slug (str):
        synonyms (list[str]):
        variant (None | str):
    """

    approaches: list[str]
    definition: str
    name: str
    slug: str
    synonyms: list[str]
    variant: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        approaches = self.approaches

        definition = self.definition

        name = self.name

        slug = self.slug

        synonyms = self.synonyms

        variant: None | str
        variant = self.variant

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "approaches": approaches,
                "definition": definition,
                "name": name,
                "slug": slug,
                "synonyms": synonyms,
                "variant": variant,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        approaches = cast(list[str], d.pop("approaches"))

        definition = d.pop("definition")

        name = d.pop("name")

        slug = d.pop("slug")

        synonyms = cast(list[str], d.pop("synonyms"))

        def _parse_variant(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        variant = _parse_variant(d.pop("variant"))

        term = cls(
            approaches=approaches,
            definition=definition,
            name=name,
            slug=slug,
            synonyms=synonyms,
            variant=variant,
        )

        term.additional_properties = d
        return term

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
