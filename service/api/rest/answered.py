"""Repeated content GETs answered from their final bytes, before Litestar parses parameters.

A content answer depends only on the path, the query string, the Accept-Language header and
the content version, so once a handler has built one, the same request gets the same bytes
(or a 304) from here. Authentication, rate limits, metrics and security headers still apply:
this middleware sits inside them. Only successful answers are kept; errors always go through
the handler.
"""

from dataclasses import dataclass

from litestar.enums import ScopeType
from litestar.types import (
    ASGIApp,
    HTTPResponseBodyEvent,
    HTTPResponseStartEvent,
    Receive,
    Scope,
    Send,
)

from service.api.accept_language import MAX_ACCEPT_LANGUAGE_CHARS

# Bounded: query strings and headers are unbounded. Cleared when the content version changes.
MAX_ANSWERS = 4096

Key = tuple[str, bytes, bytes]  # path, query string, Accept-Language


@dataclass(frozen=True, slots=True)
class Answer:
    etag: str
    headers: list[tuple[bytes, bytes]]  # without content-type and content-length
    body: bytes


class AnsweredContent:
    """The content answers of one application, for the content version they were built from."""

    def __init__(self) -> None:
        self.version: int | None = None
        self.answers: dict[Key, Answer] = {}

    def get(self, version: int, key: Key) -> Answer | None:
        return self.answers.get(key) if version == self.version else None

    def put(self, version: int, key: Key, answer: Answer) -> None:
        if version != self.version or len(self.answers) >= MAX_ANSWERS:
            self.answers = {}
            self.version = version
        self.answers[key] = answer


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    # Weak comparison, as RFC 9110 asks for If-None-Match.
    return any(tag.strip().removeprefix("W/") == etag for tag in if_none_match.split(","))


def request_key(scope: Scope) -> Key:
    accept_language = b""
    for name, value in scope["headers"]:
        if name == b"accept-language":
            # Only this much is ever parsed: longer headers share an entry with their start.
            accept_language = value[:MAX_ACCEPT_LANGUAGE_CHARS]
            break
    return scope["path"], scope["query_string"], accept_language


def _header(scope: Scope, wanted: bytes) -> str | None:
    for name, value in scope["headers"]:
        if name == wanted:
            return value.decode("latin-1")
    return None


class AnsweredContentMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == ScopeType.HTTP and scope.get("method") == "GET":
            state = scope["litestar_app"].state
            snapshot = state.content.snapshot
            answer = snapshot and state.answered.get(snapshot.version, request_key(scope))
            if answer:
                await _send(
                    answer, etag_matches(_header(scope, b"if-none-match"), answer.etag), send
                )
                return
        await self.app(scope, receive, send)


async def _send(answer: Answer, not_modified: bool, send: Send) -> None:
    headers = answer.headers
    if not not_modified:
        headers = [
            *headers,
            (b"content-type", b"application/json"),
            (b"content-length", str(len(answer.body)).encode()),
        ]
    start: HTTPResponseStartEvent = {
        "type": "http.response.start",
        "status": 304 if not_modified else 200,
        "headers": headers,
    }
    body: HTTPResponseBodyEvent = {
        "type": "http.response.body",
        "body": b"" if not_modified else answer.body,
        "more_body": False,
    }
    await send(start)
    await send(body)
