"""API keys: creation, listing, revocation, and the verification the middleware calls per request.

Keys are random (160 bits of secret), so a single SHA-256 is the right hash: a slow password
hash would only slow every request down without making a random key any harder to guess.
"""

import asyncio
import hashlib
import hmac
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import col

from service.domain.organisations.models import DEFAULT_ORGANISATION
from service.security.models import ApiKey

KEY_PREFIX = "mck"
LOOKUP_TIMEOUT_SECONDS = 1.0


class Scope(StrEnum):
    CONTENT_READ = "content:read"
    RECOMMEND = "recommend"
    ADMIN = "admin"  # grants every other scope


@dataclass(frozen=True, slots=True)
class Identity:
    key_id: str
    name: str
    scopes: frozenset[str]
    organisation: str = DEFAULT_ORGANISATION  # whose policy its recommendations use

    def allows(self, scope: str) -> bool:
        return scope in self.scopes or Scope.ADMIN in self.scopes


@dataclass(frozen=True, slots=True)
class NewKey:
    record: ApiKey
    key: str  # the only time the full key exists outside the client


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def split_key(key: str) -> tuple[str, str] | None:
    """(id, secret) of a well-formed key, else None."""
    prefix, _, rest = key.partition("_")
    key_id, _, secret = rest.partition("_")
    if prefix != KEY_PREFIX or not key_id or not secret or len(key) > 100:
        return None
    return key_id, secret


async def create_key(
    session: AsyncSession,
    name: str,
    scopes: Sequence[str],
    organisation: str = DEFAULT_ORGANISATION,
) -> NewKey:
    unknown = sorted(set(scopes) - {s.value for s in Scope})
    if unknown or not scopes:
        allowed = ", ".join(s.value for s in Scope)
        raise ValueError(f"scopes must be among {allowed}; got {', '.join(unknown) or 'none'}")
    key_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(20)
    record = ApiKey(
        id=key_id,
        name=name,
        scopes=sorted(set(scopes)),
        secret_hash=hash_secret(secret),
        organisation=organisation,
    )
    session.add(record)
    await session.flush()
    return NewKey(record, f"{KEY_PREFIX}_{key_id}_{secret}")


async def list_keys(session: AsyncSession) -> list[ApiKey]:
    rows = await session.execute(select(ApiKey).order_by(ApiKey.created_at, ApiKey.id))  # type: ignore[arg-type]
    return list(rows.scalars())


async def revoke_key(session: AsyncSession, key_id: str) -> bool:
    """Mark the key revoked. False when no active key has that id."""
    result = await session.execute(
        update(ApiKey)
        .where(ApiKey.id == key_id, ApiKey.revoked_at.is_(None))  # type: ignore[arg-type,union-attr]
        .values(revoked_at=datetime.now(UTC))
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


class KeyUnverifiable(Exception):
    """The key is not in the cache and the database cannot be asked right now."""


@dataclass(slots=True)
class _Cached:
    identity: Identity | None  # None: the key is unknown or revoked
    expires: float


class KeyVerifier:
    """Verify keys against the database, remembering answers for `ttl` seconds.

    The cache is what lets content reads go on for known keys while PostgreSQL is down: an
    expired entry is still used when the database cannot be asked. A revoked key therefore
    keeps working for up to `ttl` seconds on each replica. Unknown keys are remembered briefly
    so a stranger's retries do not each cost a query.
    """

    UNKNOWN_TTL_SECONDS = 5.0
    MAX_ENTRIES = 10_000

    def __init__(self, ttl: float) -> None:
        self.ttl = ttl
        self._cache: dict[str, _Cached] = {}

    async def verify(self, engine: AsyncEngine, key: str) -> Identity | None:
        parts = split_key(key)
        if parts is None:
            return None
        now = time.monotonic()
        cached = self._cache.get(key)
        if cached is not None and cached.expires > now:
            return cached.identity
        try:
            identity = await self._lookup(engine, *parts)
        except Exception as exc:
            if cached is not None and cached.identity is not None:
                return cached.identity  # stale but known: keep serving through an outage
            raise KeyUnverifiable from exc
        if len(self._cache) >= self.MAX_ENTRIES:
            self._cache.clear()
        ttl = self.ttl if identity is not None else self.UNKNOWN_TTL_SECONDS
        self._cache[key] = _Cached(identity, now + ttl)
        return identity

    @staticmethod
    async def _lookup(engine: AsyncEngine, key_id: str, secret: str) -> Identity | None:
        query = select(
            col(ApiKey.name), col(ApiKey.scopes), col(ApiKey.secret_hash), col(ApiKey.organisation)
        ).where(
            col(ApiKey.id) == key_id,
            ApiKey.revoked_at.is_(None),  # type: ignore[union-attr]
        )
        async with asyncio.timeout(LOOKUP_TIMEOUT_SECONDS), engine.connect() as connection:
            row = (await connection.execute(query)).first()
        if row is None or not hmac.compare_digest(row.secret_hash, hash_secret(secret)):
            return None
        return Identity(key_id, row.name, frozenset(row.scopes), row.organisation)
