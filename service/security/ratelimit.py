"""Per-key fixed-window rate limits, shared by every replica through PostgreSQL.

Each replica leases requests from the window's budget in blocks (one upsert hands out up to
`lease_size` requests) and spends them in memory; the next block is fetched in the background
when a quarter of the current one is left, so requests rarely wait for the database.
The shared counter only grows within a window and a lease never hands out more than the
budget left, so all replicas together never admit more than `limit` requests per
window; a replica's unspent lease is the most the others can be refused too early.
If PostgreSQL cannot be reached the limiter fails open (each replica admits in blocks without
counting) and retries the database after `RETRY_DATABASE_SECONDS`.
"""

import asyncio
import logging
import math
import time
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from service.cache import BoundedCache

logger = logging.getLogger("service.ratelimit")

LEASE_TIMEOUT_SECONDS = 0.5
RETRY_DATABASE_SECONDS = 5.0
MAX_SUBJECTS = 10_000

_LEASE = text(
    """
    INSERT INTO rate_limit_counters (subject, window_start, granted)
    VALUES (:subject, :window_start, :lease)
    ON CONFLICT (subject, window_start) DO UPDATE
    SET granted = LEAST(rate_limit_counters.granted, :limit) + EXCLUDED.granted
    RETURNING granted
    """
)
_FORGET_OLD_WINDOWS = text(
    "DELETE FROM rate_limit_counters WHERE subject = :subject AND window_start < :window_start"
)


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    limit: int
    remaining: int
    reset_seconds: int

    def encoded_headers(self) -> list[tuple[bytes, bytes]]:
        """`headers()` as ASGI header pairs, built directly: this runs on every request."""
        fields = [
            (b"ratelimit-limit", b"%d" % self.limit),
            (b"ratelimit-remaining", b"%d" % self.remaining),
            (b"ratelimit-reset", b"%d" % self.reset_seconds),
        ]
        if not self.allowed:
            fields.append((b"retry-after", b"%d" % self.reset_seconds))
        return fields

    def headers(self) -> dict[str, str]:
        """The IETF draft's RateLimit-* fields, and Retry-After when refused."""
        fields = {
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(self.remaining),
            "RateLimit-Reset": str(self.reset_seconds),
        }
        if not self.allowed:
            fields["Retry-After"] = str(self.reset_seconds)
        return fields


@dataclass(slots=True)
class _Lease:
    window_start: int
    tokens: int = 0  # leased to this replica, not spent yet
    granted_everywhere: int = 0  # the shared counter as of our last lease
    exhausted: bool = False  # the window's budget is all handed out
    prefetching: bool = False  # a background lease for this subject is under way


