"""What answers in front of Litestar: requests whose answer needs none of it.

Litestar's router, exception layer and middleware cost more than some answers themselves
(in-process, production: 55 us of CPU per cached `GET /v1/variants` through them against
about 22 us here and 20-27 us for a bare Litestar app; a repeated recommendation 155 us
against 32 us; a varied GraphQL glossary search about 180 us of its 307). So `FrontDoor`, the
first thing inside request ids, metrics, the access log, security headers and publishable
keys' CORS, answers, for requests without `Origin` (whose CORS headers Litestar's middleware
adds) from a caller the trust middleware can admit without asking PostgreSQL
(`Trust.recognised`: a secret key verified within `API_KEY_CACHE_SECONDS`, or none in
development):

- content and GraphQL GETs the routes have answered before (api/common/answered.py);
- `POST /v1/recommendations`: the kept answer to the same body, locale and organisation
  policy, or a new one computed by the route's own function (`recommendation_answer`);
- `POST /graphql`: one operation the response cache or a plan answers
  (`GraphQLDoor.answer_ready`).

Only successes are answered here, with the bytes and headers the route would send. Everything
else (errors, batches, queries, browsers, keys not verified yet, a scope the key lacks, a
spent budget) goes on to Litestar, which decides and refuses as for any request. A request is
counted against its key's limit once: here when it is answered or computed here
(`Trust.admit_recognised`, `Trust.admitted`), else on the routed path.
"""

import asyncio
from dataclasses import dataclass

from litestar.datastructures import State
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Receive, ReceiveMessage, Scope, Send

from service.api.common.answered import (
    MAX_SITUATION_BYTES,
    AnswerCache,
    RecommendationCache,
    cached_answer,
    recommendation_key,
    send_answer,
)
from service.api.common.conditional import etag_matches
from service.api.common.locale import negotiate
from service.api.graphql.controller import GraphQLDoor
from service.api.problems import send_problem
from service.api.rest.recommendations import SCOPES as RECOMMENDATION_SCOPES
from service.api.rest.recommendations import recommendation_answer
from service.domain.content import Snapshot
from service.domain.store import ContentStore
from service.observability.metrics import record_recommendation
from service.security.middleware import Headers, Recognised, Trust, header

RECOMMENDATIONS_PATH = "/v1/recommendations"
GRAPHQL_PATH = "/graphql"
MAX_GRAPHQL_BODY_BYTES = 8192  # a persisted query by hash with its variables: about 300 bytes
# The POST routes answered here, and the longest body read for each (longer: the route's).
POSTED = {RECOMMENDATIONS_PATH: MAX_SITUATION_BYTES, GRAPHQL_PATH: MAX_GRAPHQL_BODY_BYTES}


@dataclass(frozen=True, slots=True)
class Ready:
    """A POST's answer, ready to send."""

    body: bytes
    sent_headers: Headers
    scopes: frozenset[str]  # what its route's guards require
    top_variant: str | None = None  # a recommendation's, for the recommendations metric
    limits: Headers | None = None  # the rate-limit fields, when already admitted


class FrontDoor:
    def __init__(self, app: ASGIApp, state: State) -> None:
        self.app = app
        # What every request reads, taken out of the application's state once (a `State`
        # attribute is a Python-level `__getattr__`); `engine` appears in the lifespan.
        self.state = state
        self.trust: Trust = state.trust
        self.content: ContentStore = state.content
        self.answered: AnswerCache = state.answered
        self.recommendations: RecommendationCache = state.recommendations
        self.graphql: GraphQLDoor = state.graphql
        self.graphql_headers: Headers = state.caching_headers.fixed([], api=True) or []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == ScopeType.HTTP and header(scope, b"origin") is None:
            if scope["method"] == "GET" and await self._content(scope, send):
                return
            if scope["method"] == "POST" and scope["path"] in POSTED:
                answered, receive = await self._posted(scope, receive, send)
                if answered:
                    return
        await self.app(scope, receive, send)

    async def _content(self, scope: Scope, send: Send) -> bool:
        answer = cached_answer(scope, self.content, self.answered)
        caller = answer and self.trust.recognised(scope)
        if not (answer and caller):
            return False
        limits = await self.trust.admit_recognised(scope, caller, answer.scopes)
        if limits is None:
            return False
        scope["path_template"] = answer.route
        not_modified = etag_matches(header(scope, b"if-none-match"), answer.etag)
        await send_answer(answer.body, [*answer.sent_headers, *limits], not_modified, send)
        return True

    async def _posted(self, scope: Scope, receive: Receive, send: Send) -> tuple[bool, Receive]:
        """Answered or not, and the `receive` the routed path must read the body from."""
        snapshot = self.content.snapshot
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
            ready = await self._recommendation(scope, snapshot, caller, body)
        else:
            ready = self._graphql(scope, snapshot, caller, body)
        if ready is None:
            return False, receive
        limits = ready.limits
        if limits is None:
            limits = await self.trust.admit_recognised(scope, caller, ready.scopes)
            if limits is None:
                return False, receive
        if ready.top_variant is not None:
            record_recommendation(ready.top_variant)
        await send_answer(ready.body, [*ready.sent_headers, *limits], False, send)
        return True, receive

    async def _recommendation(
        self, scope: Scope, snapshot: Snapshot, caller: Recognised, body: bytes
    ) -> Ready | None:
        state = self.state
        locale = negotiate(header(scope, b"accept-language"), snapshot.locales)
        try:
            policy = await state.organisation_policies.scope_for(state.engine, caller.organisation)
        except Exception:  # the route reports it
            return None
        key = recommendation_key(snapshot.version, locale, caller.organisation, policy, body)
        answer = self.recommendations.get(key) if key else None
        limits = None
        if answer is None:
            # Admitted before the engine runs: its CPU is what the key's limit bounds.
            limits = await self.trust.admit_recognised(scope, caller, RECOMMENDATION_SCOPES)
            if limits is None:
                return None
            self.trust.admitted(scope, caller, limits)  # the route must not count it again
            try:
                answer = recommendation_answer(state, snapshot, locale, policy, body, key)
            except Exception:  # an invalid situation, malformed JSON: the route reports it
                return None
        return Ready(answer.body, answer.sent_headers, answer.scopes, answer.top_variant, limits)

    def _graphql(
        self, scope: Scope, snapshot: Snapshot, caller: Recognised, body: bytes
    ) -> Ready | None:
        accept_language = header(scope, b"accept-language")
        answer = self.graphql.answer_ready(body, snapshot, accept_language, caller.identity)
        if answer is None:
            return None
        return Ready(answer, self.graphql_headers, self.graphql.scopes)


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
