"""API keys: creation, listing, revocation, and the verification the middleware calls per request.

Keys are random (160 bits of secret), so a single SHA-256 is the right hash: a slow password
hash would only slow every request down without making a random key any harder to guess.
"""

import asyncio
import hashlib
import hmac
import ipaddress
import re
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from urllib.parse import urlsplit

from prometheus_client import Counter
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import col

from service.cache import BoundedCache
from service.domain.organisations.models import DEFAULT_ORGANISATION
from service.security.models import ApiKey

KEY_PREFIX = "mck"
LOOKUP_TIMEOUT_SECONDS = 1.0
API_KEY_LOOKUPS = Counter(
    "api_key_lookups",
    "API keys looked up in PostgreSQL (not answered from the key caches), by result.",
    ["result"],
)


class Scope(StrEnum):
    CONTENT_READ = "content:read"
    RECOMMEND = "recommend"
    ADMIN = "admin"  # grants every other scope


class KeyKind(StrEnum):
    SECRET = "secret"  # for servers: any scopes, from anywhere
    PUBLISHABLE = "publishable"  # for web pages: read and recommend, from its origins only


# All a web page may need; a publishable key is visible to anyone who views the page.
PUBLISHABLE_SCOPES = frozenset({Scope.CONTENT_READ.value, Scope.RECOMMEND.value})
MAX_ORIGINS = 20
_LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")


_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")


def _plain_host(host: str, value: str) -> str:
    """The host as a browser puts it in `Origin` (an internationalised name in punycode), or
    ValueError. Only letters, digits, hyphens and dots (or a bracketed IPv6 address): an
    origin goes into `frame-ancestors` and CORS headers, where a space, `;`, `,`, `'` or `*`
    would add sources or directives."""
    if host.startswith("["):
        try:
            return f"[{ipaddress.IPv6Address(host[1:-1]).compressed}]"
        except ValueError:
            raise ValueError(f"{value!r} has an invalid IPv6 address") from None
    try:
        ascii_host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise ValueError(f"{value!r} has an invalid host name") from None
    if len(ascii_host) > 253 or not all(_LABEL.fullmatch(p) for p in ascii_host.split(".")):
        raise ValueError(f"{value!r}: a host has only letters, digits, hyphens and dots")
    return ascii_host


def normalise_origin(value: str) -> str:
    """`scheme://host[:port]` as a browser sends it in `Origin`, or ValueError.

    https only, except on loopback addresses (a developer's http://127.0.0.1:8080): a page
    served over http can be altered on the way, key and all.
    """
    parts = urlsplit(value.strip())
    try:
        port = parts.port
    except ValueError:
        raise ValueError(f"{value!r} has an invalid port") from None
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    if parts.scheme not in ("http", "https") or not host:
        raise ValueError(f"{value!r} is not an origin like https://hr.example.com")
    if parts.path not in ("", "/") or parts.query or parts.fragment or "@" in parts.netloc:
        raise ValueError(f"{value!r} is not an origin: no path, query or user, only scheme://host")
    host = _plain_host(host, value)
    if parts.scheme == "http" and host not in _LOOPBACK_HOSTS:
        raise ValueError(f"{value!r}: a publishable key's origins must use https")
    default_port = 443 if parts.scheme == "https" else 80
    return f"{parts.scheme}://{host}" + (f":{port}" if port and port != default_port else "")


