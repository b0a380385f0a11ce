"""What one locale serves: its lists, lookups by key, variant filters and term search."""

from dataclasses import dataclass, field
from typing import Any

from service.domain.content.search import SearchIndex
from service.domain.errors import NotFound
from service.domain.schemas import (
    Approach,
    Aspect,
    Export,
    Term,
    Topic,
    Variant,
)
from service.domain.vocabulary import BaseApproach, CareerStage, RelationshipShape

DEFAULT_LOCALE = "en"


@dataclass
class LocaleView:
    """Everything one locale serves, built once per content version."""

    locale: str
    content_version: int
    policy_version: str
    approaches: tuple[Approach, ...]
    aspects: tuple[Aspect, ...]
    topics: tuple[Topic, ...]
    terms: tuple[Term, ...]
    variants: tuple[Variant, ...]
    completeness: float
    _index: dict[str, dict[str, Any]] = field(init=False)
    _search: SearchIndex = field(init=False)

    def __post_init__(self) -> None:
        self._index = {
            "approach": {a.slug: a for a in self.approaches},
            "aspect": {a.key: a for a in self.aspects},
            "topic": {t.slug: t for t in self.topics},
            "term": {t.slug: t for t in self.terms},
            "variant": {v.slug: v for v in self.variants},
        }
        self._search = SearchIndex(self.locale, self.terms, self.aspects)

    def get(self, kind: str, key: str) -> Any:
        try:
            return self._index[kind][key]
        except KeyError:
            raise NotFound(kind, key) from None

    def approach(self, slug: str) -> Approach:
        return self.get("approach", slug)  # type: ignore[no-any-return]

    def aspect(self, key: str) -> Aspect:
        return self.get("aspect", key)  # type: ignore[no-any-return]

    def topic(self, slug: str) -> Topic:
        return self.get("topic", slug)  # type: ignore[no-any-return]

    def term(self, slug: str) -> Term:
        return self.get("term", slug)  # type: ignore[no-any-return]

    def variant(self, slug: str) -> Variant:
        return self.get("variant", slug)  # type: ignore[no-any-return]

    def search_terms(self, query: str) -> tuple[Term, ...]:
        """Terms matching `query`, best first (see `content/search.py`, docs/search.md)."""
        return self._search.search(query)

    def filter_variants(
        self,
        base_approach: BaseApproach | None = None,
        career_stage: CareerStage | None = None,
        relationship_shape: RelationshipShape | None = None,
    ) -> tuple[Variant, ...]:
        return tuple(
            v
            for v in self.variants
            if (base_approach is None or v.base_approach == base_approach)
            and (career_stage is None or career_stage in v.career_stages)
            and (relationship_shape is None or v.relationship_shape == relationship_shape)
        )

    def export(self) -> Export:
        return Export(
            locale=self.locale,
            content_version=self.content_version,
            policy_version=self.policy_version,
            approaches=self.approaches,
            aspects=self.aspects,
            topics=self.topics,
            terms=self.terms,
            variants=self.variants,
        )
