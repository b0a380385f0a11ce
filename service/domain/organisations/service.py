"""Organisations' policies: publishing (optimistic concurrency), reading, and the per-request
scope a recommendation is made under. Functions take the session and never commit."""

from __future__ import annotations

import asyncio
import logging
import re
from datetime import datetime, timedelta
from typing import Any

import msgspec
from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession
from sqlmodel import col

from service.cache import BoundedCache
from service.domain.content import Snapshot
from service.domain.content.paging import MAX_LIMIT, decode_cursor, encode_cursor
from service.domain.decisions.service import Scope
from service.domain.errors import (
    Conflict,
    InvalidParameter,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
)
from service.domain.organisations import policy as documents
from service.domain.organisations.models import Organisation
from service.domain.organisations.models import OrganisationPolicy as PolicyRow
from service.domain.organisations.policy import (
    InvalidOrganisationPolicy,
    OrganisationPolicyDocument,
    with_context_defaults,
)

logger = logging.getLogger("service.organisations")

# Published versions kept per organisation: every one stays replayable and immutable, so the
# number is capped (docs/organisations.md); a publication past it is a 409.
MAX_VERSIONS = 10_000
# How often a replica asks which organisations published since it last asked (in the
# background); the replica that published sees the new version at once, the others within
# this many seconds.
CURRENT_POLICY_SECONDS = 2.0
# Publications this long before the last question are asked about again: one whose transaction
# committed after that question, with an earlier `published_at`, is not missed.
PUBLISHED_MARGIN = timedelta(minutes=5)


class PublishedPolicy(msgspec.Struct, frozen=True):
    """One version of an organisation's policy. Version 0: nothing published yet (the
    released policy as it is)."""

    organisation: str
    version: int
    document: OrganisationPolicyDocument
    published_by: str | None  # the API key id
    published_at: datetime | None

    @property
    def etag(self) -> str:
        return f'"org-{self.organisation}-v{self.version}"'


class PublishedPolicyPage(msgspec.Struct, frozen=True):
    items: tuple[PublishedPolicy, ...]
    next_cursor: str | None


def parse_document(body: object) -> OrganisationPolicyDocument:
    """The policy document in a decoded request body."""
    try:
        return msgspec.convert(body, OrganisationPolicyDocument)
    except msgspec.ValidationError as exc:
        raise InvalidParameter("body", str(exc)) from None


# Organisation slugs: what a URL path and a CLI argument carry without escaping.
SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


async def ensure_organisation(session: AsyncSession, slug: str) -> None:
    """Create the organisation if it does not exist (the CLI's `apikey create --org`)."""
    if not SLUG.fullmatch(slug):
        raise ValueError(f"organisation {slug!r}: lower-case letters, digits and '-', at most 64")
    exists = await session.execute(
        select(col(Organisation.slug)).where(col(Organisation.slug) == slug)
    )
    if exists.first() is None:
        await session.execute(insert(Organisation).values(slug=slug, name=slug))


def _row(organisation: str, row: Any) -> PublishedPolicy:
    return PublishedPolicy(
        organisation,
        row.version,
        msgspec.convert(row.document, OrganisationPolicyDocument),
        row.published_by,
        row.published_at,
    )


def _unpublished(organisation: str) -> PublishedPolicy:
    return PublishedPolicy(organisation, 0, OrganisationPolicyDocument(), None, None)


async def _exists(connection: AsyncConnection | AsyncSession, organisation: str) -> None:
    if not SLUG.fullmatch(organisation):
        raise NotFound("organisation", organisation)
    found = await connection.execute(
        select(col(Organisation.slug)).where(col(Organisation.slug) == organisation)
    )
    if found.first() is None:
        raise NotFound("organisation", organisation)


def _columns() -> Any:
    return select(
        col(PolicyRow.version),
        col(PolicyRow.document),
        col(PolicyRow.published_by),
        col(PolicyRow.published_at),
    )


