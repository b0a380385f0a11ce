"""Release and change-feed documents, shared by REST and GraphQL."""

from datetime import datetime
from typing import Annotated

import msgspec


class ReleaseSummary(msgspec.Struct, frozen=True):
    """How many items the release created, updated and removed, and whether the
    recommendation policy or its texts changed."""

    created: int
    updated: int
    removed: int
    policy_changed: bool


class Change(msgspec.Struct, frozen=True, omit_defaults=True):
    """One item that changed: a created or updated item is to be fetched again (in `locales`),
    a removed one to be deleted (`replaced_by` names its successor when the content says so)."""

    kind: Annotated[str, msgspec.Meta(description="approach, aspect, topic, term or variant")]
    key: Annotated[str, msgspec.Meta(description="Its slug (an aspect's key).")]
    change: Annotated[str, msgspec.Meta(description="created, updated or removed")]
    version: Annotated[int, msgspec.Meta(description="The release of its last change.")]
    locales: Annotated[tuple[str, ...], msgspec.Meta(description="Locales that changed.")]
    replaced_by: Annotated[
        str | None, msgspec.Meta(description="The key of the item replacing a removed one.")
    ] = None


class Release(msgspec.Struct, frozen=True):
    """A content load that changed something."""

    version: int
    previous_version: Annotated[
        int | None, msgspec.Meta(description="Null where the kept history starts.")
    ]
    released_at: datetime
    policy_version: str
    summary: ReleaseSummary


class ReleaseDetail(msgspec.Struct, frozen=True):
    """A release and every change it made."""

    version: int
    previous_version: int | None
    released_at: datetime
    policy_version: str
    summary: ReleaseSummary
    changes: tuple[Change, ...]


class ReleasePage(msgspec.Struct, frozen=True):
    items: tuple[Release, ...]
    next_cursor: str | None


class ChangePage(msgspec.Struct, frozen=True):
    """Every item changed after `since`, each once with its net change, oldest change first.
    When `next_cursor` is null, `next_since` is the `since` of the next sync."""

    items: tuple[Change, ...]
    next_cursor: str | None
    since: int
    next_since: int
