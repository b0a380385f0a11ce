"""Repeated content GETs answered from their final bytes, before Litestar parses parameters.

A content answer depends only on the path, the query string, the Accept-Language header and
the content version, so once a handler has built one, the same request gets the same bytes
(or a 304) from here. Authentication, rate limits, metrics and security headers still apply:
this middleware sits inside them. The route's scopes (its guards, which run after routing)
are kept with the answer and checked here; a key that lacks one goes on to the route, whose
guard refuses it. Only successful answers to requests whose every query parameter the route
knows are kept (`http.content_response`); errors always go through the handler.
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

from service.api.common.conditional import etag_matches
from service.api.common.scopes import granted
from service.cache import BoundedCache

MAX_ANSWERS = 4096
# Longer requests are answered by the handler every time: the key's size is not counted.
MAX_KEY_BYTES = 1024

Key = tuple[int, str, bytes, bytes]  # content version, path, query string, Accept-Language


@dataclass(frozen=True, slots=True)
class Answer:
    etag: str
    headers: list[tuple[bytes, bytes]]  # without content-type and content-length
    body: bytes
    scopes: frozenset[str]  # what the route's guards require


def answer_size(answer: Answer) -> int:
    return len(answer.body) + sum(len(name) + len(value) for name, value in answer.headers)


def answered_cache(max_bytes: int) -> BoundedCache[Key, Answer]:
    """One per application; keys carry the content version, so old answers age out."""
    return BoundedCache(
        "answered_content", max_entries=MAX_ANSWERS, max_bytes=max_bytes, sizeof=answer_size
    )


def request_key(scope: Scope, version: int) -> Key | None:
    """The cache key of a request, or None when it is too long to keep."""
    accept_language = b""
    for name, value in scope["headers"]:
        if name == b"accept-language":
            accept_language = value
            break
    path: str = scope["path"]
    query: bytes = scope["query_string"]
    if len(path) + len(query) + len(accept_language) > MAX_KEY_BYTES:
        return None
    return version, path, query, accept_language


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
            key = snapshot and request_key(scope, snapshot.version)
            answer = key and state.answered.get(key)
            if answer and granted(scope, answer.scopes):
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