async def current_policy(connection: AsyncConnection, organisation: str) -> PublishedPolicy:
    await _exists(connection, organisation)
    row = (
        await connection.execute(
            _columns()
            .where(col(PolicyRow.organisation) == organisation)
            .order_by(col(PolicyRow.version).desc())
            .limit(1)
        )
    ).first()
    return _unpublished(organisation) if row is None else _row(organisation, row)


async def published_since(
    connection: AsyncConnection, since: datetime | None
) -> tuple[datetime, dict[str, int]]:
    """The database's clock now, and the newest version of each organisation that published
    after `since` (None: nothing yet, the first question only reads the clock)."""
    now = (await connection.execute(select(func.now()))).scalar_one()
    if since is None:
        return now, {}
    rows = await connection.execute(
        select(col(PolicyRow.organisation), func.max(col(PolicyRow.version)))
        .where(col(PolicyRow.published_at) > since)
        .group_by(col(PolicyRow.organisation))
    )
    return now, {organisation: version for organisation, version in rows.all()}


async def policy_at(
    connection: AsyncConnection, organisation: str, version: int
) -> PublishedPolicy | None:
    row = (
        await connection.execute(
            _columns().where(
                col(PolicyRow.organisation) == organisation, col(PolicyRow.version) == version
            )
        )
    ).first()
    return None if row is None else _row(organisation, row)


async def history(
    connection: AsyncConnection, organisation: str, limit: int, cursor: str | None
) -> PublishedPolicyPage:
    """One page of the published versions, newest first, read in SQL (the primary key's
    order): the cursor names the version the next page starts below, so a page costs the same
    at version 1 and at MAX_VERSIONS."""
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidParameter("limit", f"limit must be between 1 and {MAX_LIMIT}.")
    below = None if cursor is None else decode_cursor(cursor)
    await _exists(connection, organisation)
    query = _columns().where(col(PolicyRow.organisation) == organisation)
    if below is not None:
        query = query.where(col(PolicyRow.version) < below)
    rows = list(
        await connection.execute(query.order_by(col(PolicyRow.version).desc()).limit(limit + 1))
    )
    items = tuple(_row(organisation, row) for row in rows[:limit])
    more = len(rows) > limit
    return PublishedPolicyPage(items, encode_cursor(items[-1].version) if more else None)


def require_if_match(if_match: str | None) -> str:
    """The If-Match a publication names; checked before anything else is done (428)."""
    if if_match is None:
        raise PreconditionRequired(
            "Send If-Match with the ETag of the current policy (GET it first)."
        )
    return if_match


async def publish(
    session: AsyncSession,
    organisation: str,
    document: OrganisationPolicyDocument,
    if_match: str | None,
    key_id: str,
) -> PublishedPolicy:
    """A new immutable version, if `if_match` names the current one (else 412; none: 428),
    and the organisation has fewer than MAX_VERSIONS (else 409)."""
    if_match = require_if_match(if_match)
    await _exists(session, organisation)
    locked = await session.execute(
        select(col(Organisation.slug))
        .where(col(Organisation.slug) == organisation)
        .with_for_update()
    )
    if locked.first() is None:
        raise NotFound("organisation", organisation)
    latest = (
        await session.execute(
            select(func.coalesce(func.max(PolicyRow.version), 0)).where(
                col(PolicyRow.organisation) == organisation
            )
        )
    ).scalar_one()
    current = PublishedPolicy(organisation, int(latest), document, None, None)
    if if_match.strip() not in (current.etag, "*"):
        raise PreconditionFailed(
            f"The policy changed since that ETag; the current one is {current.etag}."
        )
    if current.version >= MAX_VERSIONS:
        raise Conflict(
            "policy-versions-exhausted",
            "Too many policy versions",
            f"An organisation keeps at most {MAX_VERSIONS:,} policy versions (every one stays "
            "replayable); this one has them all. Ask the operator to archive it.",
            [("organisation", f"At most {MAX_VERSIONS:,} published versions.")],
        )
    row = (
        await session.execute(
            insert(PolicyRow)
            .values(
                organisation=organisation,
                version=current.version + 1,
                document=msgspec.to_builtins(document),
                published_by=key_id,
            )
            .returning(
                col(PolicyRow.version),
                col(PolicyRow.document),
                col(PolicyRow.published_by),
                col(PolicyRow.published_at),
            )
        )
    ).one()
    return _row(organisation, row)