class RateLimiter:
    def __init__(self, limit: int, window_seconds: int, lease_size: int | None = None) -> None:
        self.limit = limit
        self.window_seconds = window_seconds
        self.lease_size = lease_size or max(1, min(limit // 20, 500))
        self._prefetches: set[asyncio.Task[None]] = set()
        self._leases: dict[str, _Lease] = {}
        self._locks: dict[str, asyncio.Lock] = {}
        self._database_retry_at = 0.0

    async def hit(self, engine: AsyncEngine, subject: str, amount: int = 1) -> Decision:
        """Spend `amount` (a request: 1; a GraphQL operation: its cost; 0 only reads what is
        left) if that much is left in the window."""
        now = time.time()
        window_start = int(now // self.window_seconds) * self.window_seconds
        reset = max(1, math.ceil(window_start + self.window_seconds - now))
        lease = self._current_lease(subject, window_start)
        if lease.tokens < amount and not lease.exhausted:
            async with self._lock(subject):
                # Nobody leased while we waited; an amount above one lease takes several.
                while lease.tokens < amount and not lease.exhausted:
                    await self._lease(engine, subject, lease)
        elif lease.tokens <= self.lease_size // 4 and not lease.exhausted and not lease.prefetching:
            # Marked at once: `lock.locked()` stays false until the task first runs, and every
            # request in between used to start one more task (half of all requests, profiled).
            lease.prefetching = True
            task = asyncio.create_task(self._prefetch(engine, subject, lease, self._lock(subject)))
            self._prefetches.add(task)  # keep a reference until it is done
            task.add_done_callback(self._prefetches.discard)
        if lease.tokens < amount:
            left = max(0, self.limit - lease.granted_everywhere) + lease.tokens
            return Decision(False, self.limit, left, reset)
        lease.tokens -= amount
        remaining = max(0, self.limit - lease.granted_everywhere) + lease.tokens
        return Decision(True, self.limit, remaining, reset)

    def _lock(self, subject: str) -> asyncio.Lock:
        """The subject's lock, made on first use only (not on every hit: a Lock costs ~1 us)."""
        lock = self._locks.get(subject)
        if lock is None:
            lock = self._locks[subject] = asyncio.Lock()
        return lock

    def _current_lease(self, subject: str, window_start: int) -> _Lease:
        lease = self._leases.get(subject)
        if lease is None or lease.window_start != window_start:
            if len(self._leases) >= MAX_SUBJECTS:
                self._leases = {
                    s: v for s, v in self._leases.items() if v.window_start == window_start
                }
                self._locks = {s: v for s, v in self._locks.items() if s in self._leases}
            lease = self._leases[subject] = _Lease(window_start)
        return lease

    async def _prefetch(
        self, engine: AsyncEngine, subject: str, lease: _Lease, lock: asyncio.Lock
    ) -> None:
        try:
            async with lock:
                if lease.tokens <= self.lease_size // 4 and not lease.exhausted:
                    await self._lease(engine, subject, lease)
        finally:
            lease.prefetching = False

    async def _lease(self, engine: AsyncEngine, subject: str, lease: _Lease) -> None:
        if time.monotonic() < self._database_retry_at:
            lease.tokens += self.lease_size  # fail open while the database is away
            return
        first_of_window = lease.granted_everywhere == 0
        values = {
            "subject": subject,
            "window_start": lease.window_start,
            "lease": self.lease_size,
            "limit": self.limit,
        }
        try:
            async with asyncio.timeout(LEASE_TIMEOUT_SECONDS), engine.begin() as connection:
                granted = (await connection.execute(_LEASE, values)).scalar_one()
                if first_of_window:
                    await connection.execute(_FORGET_OLD_WINDOWS, values)
        except Exception as exc:
            logger.warning("rate limit counters unavailable, failing open: %s", type(exc).__name__)
            self._database_retry_at = time.monotonic() + RETRY_DATABASE_SECONDS
            lease.tokens += self.lease_size
            return
        before = min(granted - self.lease_size, self.limit)
        lease.tokens += max(0, min(self.lease_size, self.limit - before))
        lease.granted_everywhere = min(granted, self.limit)
        lease.exhausted = granted >= self.limit


@dataclass(slots=True)
class _Window:
    start: int
    spent: int = 0


class LocalRateLimiter:
    """Fixed windows counted in this worker's memory, bounded to `MAX_SUBJECTS` subjects.

    For subjects that come and go (a client address): keeping them in PostgreSQL would leave
    a row per address behind. With `WORKERS=n` a subject gets up to n x `limit` per window.
    """

    def __init__(self, name: str, limit: int, window_seconds: int) -> None:
        self.limit = limit
        self.window_seconds = window_seconds
        self._windows: BoundedCache[str, _Window] = BoundedCache(
            name, max_entries=MAX_SUBJECTS, max_bytes=MAX_SUBJECTS * 200, sizeof=lambda _: 200
        )

    def hit(self, subject: str) -> Decision:
        now = time.time()
        window_start = int(now // self.window_seconds) * self.window_seconds
        reset = max(1, math.ceil(window_start + self.window_seconds - now))
        window = self._windows.get(subject)
        if window is None or window.start != window_start:
            window = _Window(window_start)
            self._windows.put(subject, window)
        if window.spent >= self.limit:
            return Decision(False, self.limit, 0, reset)
        window.spent += 1
        return Decision(True, self.limit, self.limit - window.spent, reset)
