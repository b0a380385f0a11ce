"""Registering, replacing, removing and listing an organisation's trusted documents, its
history, and each replica's copy of them. Functions take the session and never commit.

Every change is written with the organisation's row locked (`SELECT ... FOR UPDATE`), so two
admins registering at once get consecutive history numbers and the limits hold for both.
"""

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession
from sqlmodel import col

from service.cache import BoundedCache
from service.domain.documents.manifest import Manifest, TrustedDocument, sha256_text
from service.domain.documents.models import (
    TrustedDocumentEvent as EventRow,
)
from service.domain.documents.models import (
    TrustedDocumentManifest as ManifestRow,
)
from service.domain.documents.models import (
    TrustedDocumentSettings as SettingsRow,
)
from service.domain.errors import (
    Conflict,
    ContentUnavailable,
    InvalidParameter,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
)
from service.domain.organisations.models import Organisation
from service.domain.organisations.service import SLUG

MAX_MANIFESTS = 20  # per organisation
MAX_ORGANISATION_DOCUMENTS = 5000
MAX_ORGANISATION_BYTES = 4 * 1024 * 1024  # of document text, all manifests together
# How long a replica trusts its copy of an organisation's documents; the replica that
# registered sees the change at once, the others within this many seconds.
REFRESH_SECONDS = 2.0
# Actions that change what runs (a listing is recorded too, but changes nothing).
REGISTERED, REPLACED, REMOVED = "registered", "replaced", "removed"
TRUSTED_ONLY, ANY_DOCUMENT = "secret-keys-trusted-only", "secret-keys-any-document"
LISTED, READ = "listed", "read"
CHANGES = (REGISTERED, REPLACED, REMOVED, TRUSTED_ONLY, ANY_DOCUMENT)


class ManifestSummary(msgspec.Struct, frozen=True):
    name: str
    format: str
    documents: int
    sha256: str
    registered_by: str
    registered_at: datetime | None


class ManifestDetail(msgspec.Struct, frozen=True):
    name: str
    format: str
    sha256: str
    registered_by: str
    registered_at: datetime | None
    documents: tuple[TrustedDocument, ...]


class DocumentsSummary(msgspec.Struct, frozen=True):
    organisation: str
    version: int  # the number of the last change in the history (0: none yet)
    trusted_only: bool
    manifests: tuple[ManifestSummary, ...]

    @property
    def etag(self) -> str:
        return f'"trusted-documents-{self.organisation}-v{self.version}"'


class DocumentsEvent(msgspec.Struct, frozen=True):
    number: int
    action: str
    manifest: str | None
    documents: int | None
    sha256: str | None
    actor: str
    at: datetime | None


class DocumentsEventPage(msgspec.Struct, frozen=True):
    items: tuple[DocumentsEvent, ...]
    next_cursor: str | None


def check_name(name: str) -> str:
    if not SLUG.fullmatch(name):
        raise InvalidParameter(
            "manifest", "A manifest name is lower-case letters, digits and '-', at most 64."
        )
    return name


async def _lock(session: AsyncSession, organisation: str) -> None:
    """Lock the organisation's row for this transaction (404 when there is none)."""
    if not SLUG.fullmatch(organisation):
        raise NotFound("organisation", organisation)
    found = await session.execute(
        select(col(Organisation.slug))
        .where(col(Organisation.slug) == organisation)
        .with_for_update()
    )
    if found.first() is None:
        raise NotFound("organisation", organisation)


async def _record(
    session: AsyncSession,
    organisation: str,
    action: str,
    actor: str,
    manifest: str | None = None,
    documents: int | None = None,
    sha256: str | None = None,
) -> None:
    number = (
        await session.execute(
            select(func.coalesce(func.max(EventRow.number), 0)).where(
                col(EventRow.organisation) == organisation
            )
        )
    ).scalar_one()
    await session.execute(
        insert(EventRow).values(
            organisation=organisation,
            number=int(number) + 1,
            action=action,
            manifest=manifest,
            documents=documents,
            sha256=sha256,
            actor=actor,
        )
    )


def _summary(row: Any) -> ManifestSummary:
    return ManifestSummary(
        row.name, row.format, len(row.documents), row.sha256, row.registered_by, row.registered_at
    )


