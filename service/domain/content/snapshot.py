"""One content version for every locale, built once from the stored bundle."""

from dataclasses import dataclass
from typing import Any

import msgspec

from service.domain.bundle import StoredBundle
from service.domain.content.views import DEFAULT_LOCALE, LocaleView
from service.domain.content_files import Range
from service.domain.recommendation import Engine, RecommendationPolicy, messages_from, policy_from
from service.domain.schemas import (
    Approach,
    Aspect,
    AspectStatement,
    LocaleInfo,
    Span,
    Term,
    Topic,
    Variant,
)


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
