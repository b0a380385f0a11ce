"""Organisations' trusted issuers (alembic revision 0008): which identity providers' access
tokens act for which organisation, who changed that and when, and each replica's copy.

An issuer (an exact `iss`) is trusted by one organisation at most: a token names no
organisation the service believes, so the issuer is what says whose it is. Every addition and
removal is a row of `trusted_issuer_changes`, which PostgreSQL refuses to change or delete.
Functions take the session and never commit.
"""

import asyncio
import hashlib
import math
import time
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import msgspec
from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Identity,
    Text,
    delete,
    func,
    insert,
    select,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession
from sqlmodel import Field, SQLModel, col

from service.domain.errors import Conflict, InvalidParameter, NotFound
from service.domain.organisations.models import Organisation
from service.domain.organisations.service import SLUG
from service.security.issuers import (
    FetchFailed,
    OutboundPolicy,
    TrustedIssuer,
    discover_jwks_uri,
    fetch_json,
    parse_jwks,
)

MAX_ISSUERS_PER_ORGANISATION = 10
MAX_ISSUER_LENGTH = 500
LOOKUP_TIMEOUT_SECONDS = 1.0


class TrustedIssuerRow(SQLModel, table=True):
    __tablename__ = "trusted_issuers"
    id: str = Field(primary_key=True, max_length=16)  # `issuer_id(issuer)`
    issuer: str = Field(sa_column=Column(Text, nullable=False, unique=True))
    organisation: str = Field(
        sa_column=Column(Text, ForeignKey("organisations.slug"), nullable=False, index=True)
    )
    jwks_uri: str = Field(sa_column=Column(Text, nullable=False))
    discovered: bool = Field(sa_column=Column(Boolean, nullable=False))
    added_by: str = Field(max_length=64)
    added_at: datetime | None = Field(
        default=None,
        sa_column=Column(DateTime(timezone=True), nullable=False, server_default=func.now()),
    )


class TrustedIssuerChangeRow(SQLModel, table=True):
    """One addition or removal, kept for good (a trigger refuses changes and deletions)."""

    __tablename__ = "trusted_issuer_changes"
    id: int | None = Field(default=None, sa_column=Column(BigInteger, Identity(), primary_key=True))
    organisation: str = Field(
        sa_column=Column(Text, ForeignKey("organisations.slug"), nullable=False, index=True)
    )
    action: str = Field(sa_column=Column(Text, nullable=False))  # `added` or `removed`
    issuer: str = Field(sa_column=Column(Text, nullable=False))
    jwks_uri: str = Field(sa_column=Column(Text, nullable=False))
    changed_by: str = Field(max_length=64)
    changed_at: datetime | None = Field(
        default=None,
        sa_column=Column(DateTime(timezone=True), nullable=False, server_default=func.now()),
    )


# What the API and the CLI show.


class Issuer(msgspec.Struct, frozen=True):
    """An issuer the organisation trusts: access tokens with exactly this `iss`, signed with
    a key at `jwks_uri`, act for the organisation with the scopes they carry."""

    id: str
    issuer: str
    jwks_uri: str
    discovered: bool  # `jwks_uri` was read from the issuer's metadata when it was added
    added_by: str
    added_at: datetime | None


class IssuerPage(msgspec.Struct, frozen=True):
    items: tuple[Issuer, ...]
    next_cursor: str | None


class IssuerChange(msgspec.Struct, frozen=True):
    action: str  # `added` or `removed`
    issuer: str
    jwks_uri: str
    changed_by: str  # the API key id, the token's client (`client-...`), or `cli`
    changed_at: datetime | None


class IssuerChangePage(msgspec.Struct, frozen=True):
    items: tuple[IssuerChange, ...]
    next_cursor: str | None


