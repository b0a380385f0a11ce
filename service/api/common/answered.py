"""Answers the routes have already sent, sent again without running them.

- Content GETs: a content answer depends only on the path, the query string, the
  Accept-Language header and the content version, so once a handler has built one, the same
  request gets the same bytes (or a 304). Only successful answers to requests whose every
  query parameter the route knows are kept (`http.content_response`).
- `POST /v1/recommendations`: the same situation under the same policy gives the same bytes,
  kept by content version, locale, organisation policy and the exact body (below).

Errors always go through the handler. Each answer keeps its route's scopes (its guards run
after routing) and its headers as they must leave.

Two doors answer from these caches:

- `AnsweredFrontDoor`, in front of Litestar (inside request ids, metrics, the access log and
  security headers), for requests without `Origin` from a caller the trust middleware can
  admit without asking PostgreSQL or refusing (`Trust.recognised`, `Trust.admit_recognised`:
  a secret key verified recently, holding the route's scopes, within its rate limit).
  Litestar's router, exception layer and middleware cost more than the answer itself
  (in-process, production: 55 us of CPU per cached `GET /v1/variants` through them, 22 us
  here, 20-27 us for a bare Litestar app; a repeated recommendation 155 us through them,
  32 us here). Anything else goes on to Litestar, which decides as for any request.
- `AnsweredContentMiddleware`, inside Litestar after the trust middleware, for the content
  GETs the front door leaves (browser requests with `Origin`, whose CORS headers Litestar
  adds; keys not verified yet); a key that lacks a scope goes on to the route, whose guard
  refuses it.
"""

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from litestar import Request
from litestar.datastructures import State
from litestar.enums import ScopeType
from litestar.types import (
    ASGIApp,
    HTTPResponseBodyEvent,
    HTTPResponseStartEvent,
    Receive,
    ReceiveMessage,
    Scope,
    Send,
)

from service.api.common.accept_language import MAX_ACCEPT_LANGUAGE_CHARS
from service.api.common.conditional import etag_matches
from service.api.common.locale import negotiate
from service.api.common.scopes import granted, route_scopes
from service.api.problems import send_problem
from service.cache import BoundedCache
from service.domain.content import Snapshot
from service.domain.decisions.service import Scope as PolicyScope
from service.domain.store import ContentStore
from service.observability.metrics import record_recommendation
from service.security.keys import Identity
from service.security.middleware import Recognised, Trust

MAX_ANSWERS = 4096
# Longer requests are answered by the handler every time: the key's size is not counted.
MAX_KEY_BYTES = 1024

Key = tuple[int, str, bytes, bytes]  # content version, path, query string, Accept-Language


Headers = list[tuple[bytes, bytes]]


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


def _header(scope: Scope, wanted: bytes) -> str | None:
    for name, value in scope["headers"]:
        if name == wanted:
            return value.decode("latin-1")
    return None


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
RECOMMENDATIONS_PATH = "/v1/recommendations"
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


class GraphQLAnswers(Protocol):
    """What the GraphQL door (api/graphql/controller.py) offers the front door."""

    scopes: frozenset[str]  # what its route's guards require

    def answer_ready(
        self,
        body: bytes,
        snapshot: Snapshot,
        accept_language: str | None,
        identity: Identity | None,
    ) -> bytes | None: ...


GRAPHQL_PATH = "/graphql"
MAX_GRAPHQL_BODY_BYTES = 8192  # a persisted query by hash with its variables: about 300 bytes
# The POST routes the front door answers, and the longest body it reads for each.
POSTED = {RECOMMENDATIONS_PATH: MAX_SITUATION_BYTES, GRAPHQL_PATH: MAX_GRAPHQL_BODY_BYTES}


@dataclass(frozen=True, slots=True)
class Ready:
    """A POST's answer, ready to send."""

    body: bytes
    sent_headers: Headers
    scopes: frozenset[str]
    top_variant: str | None = None  # a recommendation's, for the recommendations metric


