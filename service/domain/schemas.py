"""Public response types shared by REST and GraphQL. Field names are the REST JSON names."""

from typing import Annotated

import msgspec
from msgspec import Meta

from service.domain.vocabulary import (
    BaseApproach,
    CareerStage,
    Formality,
    Goal,
    Prerequisite,
    RelationshipShape,
)

Slug = Annotated[str, Meta(examples=["reverse-mentoring"])]
Cursor = Annotated[
    str | None,
    Meta(
        description="Opaque; pass it back as `cursor` for the next page. `null` on the last page."
    ),
]


class AspectStatement(msgspec.Struct, frozen=True):
    """What the comparison table says about one approach for one aspect."""

    key: str
    name: str
    statement: str


class Approach(msgspec.Struct, frozen=True):
    slug: str
    name: str
    summary: str
    complement: str
    aspects: tuple[AspectStatement, ...]


class Aspect(msgspec.Struct, frozen=True):
    key: str
    name: str
    mentoring: str
    coaching: str
    topics: tuple[str, ...]


class Topic(msgspec.Struct, frozen=True):
    slug: str
    title: str
    body: str
    aspects: tuple[str, ...]


class Term(msgspec.Struct, frozen=True):
    slug: str
    name: str
    definition: str
    synonyms: tuple[str, ...]
    approaches: tuple[str, ...]
    variant: str | None


class Span(msgspec.Struct, frozen=True):
    min: int
    typical: int
    max: int


class Variant(msgspec.Struct, frozen=True):
    """A development model as a structured record. Numbers are editorial judgements
    (see `editorial_note`); texts in `summary` come from the source."""

    slug: str
    name: str
    summary: str
    base_approach: BaseApproach
    relationship_shape: RelationshipShape
    formality: Formality
    duration_weeks: Span
    session_minutes: Span
    sessions_per_month: Span
    career_stages: tuple[CareerStage, ...]
    goals: tuple[Goal, ...]
    prerequisites: tuple[Prerequisite, ...]
    strengths: tuple[str, ...]
    risks: tuple[str, ...]
    editorial_note: str
    term: str | None
    source_refs: tuple[str, ...]


class ApproachPage(msgspec.Struct, frozen=True):
    items: tuple[Approach, ...]
    next_cursor: Cursor


class AspectPage(msgspec.Struct, frozen=True):
    items: tuple[Aspect, ...]
    next_cursor: Cursor


class TopicPage(msgspec.Struct, frozen=True):
    items: tuple[Topic, ...]
    next_cursor: Cursor


class TermPage(msgspec.Struct, frozen=True):
    items: tuple[Term, ...]
    next_cursor: Cursor


class VariantPage(msgspec.Struct, frozen=True):
    items: tuple[Variant, ...]
    next_cursor: Cursor


class Export(msgspec.Struct, frozen=True):
    """The whole catalogue of one locale, for partners who sync."""

    locale: str
    content_version: int
    policy_version: str
    approaches: tuple[Approach, ...]
    aspects: tuple[Aspect, ...]
    topics: tuple[Topic, ...]
    terms: tuple[Term, ...]
    variants: tuple[Variant, ...]


class LocaleInfo(msgspec.Struct, frozen=True):
    code: str
    language_name: str
    completeness: float
    fallback: str | None


class LocaleList(msgspec.Struct, frozen=True):
    items: tuple[LocaleInfo, ...]
    default: str


class Health(msgspec.Struct, frozen=True):
    status: str
    content_version: int | None = None
