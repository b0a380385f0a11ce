"""Tables of the release archive (alembic revision 0004): every released content version and
policy version, kept for replay. PostgreSQL refuses UPDATE and DELETE on them (a trigger in
the migration), so an archived version is immutable, not merely left alone by the code."""

from datetime import datetime
from typing import Any

from sqlalchemy import Column, DateTime, ForeignKey, Integer, Text, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

import service.domain.models  # noqa: F401  (sets the naming convention first)


class ReleasedBundle(SQLModel, table=True):
    """Everything but the policy that a content version served: catalogue, locale texts and
    recommendation messages (the policy is in `recommendation_policies`, by version)."""

    __tablename__ = "released_bundles"
    content_version: int = Field(
        sa_column=Column(
            Integer,
            ForeignKey("content_versions.version"),
            primary_key=True,
            autoincrement=False,
        )
    )
    policy_version: str = Field(foreign_key="recommendation_policies.version")
    checksum: str
    document: dict[str, Any] = Field(sa_column=Column(JSONB, nullable=False))
    released_at: datetime | None = Field(
        default=None,
        sa_column=Column(DateTime(timezone=True), nullable=False, server_default=func.now()),
    )


class PolicyChangelog(SQLModel, table=True):
    """One line per released policy version saying what changed (content/policy-changelog.yaml)."""

    __tablename__ = "policy_changelog"
    policy_version: str = Field(
        sa_column=Column(Text, ForeignKey("recommendation_policies.version"), primary_key=True)
    )
    line: str
