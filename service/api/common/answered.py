"""Answers the routes have sent, kept to be sent again without running the routes.

- Content and GraphQL GETs: such an answer depends only on the path, the query string, the
  Accept-Language header and the content version, so once a route has built one, the same
  request gets the same bytes (or a 304). Only successful answers to requests whose every
  query parameter the route knows are kept (`keep`).
- `POST /v1/recommendations`: the same situation under the same policy gives the same bytes,
  kept by content version, locale, organisation policy and the exact body (below).

Each answer keeps its route's scopes (its guards run after routing) and its headers as they
must leave. The front door (service/api/front_door.py) sends them before Litestar;
`AnsweredContentMiddleware`, inside Litestar after the trust middleware, sends the content
GETs the front door leaves (browser requests with `Origin`, whose CORS headers Litestar adds;
keys not verified yet), and a key that lacks a scope goes on to the route, whose guard
refuses it.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from litestar import Request
from litestar.datastructures import State
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
from service.api.common.scopes import granted, route_scopes
from service.cache import BoundedCache
from service.domain.decisions.service import Scope as PolicyScope
from service.domain.store import ContentStore
from service.security.middleware import Headers, header

MAX_ANSWERS = 4096
# Longer requests are answered by the handler every time: the key's size is not counted.
MAX_KEY_BYTES = 1024

Key = tuple[int, str, bytes, bytes]  # content version, path, query string, Accept-Language


@dataclass(frozen=True, slots=True)
class Answer:
    etag: str
    headers: Headers  # as the route set them, without content-type and content-length
    sent_headers: Headers  # `headers` as they leave (security.cors.CachingHeaders applied)
    body: bytes
    scopes: frozenset[str]  # what the route's guards require
    route: str  # the route's template, for metrics and the access log


def keep(
    request: Request[Any, Any, Any],
    version: int,
    etag: str,
    headers: Mapping[str, str],
    body: bytes,
) -> None:
    """Keep a successful GET answer (built from content `version`) for both doors. The caller
    has checked that the route knows every query parameter the request sent: unknown ones
    would let a client grow the cache with `?x=1`, `?x=2`, ..."""
    key = request_key(request.scope, version)
    if key is None:
        return
    fields, sent = encoded_headers(request.app.state, headers)
    scopes = route_scopes(request.route_handler)
    answer = Answer(etag, fields, sent, body, scopes, request.scope["path_template"])
    request.app.state.answered.put(key, answer)


def encoded_headers(state: State, headers: Mapping[str, str]) -> tuple[Headers, Headers]:
    """A route's header fields as ASGI pairs, and as they leave the application (with
    `security.cors.CachingHeaders`, which the front door does not pass through)."""
    fields = [(name.lower().encode(), value.encode()) for name, value in headers.items()]
    return fields, state.caching_headers.fixed(fields, api=True) or fields


def answer_size(answer: Answer) -> int:
    fields = (*answer.headers, *answer.sent_headers)
    return len(answer.body) + sum(len(name) + len(value) for name, value in fields)


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


def cached_answer(scope: Scope, content: ContentStore, answers: AnswerCache) -> Answer | None:
    if scope["type"] != ScopeType.HTTP or scope["method"] != "GET":
        return None
    snapshot = content.snapshot
    key = snapshot and request_key(scope, snapshot.version)
    return answers.get(key) if key else None


# Recommendations: the same situation under the same policy gives the same bytes, so a
# repeated request is answered with the bytes of the first. Parsing, the engine's (cached)
# answer, its decision id and encoding 20 KB of JSON cost about 150 us of CPU per request
# (in-process, production). Kept by the exact request body: a client that repeats a situation
# sends the same bytes; the answer is what the route sends for them.
MAX_RECOMMENDATIONS = 128
MAX_RECOMMENDATION_BYTES = 3 * 1024 * 1024  # a full answer is about 21 KB
MAX_SITUATION_BYTES = 2048  # a situation is about 300 bytes; longer bodies are not kept

# content version, locale, organisation, its policy version, request body
RecommendationKey = tuple[int, str, str | None, int | None, bytes]


@dataclass(frozen=True, slots=True)
class RecommendationAnswer:
    headers: dict[str, str]  # as the route sets them
    sent_headers: Headers  # as they leave, without content-type and content-length
    body: bytes
    top_variant: str  # for the recommendations metric
    scopes: frozenset[str]  # what the route's guards require


RecommendationCache = BoundedCache[RecommendationKey, RecommendationAnswer]


def recommendation_cache() -> RecommendationCache:
    """One per application (`app.state.recommendations`)."""
    return BoundedCache(
        "recommendation_responses",
        max_entries=MAX_RECOMMENDATIONS,
        max_bytes=MAX_RECOMMENDATION_BYTES,
        sizeof=lambda answer: len(answer.body) + MAX_SITUATION_BYTES,
    )


def recommendation_key(
    version: int, locale: str, organisation: str | None, policy: PolicyScope | None, body: bytes
) -> RecommendationKey | None:
    if len(body) > MAX_SITUATION_BYTES:
        return None
    return version, locale, organisation, None if policy is None else policy.version, body


class AnsweredContentMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        state = scope["litestar_app"].state
        answer = cached_answer(scope, state.content, state.answered)
        if answer is not None and granted(scope, answer.scopes):
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