class AnsweredFrontDoor:
    """Answers kept by the routes, sent in front of Litestar (see the module's docstring)."""

    def __init__(self, app: ASGIApp, trust: Trust) -> None:
        self.app = app
        self.trust = trust

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == ScopeType.HTTP and _header(scope, b"origin") is None:
            if scope["method"] == "GET" and await self._content(scope, send):
                return
            if scope["method"] == "POST" and scope["path"] in POSTED:
                answered, receive = await self._posted(scope, receive, send)
                if answered:
                    return
        await self.app(scope, receive, send)

    async def _content(self, scope: Scope, send: Send) -> bool:
        state = scope["litestar_app"].state
        answer = cached_answer(scope, state.content, state.answered)
        caller = answer and self.trust.recognised(scope)
        if not (answer and caller):
            return False
        limits = await self.trust.admit_recognised(scope, caller, answer.scopes)
        if limits is None:
            return False
        scope["path_template"] = answer.route
        not_modified = etag_matches(_header(scope, b"if-none-match"), answer.etag)
        await _send(answer.body, [*answer.sent_headers, *limits], not_modified, send)
        return True

    async def _posted(self, scope: Scope, receive: Receive, send: Send) -> tuple[bool, Receive]:
        """Answered or not, and the `receive` the routed path must read the body from."""
        state = scope["litestar_app"].state
        snapshot = state.content.snapshot
        caller = self.trust.recognised(scope)
        if snapshot is None or caller is None or scope["query_string"]:
            return False, receive  # `?locale=` and the rest: the routes parse queries
        path = scope["path"]
        scope["path_template"] = path  # for metrics, whoever answers: both are plain paths
        try:  # the routed path reads it under the same timeout (security/middleware.py)
            async with asyncio.timeout(self.trust.timeout_seconds):
                body, receive = await _read_at_most(receive, POSTED[path])
        except TimeoutError:
            await send_problem(send, self.trust.timed_out())
            return True, receive
        if body is None:
            return False, receive
        if path == RECOMMENDATIONS_PATH:
            ready = await self._recommendation(scope, state, snapshot, caller, body)
        else:
            ready = self._graphql(scope, state, snapshot, caller, body)
        if ready is None:
            return False, receive
        limits = await self.trust.admit_recognised(scope, caller, ready.scopes)
        if limits is None:
            return False, receive
        if ready.top_variant is not None:
            record_recommendation(ready.top_variant)
        await _send(ready.body, [*ready.sent_headers, *limits], False, send)
        return True, receive

    @staticmethod
    async def _recommendation(
        scope: Scope, state: State, snapshot: Snapshot, caller: Recognised, body: bytes
    ) -> Ready | None:
        locale = negotiate(_header(scope, b"accept-language"), snapshot.locales)
        try:
            policy = await state.organisation_policies.scope_for(state.engine, caller.organisation)
        except Exception:  # the route reports it
            return None
        key = recommendation_key(snapshot.version, locale, caller.organisation, policy, body)
        answer: RecommendationAnswer | None = key and state.recommendations.get(key)
        if not answer:
            return None
        return Ready(answer.body, answer.sent_headers, answer.scopes, answer.top_variant)

    @staticmethod
    def _graphql(
        scope: Scope, state: State, snapshot: Snapshot, caller: Recognised, body: bytes
    ) -> Ready | None:
        door: GraphQLAnswers = state.graphql
        accept_language = _header(scope, b"accept-language")
        answer = door.answer_ready(body, snapshot, accept_language, caller.identity)
        if answer is None:
            return None
        return Ready(answer, state.caching_headers.fixed([], api=True) or [], door.scopes)


async def _read_at_most(receive: Receive, limit: int) -> tuple[bytes | None, Receive]:
    """The whole body when it is at most `limit` bytes (else None), and a `receive` that
    gives the routed path every message read here, then the rest."""
    messages: list[ReceiveMessage] = []
    size = 0
    while size <= limit:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            break  # a disconnect: the route sees it too
        size += len(message.get("body", b""))
        if not message.get("more_body", False):
            if size > limit:
                break
            body = b"".join(m.get("body", b"") for m in messages)  # type: ignore[misc]
            return body, _replaying(messages, receive)
    return None, _replaying(messages, receive)


def _replaying(messages: list[ReceiveMessage], receive: Receive) -> Receive:
    pending = list(messages)

    async def replay() -> ReceiveMessage:
        return pending.pop(0) if pending else await receive()

    return replay


class AnsweredContentMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        state = scope["litestar_app"].state
        answer = cached_answer(scope, state.content, state.answered)
        if answer is not None and granted(scope, answer.scopes):
            not_modified = etag_matches(_header(scope, b"if-none-match"), answer.etag)
            await _send(answer.body, answer.headers, not_modified, send)
            return
        await self.app(scope, receive, send)


async def _send(body: bytes, headers: Headers, not_modified: bool, send: Send) -> None:
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
