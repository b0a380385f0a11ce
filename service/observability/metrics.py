"""Prometheus metrics: requests by route template, the database pool, the content version,
recommendations by top variant. `GET /metrics` serves them (kept out of the OpenAPI document).

Metrics live in the process: with several granian workers each worker counts its own
requests. Scrape every pod, or set PROMETHEUS_MULTIPROC_DIR to aggregate the workers'
counters (docs/operations.md, "Metrics").
"""

import os
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

# A route that did not match (404, 405) is counted under one label: raw paths would let any
# client create new time series.
UNMATCHED_ROUTE = "<unmatched>"
# The classic text format, which every Prometheus version parses (the exposition we write is
# valid in it: our names are plain ASCII).
EXPOSITION_MEDIA_TYPE = "text/plain; version=0.0.4"
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

REQUESTS = Counter(
    "http_requests",
    "HTTP requests served, by method, route template and status.",
    ["method", "route", "status"],
)
REQUEST_DURATION = Histogram(
    "http_request_duration_seconds",
    "Time from the request to the end of the response, by method, route template and status.",
    ["method", "route", "status"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
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


def record_recommendation(top_variant: str) -> None:
    """Count one recommendation answered; `top_variant` is the slug ranked first.

    Called by the recommendation endpoints (REST and GraphQL), once per answered request.
    Pass a catalogue slug only, never user input, so the label set stays small.
    """
    RECOMMENDATIONS.labels(top_variant).inc()


class RequestMetrics:
    """Per-request counting with the labelled children cached: `labels()` takes a lock."""

    def __init__(self) -> None:
        self._children: dict[tuple[str, str, int], tuple[Any, Any]] = {}

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        if method not in KNOWN_METHODS:
            method = "OTHER"  # before the cache lookup, so that it stays bounded too
        key = (method, route, status)
        children = self._children.get(key)
        if children is None:
            labels = (method, route, str(status))
            children = (REQUESTS.labels(*labels), REQUEST_DURATION.labels(*labels))
            self._children[key] = children
        children[0].inc()
        children[1].observe(seconds)


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
    _update_state_gauges(state)
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return bytes(generate_latest(registry))
    return bytes(generate_latest(REGISTRY))


@get("/metrics", include_in_schema=False, sync_to_thread=False, cache=False)
def metrics_endpoint(request: Request[Any, Any, Any]) -> Response[bytes]:
    return Response(
        exposition(request.app.state),
        media_type=EXPOSITION_MEDIA_TYPE,  # Litestar appends `; charset=utf-8`
        headers={"Cache-Control": "no-store"},
    )
