"""The shape of the content files under `content/`, validated strictly when they are loaded.

`content/catalogue.yaml` holds everything language-neutral (slugs, order, links, the structured
attributes of each model variant with the editorial reasoning behind the numbers).
`content/locales/<locale>.yaml` holds every human-readable text of one locale, keyed by slug.
"""

from pathlib import Path

import msgspec

from service.domain.vocabulary import (
    BaseApproach,
    CareerStage,
    Formality,
    Goal,
    Prerequisite,
    RelationshipShape,
)

CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"


class _Strict(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    pass


class Range(_Strict, frozen=True):
    min: int
    typical: int
    max: int


class CatalogueApproach(_Strict, frozen=True):
    slug: str


class CatalogueAspect(_Strict, frozen=True):
    key: str


class CatalogueTopic(_Strict, frozen=True):
    slug: str
    aspects: tuple[str, ...]  # aspect keys the section discusses


class CatalogueTerm(_Strict, frozen=True):
    slug: str
    approaches: tuple[str, ...]  # approach slugs
    variant: str | None  # variant slug


class CatalogueVariant(_Strict, frozen=True):
    slug: str
    base_approach: BaseApproach
    relationship_shape: RelationshipShape
    formality: Formality
    duration_weeks: Range
    session_minutes: Range
    sessions_per_month: Range
    career_stages: tuple[CareerStage, ...]
    goals: tuple[Goal, ...]
    prerequisites: tuple[Prerequisite, ...]
    term: str | None  # term slug
    source_refs: tuple[
        str, ...
    ]  # "aspect:<key>", "topic:<slug>", "term:<slug>" the record rests on


class Replacement(_Strict, frozen=True):
    """A removed item and the item that takes its place, for partners' change feeds."""

    kind: str  # approach, aspect, topic, term or variant
    key: str
    replaced_by: str


class Catalogue(_Strict, frozen=True, omit_defaults=True):
    approaches: tuple[CatalogueApproach, ...]
    aspects: tuple[CatalogueAspect, ...]
    topics: tuple[CatalogueTopic, ...]
    terms: tuple[CatalogueTerm, ...]
    variants: tuple[CatalogueVariant, ...]
    # Omitted when empty, so that adding the field changed no content checksum.
    replaced: tuple[Replacement, ...] = ()


class ApproachText(_Strict, frozen=True):
    name: str
    summary: str  # the source's own sentence about the approach
    complement: str  # the source's sentence on how both approaches complement each other


class AspectText(_Strict, frozen=True):
    name: str
    mentoring: str
    coaching: str


class TopicText(_Strict, frozen=True):
    title: str
    body: str


class TermText(_Strict, frozen=True):
    name: str
    definition: str
    synonyms: tuple[str, ...]


class VariantText(_Strict, frozen=True):
    name: str
    summary: str
    strengths: tuple[str, ...]
    risks: tuple[str, ...]
    editorial_note: str  # why the structured numbers are what they are


class LocaleTexts(_Strict, frozen=True):
    locale: str
    language_name: str
    approaches: dict[str, ApproachText]
    aspects: dict[str, AspectText]
    topics: dict[str, TopicText]
    terms: dict[str, TermText]
    variants: dict[str, VariantText]
