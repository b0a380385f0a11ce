"""Tables of organisations and their published policies (alembic revision 0004).

API keys belong to an organisation (`api_keys.organisation`); keys made before organisations
existed belong to `default`. Every publication of an organisation policy is a new row that
PostgreSQL refuses to change or delete (a trigger in the migration).
"""

from datetime import datetime
from typing import Any

from sqlalchemy import Column, DateTime, ForeignKey, Integer, Text, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

import service.domain.models  # noqa: F401  (sets the naming convention first)

DEFAULT_ORGANISATION = "default"


class Organisation(SQLModel, table=True):
    __tablename__ = "organisations"
    slug: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=200)
    created_at: datetime | None = Field(
        default=None,
        sa_column=Column(DateTime(timezone=True), nullable=False, server_default=func.now()),
    )


class OrganisationPolicy(SQLModel, table=True):
    """One published version of an organisation's policy (adjustments to the released one)."""

    __tablename__ = "organisation_policies"
    organisation: str = Field(
        sa_column=Column(Text, ForeignKey("organisations.slug"), primary_key=True)
    )
    version: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    document: dict[str, Any] = Field(sa_column=Column(JSONB, nullable=False))
    published_by: str = Field(max_length=16)  # the API key id
    published_at: datetime | None = Field(
        default=None,
        sa_column=Column(DateTime(timezone=True), nullable=False, server_default=func.now()),
    )
