"""The bounded cache: entry and byte bounds, least-recently-used eviction, counts on /metrics."""

from prometheus_client import REGISTRY

from service.cache import BoundedCache, flush_cache_metrics, size_of_bytes


def _sample(metric: str, cache: str) -> float:
    value = REGISTRY.get_sample_value(metric, {"cache": cache})
    return 0.0 if value is None else value


def test_evicts_the_least_recently_used_entry_when_the_entry_bound_is_reached() -> None:
    cache: BoundedCache[str, bytes] = BoundedCache(
        "test-entries", max_entries=2, max_bytes=1000, sizeof=size_of_bytes
    )
    cache.put("a", b"1")
    cache.put("b", b"2")
    assert cache.get("a") == b"1"  # "a" is now the most recently used
    cache.put("c", b"3")
    assert cache.get("b") is None
    assert cache.get("a") == b"1"
    assert cache.get("c") == b"3"
    assert len(cache) == 2


def test_byte_bound_holds_and_oversized_values_are_not_stored() -> None:
    cache: BoundedCache[int, bytes] = BoundedCache(
        "test-bytes", max_entries=1000, max_bytes=100, sizeof=size_of_bytes
    )
    for key in range(50):
        cache.put(key, b"x" * 30)
        assert cache.current_bytes <= 100
    assert len(cache) == 3
    cache.put(999, b"y" * 101)
    assert cache.get(999) is None
    assert cache.get(49) == b"x" * 30  # the oversized value evicted nothing


def test_counts_hits_misses_evictions_and_size_on_the_registry() -> None:
    cache: BoundedCache[str, bytes] = BoundedCache(
        "test-metrics", max_entries=1, max_bytes=1000, sizeof=size_of_bytes
    )
    cache.get_or_build("a", lambda: b"abc")
    cache.get_or_build("a", lambda: b"never built")
    cache.put("b", b"de")
    flush_cache_metrics()  # what a scrape (and the worker, every 0.5 s) does first
    assert _sample("cache_hits_total", "test-metrics") == 1
    assert _sample("cache_misses_total", "test-metrics") == 1
    assert _sample("cache_evictions_total", "test-metrics") == 1
    assert _sample("cache_entries", "test-metrics") == 1
    assert _sample("cache_bytes", "test-metrics") == 2
