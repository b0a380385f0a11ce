"""OpenAPI documentation helpers: real examples from the committed content, problem responses."""

from typing import Any

import msgspec
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import Example

from service.api.problems import PROBLEM_MEDIA_TYPE, Problem, problem
from service.cache import BoundedCache
from service.domain.bundle import StoredBundle, read_files
from service.domain.content import LocaleView, Snapshot, build_snapshot

# Built once, when the OpenAPI document is: one entry, and well under the byte bound (the
# snapshot is counted by its own object size, which is all a shallow estimate can see).
_EXAMPLES: BoundedCache[str, Snapshot] = BoundedCache(
    "openapi_examples", max_entries=1, max_bytes=1_000_000
)


def example_view() -> LocaleView:
    """The English content as the service would serve it, for examples in the OpenAPI document."""
    return example_snapshot().view("en")


def example_snapshot() -> Snapshot:
    """The committed content files as content version 1, for examples in the OpenAPI document."""
    return _EXAMPLES.get_or_build(
        "snapshot", lambda: build_snapshot(StoredBundle(read_files(), version=1))
    )


def ok(data: type, summary: str, value: Any, description: str = "OK") -> ResponseSpec:
    return ResponseSpec(
        data_container=data,
        description=description,
        generate_examples=False,
        examples=[Example(summary=summary, value=msgspec.to_builtins(value))],
    )


_PROBLEM_EXAMPLES = {
    400: problem(
        400, "invalid-parameter", "Invalid parameter: limit", "limit must be between 1 and 100."
    ),
    401: problem(
        401,
        "unauthorized",
        "Authentication required",
        "Send an API key as `Authorization: Bearer <key>` or `X-API-Key`.",
    ),
    403: problem(403, "forbidden", "Forbidden", "This API key lacks the scope `recommend`."),
    404: problem(404, "not-found", "Not found", "No variant with key 'unknown'."),
    413: problem(
        413, "payload-too-large", "Request body too large", "The request body exceeds the limit."
    ),
    422: problem(422, "invalid-situation", "Invalid situation", "2 fields are invalid."),
    429: problem(429, "rate-limited", "Too many requests", "Rate limit exceeded; retry later."),
    503: problem(
        503,
        "database-unavailable",
        "Service unavailable",
        "The database cannot be reached right now; retry shortly.",
    ),
}

_PROBLEM_DESCRIPTIONS = {
    400: "Invalid parameter, cursor or locale",
    401: "Missing or unknown API key",
    403: "The API key lacks the required scope",
    404: "No item with that key",
    413: "Request body too large",
    422: "The body is well-formed JSON but not a valid input",
    429: "Rate limit exceeded",
    503: "Database unavailable",
}


def problems(*statuses: int) -> dict[int, ResponseSpec]:
    return {
        status: ResponseSpec(
            data_container=Problem,
            description=_PROBLEM_DESCRIPTIONS[status],
            media_type=PROBLEM_MEDIA_TYPE,
            generate_examples=False,
            examples=[Example(summary=_PROBLEM_DESCRIPTIONS[status], value=msgspec.to_builtins(p))],
        )
        for status, p in _PROBLEM_EXAMPLES.items()
        if status in statuses
    }
