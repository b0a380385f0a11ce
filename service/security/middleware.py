"""Who is calling and how often: one ASGI middleware before every route.

Order per request under `/v1` and `/graphql`: find the key (`Authorization: Bearer` or
`X-API-Key`), verify it, record it for the routes' scope checks (production only: development
is open), count it against the key's rate limit, then run the route under the request timeout.
What a key may do is declared where it applies (guards on controllers, a permission class on
GraphQL fields: `service/api/common/scopes.py`), not here. Refusals are `ProblemError`s built
in `service/api/problems.py`, so they leave as problem documents through the application's one
exception handler.
"""

import asyncio

from litestar import Litestar
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from service.api.common.scopes import remember_identity
from service.api.problems import rate_limited, unauthorized, unavailable
from service.config import Environment, Settings
from service.security.keys import Identity, KeyUnverifiable, KeyVerifier
from service.security.ratelimit import RateLimiter

# Paths that need an API key in production; health, metrics and the docs stay open.
KEYED_PREFIXES = ("/v1", "/graphql")


def presented_key(scope: Scope) -> str | None:
    for name, value in scope["headers"]:
        if name == b"x-api-key":
            return value.decode("latin-1").strip()
        if name == b"authorization":
            scheme, _, credentials = value.decode("latin-1").partition(" ")
            if scheme.lower() == "bearer" and credentials.strip():
                return credentials.strip()
            raise unauthorized("Send the API key as `Authorization: Bearer <key>`.")
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
        if scope["path"].startswith(KEYED_PREFIXES):
            identity = await self._identify(scope)
            if identity is not None and self.trust.production:
                remember_identity(scope, identity)
            if identity is not None and self.trust.limiter is not None:
                engine = Litestar.from_scope(scope).state.engine
                decision = await self.trust.limiter.hit(engine, f"key:{identity.key_id}")
                if not decision.allowed:
                    raise rate_limited(
                        f"This API key may make {decision.limit} requests per "
                        f"{self.trust.limiter.window_seconds} s; retry after "
                        f"{decision.reset_seconds} s.",
                        decision.headers(),
                    )
                send = _with_headers(send, decision.headers())
        await self._within_timeout(scope, receive, send)

    async def _identify(self, scope: Scope) -> Identity | None:
        key = presented_key(scope)
        if key is None:
            if self.trust.production:
                raise unauthorized(
                    "Send an API key as `Authorization: Bearer <key>` or `X-API-Key`."
                )
            return None  # development: reads and recommendations are open
        engine = Litestar.from_scope(scope).state.engine
        try:
            identity = await self.trust.verifier.verify(engine, key)
        except KeyUnverifiable:
            raise unavailable(
                "database-unavailable", "The API key cannot be verified right now; retry shortly."
            ) from None
        if identity is None:
            raise unauthorized("The API key is unknown or revoked.")
        return identity

    async def _within_timeout(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            async with asyncio.timeout(self.trust.timeout_seconds):
                await self.app(scope, receive, tracking_send)
        except TimeoutError:
            if started:
                raise  # the status line is gone; the server will cut the connection
            raise unavailable(
                "request-timeout",
                f"The request took longer than {self.trust.timeout_seconds:g} s; retry shortly.",
            ) from None


def _with_headers(send: Send, headers: dict[str, str]) -> Send:
    encoded = [(name.lower().encode(), value.encode()) for name, value in headers.items()]

    async def send_with_headers(message: Message) -> None:
        if message["type"] == "http.response.start":
            message["headers"] = [*message.get("headers", ()), *encoded]
        await send(message)

    return send_with_headers
