"""Reading the release history: the list of releases, one release, and the change feed.

Everything here reads rows the loader stored (`record.py`): no diff is computed per request.
"""

import base64
import binascii
from typing import Annotated, Any

import msgspec
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from service.domain.errors import ContentUnavailable, DomainError, InvalidParameter, NotFound
from service.domain.releases import models as m
from service.domain.releases.schemas import (
    Change,
    ChangePage,
    Release,
    ReleaseDetail,
    ReleasePage,
    ReleaseSummary,
)

EXPORT_PATH = "/v1/export"
MAX_VERSION = 2**31 - 1  # content versions are PostgreSQL integers
Version = Annotated[int, msgspec.Meta(ge=0, le=MAX_VERSION)]
Key = Annotated[str, msgspec.Meta(max_length=200)]


class HistoryExpired(DomainError):
    """`since` is older than the kept history: the client must start again from the export."""

    def __init__(self, since: int, oldest: int) -> None:
        super().__init__(
            f"Changes since version {since} are no longer kept (the history starts at "
            f"version {oldest}). Download {EXPORT_PATH} again and use its `content_version` "
            "as the next `since`."
        )
        self.since = since
        self.oldest = oldest


def encode_key_cursor(parts: list[Any]) -> str:
    return base64.urlsafe_b64encode(msgspec.json.encode(parts)).decode().rstrip("=")


def decode_key_cursor(cursor: str, shape: type[Any], name: str = "cursor") -> Any:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        return msgspec.json.decode(raw, type=shape)
    except (ValueError, binascii.Error, msgspec.DecodeError, msgspec.ValidationError):
        raise InvalidParameter(
            name, "The cursor is not one this API issued; use `next_cursor` as returned."
        ) from None


def _summary(row: Any) -> ReleaseSummary:
    return ReleaseSummary(row.created, row.updated, row.removed, row.policy_changed)


def _release(row: Any) -> Release:
    return Release(
        row.version, row.previous_version, row.released_at, row.policy_version, _summary(row)
    )


async def list_releases(session: AsyncSession, limit: int, cursor: str | None) -> ReleasePage:
    query = select(m.Release).order_by(col(m.Release.version).desc()).limit(limit + 1)
    if cursor is not None:
        before = decode_key_cursor(cursor, tuple[Version])[0]
        query = query.where(col(m.Release.version) < before)
    rows = list((await session.execute(query)).scalars())
    page = [_release(row) for row in rows[:limit]]
    more = len(rows) > limit
    return ReleasePage(tuple(page), encode_key_cursor([page[-1].version]) if more else None)


async def get_release(session: AsyncSession, version: int) -> ReleaseDetail:
    row = await session.get(m.Release, version)
    if row is None:
        raise NotFound("release", str(version))
    changes = await session.execute(
        select(m.ReleaseChange)
        .where(col(m.ReleaseChange.version) == version)
        .order_by(col(m.ReleaseChange.kind), col(m.ReleaseChange.key))
    )
    return ReleaseDetail(
        row.version,
        row.previous_version,
        row.released_at,  # type: ignore[arg-type]
        row.policy_version,
        _summary(row),
        tuple(
            Change(c.kind, c.key, c.change, c.version, tuple(c.locales), c.replaced_by)
            for c in changes.scalars()
        ),
    )


async def _check_since(session: AsyncSession, since: int) -> int:
    """The latest release version, once `since` is known to be covered by the kept history."""
    head = (await session.execute(select(func.max(m.Release.version)))).scalar()
    if head is None:
        raise ContentUnavailable("No release has been recorded yet.")
    if since > head:
        raise InvalidParameter("since", f"since must be at most {head}, the latest release.")
    oldest = (
        await session.execute(select(m.Release).order_by(col(m.Release.version)).limit(1))
    ).scalar_one()
    # The first release of a database diffs against nothing, so 0 ("I have nothing") is
    # covered; after pruning, the oldest kept release's predecessor is the earliest `since`.
    floor = 0 if oldest.previous_version is None else oldest.previous_version
    if since < floor or (0 < since < oldest.version and oldest.previous_version is None):
        raise HistoryExpired(since, oldest.version)
    return int(head)


# Each item once: its last change decides (a removal wins), created when its first change
# after `since` created it, otherwise updated; the locales are those of every change.
_NET_CHANGES = text(
    """
    WITH window_changes AS (
        SELECT version, kind, key, change, locales, replaced_by
        FROM release_changes
        WHERE version > :since AND version <= :until
    ), net AS (
        SELECT kind, key, max(version) AS version,
            (array_agg(change ORDER BY version DESC))[1] AS last_change,
            (array_agg(change ORDER BY version))[1] AS first_change,
            (array_agg(replaced_by ORDER BY version DESC))[1] AS replaced_by,
            (array_agg(array_to_string(locales, ',') ORDER BY version DESC))[1] AS last_locales,
            array_to_string(ARRAY(
                SELECT DISTINCT code FROM window_changes AS same, unnest(same.locales) AS code
                WHERE same.kind = w.kind AND same.key = w.key ORDER BY code
            ), ',') AS all_locales
        FROM window_changes AS w
        GROUP BY kind, key
    )
    SELECT * FROM net
    WHERE (version, kind, key) > (:after_version, :after_kind, :after_key)
    ORDER BY version, kind, key
    LIMIT :limit
    """
)


def _net_change(row: Any) -> Change:
    if row.last_change == "removed":
        return Change(
            row.kind,
            row.key,
            "removed",
            row.version,
            tuple(row.last_locales.split(",")),
            row.replaced_by,
        )
    change = "created" if row.first_change == "created" else "updated"
    return Change(row.kind, row.key, change, row.version, tuple(row.all_locales.split(",")))


async def changes_since(
    session: AsyncSession, since: int, limit: int, cursor: str | None
) -> ChangePage:
    """Every item changed after release `since`, paged. The first page fixes the upper bound
    (`next_since`), so a release landing while a client pages is left for its next sync."""
    if not 0 <= since <= MAX_VERSION:
        raise InvalidParameter("since", f"since must be a release version (0 to {MAX_VERSION}).")
    if cursor is None:
        until = await _check_since(session, since)
        after: tuple[int, str, str] = (0, "", "")
    else:
        cursor_since, until, *rest = decode_key_cursor(
            cursor, tuple[Version, Version, Version, Key, Key]
        )
        if cursor_since != since:
            raise InvalidParameter("cursor", "This cursor belongs to another `since`.")
        await _check_since(session, since)
        after = (rest[0], rest[1], rest[2])
    rows = list(
        await session.execute(
            _NET_CHANGES,
            {
                "since": since,
                "until": until,
                "after_version": after[0],
                "after_kind": after[1],
                "after_key": after[2],
                "limit": limit + 1,
            },
        )
    )
    items = tuple(_net_change(row) for row in rows[:limit])
    next_cursor = None
    if len(rows) > limit:
        last = items[-1]
        next_cursor = encode_key_cursor([since, until, last.version, last.kind, last.key])
    return ChangePage(items, next_cursor, since, until)
