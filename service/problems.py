"""The one place where failures become RFC 9457 problem documents.

Every exception that reaches Litestar goes through `handle_exception`; GraphQL reuses
`classify` so that both doors name the same problem the same way.
"""

import logging
from collections.abc import Mapping, Sequence
from typing import Any

import msgspec
from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from service.domain.errors import (
    Conflict,
    ContentUnavailable,
    DomainError,
    InvalidParameter,
    MalformedJSON,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
    TooManyRequests,
)
from service.domain.recommendation import InvalidSituation
from service.domain.recommendation.service import BatchTooLarge
from service.domain.releases.feed import EXPORT_PATH, HistoryExpired

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_BASE = "https://mentoring-coaching.example/problems/"
RETRY_AFTER_SECONDS = 5
WWW_AUTHENTICATE = 'Bearer realm="mentoring-coaching", charset="UTF-8"'

logger = logging.getLogger("service.errors")


class FieldError(msgspec.Struct, omit_defaults=True, frozen=True):
    """One offending input: where it is, what is wrong, and for enumerations what is allowed."""

    field: str
    message: str
    allowed: tuple[str, ...] | None = None


class Problem(msgspec.Struct, omit_defaults=True, frozen=True):
    type: str
    title: str
    status: int
    detail: str
    code: str
    errors: tuple[FieldError, ...] | None = None