async def register(
    session: AsyncSession, organisation: str, name: str, manifest: Manifest, actor: str
) -> tuple[ManifestSummary, bool]:
    """Register manifest `name`, or replace the one of that name; (its summary, created)."""
    check_name(name)
    await _lock(session, organisation)
    others = (
        await session.execute(
            select(col(ManifestRow.name), col(ManifestRow.documents)).where(
                col(ManifestRow.organisation) == organisation, col(ManifestRow.name) != name
            )
        )
    ).all()
    created = (
        await session.execute(
            select(col(ManifestRow.name)).where(
                col(ManifestRow.organisation) == organisation, col(ManifestRow.name) == name
            )
        )
    ).first() is None
    if created and len(others) >= MAX_MANIFESTS:
        raise InvalidParameter(
            "manifest", f"An organisation holds at most {MAX_MANIFESTS} manifests."
        )
    bodies: dict[str, str] = {}  # id -> document, in the organisation's other manifests
    owners: dict[str, str] = {}  # id -> the manifest holding it
    for other_name, documents in others:
        for document in documents:
            bodies[document["id"]] = document["body"]
            owners.setdefault(document["id"], other_name)
    count = len(bodies)
    size = sum(len(body.encode()) for body in bodies.values())
    for document in manifest.documents:
        known = bodies.get(document.id)
        if known is not None and known != document.body:
            raise Conflict(
                "document-id-conflict",
                "Document id already trusted",
                f"Document id {document.id!r} already names another document in manifest "
                f"{owners[document.id]!r}.",
                [("body", document.id)],
            )
        if known is None:
            count += 1
            size += len(document.body.encode())
    if count > MAX_ORGANISATION_DOCUMENTS or size > MAX_ORGANISATION_BYTES:
        raise InvalidParameter(
            "body",
            f"An organisation trusts at most {MAX_ORGANISATION_DOCUMENTS} documents and "
            f"{MAX_ORGANISATION_BYTES // (1024 * 1024)} MiB of document text in all.",
        )
    values = {
        "format": manifest.format,
        "documents": [msgspec.to_builtins(document) for document in manifest.documents],
        "sha256": manifest.sha256,
        "registered_by": actor,
        "registered_at": func.now(),
    }
    row = (
        await session.execute(
            insert(ManifestRow)
            .values(organisation=organisation, name=name, **values)
            .on_conflict_do_update(index_elements=["organisation", "name"], set_=values)
            .returning(
                col(ManifestRow.name),
                col(ManifestRow.format),
                col(ManifestRow.documents),
                col(ManifestRow.sha256),
                col(ManifestRow.registered_by),
                col(ManifestRow.registered_at),
            )
        )
    ).one()
    action = REGISTERED if created else REPLACED
    await _record(
        session, organisation, action, actor, name, len(manifest.documents), manifest.sha256
    )
    return _summary(row), created


async def remove(session: AsyncSession, organisation: str, name: str, actor: str) -> None:
    check_name(name)
    await _lock(session, organisation)
    removed = (
        await session.execute(
            delete(ManifestRow)
            .where(col(ManifestRow.organisation) == organisation, col(ManifestRow.name) == name)
            .returning(col(ManifestRow.documents), col(ManifestRow.sha256))
        )
    ).first()
    if removed is None:
        raise NotFound("manifest", name)
    await _record(session, organisation, REMOVED, actor, name, len(removed[0]), removed[1])


async def set_trusted_only(
    session: AsyncSession, organisation: str, trusted_only: bool, actor: str, if_match: str | None
) -> DocumentsSummary:
    """Change the mode, if `if_match` names the current listing (else 412; none: 428)."""
    if if_match is None:
        raise PreconditionRequired(
            "Send If-Match with the ETag of the current listing (GET it first)."
        )
    await _lock(session, organisation)
    current = await _summary_of(session, organisation)
    if if_match.strip() != current.etag:
        raise PreconditionFailed(
            f"The trusted documents changed since that ETag; the current one is {current.etag}."
        )
    await session.execute(
        insert(SettingsRow)
        .values(organisation=organisation, trusted_only=trusted_only)
        .on_conflict_do_update(index_elements=["organisation"], set_={"trusted_only": trusted_only})
    )
    await _record(session, organisation, TRUSTED_ONLY if trusted_only else ANY_DOCUMENT, actor)
    return await _summary_of(session, organisation)


async def _trusted_only(connection: AsyncConnection | AsyncSession, organisation: str) -> bool:
    found = (
        await connection.execute(
            select(col(SettingsRow.trusted_only)).where(
                col(SettingsRow.organisation) == organisation
            )
        )
    ).first()
    return bool(found and found[0])


async def _summary_of(session: AsyncSession, organisation: str) -> DocumentsSummary:
    rows = await session.execute(
        select(
            col(ManifestRow.name),
            col(ManifestRow.format),
            col(ManifestRow.documents),
            col(ManifestRow.sha256),
            col(ManifestRow.registered_by),
            col(ManifestRow.registered_at),
        )
        .where(col(ManifestRow.organisation) == organisation)
        .order_by(col(ManifestRow.name))
    )
    manifests = tuple(_summary(row) for row in rows)
    version = await _change_version(session, organisation)
    trusted_only = await _trusted_only(session, organisation)
    return DocumentsSummary(organisation, version, trusted_only, manifests)


async def summary(session: AsyncSession, organisation: str, actor: str) -> DocumentsSummary:
    """The organisation's manifests and mode; the listing is recorded in its history."""
    await _lock(session, organisation)
    found = await _summary_of(session, organisation)
    await _record(session, organisation, LISTED, actor, documents=len(found.manifests))
    return found


