"""OpenAPI documentation helpers: examples built from real answers, problem responses.

Every example is what the service answers: content examples come from the committed content
as the service would serve it, and problem examples from the same functions and the same
`classify` that answer a request (tests/contract/test_examples.py validates them all).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import msgspec
from litestar.exceptions import HTTPException
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import Example

from service.cache import BoundedCache
from service.domain.bundle import StoredBundle, read_files
from service.domain.content import LocaleView, Snapshot, build_snapshot
from service.problems import PROBLEM_MEDIA_TYPE, Problem, classify, problem

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


def release_examples() -> None:
    """Drop the example snapshot (a second copy of the content, about 12 MB) once the OpenAPI
    document is built: nothing at request time reads it (a later call builds it again)."""
    _EXAMPLES.clear()


@dataclass
class AnswerExample(Example):
    """An example written as given: Litestar would drop the `null`s inside the value (a last
    page's `next_cursor`) and write the `id` out, which OpenAPI does not allow (the id stays
    the example's name)."""

    def to_schema(self) -> dict[str, Any]:
        fields = {"summary": self.summary, "description": self.description, "value": self.value}
        return {name: value for name, value in fields.items() if value is not None}


def example_id(summary: str) -> str:
    """`Early career, long horizon` -> `early-career-long-horizon`: a readable example name."""
    return "-".join(re.findall(r"[a-z0-9]+", summary.lower()))


def ok(data: type, summary: str, value: Any, description: str = "OK") -> ResponseSpec:
    return ResponseSpec(
        data_container=data,
        description=description,
        generate_examples=False,
        examples=[
            AnswerExample(id=example_id(summary), summary=summary, value=msgspec.to_builtins(value))
        ],
    )


def answer_of(call: Callable[[], object]) -> Problem:
    """The problem the service answers when `call` fails as it does for a real request."""
    try:
        call()
    except Exception as exc:
        return classify(exc)[0]
    raise AssertionError("the example call was expected to fail")


def _raise(exc: Exception) -> Callable[[], object]:
    def fail() -> object:
        raise exc

    return fail


def _unsupported_locale() -> Problem:
    from service.api.common.locale import explicit_locale

    return answer_of(lambda: explicit_locale(example_snapshot(), "xx"))


# What `classify` answers for the database (not called here: it logs every outage).
_UNAVAILABLE = problem(
    503,
    "database-unavailable",
    "Service unavailable",
    "The database cannot be reached right now; retry shortly.",
)


# Problems written by the decision and organisation handlers themselves.
_HANDLER_PROBLEMS = {
    409: problem(
        409,
        "decision-mismatch",
        "Decision id does not match",
        "The decision id was made from other inputs: locale differ.",
    ),
    412: problem(
        412, "precondition-failed", "Precondition failed", "The policy changed since that ETag."
    ),
    428: problem(
        428, "precondition-required", "Precondition required", "Send If-Match with the ETag."
    ),
}
_CONTENT_KINDS = frozenset({"approach", "aspect", "topic", "term", "variant"})


_PROBLEM_DESCRIPTIONS = {
    400: "Invalid parameter, cursor or locale",
    404: "No item with that key",
    409: "The request contradicts what the service knows",
    412: "If-Match names an ETag that is no longer current",
    428: "If-Match is required",
    413: "Request body too large",
    422: "The body is well-formed JSON but not a valid input",
    503: "Database or content unavailable",
}


def _example(status: int, resource: str, invalid: Callable[[], Problem] | None) -> Any:
    if status == 400:
        return _unsupported_locale()
    if status == 404:
        if resource in _CONTENT_KINDS:
            return answer_of(lambda: example_view().get(resource, "unknown"))
        return problem(404, "not-found", "Not found", f"No {resource} with key 'unknown'.")
    if status in _HANDLER_PROBLEMS:
        return _HANDLER_PROBLEMS[status]
    if status == 413:
        return answer_of(_raise(HTTPException(status_code=413, detail="Request Entity Too Large")))
    if status == 422:
        if invalid is None:
            return problem(422, "invalid-situation", "Invalid situation", "2 fields are invalid.")
        return invalid()
    return _UNAVAILABLE


def problems(
    *statuses: int,
    resource: str = "item",
    invalid: Callable[[], Problem] | None = None,
    answers: dict[int, Problem] | None = None,
) -> dict[int, ResponseSpec]:
    """Problem responses with an example each: `resource` names the kind a 404 is about,
    `invalid` the call whose problem a 422 shows, and `answers` the problems a handler
    writes itself. What admission answers (401, 403, 429) the OpenAPI document derives from
    each route's declared access (service/api/contract/)."""
    answers = answers or {}
    return {
        status: ResponseSpec(
            data_container=Problem,
            description=_PROBLEM_DESCRIPTIONS[status].replace("item", resource),
            media_type=PROBLEM_MEDIA_TYPE,
            generate_examples=False,
            examples=[
                AnswerExample(
                    id=f"{resource.replace(' ', '-')}-{status}"
                    if status == 404
                    else f"problem-{status}",
                    summary=_PROBLEM_DESCRIPTIONS[status].replace("item", resource),
                    value=msgspec.to_builtins(
                        answers.get(status) or _example(status, resource, invalid)
                    ),
                )
            ],
        )
        for status in statuses
    }