class ProblemError(Exception):
    """Raise to answer with this problem; `headers` are added to the response."""

    def __init__(self, problem: Problem, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(problem.detail)
        self.problem = problem
        self.headers = dict(headers or {})


def problem(
    status: int,
    code: str,
    title: str,
    detail: str,
    errors: Sequence[FieldError] | None = None,
) -> Problem:
    return Problem(
        type=PROBLEM_BASE + code,
        title=title,
        status=status,
        detail=detail,
        code=code,
        errors=tuple(errors) if errors else None,
    )


# The refusals raised outside handlers (admission, health), named once here.


def _auth_param(value: str) -> str:
    """A quoted-string RFC 6750 allows: printable ASCII without `"` and `\\`."""
    return "".join(c for c in value if " " <= c <= "~" and c not in '"\\')


def bearer_challenge(
    resource_metadata: str | None = None,
    error: str | None = None,
    description: str | None = None,
    scope: str | None = None,
) -> str:
    """`WWW-Authenticate` for a refused bearer credential: RFC 6750's `error` (none when no
    credential was sent), `error_description` and `scope`, and RFC 9728's
    `resource_metadata`, the URL of the metadata that tells where tokens come from."""
    challenge = WWW_AUTHENTICATE
    for name, value in (
        ("error", error),
        ("error_description", description),
        ("scope", scope),
        ("resource_metadata", resource_metadata),
    ):
        if value:
            challenge += f', {name}="{_auth_param(value)}"'
    return challenge


def unauthorized(detail: str, challenge: str = WWW_AUTHENTICATE) -> ProblemError:
    doc = problem(401, "unauthorized", "Authentication required", detail)
    return ProblemError(doc, {"WWW-Authenticate": challenge})


def lacks_scope(
    scope: str, caller: str = "This API key", challenge: str | None = None
) -> ProblemError:
    """403 for a credential without the route's scope; with `challenge` (RFC 6750's
    `insufficient_scope`) in `WWW-Authenticate`."""
    doc = problem(403, "forbidden", "Forbidden", f"{caller} lacks the scope `{scope}`.")
    return ProblemError(doc, {"WWW-Authenticate": challenge} if challenge else None)


def origin_not_allowed(detail: str) -> ProblemError:
    """A publishable key used from a page whose origin it does not list (or with no Origin)."""
    return ProblemError(problem(403, "origin-not-allowed", "Origin not allowed", detail))


def rate_limited(detail: str, headers: Mapping[str, str]) -> ProblemError:
    return ProblemError(problem(429, "rate-limited", "Too many requests", detail), headers)


def unavailable(
    code: str,
    detail: str,
    title: str = "Service unavailable",
    headers: Mapping[str, str] | None = None,
) -> ProblemError:
    """A 503 that tells the client when to retry."""
    retry = {"Retry-After": str(RETRY_AFTER_SECONDS), **(headers or {})}
    return ProblemError(problem(503, code, title, detail), retry)


_DATABASE_ERRORS: tuple[type[BaseException], ...] = (
    OperationalError,
    DBAPIError,
    PoolTimeoutError,
    ConnectionError,  # asyncpg raises a refused connection unwrapped
    OSError,
    TimeoutError,
)

_STATUS_CODES = {
    400: ("bad-request", "Bad request"),
    401: ("unauthorized", "Authentication required"),
    403: ("forbidden", "Forbidden"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    406: ("not-acceptable", "Not acceptable"),
    413: ("payload-too-large", "Request body too large"),
    415: ("unsupported-media-type", "Unsupported media type"),
    429: ("rate-limited", "Too many requests"),
    503: ("service-unavailable", "Service unavailable"),
}


def _validation_errors(exc: ValidationException) -> list[FieldError]:
    extra = exc.extra if isinstance(exc.extra, list) else []
    found = [
        FieldError(field=str(item.get("key") or "request"), message=str(item.get("message")))
        for item in extra
        if isinstance(item, dict)
    ]
    return found or [FieldError(field="request", message=str(exc.detail))]


def classify(exc: BaseException) -> tuple[Problem, dict[str, str]]:
    """Map any exception to (problem, extra headers). Unknown ones become an opaque 500."""
    if isinstance(exc, ProblemError):
        return exc.problem, exc.headers
    if isinstance(exc, NotFound):
        return problem(404, "not-found", "Not found", str(exc)), {}
    if isinstance(exc, InvalidParameter):
        field = FieldError(exc.parameter, exc.detail, exc.allowed)
        return problem(
            400, "invalid-parameter", f"Invalid parameter: {exc.parameter}", exc.detail, [field]
        ), {}
    if isinstance(exc, Conflict):
        contradictions = [FieldError(name, message) for name, message in exc.fields]
        return problem(409, exc.code, exc.title, exc.detail, contradictions), {}
    if isinstance(exc, PreconditionRequired):
        return problem(428, "precondition-required", "Precondition required", str(exc)), {}
    if isinstance(exc, PreconditionFailed):
        return problem(412, "precondition-failed", "Precondition failed", str(exc)), {}
    if isinstance(exc, TooManyRequests):
        return problem(429, "rate-limited", "Too many requests", str(exc)), {
            "Retry-After": str(exc.retry_after)
        }
    if isinstance(exc, BatchTooLarge):
        # 422 like any other invalid body: the schema's `maxItems` says the same.
        errors = [FieldError(p.field, p.message) for p in exc.problems]
        return problem(422, "batch-too-large", exc.title, exc.problems[0].message, errors), {}
    if isinstance(exc, InvalidSituation):
        errors = [FieldError(p.field, p.message, p.allowed) for p in exc.problems]
        # Title and detail come localised from the domain, as in a batch item's problem.
        return problem(422, "invalid-situation", exc.title, exc.detail, errors), {}
    if isinstance(exc, (ContentUnavailable, *_DATABASE_ERRORS)):
        logger.warning("database unavailable: %s", type(exc).__name__)
        refusal = unavailable(
            "database-unavailable", "The database cannot be reached right now; retry shortly."
        )
        return refusal.problem, refusal.headers
    if isinstance(exc, MalformedJSON):
        return problem(400, "malformed-json", "Malformed JSON", str(exc)), {}
    if isinstance(exc, HistoryExpired):
        doc = problem(410, "history-expired", "Change history expired", str(exc))
        return doc, {"Link": f'<{EXPORT_PATH}>; rel="alternate"'}
    if isinstance(exc, DomainError):
        return problem(400, "bad-request", "Bad request", str(exc)), {}
    if isinstance(exc, ValidationException):
        errors = _validation_errors(exc)
        names = ", ".join(e.field for e in errors)
        return problem(
            400,
            "invalid-parameter",
            f"Invalid parameter: {names}",
            "; ".join(f"{e.field}: {e.message}" for e in errors),
            errors,
        ), {}
    if isinstance(exc, HTTPException):
        code, title = _STATUS_CODES.get(exc.status_code, ("http-error", "HTTP error"))
        headers = {k: v for k, v in (exc.headers or {}).items()}
        detail = exc.detail if isinstance(exc.detail, str) and exc.detail else title
        return problem(exc.status_code, code, title, detail), headers
    logger.exception("unhandled error", exc_info=exc)
    return problem(
        500,
        "internal-error",
        "Internal error",
        "Something went wrong on our side; it has been logged.",
    ), {}


def problem_response(
    problem_doc: Problem, headers: Mapping[str, str] | None = None
) -> Response[bytes]:
    return Response(
        content=msgspec.json.encode(problem_doc),
        status_code=problem_doc.status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=dict(headers or {}),
    )


def handle_exception(_: Request[Any, Any, Any], exc: Exception) -> Response[bytes]:
    problem_doc, headers = classify(exc)
    return problem_response(problem_doc, headers)
