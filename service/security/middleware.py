"""Who may call what, how often, and for how long: one ASGI middleware before every route.

Order per request: find the key (`Authorization: Bearer` or `X-API-Key`), verify it, check the
route's scopes (production only), count it against the key's rate limit, then run the route
under the request timeout. Refusals are `ProblemError`s, so they leave as problem documents
through the application's one exception handler.
"""

import asyncio
import re

from litestar import Litestar
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, ReceiveMessage, Scope, Send

from service.api.problems import RETRY_AFTER_SECONDS, ProblemError, problem
from service.config import Environment, Settings
from service.security.keys import Identity, KeyUnverifiable, KeyVerifier
from service.security.keys import Scope as KeyScope
from service.security.ratelimit import RateLimiter

GUARDED_PREFIXES = ("/v1", "/graphql")
RECOMMEND_PREFIX = "/v1/recommendations"
IDENTITY_STATE_KEY = "api_identity"
# Simplest sound rule for GraphQL: a document that mentions the `recommend` field needs the
# `recommend` scope (a false positive asks for more scope, never less).
_RECOMMEND_FIELD = re.compile(rb"\brecommend\b")
WWW_AUTHENTICATE = 'Bearer realm="mentoring-coaching", charset="UTF-8"'


def _unauthorized(detail: str) -> ProblemError:
    doc = problem(401, "unauthorized", "Authentication required", detail)
    return ProblemError(doc, {"WWW-Authenticate": WWW_AUTHENTICATE})


def presented_key(scope: Scope) -> str | None:
    for name, value in scope["headers"]:
        if name == b"x-api-key":
            return value.decode("latin-1").strip()
        if name == b"authorization":
            scheme, _, credentials = value.decode("latin-1").partition(" ")
            if scheme.lower() == "bearer" and credentials.strip():
                return credentials.strip()
            raise _unauthorized("Send the API key as `Authorization: Bearer <key>`.")
    return None


class Trust:
    """The per-application state the middleware needs: settings, key cache, rate limiter."""

    def __init__(self, settings: Settings) -> None:
        self.production = settings.service_env == Environment.PRODUCTION
        self.verifier = KeyVerifier(settings.api_key_cache_seconds)
        self.limiter = (
            RateLimiter(settings.rate_limit_requests, settings.rate_limit_window_seconds)
            if settings.rate_limit_requests > 0
            else None
        )
        self.timeout_seconds = settings.request_timeout_seconds
        self.max_body_bytes = settings.request_max_body_bytes

    def middleware(self, app: ASGIApp) -> ASGIApp:
        return TrustMiddleware(app, self)


class TrustMiddleware:
    def __init__(self, app: ASGIApp, trust: Trust) -> None:
        self.app = app
        self.trust = trust

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await self.app(scope, receive, send)
            return
        extra_headers: list[tuple[bytes, bytes]] = []
        if scope["path"].startswith(GUARDED_PREFIXES):
            identity = await self._identify(scope)
            if self.trust.production:
                receive = await self._check_scopes(scope, receive, identity)
                # Handlers that learn late what a request does (a persisted GraphQL query
                # names no field until it is looked up) check the scopes themselves.
                scope.setdefault("state", {})[IDENTITY_STATE_KEY] = identity
            if identity is not None and self.trust.limiter is not None:
                engine = Litestar.from_scope(scope).state.engine
                decision = await self.trust.limiter.hit(engine, f"key:{identity.key_id}")
                if not decision.allowed:
                    doc = problem(
                        429,
                        "rate-limited",
                        "Too many requests",
                        f"This API key may make {decision.limit} requests per "
                        f"{self.trust.limiter.window_seconds} s; retry after "
                        f"{decision.reset_seconds} s.",
                    )
                    raise ProblemError(doc, decision.headers())
                extra_headers = decision.encoded_headers()
        await self._within_timeout(scope, receive, send, extra_headers)

    async def _identify(self, scope: Scope) -> Identity | None:
        key = presented_key(scope)
        if key is None:
            if self.trust.production:
                raise _unauthorized(
                    "Send an API key as `Authorization: Bearer <key>` or `X-API-Key`."
                )
            return None  # development: reads and recommendations are open
        engine = Litestar.from_scope(scope).state.engine
        try:
            identity = await self.trust.verifier.verify(engine, key)
        except KeyUnverifiable:
            doc = problem(
                503,
                "database-unavailable",
                "Service unavailable",
                "The API key cannot be verified right now; retry shortly.",
            )
            raise ProblemError(doc, {"Retry-After": str(RETRY_AFTER_SECONDS)}) from None
        if identity is None:
            raise _unauthorized("The API key is unknown or revoked.")
        return identity

    async def _check_scopes(
        self, scope: Scope, receive: Receive, identity: Identity | None
    ) -> Receive:
        assert identity is not None  # production refused anonymous requests already
        path: str = scope["path"]
        needed = [KeyScope.CONTENT_READ]
        if path.startswith(RECOMMEND_PREFIX):
            needed = [KeyScope.RECOMMEND]
        elif path.startswith("/graphql"):
            document, receive = await self._read_body(receive)
            if _RECOMMEND_FIELD.search(document + b" " + scope.get("query_string", b"")):
                needed.append(KeyScope.RECOMMEND)
        for name in needed:
            if not identity.allows(name):
                doc = problem(
                    403, "forbidden", "Forbidden", f"This API key lacks the scope `{name}`."
                )
                raise ProblemError(doc)
        return receive

    async def _read_body(self, receive: Receive) -> tuple[bytes, Receive]:
        """Read the whole body (bounded by the body limit) and a `receive` that replays it."""
        chunks: list[bytes] = []
        size = 0
        messages: list[ReceiveMessage] = []
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.trust.max_body_bytes:
                doc = problem(
                    413,
                    "payload-too-large",
                    "Request body too large",
                    f"The request body exceeds {self.trust.max_body_bytes} bytes.",
                )
                raise ProblemError(doc)
            chunks.append(chunk)
            if not message.get("more_body", False):
                break

        async def replay() -> ReceiveMessage:
            return messages.pop(0) if messages else await receive()

        return b"".join(chunks), replay

    async def _within_timeout(
        self, scope: Scope, receive: Receive, send: Send, extra_headers: list[tuple[bytes, bytes]]
    ) -> None:
        """Run the route under the request timeout; the response gets `extra_headers` (the
        rate-limit fields), added here so that a response passes one wrapper, not two."""
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                if extra_headers:
                    message["headers"] = [*message.get("headers", ()), *extra_headers]
            await send(message)

        try:
            async with asyncio.timeout(self.trust.timeout_seconds):
                await self.app(scope, receive, tracking_send)
        except TimeoutError:
            if started:
                raise  # the status line is gone; the server will cut the connection
            doc = problem(
                503,
                "request-timeout",
                "Service unavailable",
                f"The request took longer than {self.trust.timeout_seconds:g} s; retry shortly.",
            )
            raise ProblemError(doc, {"Retry-After": str(RETRY_AFTER_SECONDS)}) from None


def allows(scope: Scope, name: str) -> bool:
    """Whether the request's API key has scope `name`; always true where keys are not
    required (development), since the middleware records an identity only in production."""
    identity: Identity | None = scope.get("state", {}).get(IDENTITY_STATE_KEY)
    return identity is None or identity.allows(name)