async def manifest(
    session: AsyncSession, organisation: str, name: str, actor: str
) -> ManifestDetail:
    """One manifest with its documents; the reading is recorded in the history."""
    check_name(name)
    await _lock(session, organisation)
    row = (
        await session.execute(
            select(
                col(ManifestRow.name),
                col(ManifestRow.format),
                col(ManifestRow.sha256),
                col(ManifestRow.registered_by),
                col(ManifestRow.registered_at),
                col(ManifestRow.documents),
            ).where(col(ManifestRow.organisation) == organisation, col(ManifestRow.name) == name)
        )
    ).first()
    if row is None:
        raise NotFound("manifest", name)
    documents = tuple(msgspec.convert(document, TrustedDocument) for document in row.documents)
    await _record(session, organisation, READ, actor, name, len(documents), row.sha256)
    return ManifestDetail(
        row.name, row.format, row.sha256, row.registered_by, row.registered_at, documents
    )


async def history(connection: AsyncConnection, organisation: str) -> list[DocumentsEvent]:
    """Every recorded action on the organisation's trusted documents, newest first."""
    if not SLUG.fullmatch(organisation):
        raise NotFound("organisation", organisation)
    rows = await connection.execute(
        select(
            col(EventRow.number),
            col(EventRow.action),
            col(EventRow.manifest),
            col(EventRow.documents),
            col(EventRow.sha256),
            col(EventRow.actor),
            col(EventRow.at),
        )
        .where(col(EventRow.organisation) == organisation)
        .order_by(col(EventRow.number).desc())
    )
    return [DocumentsEvent(*row) for row in rows]


# -- each replica's copy ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OrganisationDocuments:
    """What an organisation's keys may run by id, as of `version` of its history."""

    organisation: str
    version: int
    trusted_only: bool  # its secret keys too run only these (publishable keys always do)
    by_id: Mapping[str, str] = field(default_factory=dict)  # manifest id -> document
    by_hash: Mapping[str, str] = field(default_factory=dict)  # sha256(document) -> document
    size: int = 0  # bytes of document text

    def find(self, document_id: str) -> str | None:
        """The document of an id from a manifest, or of a SHA-256 digest of its text."""
        return self.by_id.get(document_id) or self.by_hash.get(document_id)

    def trusts(self, text: str) -> bool:
        return sha256_text(text) in self.by_hash


async def _change_version(connection: AsyncConnection | AsyncSession, organisation: str) -> int:
    found = (
        await connection.execute(
            select(func.coalesce(func.max(EventRow.number), 0)).where(
                col(EventRow.organisation) == organisation, col(EventRow.action).in_(CHANGES)
            )
        )
    ).scalar_one()
    return int(found)


async def load(connection: AsyncConnection, organisation: str) -> OrganisationDocuments:
    version = await _change_version(connection, organisation)
    rows = await connection.execute(
        select(col(ManifestRow.documents)).where(col(ManifestRow.organisation) == organisation)
    )
    by_id: dict[str, str] = {}
    for (documents,) in rows:
        for document in documents:
            by_id[document["id"]] = document["body"]
    by_hash = {sha256_text(body): body for body in by_id.values()}
    size = sum(len(body) for body in by_hash.values())
    trusted_only = await _trusted_only(connection, organisation)
    return OrganisationDocuments(organisation, version, trusted_only, by_id, by_hash, size)


class TrustedDocuments:
    """Per replica: each organisation's trusted documents, re-checked every REFRESH_SECONDS
    (one small query; reloaded only when its history has a new change) and kept through a
    database outage."""

    def __init__(self, max_organisations: int = 1000, max_bytes: int = 64 * 1024 * 1024) -> None:
        self._copies: BoundedCache[str, tuple[float, OrganisationDocuments]] = BoundedCache(
            "trusted_documents",
            max_entries=max_organisations,
            max_bytes=max_bytes,
            sizeof=lambda kept: 512 + 2 * kept[1].size,
        )

    async def of(self, engine: AsyncEngine, organisation: str) -> OrganisationDocuments:
        cached = self._copies.get(organisation)
        now = time.monotonic()
        if cached is not None:
            if cached[0] > now:
                return cached[1]
            # Concurrent requests keep using this copy while this one checks for a change.
            self._copies.put(organisation, (now + REFRESH_SECONDS, cached[1]))
        try:
            async with engine.connect() as connection:
                if cached is not None and cached[1].version == await _change_version(
                    connection, organisation
                ):
                    found = cached[1]
                else:
                    found = await load(connection, organisation)
        except Exception:
            if cached is not None:
                return cached[1]  # the database is away: keep the last known documents
            raise ContentUnavailable(
                "The organisation's trusted documents cannot be read right now; retry shortly."
            ) from None
        self._copies.put(organisation, (time.monotonic() + REFRESH_SECONDS, found))
        return found

    async def refresh(self, engine: AsyncEngine, organisation: str) -> None:
        """After a change on this replica: read the new documents at once."""
        async with engine.connect() as connection:
            found = await load(connection, organisation)
        self._copies.put(organisation, (time.monotonic() + REFRESH_SECONDS, found))
