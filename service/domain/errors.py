"""Errors the core raises; the API layers map them to problems or GraphQL errors in one place."""

from collections.abc import Sequence


class DomainError(Exception):
    """Base class: a failure the caller can understand and act on."""


class NotFound(DomainError):
    def __init__(self, kind: str, key: str) -> None:
        super().__init__(f"No {kind} with key {key!r}.")
        self.kind = kind
        self.key = key


class MalformedJSON(DomainError):
    """A request body that is not JSON, not UTF-8, or nests deeper than any input of this API:
    one problem (400 `malformed-json`) whichever route or decoder met it."""


class InvalidParameter(DomainError):
    """A query parameter or argument the core cannot use; `allowed` lists valid values."""

    def __init__(self, parameter: str, detail: str, allowed: Sequence[str] | None = None) -> None:
        super().__init__(detail)
        self.parameter = parameter
        self.detail = detail
        self.allowed = tuple(allowed) if allowed is not None else None


class ContentUnavailable(DomainError):
    """No content has been loaded yet and the database cannot be reached."""


class Conflict(DomainError):
    """The request contradicts what the service knows (409); `fields` name each contradiction."""

    def __init__(self, code: str, title: str, detail: str, fields: Sequence[tuple[str, str]]):
        super().__init__(detail)
        self.code = code
        self.title = title
        self.detail = detail
        self.fields = tuple(fields)


class PreconditionRequired(DomainError):
    """A change that must name the version it replaces (If-Match) did not (428)."""


class PreconditionFailed(DomainError):
    """The version a change names is no longer the current one (412)."""


class TooManyRequests(DomainError):
    """An action bounded per resource was repeated too soon (429); it may be tried again in
    `retry_after` seconds."""

    def __init__(self, detail: str, retry_after: int) -> None:
        super().__init__(detail)
        self.retry_after = retry_after