class IssuerCreate(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    issuer: str
    jwks_uri: str | None = None


def issuer_id(issuer: str) -> str:
    """The issuer's id in URLs: the first 16 hex digits of the SHA-256 of its `iss`."""
    return hashlib.sha256(issuer.encode()).hexdigest()[:16]


def check_issuer(issuer: str, policy: OutboundPolicy) -> None:
    """An issuer identifier as RFC 8414 has it: a URL without query or fragment."""
    if not issuer or len(issuer) > MAX_ISSUER_LENGTH:
        raise InvalidParameter("issuer", f"Give the issuer's URL, at most {MAX_ISSUER_LENGTH}.")
    try:
        policy.check_url(issuer)
    except FetchFailed as exc:
        raise InvalidParameter("issuer", str(exc)) from None
    if urlsplit(issuer).query:
        raise InvalidParameter("issuer", "An issuer has no query (RFC 8414).")


async def keys_source(
    body: IssuerCreate, policy: OutboundPolicy, algorithms: tuple[str, ...]
) -> tuple[str, bool]:
    """(jwks_uri, discovered) for a new issuer, once its keys have been read: given, or from
    the issuer's metadata. The keys must hold one of an accepted algorithm."""
    check_issuer(body.issuer, policy)
    field = "jwks_uri" if body.jwks_uri else "issuer"
    try:
        jwks_uri = body.jwks_uri or await discover_jwks_uri(body.issuer, policy)
        keys = parse_jwks(await fetch_json(jwks_uri, policy), algorithms)
    except FetchFailed as exc:
        raise InvalidParameter(field, str(exc)) from None
    if not len(keys):
        raise InvalidParameter(
            field, f"The key set at {jwks_uri} holds no {' or '.join(algorithms)} signing key."
        )
    return jwks_uri, body.jwks_uri is None


async def _organisation_row(session: AsyncSession | AsyncConnection, organisation: str) -> None:
    if not SLUG.fullmatch(organisation):
        raise NotFound("organisation", organisation)
    found = await session.execute(
        select(col(Organisation.slug)).where(col(Organisation.slug) == organisation)
    )
    if found.first() is None:
        raise NotFound("organisation", organisation)


def _issuer(row: Any) -> Issuer:
    return Issuer(row.id, row.issuer, row.jwks_uri, row.discovered, row.added_by, row.added_at)


async def add(
    session: AsyncSession,
    organisation: str,
    issuer: str,
    jwks_uri: str,
    discovered: bool,
    changed_by: str,
) -> Issuer:
    """Trust `issuer` for `organisation` (409 when it or another organisation already does)."""
    await _organisation_row(session, organisation)
    await session.execute(  # one change at a time per organisation: the count holds
        select(col(Organisation.slug))
        .where(col(Organisation.slug) == organisation)
        .with_for_update()
    )
    holder = (
        await session.execute(
            select(col(TrustedIssuerRow.organisation)).where(col(TrustedIssuerRow.issuer) == issuer)
        )
    ).scalar_one_or_none()
    if holder is not None:
        raise _already_trusted(holder == organisation)
    count = (
        await session.execute(
            select(func.count()).where(col(TrustedIssuerRow.organisation) == organisation)
        )
    ).scalar_one()
    if count >= MAX_ISSUERS_PER_ORGANISATION:
        raise Conflict(
            "too-many-issuers",
            "Too many trusted issuers",
            f"An organisation trusts at most {MAX_ISSUERS_PER_ORGANISATION} issuers; remove "
            "one first.",
            [("issuer", f"at most {MAX_ISSUERS_PER_ORGANISATION} per organisation")],
        )
    values = {"issuer": issuer, "organisation": organisation, "jwks_uri": jwks_uri}
    try:
        async with session.begin_nested():
            row = (
                await session.execute(
                    insert(TrustedIssuerRow)
                    .values(
                        id=issuer_id(issuer), discovered=discovered, added_by=changed_by, **values
                    )
                    .returning(*TrustedIssuerRow.__table__.columns)  # type: ignore[attr-defined]
                )
            ).one()
    except IntegrityError:
        raise _already_trusted(False) from None  # another organisation, a moment earlier
    await session.execute(
        insert(TrustedIssuerChangeRow).values(action="added", changed_by=changed_by, **values)
    )
    return _issuer(row)


def _already_trusted(here: bool) -> Conflict:
    if here:
        detail = "This organisation already trusts this issuer; remove it first to change it."
    else:
        detail = (
            "Another organisation trusts this issuer. An issuer can be trusted by one "
            "organisation only: its tokens name no organisation, the issuer does."
        )
    return Conflict(
        "issuer-already-trusted", "Issuer already trusted", detail, [("issuer", detail)]
    )


async def remove(
    session: AsyncSession, organisation: str, trusted_id: str, changed_by: str
) -> None:
    await _organisation_row(session, organisation)
    row = (
        await session.execute(
            delete(TrustedIssuerRow)
            .where(
                col(TrustedIssuerRow.id) == trusted_id,
                col(TrustedIssuerRow.organisation) == organisation,
            )
            .returning(col(TrustedIssuerRow.issuer), col(TrustedIssuerRow.jwks_uri))
        )
    ).first()
    if row is None:
        raise NotFound("trusted issuer", trusted_id)
    await session.execute(
        insert(TrustedIssuerChangeRow).values(
            organisation=organisation,
            action="removed",
            issuer=row.issuer,
            jwks_uri=row.jwks_uri,
            changed_by=changed_by,
        )
    )


async def list_for(connection: AsyncConnection | AsyncSession, organisation: str) -> list[Issuer]:
    await _organisation_row(connection, organisation)
    rows = await connection.execute(
        select(
            col(TrustedIssuerRow.id),
            col(TrustedIssuerRow.issuer),
            col(TrustedIssuerRow.jwks_uri),
            col(TrustedIssuerRow.discovered),
            col(TrustedIssuerRow.added_by),
            col(TrustedIssuerRow.added_at),
        )
        .where(col(TrustedIssuerRow.organisation) == organisation)
        .order_by(col(TrustedIssuerRow.added_at), col(TrustedIssuerRow.issuer))
    )
    return [_issuer(row) for row in rows]


async def history(connection: AsyncConnection, organisation: str) -> list[IssuerChange]:
    """Every addition and removal, newest first."""
    await _organisation_row(connection, organisation)
    rows = await connection.execute(
        select(
            col(TrustedIssuerChangeRow.action),
            col(TrustedIssuerChangeRow.issuer),
            col(TrustedIssuerChangeRow.jwks_uri),
            col(TrustedIssuerChangeRow.changed_by),
            col(TrustedIssuerChangeRow.changed_at),
        )
        .where(col(TrustedIssuerChangeRow.organisation) == organisation)
        .order_by(col(TrustedIssuerChangeRow.id).desc())
    )
    return [IssuerChange(*row) for row in rows]


class IssuersUnverifiable(Exception):
    """The trusted issuers were never read and the database cannot be asked right now."""


class IssuerDirectory:
    """Each replica's copy of every trusted issuer, by `iss`: read whole from PostgreSQL when
    older than `refresh_seconds` (and, for an `iss` it does not hold, at most once per
    `CATCH_UP_SECONDS`: an issuer added on another replica works within a second), kept
    through a database outage. A change made on this replica is seen at once (`changed`).
    At most `MAX_ISSUERS` are held (a few hundred bytes each)."""

    CATCH_UP_SECONDS = 1.0
    RETRY_SECONDS = 5.0
    MAX_ISSUERS = 100_000

    def __init__(self, refresh_seconds: float) -> None:
        self.refresh_seconds = refresh_seconds
        self._by_issuer: dict[str, TrustedIssuer] = {}
        self._loaded_at: float | None = None
        self._failed_at = -math.inf
        self._lock = asyncio.Lock()

    def changed(self) -> None:
        """Read again on the next lookup (after an addition or removal on this replica)."""
        self._loaded_at = -math.inf if self._loaded_at is not None else None

    async def lookup(self, engine: AsyncEngine, issuer: str) -> TrustedIssuer | None:
        arrived = time.monotonic()
        loaded = self._loaded_at
        if loaded is None or (
            arrived - loaded >= self.refresh_seconds
            and arrived - self._failed_at >= self.RETRY_SECONDS
        ):
            await self._read(engine, arrived)
        found = self._by_issuer.get(issuer)
        catch_up = (
            found is None
            and self._loaded_at is not None
            and arrived - self._loaded_at >= self.CATCH_UP_SECONDS
            and arrived - self._failed_at >= self.RETRY_SECONDS
        )
        if catch_up:  # an issuer added on another replica since the last read?
            await self._read(engine, arrived)
            found = self._by_issuer.get(issuer)
        return found

    async def _read(self, engine: AsyncEngine, arrived: float) -> None:
        async with self._lock:
            if self._loaded_at is not None and self._loaded_at >= arrived:
                return  # another request read the table while this one waited
            started = time.monotonic()
            query = select(
                col(TrustedIssuerRow.id),
                col(TrustedIssuerRow.issuer),
                col(TrustedIssuerRow.organisation),
                col(TrustedIssuerRow.jwks_uri),
            ).limit(self.MAX_ISSUERS)
            try:
                async with asyncio.timeout(LOOKUP_TIMEOUT_SECONDS), engine.connect() as connection:
                    rows = (await connection.execute(query)).all()
            except Exception as exc:
                self._failed_at = started
                if self._loaded_at is None:
                    raise IssuersUnverifiable from exc
                return  # keep the last copy
            self._by_issuer = {row.issuer: TrustedIssuer(*row) for row in rows}
            self._loaded_at = started
