"""The one bounded cache of the service: least recently used, bounded by entries and by bytes.

Every in-process cache (answered content, GraphQL responses, verified keys, engine answers,
...) is a `BoundedCache`, so that no client can grow a worker without bound and an operator
sees each cache's hits, misses, evictions, entries and bytes on `/metrics`, labelled by the
cache's name.

Built on `cachetools.LRUCache`, whose `getsizeof` bounds the total size; the entry bound is
applied on top. Not thread-safe: each granian worker runs one event loop, and a cache is only
touched from that loop's thread.
"""

import sys
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from cachetools import LRUCache
from prometheus_client import Counter, Gauge

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

CACHE_HITS = Counter("cache_hits", "Lookups answered from an in-process cache.", ["cache"])
CACHE_MISSES = Counter("cache_misses", "Lookups an in-process cache could not answer.", ["cache"])
CACHE_EVICTIONS = Counter(
    "cache_evictions", "Entries evicted (least recently used) to stay in bounds.", ["cache"]
)
CACHE_ENTRIES = Gauge(
    "cache_entries", "Entries held by an in-process cache.", ["cache"], multiprocess_mode="liveall"
)
CACHE_BYTES = Gauge(
    "cache_bytes",
    "Estimated bytes held by an in-process cache (its values' sizes as the cache counts them).",
    ["cache"],
    multiprocess_mode="liveall",
)


def size_of_bytes(value: bytes) -> int:
    """Size of a byte string: its length (the object header is noise next to a response)."""
    return len(value)


def shallow_size(value: object) -> int:
    """A cheap estimate for values that are not bytes: the object's own size."""
    return sys.getsizeof(value)


class _CountingLRU(LRUCache[K, V]):
    def __init__(self, maxsize: int, getsizeof: Callable[[V], int], evictions: Counter) -> None:
        super().__init__(maxsize=maxsize, getsizeof=getsizeof)
        self._evictions = evictions

    def popitem(self) -> tuple[K, V]:
        item = super().popitem()
        self._evictions.inc()
        return item


class BoundedCache(Generic[K, V]):
    """An LRU cache holding at most `max_entries` entries and `max_bytes` bytes.

    `sizeof` says what a value costs (for bytes, its length); a value larger than the whole
    byte bound is not stored (it would evict everything for one entry). Keys should be small:
    their size is not counted, so callers bound what goes into a key (see docs/operations.md).
    """

    def __init__(
        self,
        name: str,
        *,
        max_entries: int,
        max_bytes: int,
        sizeof: Callable[[V], int] = shallow_size,
    ) -> None:
        if max_entries < 1 or max_bytes < 1:
            raise ValueError("a bounded cache needs room for at least one entry and one byte")
        self.name = name
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._sizeof = sizeof
        self._hits = CACHE_HITS.labels(name)
        self._misses = CACHE_MISSES.labels(name)
        self._evictions = CACHE_EVICTIONS.labels(name)
        self._entries = CACHE_ENTRIES.labels(name)
        self._bytes = CACHE_BYTES.labels(name)
        self._lru: _CountingLRU[K, V] = _CountingLRU(max_bytes, sizeof, self._evictions)

    def get(self, key: K) -> V | None:
        value = self._lru.get(key)
        if value is None:
            self._misses.inc()
        else:
            self._hits.inc()
        return value

    def put(self, key: K, value: V) -> None:
        if self._sizeof(value) > self.max_bytes:
            return
        self._lru[key] = value
        while len(self._lru) > self.max_entries:
            self._lru.popitem()
        self._entries.set(len(self._lru))
        self._bytes.set(self._lru.currsize)

    def get_or_build(self, key: K, build: Callable[[], V]) -> V:
        value = self.get(key)
        if value is None:
            value = build()
            self.put(key, value)
        return value

    def clear(self) -> None:
        self._lru.clear()
        self._entries.set(0)
        self._bytes.set(0)

    def __len__(self) -> int:
        return len(self._lru)

    @property
    def current_bytes(self) -> int:
        return int(self._lru.currsize)
