"""Tables of the release history (alembic revision 0003).

A release is a content version that changed something. For each release the loader stores a
digest of every item in every locale and the changes against the previous release, so the
change feed reads stored rows and never diffs at request time.
"""

from datetime import datetime

from sqlalchemy import ARRAY, Column, DateTime, ForeignKey, Integer, Text, func
from sqlmodel import Field, SQLModel

import service.domain.models  # noqa: F401  (sets the naming convention first)


class Release(SQLModel, table=True):
    __tablename__ = "releases"
    version: int = Field(
        sa_column=Column(
            Integer,
            ForeignKey("content_versions.version", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        )
    )
    # None: the history starts here (a first load, or a database that had content before 0003).
    previous_version: int | None = None
    released_at: datetime | None = Field(
        default=None,
        sa_column=Column(DateTime(timezone=True), nullable=False, server_default=func.now()),
    )
    policy_version: str
    policy_digest: str = Field(max_length=64)  # policy and recommendation messages
    policy_changed: bool
    created: int
    updated: int
    removed: int


def _release_fk() -> Column[int]:
    return Column(Integer, ForeignKey("releases.version", ondelete="CASCADE"), primary_key=True)


class ReleaseItem(SQLModel, table=True):
    """The digest of one item in one locale as a release left it."""

    __tablename__ = "release_items"
    version: int = Field(sa_column=_release_fk())
    kind: str = Field(primary_key=True, max_length=16)
    key: str = Field(primary_key=True, max_length=200)
    locale: str = Field(primary_key=True, max_length=35)
    digest: str = Field(max_length=32)


class ReleaseChange(SQLModel, table=True):
    """One item a release created, updated or removed, and in which locales."""

    __tablename__ = "release_changes"
    version: int = Field(sa_column=_release_fk())
    kind: str = Field(primary_key=True, max_length=16)
    key: str = Field(primary_key=True, max_length=200)
    change: str = Field(max_length=8)
    locales: list[str] = Field(sa_column=Column(ARRAY(Text), nullable=False))
    replaced_by: str | None = Field(default=None, max_length=200)
