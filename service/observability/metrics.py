"""Prometheus metrics: requests by route template, the database pool, the content version,
recommendations by top variant. `GET /metrics` serves them (kept out of the OpenAPI document).

Metrics live in the process: with several granian workers each worker counts its own
requests. Scrape every pod, or set PROMETHEUS_MULTIPROC_DIR to aggregate the workers'
counters (docs/operations.md, "Metrics").
"""

import asyncio
import bisect
import os
import weakref
from typing import Any

from litestar import Request, Response, get
from prometheus_client import (
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

from service.cache import flush_cache_metrics
from service.security.scopes import open_access

# A route that did not match (404, 405) is counted under one label: raw paths would let any
# client create new time series.
UNMATCHED_ROUTE = "<unmatched>"
# The classic text format, which every Prometheus version parses (the exposition we write is
# valid in it: our names are plain ASCII).
EXPOSITION_MEDIA_TYPE = "text/plain; version=0.0.4"
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

DURATION_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)

REQUESTS = Counter(
    "http_requests",
    "HTTP requests served, by method, route template and status.",
    ["method", "route", "status"],
)
REQUEST_DURATION = Histogram(
    "http_request_duration_seconds",
    "Time from the request to the end of the response, by method, route template and status.",
    ["method", "route", "status"],
    buckets=DURATION_BUCKETS,
)
DB_POOL_CHECKED_OUT = Gauge(
    "db_pool_checked_out_connections",
    "Connections of this worker's SQLAlchemy pool in use right now.",
    multiprocess_mode="liveall",
)
DB_POOL_SIZE = Gauge(
    "db_pool_size_connections",
    "Connections this worker's pool keeps open (DB_POOL_SIZE).",
    multiprocess_mode="liveall",
)
DB_POOL_CAPACITY = Gauge(
    "db_pool_capacity_connections",
    "Most connections this worker's pool may open (DB_POOL_SIZE + DB_MAX_OVERFLOW).",
    multiprocess_mode="liveall",
)
CONTENT_VERSION = Gauge(
    "content_version",
    "Content version this worker serves (0: none loaded yet).",
    multiprocess_mode="liveall",
)
RECOMMENDATIONS = Counter(
    "recommendations",
    "Recommendations answered, by the slug of the top-ranked variant.",
    ["top_variant"],
)


def record_recommendation(top_variant: str, count: int = 1) -> None:
    """Count `count` recommendations answered; `top_variant` is the slug ranked first.

    Called by the recommendation endpoints (REST and GraphQL), once per answered request (a
    batch once per top variant, with its count: a label look-up and a lock per item cost
    1-2 us each). Pass a catalogue slug only, never user input, so the label set stays small.
    """
    RECOMMENDATIONS.labels(top_variant).inc(count)


# Request metrics wait in plain Python counters at most this long (multiprocess mode: what
# another worker's scrape sees); a scrape in this worker folds them in first.
METRICS_FLUSH_SECONDS = 0.5


class RequestMetrics:
    """Per-request counting in plain Python, folded into the Prometheus metrics at scrape time
    and every METRICS_FLUSH_SECONDS.

    `Counter.inc` and `Histogram.observe` take a lock per value and walk the buckets in
    Python: about 4 us a request in production (cProfile). Here a request costs two dict
    look-ups, a bisect and three additions; the locks are taken once per flush.
    """

    def __init__(self) -> None:
        # (method, route, status) -> [count, sum of seconds, one count per bucket (+Inf last)]
        self._pending: dict[tuple[str, str, int], list[Any]] = {}
        self._children: dict[tuple[str, str, int], tuple[Any, Any]] = {}
        _ALL_REQUEST_METRICS.add(self)

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        if method not in KNOWN_METHODS:
            method = "OTHER"  # before the look-up, so that the keys stay bounded too
        key = (method, route, status)
        entry = self._pending.get(key)
        if entry is None:
            entry = self._pending[key] = [0, 0.0, [0] * (len(DURATION_BUCKETS) + 1)]
        entry[0] += 1
        entry[1] += seconds
        entry[2][bisect.bisect_left(DURATION_BUCKETS, seconds)] += 1

    def flush(self) -> None:
        pending, self._pending = self._pending, {}
        for key, (count, total, buckets) in pending.items():
            children = self._children.get(key)
            if children is None:
                labels = (key[0], key[1], str(key[2]))
                children = (REQUESTS.labels(*labels), REQUEST_DURATION.labels(*labels))
                self._children[key] = children
            requests, duration = children
            requests.inc(count)
            # Histogram has no public "add n observations"; these are the values observe()
            # itself increments (prometheus_client's Histogram: _sum and one per bucket).
            duration._sum.inc(total)
            for index, bucket_count in enumerate(buckets):
                if bucket_count:
                    duration._buckets[index].inc(bucket_count)


_ALL_REQUEST_METRICS: "weakref.WeakSet[RequestMetrics]" = weakref.WeakSet()


def flush_request_metrics() -> None:
    for metrics in list(_ALL_REQUEST_METRICS):
        metrics.flush()
    flush_cache_metrics()  # the caches count in plain Python too (service/cache.py)


async def flush_metrics_periodically() -> None:
    """Run until cancelled: fold request metrics in every METRICS_FLUSH_SECONDS."""
    try:
        while True:
            await asyncio.sleep(METRICS_FLUSH_SECONDS)
            flush_request_metrics()
    finally:
        flush_request_metrics()


def _update_state_gauges(state: Any) -> None:
    engine = getattr(state, "engine", None)
    if engine is not None:
        pool = engine.pool
        DB_POOL_CHECKED_OUT.set(pool.checkedout())
        DB_POOL_SIZE.set(pool.size())
        DB_POOL_CAPACITY.set(pool.size() + state.settings.db_max_overflow)
    snapshot = state.content.snapshot
    CONTENT_VERSION.set(snapshot.version if snapshot is not None else 0)


def exposition(state: Any) -> bytes:
    """The metrics text, with the pool and content gauges read at scrape time."""
    flush_request_metrics()
    _update_state_gauges(state)
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return bytes(generate_latest(registry))
    return bytes(generate_latest(REGISTRY))


@get("/metrics", include_in_schema=False, sync_to_thread=False, cache=False, opt=open_access())
def metrics_endpoint(request: Request[Any, Any, Any]) -> Response[bytes]:
    return Response(
        exposition(request.app.state),
        media_type=EXPOSITION_MEDIA_TYPE,  # Litestar appends `; charset=utf-8`
        headers={"Cache-Control": "no-store"},
    )
