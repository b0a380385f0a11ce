"""Content answers the routes have sent, kept to be sent again without running the handler.

A content GET's answer (REST, or a GraphQL query by GET) depends only on the path, the query
string, the Accept-Language header and the content version: content belongs to no
organisation, so once a route has built one, the same request gets the same bytes (or a 304).
Only successful answers to requests whose every query parameter the route knows are kept
(`keep`).

`AnsweredContentMiddleware` is registered on the application after the admission middleware
(service/security/middleware.py), so a kept answer is sent only to a caller the route admits,
with its rate-limit fields, and leaves through the same `before_send` hooks as any answer.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from litestar import Request
from litestar.enums import ScopeType
from litestar.types import (
    ASGIApp,
    HTTPResponseBodyEvent,
    HTTPResponseStartEvent,
    Receive,
    Scope,
    Send,
)

from service.api.common.accept_language import MAX_ACCEPT_LANGUAGE_CHARS
from service.api.common.conditional import etag_matches
from service.cache import BoundedCache
from service.security.middleware import Headers, header

MAX_ANSWERS = 4096
# Longer requests are answered by the handler every time: the key's size is not counted.
MAX_KEY_BYTES = 1024

Key = tuple[int, str, bytes, bytes]  # content version, path, query string, Accept-Language


@dataclass(frozen=True, slots=True)
class Answer:
    etag: str
    headers: Headers  # as the route set them, without content-type and content-length
    body: bytes


def keep(
    request: Request[Any, Any, Any],
    version: int,
    etag: str,
    headers: Mapping[str, str],
    body: bytes,
) -> None:
    """Keep a successful GET answer (built from content `version`). The caller has checked
    that the route knows every query parameter the request sent: unknown ones would let a
    client grow the cache with `?x=1`, `?x=2`, ..."""
    key = request_key(request.scope, version)
    if key is None:
        return
    fields = [(name.lower().encode(), value.encode()) for name, value in headers.items()]
    request.app.state.answered.put(key, Answer(etag, fields, body))


def answer_size(answer: Answer) -> int:
    return len(answer.body) + sum(len(name) + len(value) for name, value in answer.headers)


AnswerCache = BoundedCache[Key, Answer]


def answered_cache(max_bytes: int) -> AnswerCache:
    """One per application; keys carry the content version, so old answers age out."""
    return BoundedCache(
        "answered_content", max_entries=MAX_ANSWERS, max_bytes=max_bytes, sizeof=answer_size
    )


def request_key(scope: Scope, version: int) -> Key | None:
    """The cache key of a request, or None when it is too long to keep."""
    accept_language = b""
    for name, value in scope["headers"]:
        if name == b"accept-language":
            # Only this much is ever parsed: longer headers share an entry with their start.
            accept_language = value[:MAX_ACCEPT_LANGUAGE_CHARS]
            break
    path: str = scope["path"]
    query: bytes = scope["query_string"]
    if len(path) + len(query) + len(accept_language) > MAX_KEY_BYTES:
        return None
    return version, path, query, accept_language


class AnsweredContentMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == ScopeType.HTTP and scope["method"] == "GET":
            state = scope["litestar_app"].state
            snapshot = state.content.snapshot
            key = snapshot and request_key(scope, snapshot.version)
            answer = state.answered.get(key) if key else None
            if answer is not None:
                not_modified = etag_matches(header(scope, b"if-none-match"), answer.etag)
                await send_answer(answer.body, answer.headers, not_modified, send)
                return
        await self.app(scope, receive, send)


async def send_answer(body: bytes, headers: Headers, not_modified: bool, send: Send) -> None:
    if not not_modified:
        headers = [
            *headers,
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ]
    start: HTTPResponseStartEvent = {
        "type": "http.response.start",
        "status": 304 if not_modified else 200,
        "headers": headers,
    }
    message: HTTPResponseBodyEvent = {
        "type": "http.response.body",
        "body": b"" if not_modified else body,
        "more_body": False,
    }
    await send(start)
    await send(message)
