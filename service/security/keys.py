"""API keys: creation, listing, revocation, and the verification the middleware calls per request.

Keys are random (160 bits of secret), so a single SHA-256 is the right hash: a slow password
hash would only slow every request down without making a random key any harder to guess.
"""

import asyncio
import hashlib
import hmac
import ipaddress
import logging
import math
import re
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

from prometheus_client import Counter
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import col

from service.cache import BoundedCache
from service.domain.organisations.models import DEFAULT_ORGANISATION
from service.security.identity import Identity
from service.security.models import ApiKey
from service.security.scopes import Scope

logger = logging.getLogger("service.security")
KEY_PREFIX = "mck"
LOOKUP_TIMEOUT_SECONDS = 1.0
API_KEY_LOOKUPS = Counter(
    "api_key_lookups",
    "API keys looked up in PostgreSQL (not answered from the key caches), by result.",
    ["result"],
)


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
    """The key table was never read and the database cannot be asked right now."""


@dataclass(frozen=True, slots=True)
class _ActiveKey:
    secret_hash: str
    identity: Identity


@dataclass(frozen=True, slots=True)
class _Cached:
    active: _ActiveKey | None  # None: no active key has this id
    expires: float


class KeyVerifier:
    """Verify keys in memory against a table of the active keys, read from PostgreSQL.

    - `keep_current` (a task of the application's lifespan) reads the whole table once, then
      every `refresh_seconds` only what changed since (keys made or revoked, by the database's
      clock): a revoked key works at most that long, and no request ever waits for a read of
      the table. The whole read yields to the event loop between chunks of rows.
    - A key id the table does not hold (a key made since the last read, or a made-up one) is
      looked up by its id, and the answer remembered (unknown ids for `UNKNOWN_SECONDS`). From
      a client address over its failed-authentication limit (`look_up=False`, abuse.py) it is
      not: the changes are read instead, at most once per `CATCH_UP_SECONDS` whatever the
      number of requests. So a flood of made-up keys costs PostgreSQL one small query a second
      per worker once its address is over the limit, and a valid key is never refused for the
      failures of others: every key active at the last read is in the table, and one made
      since is found by the next catch-up, at most a second away (the refusal's
      `Retry-After`).
    - While PostgreSQL is down the last table read keeps serving: every known key goes on
      working through an outage.

    At most `max_keys` active keys are held (about 400 bytes each, and about 26 us of CPU each
    to read: 50,000 keys take 1.3 s, once, at start); past that, ids outside the table are
    looked up one by one, each answer remembered for `refresh_seconds`.
    """

    CATCH_UP_SECONDS = 1.0
    RETRY_SECONDS = 5.0
    UNKNOWN_SECONDS = 5.0  # how long an id no active key has is remembered as unknown
    # Keys made this long before the last read are read again with the changes: a key stamped
    # by a transaction that committed after that read is not missed.
    CREATED_MARGIN = timedelta(minutes=5)
    CHUNK = 1000  # rows processed between two yields to the event loop
    READ_TIMEOUT_SECONDS = 30.0  # the whole table, at start or after a failure
    MAX_KEYS = 50_000

    def __init__(self, refresh_seconds: float, max_keys: int = MAX_KEYS) -> None:
        self.refresh_seconds = refresh_seconds
        self.max_keys = max_keys
        self._table: dict[str, _ActiveKey] = {}
        self._verified: dict[str, Identity] = {}  # full keys checked against this table
        self._complete = False  # the table holds every active key (after a whole read)
        self._read_at: datetime | None = None  # the database's clock at the last read
        self._caught_up_at = -math.inf  # monotonic time of the last read of the changes
        self._lock = asyncio.Lock()
        # Ids looked up one by one: unknown ones, and known ones past `max_keys`.
        self._looked_up: BoundedCache[str, _Cached] = BoundedCache(
            "api_keys_looked_up", max_entries=10_000, max_bytes=4_000_000, sizeof=lambda _: 400
        )

    async def keep_current(self, engine: AsyncEngine) -> None:
        """Read the table now (whole, or its changes), then run until cancelled, reading its
        changes every `refresh_seconds`; a failed read is tried again after `RETRY_SECONDS`.
        The first read is awaited by the application's start: no request waits for it."""
        while True:
            try:
                await self.read(engine)
                pause = self.refresh_seconds
            except Exception as exc:
                API_KEY_LOOKUPS.labels("unavailable").inc()
                logger.warning("API key table not read: %s", type(exc).__name__)
                pause = self.RETRY_SECONDS
            await asyncio.sleep(pause)

    async def read(self, engine: AsyncEngine) -> None:
        """The whole table if it was never read, else what changed since the last read."""
        async with self._lock:
            if self._read_at is None:
                await self._read_all(engine)
            else:
                await self._read_changes(engine)

    async def verify(self, engine: AsyncEngine, key: str, look_up: bool = True) -> Identity | None:
        """The key's identity, or None when it is unknown, revoked or malformed. `look_up`
        False: an id outside the table waits for the next catch-up instead of a lookup."""
        identity = self._verified.get(key)
        if identity is not None:
            return identity
        parts = split_key(key)
        if parts is None:
            return None
        key_id, secret = parts
        arrived = time.monotonic()
        active = self._table.get(key_id)
        if active is None and (look_up or not self._complete):
            active = await self._look_up(engine, key_id, arrived)
        elif active is None and arrived - self._caught_up_at >= self.CATCH_UP_SECONDS:
            try:
                async with self._lock:
                    if self._caught_up_at < arrived:  # no read of the changes meanwhile
                        await self._read_changes(engine)
            except KeyUnverifiable:
                raise
            except Exception as exc:
                raise KeyUnverifiable from exc
            active = self._table.get(key_id)
        if active is None or not hmac.compare_digest(active.secret_hash, hash_secret(secret)):
            return None
        if self._table.get(key_id) is active:
            self._verified[key] = active.identity
        return active.identity

    async def _read_all(self, engine: AsyncEngine) -> None:
        async with asyncio.timeout(self.READ_TIMEOUT_SECONDS), engine.connect() as connection:
            read_at = (await connection.execute(select(func.now()))).scalar_one()
            result = await connection.execute(self._active_keys().limit(self.max_keys + 1))
            rows = result.all()
        table: dict[str, _ActiveKey] = {}
        scopes: dict[frozenset[str], frozenset[str]] = {}  # shared, not one set per key
        for start in range(0, min(len(rows), self.max_keys), self.CHUNK):
            table.update(self._entries(rows[start : start + self.CHUNK], scopes))
            await asyncio.sleep(0)  # 1,000 keys are about 26 ms: let requests in between
        API_KEY_LOOKUPS.labels("table").inc()
        self._table, self._verified = table, {}
        self._complete = len(rows) <= self.max_keys
        self._read_at = read_at
        self._caught_up_at = time.monotonic()

    async def _read_changes(self, engine: AsyncEngine) -> None:
        """Keys made since the last read (with a margin), and keys revoked since."""
        assert self._read_at is not None
        since = self._read_at - self.CREATED_MARGIN
        query = self._keys().where(
            (col(ApiKey.created_at) >= since) | (col(ApiKey.revoked_at) >= since)
        )
        async with asyncio.timeout(LOOKUP_TIMEOUT_SECONDS), engine.connect() as connection:
            read_at = (await connection.execute(select(func.now()))).scalar_one()
            rows = (await connection.execute(query.limit(self.max_keys))).all()
        API_KEY_LOOKUPS.labels("new").inc()
        revoked = {row.id for row in rows if row.revoked_at is not None}
        for key_id in revoked:
            self._table.pop(key_id, None)
        if revoked:
            self._verified = {}  # rebuilt from the table as keys are used again
        for key_id, active in self._entries([r for r in rows if r.revoked_at is None]).items():
            if key_id in self._table or len(self._table) < self.max_keys:
                self._table[key_id] = active
            else:
                self._complete = False
        self._read_at = read_at
        self._caught_up_at = time.monotonic()

    async def _look_up(self, engine: AsyncEngine, key_id: str, now: float) -> _ActiveKey | None:
        """One id's row, remembered: an active key joins the table (while it has room), an
        unknown id is remembered as such for `UNKNOWN_SECONDS`."""
        cached = self._looked_up.get(key_id)
        if cached is not None and cached.expires > now:
            return cached.active
        query = self._active_keys().where(col(ApiKey.id) == key_id)
        try:
            async with asyncio.timeout(LOOKUP_TIMEOUT_SECONDS), engine.connect() as connection:
                rows = (await connection.execute(query)).all()
        except Exception as exc:
            API_KEY_LOOKUPS.labels("unavailable").inc()
            raise KeyUnverifiable from exc
        API_KEY_LOOKUPS.labels("known" if rows else "unknown").inc()
        if not rows:
            self._looked_up.put(key_id, _Cached(None, now + self.UNKNOWN_SECONDS))
            return None
        active = self._entries(rows)[key_id]
        if len(self._table) < self.max_keys:
            self._table[key_id] = active
        else:
            self._looked_up.put(key_id, _Cached(active, now + self.refresh_seconds))
        return active

    @staticmethod
    def _entries(
        rows: Sequence[Any], scopes: dict[frozenset[str], frozenset[str]] | None = None
    ) -> dict[str, _ActiveKey]:
        shared = {} if scopes is None else scopes
        entries = {}
        for row in rows:
            granted = frozenset(row.scopes)
            identity = _identity(row, shared.setdefault(granted, granted))
            entries[row.id] = _ActiveKey(row.secret_hash, identity)
        return entries

    @staticmethod
    def _keys() -> Any:
        return select(
            col(ApiKey.id),
            col(ApiKey.name),
            col(ApiKey.scopes),
            col(ApiKey.secret_hash),
            col(ApiKey.organisation),
            col(ApiKey.kind),
            col(ApiKey.origins),
            col(ApiKey.revoked_at),
        )

    @classmethod
    def _active_keys(cls) -> Any:
        return (
            cls._keys()
            .where(ApiKey.revoked_at.is_(None))  # type: ignore[union-attr]
            .order_by(col(ApiKey.created_at).desc())  # past the cap, the newest are held
        )


def _identity(row: Any, scopes: frozenset[str] | None = None) -> Identity:
    origins = frozenset(row.origins) if row.kind == KeyKind.PUBLISHABLE else frozenset()
    granted = scopes if scopes is not None else frozenset(row.scopes)
    return Identity(row.id, row.name, granted, row.organisation, origins)


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
