"""The one bounded cache of the service: least recently used, bounded by entries and by bytes.

Every in-process cache (answered content, GraphQL responses, verified keys, engine answers,
...) is a `BoundedCache`, so that no client can grow a worker without bound and an operator
sees each cache's hits, misses, evictions, entries and bytes on `/metrics`, labelled by the
cache's name.

Built on `cachetools.LRUCache`, whose `getsizeof` bounds the total size; the entry bound is
applied on top. Not thread-safe: each granian worker runs one event loop, and a cache is only
touched from that loop's thread.

Hits, misses and evictions are counted in plain Python and folded into Prometheus, with the
entry and byte gauges, by `flush_cache_metrics` (at scrape time and every 0.5 s, with the
request metrics): a Prometheus `inc` or `set` takes a lock, and in multiprocess mode writes a
memory-mapped file, which cost a few microseconds per look-up on the engine's hot path.
"""

import sys
import weakref
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

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
    def __init__(self, maxsize: int, getsizeof: Callable[[V], int]) -> None:
        super().__init__(maxsize=maxsize, getsizeof=getsizeof)
        self.evicted = 0  # not yet folded into the Prometheus counter

    def popitem(self) -> tuple[K, V]:
        item = super().popitem()
        self.evicted += 1
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
        self._lru: _CountingLRU[K, V] = _CountingLRU(max_bytes, sizeof)
        self._hit_count = self._miss_count = 0  # not yet folded into Prometheus
        self._changed = True
        _LIVE_CACHES.add(self)

    def get(self, key: K) -> V | None:
        value = self._lru.get(key)
        if value is None:
            self._miss_count += 1
        else:
            self._hit_count += 1
        return value

    def put(self, key: K, value: V) -> None:
        if self._sizeof(value) > self.max_bytes:
            return
        self._lru[key] = value
        while len(self._lru) > self.max_entries:
            self._lru.popitem()
        self._changed = True

    def flush_metrics(self) -> None:
        """Fold the counts since the last flush into Prometheus and set the gauges."""
        if self._hit_count:
            self._hits.inc(self._hit_count)
            self._hit_count = 0
        if self._miss_count:
            self._misses.inc(self._miss_count)
            self._miss_count = 0
        if self._lru.evicted:
            self._evictions.inc(self._lru.evicted)
            self._lru.evicted = 0
        if self._changed:
            self._changed = False
            self._entries.set(len(self._lru))
            self._bytes.set(self._lru.currsize)

    def get_or_build(self, key: K, build: Callable[[], V]) -> V:
        value = self.get(key)
        if value is None:
            value = build()
            self.put(key, value)
        return value

    def discard(self, key: K) -> None:
        """Forget `key` (an entry known to be stale), if it is held."""
        if self._lru.pop(key, None) is not None:
            self._changed = True

    def clear(self) -> None:
        self._lru.clear()
        self._changed = True

    def __len__(self) -> int:
        return len(self._lru)

    @property
    def current_bytes(self) -> int:
        return int(self._lru.currsize)


_LIVE_CACHES: "weakref.WeakSet[BoundedCache[Any, Any]]" = weakref.WeakSet()


def flush_cache_metrics() -> None:
    """Fold every live cache's counts and sizes into Prometheus (see the module docstring)."""
    for cache in list(_LIVE_CACHES):
        cache.flush_metrics()