class OrganisationPolicies:
    """Per replica: each organisation's current policy, kept until a newer version is seen.

    `keep_current` (a task of the application's lifespan) asks every `CURRENT_POLICY_SECONDS`,
    in one query, which organisations published since it last asked (by the database's clock)
    and forgets their kept versions; no request waits for it. Re-reading each organisation's
    policy every two seconds on the request path instead cost 41 % of a recommendation's time
    with 1,000 organisations round-robin (`make bench`, tenants rows). Through a database outage
    the versions known are kept. Nothing is built per organisation: its weights and the variants
    it does not offer are applied at scoring time over the shared engines
    (recommendation/adjustment)."""

    def __init__(self, max_organisations: int = 10_000) -> None:
        self._current: BoundedCache[str, PublishedPolicy] = BoundedCache(
            "organisation_policies", max_entries=max_organisations, max_bytes=64 * 1024 * 1024
        )
        self._asked_at: datetime | None = None  # the database's clock at the last question

    async def current(self, engine: AsyncEngine, organisation: str) -> PublishedPolicy:
        cached = self._current.get(organisation)
        if cached is not None:
            return cached
        try:
            async with engine.connect() as connection:
                found = await current_policy(connection, organisation)
        except NotFound:
            found = _unpublished(organisation)
        self.remember(found)
        return found

    def remember(self, published: PublishedPolicy) -> None:
        cached = self._current.get(published.organisation)
        if cached is None or cached.version <= published.version:
            self._current.put(published.organisation, published)

    async def keep_current(self, engine: AsyncEngine) -> None:
        """Ask what was published every `CURRENT_POLICY_SECONDS` until cancelled."""
        while True:
            try:
                await self.catch_up(engine)
            except Exception as exc:  # an outage: keep what is known, ask again later
                logger.warning("organisation policies not checked: %s", type(exc).__name__)
            await asyncio.sleep(CURRENT_POLICY_SECONDS)

    async def catch_up(self, engine: AsyncEngine) -> None:
        """Forget the organisations that published a version newer than the one kept. The
        first question only reads the clock, and forgets every kept version (read before
        anything was asked, they may be stale)."""
        first = self._asked_at is None
        since = None if self._asked_at is None else self._asked_at - PUBLISHED_MARGIN
        async with engine.connect() as connection:
            self._asked_at, newest = await published_since(connection, since)
        if first:
            self._current.clear()
        for organisation, version in newest.items():
            cached = self._current.get(organisation)
            if cached is not None and cached.version < version:
                self._current.discard(organisation)

    def scope(self, published: PublishedPolicy) -> Scope:
        if published.version == 0:
            return Scope(published.organisation)
        document = published.document
        return Scope(
            published.organisation,
            published.version,
            documents.adjustment(document),
            lambda raw: with_context_defaults(raw, document),
            tuple(sorted(document.not_offered)),
        )

    async def scope_for(self, engine: AsyncEngine, organisation: str | None) -> Scope | None:
        """The scope of a live recommendation by a key of `organisation` (None: no key)."""
        if organisation is None:
            return None
        return self.scope(await self.current(engine, organisation))

    async def scope_at(
        self, engine: AsyncEngine, organisation: str | None, version: int | None
    ) -> Scope | None:
        """The scope of a replay: the organisation's policy as it was at `version`."""
        if version is None:
            return None if organisation is None else Scope(organisation)
        found = None
        if organisation is not None:
            async with engine.connect() as connection:
                found = await policy_at(connection, organisation, version)
        if found is None:
            raise InvalidParameter(
                "organisation_policy_version",
                "This key's organisation has published no such policy version.",
            )
        return self.scope(found)


def check_document(snapshot: Snapshot, document: OrganisationPolicyDocument) -> None:
    """Refuse a document that cannot make recommendations (before it is published)."""
    try:
        documents.check_document(snapshot, document)
    except InvalidOrganisationPolicy as exc:
        raise InvalidParameter("body", str(exc)) from None
