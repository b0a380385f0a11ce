"""Tables of trusted documents (alembic revision 0007).

An organisation registers manifests by name (one per front-end build, e.g. `web` and
`admin`); each row holds the manifest's documents as registered. Every change (and every
listing) is a row of `trusted_document_events`, which PostgreSQL refuses to change or delete
(the trigger of revision 0004), like published organisation policies.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, Text, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

import service.domain.models  # noqa: F401  (sets the naming convention first)


class TrustedDocumentManifest(SQLModel, table=True):
    __tablename__ = "trusted_document_manifests"
    organisation: str = Field(
        sa_column=Column(Text, ForeignKey("organisations.slug"), primary_key=True)
    )
    name: str = Field(sa_column=Column(Text, primary_key=True))
    format: str = Field(sa_column=Column(Text, nullable=False))
    # [{"id", "body", "name", "type"}, ...] in the manifest's order
    documents: list[dict[str, Any]] = Field(sa_column=Column(JSONB, nullable=False))
    sha256: str = Field(sa_column=Column(Text, nullable=False))  # of the manifest as sent
    registered_by: str = Field(max_length=16)  # the API key id, or `cli`
    registered_at: datetime | None = Field(
        default=None,
        sa_column=Column(DateTime(timezone=True), nullable=False, server_default=func.now()),
    )


class TrustedDocumentSettings(SQLModel, table=True):
    """Whether the organisation's secret keys, too, run only its trusted documents (its
    publishable keys always do). No row: they may send any document."""

    __tablename__ = "trusted_document_settings"
    organisation: str = Field(
        sa_column=Column(Text, ForeignKey("organisations.slug"), primary_key=True)
    )
    trusted_only: bool = Field(sa_column=Column(Boolean, nullable=False))


class TrustedDocumentEvent(SQLModel, table=True):
    """The organisation's history of its trusted documents: who did what, when."""

    __tablename__ = "trusted_document_events"
    organisation: str = Field(
        sa_column=Column(Text, ForeignKey("organisations.slug"), primary_key=True)
    )
    number: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    action: str = Field(sa_column=Column(Text, nullable=False))
    manifest: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    documents: int | None = Field(default=None, sa_column=Column(Integer, nullable=True))
    sha256: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    actor: str = Field(max_length=16)  # the API key id, or `cli`
    at: datetime | None = Field(
        default=None,
        sa_column=Column(DateTime(timezone=True), nullable=False, server_default=func.now()),
    )
