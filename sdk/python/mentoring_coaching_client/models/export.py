from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.approach import Approach
    from ..models.aspect import Aspect
    from ..models.term import Term
    from ..models.topic import Topic
    from ..models.variant import Variant


T = TypeVar("T", bound="Export")


@_attrs_define
class Export:
    """
    Attributes:
        approaches (list[Approach]):
        aspects (list[Aspect]):
        content_version (int):
        locale (str):
        policy_version (str):
        terms (list[Term]):
        topics (list[Topic]):
        variants (list[Variant]):
    """

    approaches: list[Approach]
    aspects: list[Aspect]
    content_version: int
    locale: str
    policy_version: str
    terms: list[Term]
    topics: list[Topic]
    variants: list[Variant]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        approaches = []
        for approaches_item_data in self.approaches:
            approaches_item = approaches_item_data.to_dict()
            approaches.append(approaches_item)

        aspects = []
        for aspects_item_data in self.aspects:
            aspects_item = aspects_item_data.to_dict()
            aspects.append(aspects_item)

        content_version = self.content_version

        locale = self.locale

        policy_version = self.policy_version

        terms = []
        for terms_item_data in self.terms:
            terms_item = terms_item_data.to_dict()
            terms.append(terms_item)

        topics = []
        for topics_item_data in self.topics:
            topics_item = topics_item_data.to_dict()
            topics.append(topics_item)

        variants = []
        for variants_item_data in self.variants:
            variants_item = variants_item_data.to_dict()
            variants.append(variants_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "approaches": approaches,
                "aspects": aspects,
                "content_version": content_version,
                "locale": locale,
                "policy_version": policy_version,
                "terms": terms,
                "topics": topics,
                "variants": variants,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.approach import Approach  # noqa: PLC0415
        from ..models.aspect import Aspect  # noqa: PLC0415
        from ..models.term import Term  # noqa: PLC0415
        from ..models.topic import Topic  # noqa: PLC0415
        from ..models.variant import Variant  # noqa: PLC0415

        d = dict(src_dict)
        approaches = []
        _approaches = d.pop("approaches")
        for approaches_item_data in _approaches:
            approaches_item = Approach.from_dict(approaches_item_data)

            approaches.append(approaches_item)

        aspects = []
        _aspects = d.pop("aspects")
        for aspects_item_data in _aspects:
            aspects_item = Aspect.from_dict(aspects_item_data)

            aspects.append(aspects_item)

        content_version = d.pop("content_version")

        locale = d.pop("locale")

        policy_version = d.pop("policy_version")

        terms = []
        _terms = d.pop("terms")
        for terms_item_data in _terms:
            terms_item = Term.from_dict(terms_item_data)

            terms.append(terms_item)

        topics = []
        _topics = d.pop("topics")
        for topics_item_data in _topics:
            topics_item = Topic.from_dict(topics_item_data)

            topics.append(topics_item)

        variants = []
        _variants = d.pop("variants")
        for variants_item_data in _variants:
            variants_item = Variant.from_dict(variants_item_data)

            variants.append(variants_item)

        export = cls(
            approaches=approaches,
            aspects=aspects,
            content_version=content_version,
            locale=locale,
            policy_version=policy_version,
            terms=terms,
            topics=topics,
            variants=variants,
        )

        export.additional_properties = d
        return export

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