@dataclass(frozen=True, slots=True)
class Identity:
    key_id: str
    name: str
    scopes: frozenset[str]
    organisation: str = DEFAULT_ORGANISATION  # whose policy its recommendations use
    # A publishable key's origins (what `Origin` must be); empty for a secret key.
    origins: frozenset[str] = frozenset()

    @property
    def publishable(self) -> bool:
        return bool(self.origins)

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
    origins: Sequence[str] = (),
) -> NewKey:
    """A secret key, or with `origins` a publishable one (scopes default to, and must stay
    within, content:read and recommend)."""
    publishable = bool(origins)
    if publishable and not scopes:
        scopes = sorted(PUBLISHABLE_SCOPES)
    valid = PUBLISHABLE_SCOPES if publishable else {s.value for s in Scope}
    unknown = sorted(set(scopes) - valid)
    if unknown or not scopes:
        allowed = ", ".join(sorted(valid))
        kind = "a publishable key's" if publishable else ""
        raise ValueError(
            f"{kind} scopes must be among {allowed}; got {', '.join(unknown) or 'none'}".strip()
        )
    normalised = sorted({normalise_origin(origin) for origin in origins})
    if len(normalised) > MAX_ORIGINS:
        raise ValueError(f"a publishable key lists at most {MAX_ORIGINS} origins")
    key_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(20)
    record = ApiKey(
        id=key_id,
        name=name,
        scopes=sorted(set(scopes)),
        secret_hash=hash_secret(secret),
        organisation=organisation,
        kind=KeyKind.PUBLISHABLE if publishable else KeyKind.SECRET,
        origins=normalised,
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


def _cached_size(_: _Cached) -> int:
    return 200  # the entry, its key (at most 100 characters) and a small identity


class KeyVerifier:
    """Verify keys against the database, remembering answers for `ttl` seconds.

    The cache is what lets content reads go on for known keys while PostgreSQL is down: an
    expired entry is still used when the database cannot be asked. A revoked key therefore
    keeps working for up to `ttl` seconds on each replica.

    Known keys and unknown ones are remembered in two caches, so that a flood of made-up keys
    only ever evicts other made-up keys: the known ones stay, and keep working through a
    database outage. Unknown keys are remembered briefly so a stranger's retries do not each
    cost a query; random keys never repeat, which is what the failed-authentication limit per
    client address (`service.security.abuse`) is for.
    """

    UNKNOWN_TTL_SECONDS = 5.0
    MAX_KNOWN = 10_000
    MAX_UNKNOWN = 10_000

    def __init__(
        self, ttl: float, max_known: int = MAX_KNOWN, max_unknown: int = MAX_UNKNOWN
    ) -> None:
        self.ttl = ttl
        self._known: BoundedCache[str, _Cached] = BoundedCache(
            "api_keys_known", max_entries=max_known, max_bytes=max_known * 200, sizeof=_cached_size
        )
        self._unknown: BoundedCache[str, _Cached] = BoundedCache(
            "api_keys_unknown",
            max_entries=max_unknown,
            max_bytes=max_unknown * 200,
            sizeof=_cached_size,
        )

    def known(self, key: str) -> Identity | None:
        """The identity of a key verified within `ttl`, without asking anything else."""
        cached = self._known.get(key)
        if cached is not None and cached.expires > time.monotonic():
            return cached.identity
        return None

    async def verify(
        self, engine: AsyncEngine, key: str, guard: Callable[[], None] | None = None
    ) -> Identity | None:
        """The key's identity, or None when it is unknown or revoked.

        `guard` runs before anything is spent on a key not verified yet (an unknown-cache
        answer or a database lookup); it raises to refuse (the failed-authentication limit),
        so known keys never pay for the failures of others.
        """
        now = time.monotonic()
        known = self._known.get(key)  # first: a known key is the common case
        if known is not None and known.identity is not None and known.expires > now:
            return known.identity
        parts = split_key(key)
        if parts is None:
            return None
        if guard is not None and (known is None or known.identity is None):
            guard()
        cached = known or self._unknown.get(key)
        if cached is not None and cached.expires > now:
            return cached.identity
        try:
            identity = await self._lookup(engine, *parts)
        except Exception as exc:
            API_KEY_LOOKUPS.labels("unavailable").inc()
            if cached is not None and cached.identity is not None:
                return cached.identity  # stale but known: keep serving through an outage
            raise KeyUnverifiable from exc
        API_KEY_LOOKUPS.labels("known" if identity is not None else "unknown").inc()
        if identity is not None or known is not None:
            # A key seen valid stays in the known cache, revoked from now on if it is.
            ttl = self.ttl if identity is not None else self.UNKNOWN_TTL_SECONDS
            self._known.put(key, _Cached(identity, now + ttl))
        else:
            self._unknown.put(key, _Cached(None, now + self.UNKNOWN_TTL_SECONDS))
        return identity

    @staticmethod
    async def _lookup(engine: AsyncEngine, key_id: str, secret: str) -> Identity | None:
        query = select(
            col(ApiKey.name),
            col(ApiKey.scopes),
            col(ApiKey.secret_hash),
            col(ApiKey.organisation),
            col(ApiKey.kind),
            col(ApiKey.origins),
        ).where(
            col(ApiKey.id) == key_id,
            ApiKey.revoked_at.is_(None),  # type: ignore[union-attr]
        )
        async with asyncio.timeout(LOOKUP_TIMEOUT_SECONDS), engine.connect() as connection:
            row = (await connection.execute(query)).first()
        if row is None or not hmac.compare_digest(row.secret_hash, hash_secret(secret)):
            return None
        origins = frozenset(row.origins) if row.kind == KeyKind.PUBLISHABLE else frozenset()
        return Identity(key_id, row.name, frozenset(row.scopes), row.organisation, origins)


MAX_PUBLISHABLE_ORIGINS = 20_000


async def publishable_origins(engine: AsyncEngine) -> frozenset[str]:
    """Every origin some active publishable key lists (what CORS preflights may be told),
    at most `MAX_PUBLISHABLE_ORIGINS` of them (about 1 MB per worker)."""
    query = (
        select(func.unnest(col(ApiKey.origins)))
        .where(
            col(ApiKey.kind) == KeyKind.PUBLISHABLE,
            ApiKey.revoked_at.is_(None),  # type: ignore[union-attr]
        )
        .distinct()
        .limit(MAX_PUBLISHABLE_ORIGINS)
    )
    async with asyncio.timeout(LOOKUP_TIMEOUT_SECONDS), engine.connect() as connection:
        return frozenset((await connection.execute(query)).scalars())
