"""The PostgreSQL schema. Alembic owns it (`migrations/`); these classes describe it.

Language-neutral structure lives in one table per kind; every human-readable text lives in a
`*_texts` table keyed by (slug, locale), so a new locale is new rows, never a new column.
No ORM relationships: hot paths read with SQLAlchemy Core into msgspec Structs.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import ARRAY, Column, DateTime, ForeignKey, Text, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

# One naming convention so that alembic's constraint names are stable and reviewable.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _text_array() -> Any:
    return Field(sa_column=Column(ARRAY(Text), nullable=False))


def _fk(target: str) -> Any:
    return Field(sa_column_args=[ForeignKey(target, ondelete="CASCADE")], primary_key=True)


class Locale(SQLModel, table=True):
    __tablename__ = "locales"
    code: str = Field(primary_key=True)
    language_name: str


class ContentVersion(SQLModel, table=True):
    """One row per content load that changed something; the highest version is in service."""

    __tablename__ = "content_versions"
    version: int | None = Field(default=None, primary_key=True)
    checksum: str
    policy_version: str = Field(foreign_key="recommendation_policies.version")
    loaded_at: datetime = Field(
        sa_column=Column(DateTime(timezone=True), nullable=False, server_default=func.now())
    )


class Approach(SQLModel, table=True):
    __tablename__ = "approaches"
    slug: str = Field(primary_key=True)
    position: int


class ApproachText(SQLModel, table=True):
    __tablename__ = "approach_texts"
    approach_slug: str = _fk("approaches.slug")
    locale: str = _fk("locales.code")
    name: str
    summary: str
    complement: str


class Aspect(SQLModel, table=True):
    __tablename__ = "aspects"
    key: str = Field(primary_key=True)
    position: int


class AspectText(SQLModel, table=True):
    __tablename__ = "aspect_texts"
    aspect_key: str = _fk("aspects.key")
    locale: str = _fk("locales.code")
    name: str
    mentoring: str
    coaching: str


class Topic(SQLModel, table=True):
    __tablename__ = "topics"
    slug: str = Field(primary_key=True)
    position: int


class TopicAspect(SQLModel, table=True):
    __tablename__ = "topic_aspects"
    topic_slug: str = _fk("topics.slug")
    aspect_key: str = _fk("aspects.key")
    position: int


class TopicText(SQLModel, table=True):
    __tablename__ = "topic_texts"
    topic_slug: str = _fk("topics.slug")
    locale: str = _fk("locales.code")
    title: str
    body: str


class Variant(SQLModel, table=True):
    __tablename__ = "variants"
    slug: str = Field(primary_key=True)
    position: int
    base_approach: str
    relationship_shape: str
    formality: str
    duration_weeks_min: int
    duration_weeks_typical: int
    duration_weeks_max: int
    session_minutes_min: int
    session_minutes_typical: int
    session_minutes_max: int
    sessions_per_month_min: int
    sessions_per_month_typical: int
    sessions_per_month_max: int
    career_stages: list[str] = _text_array()
    goals: list[str] = _text_array()
    prerequisites: list[str] = _text_array()
    source_refs: list[str] = _text_array()


class VariantText(SQLModel, table=True):
    __tablename__ = "variant_texts"
    variant_slug: str = _fk("variants.slug")
    locale: str = _fk("locales.code")
    name: str
    summary: str
    strengths: list[str] = _text_array()
    risks: list[str] = _text_array()
    editorial_note: str


class Term(SQLModel, table=True):
    __tablename__ = "terms"
    slug: str = Field(primary_key=True)
    position: int
    variant_slug: str | None = Field(
        default=None, sa_column_args=[ForeignKey("variants.slug", ondelete="SET NULL")]
    )


class TermApproach(SQLModel, table=True):
    __tablename__ = "term_approaches"
    term_slug: str = _fk("terms.slug")
    approach_slug: str = _fk("approaches.slug")
    position: int


class TermText(SQLModel, table=True):
    __tablename__ = "term_texts"
    term_slug: str = _fk("terms.slug")
    locale: str = _fk("locales.code")
    name: str
    definition: str
    synonyms: list[str] = _text_array()


class RecommendationPolicy(SQLModel, table=True):
    """Scoring weights and variant profiles; versioned by the policy file's own `version`."""

    __tablename__ = "recommendation_policies"
    version: str = Field(primary_key=True)
    document: dict[str, Any] = Field(sa_column=Column(JSONB, nullable=False))
    loaded_at: datetime = Field(
        sa_column=Column(DateTime(timezone=True), nullable=False, server_default=func.now())
    )


class RecommendationMessages(SQLModel, table=True):
    """The texts of recommendations (reasons, cautions, plans) for one locale."""

    __tablename__ = "recommendation_messages"
    locale: str = _fk("locales.code")
    document: dict[str, Any] = Field(sa_column=Column(JSONB, nullable=False))
