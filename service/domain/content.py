"""The content service: an immutable snapshot per content version, with queries and search.

Reads never touch PostgreSQL: the snapshot is rebuilt when the version in PostgreSQL changes
(`ContentStore.refresh`), and requests keep being served from the last good snapshot while
the database is away.
"""

import base64
import binascii
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import msgspec

from service.domain.bundle import StoredBundle
from service.domain.content_files import Range
from service.domain.errors import InvalidParameter, NotFound
from service.domain.recommendation import Engine, RecommendationPolicy, messages_from, policy_from
from service.domain.schemas import (
    Approach,
    Aspect,
    AspectStatement,
    Export,
    LocaleInfo,
    Span,
    Term,
    Topic,
    Variant,
)
from service.domain.vocabulary import BaseApproach, CareerStage, RelationshipShape

DEFAULT_LOCALE = "en"
DEFAULT_LIMIT = 20
MAX_LIMIT = 100
# Encoded responses kept per locale view; bounded because query strings are unbounded.
_ENCODED_CACHE_SIZE = 2048

T = TypeVar("T")


def normalize(text: str) -> str:
    """Case- and accent-insensitive form used for search: 'Mentoría' -> 'mentoria'."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.findall(r"\w+", stripped.casefold()))


_SUFFIXES = ("ships", "ship", "ings", "ing", "ers", "er", "es", "s")


def _stem(word: str) -> str:
    # A light English stemmer is enough for a glossary: 'mentorship', 'mentoring', 'mentors'
    # all meet at 'mentor'. Other locales still match on their accent-folded words.
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@dataclass(frozen=True)
class _SearchEntry:
    term: Term
    position: int
    name: str
    synonyms: tuple[str, ...]
    title_stems: frozenset[str]
    definition_stems: frozenset[str]


def _search_entry(term: Term, position: int) -> _SearchEntry:
    name = normalize(term.name)
    synonyms = tuple(normalize(s) for s in term.synonyms)
    title_words = " ".join((name, *synonyms)).split()
    return _SearchEntry(
        term=term,
        position=position,
        name=name,
        synonyms=synonyms,
        title_stems=frozenset(_stem(w) for w in title_words),
        definition_stems=frozenset(_stem(w) for w in normalize(term.definition).split()),
    )


def _match_score(entry: _SearchEntry, query: str, stems: Sequence[str]) -> int:
    """Higher is better; 0 means no match. Whole-phrase hits beat word hits, titles beat text."""
    if query == entry.name:
        return 1000
    if query in entry.synonyms:
        return 900
    titles = (entry.name, *entry.synonyms)
    if any(title.startswith(query) for title in titles):
        return 800
    if any(query in title for title in titles):
        return 700
    score = 0
    for stem in stems:
        if stem in entry.title_stems:
            score += 100
        elif stem in entry.definition_stems:
            score += 10
        else:
            return 0  # every word of the query must match somewhere
    return score


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
    _index: dict[str, dict[str, Any]] = field(default_factory=dict)
    _search: tuple[_SearchEntry, ...] = ()
    _encoded: dict[Any, bytes] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._index = {
            "approach": {a.slug: a for a in self.approaches},
            "aspect": {a.key: a for a in self.aspects},
            "topic": {t.slug: t for t in self.topics},
            "term": {t.slug: t for t in self.terms},
            "variant": {v.slug: v for v in self.variants},
        }
        self._search = tuple(_search_entry(t, i) for i, t in enumerate(self.terms))

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
        normalized = normalize(query)
        if not normalized:
            raise InvalidParameter("q", "The search query must contain a letter or a digit.")
        stems = [_stem(word) for word in normalized.split()]
        scored = [(_match_score(e, normalized, stems), e.position, e.term) for e in self._search]
        return tuple(
            term for score, _, term in sorted(scored, key=lambda s: (-s[0], s[1])) if score
        )

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

    def encoded(self, key: Any, build: Callable[[], Any]) -> bytes:
        """JSON bytes for a representation, encoded once per content version."""
        body = self._encoded.get(key)
        if body is None:
            body = msgspec.json.encode(build())
            if len(self._encoded) >= _ENCODED_CACHE_SIZE:
                self._encoded.clear()
            self._encoded[key] = body
        return body


def paginate(
    items: Sequence[T], limit: int, cursor: str | None
) -> tuple[tuple[T, ...], str | None]:
    """One page of `items` and the opaque cursor of the next page (None on the last one)."""
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidParameter("limit", f"limit must be between 1 and {MAX_LIMIT}.")
    start = 0 if cursor is None else decode_cursor(cursor)
    if start > len(items):
        raise InvalidParameter("cursor", "The cursor points past the end of this list.")
    end = start + limit
    return tuple(items[start:end]), (encode_cursor(end) if end < len(items) else None)


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, _, number = raw.partition(":")
        if kind != "o" or not number.isdigit() or len(number) > 9:
            raise ValueError(raw)
        return int(number)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise InvalidParameter(
            "cursor", "The cursor is not one this API issued; use `next_cursor` as returned."
        ) from None


@dataclass(frozen=True)
class Snapshot:
    """One content version, all locales."""

    stored: StoredBundle
    views: dict[str, LocaleView]
    policy: RecommendationPolicy
    engines: dict[str, Engine]  # one recommendation engine per locale

    @property
    def version(self) -> int:
        return self.stored.version

    @property
    def locales(self) -> tuple[str, ...]:
        return tuple(self.views)

    def view(self, locale: str) -> LocaleView:
        return self.views.get(locale) or self.views[DEFAULT_LOCALE]

    def engine(self, locale: str) -> Engine:
        return self.engines.get(locale) or self.engines[DEFAULT_LOCALE]

    def locale_infos(self) -> tuple[LocaleInfo, ...]:
        return tuple(
            LocaleInfo(
                code=code,
                language_name=self.stored.bundle.locales[code].language_name,
                completeness=view.completeness,
                fallback=None if code == DEFAULT_LOCALE else DEFAULT_LOCALE,
            )
            for code, view in self.views.items()
        )


def build_snapshot(stored: StoredBundle) -> Snapshot:
    bundle = stored.bundle
    ordered = sorted(bundle.locales, key=lambda code: (code != DEFAULT_LOCALE, code))
    policy = policy_from(bundle.policy)
    engines = {
        code: Engine(
            policy,
            bundle.catalogue,
            bundle.locales[code],
            # A locale without its own recommendation texts speaks English rather than fail.
            messages_from(bundle.messages.get(code, bundle.messages[DEFAULT_LOCALE])),
            content_version=stored.version,
        )
        for code in ordered
    }
    views = {code: _build_view(stored, code) for code in ordered}
    return Snapshot(stored, views, policy, engines)


def _completeness(stored: StoredBundle, locale: str) -> float:
    """Share of text fields that are non-empty in this locale and present in its messages."""
    texts = msgspec.to_builtins(stored.bundle.locales[locale])
    values: list[Any] = []
    for kind in ("approaches", "aspects", "topics", "terms", "variants"):
        for item in texts[kind].values():
            values.extend(item.values())
    filled = sum(1 for v in values if v not in ("", [], None))
    english_messages = stored.bundle.messages.get(DEFAULT_LOCALE, {})
    own_messages = stored.bundle.messages.get(locale, {})
    filled += sum(1 for key in english_messages if own_messages.get(key))
    total = len(values) + len(english_messages)
    return round(filled / total, 4) if total else 1.0


def _span(value: Range) -> Span:
    return Span(value.min, value.typical, value.max)


def _build_view(stored: StoredBundle, locale: str) -> LocaleView:
    catalogue = stored.bundle.catalogue
    texts = stored.bundle.locales[locale]
    aspects = tuple(
        Aspect(
            key=a.key,
            name=texts.aspects[a.key].name,
            mentoring=texts.aspects[a.key].mentoring,
            coaching=texts.aspects[a.key].coaching,
            topics=tuple(t.slug for t in catalogue.topics if a.key in t.aspects),
        )
        for a in catalogue.aspects
    )
    approaches = tuple(
        Approach(
            slug=a.slug,
            name=texts.approaches[a.slug].name,
            summary=texts.approaches[a.slug].summary,
            complement=texts.approaches[a.slug].complement,
            aspects=tuple(
                AspectStatement(aspect.key, aspect.name, getattr(aspect, a.slug, ""))
                for aspect in aspects
            ),
        )
        for a in catalogue.approaches
    )
    topics = tuple(
        Topic(
            slug=t.slug,
            title=texts.topics[t.slug].title,
            body=texts.topics[t.slug].body,
            aspects=t.aspects,
        )
        for t in catalogue.topics
    )
    terms = tuple(
        Term(
            slug=t.slug,
            name=texts.terms[t.slug].name,
            definition=texts.terms[t.slug].definition,
            synonyms=texts.terms[t.slug].synonyms,
            approaches=t.approaches,
            variant=t.variant,
        )
        for t in catalogue.terms
    )
    variants = tuple(
        Variant(
            slug=v.slug,
            name=texts.variants[v.slug].name,
            summary=texts.variants[v.slug].summary,
            base_approach=v.base_approach,
            relationship_shape=v.relationship_shape,
            formality=v.formality,
            duration_weeks=_span(v.duration_weeks),
            session_minutes=_span(v.session_minutes),
            sessions_per_month=_span(v.sessions_per_month),
            career_stages=v.career_stages,
            goals=v.goals,
            prerequisites=v.prerequisites,
            strengths=texts.variants[v.slug].strengths,
            risks=texts.variants[v.slug].risks,
            editorial_note=texts.variants[v.slug].editorial_note,
            term=v.term,
            source_refs=v.source_refs,
        )
        for v in catalogue.variants
    )
    return LocaleView(
        locale=locale,
        content_version=stored.version,
        policy_version=stored.bundle.policy_version,
        approaches=approaches,
        aspects=aspects,
        topics=topics,
        terms=terms,
        variants=variants,
        completeness=_completeness(stored, locale),
    )
