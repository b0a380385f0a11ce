"""Who is calling and how often: one ASGI middleware before every route.

Order per request under `/v1` and `/graphql`: find the key (`Authorization: Bearer` or
`X-API-Key`), verify it, record it for the routes' scope checks (production only: development
is open), count it against the key's rate limit, then run the route under the request timeout.
What a key may do is declared where it applies (guards on controllers, a permission class on
GraphQL fields: `service/api/common/scopes.py`), not here. Refusals are `ProblemError`s built
in `service/api/problems.py`, so they leave as problem documents through the application's one
exception handler.

A publishable key (meant for web pages) is checked further whatever the environment: the
request's `Origin` must be one of the key's origins, its scopes are enforced (also in
development, where secret keys are not), and it counts against its own limits, per key
(shared by the replicas) and per key and client address (per worker).
"""

import asyncio
from dataclasses import dataclass

from litestar import Litestar
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from service.api.common.scopes import missing_scope, remember_identity
from service.api.problems import (
    ProblemError,
    origin_not_allowed,
    problem,
    rate_limited,
    unauthorized,
    unavailable,
)
from service.config import Environment, Settings
from service.security.abuse import FailedAuthLimiter, client_address, client_network
from service.security.keys import Identity, KeyUnverifiable, KeyVerifier
from service.security.ratelimit import Decision, LocalRateLimiter, RateLimiter

Headers = list[tuple[bytes, bytes]]  # ASGI header fields, as responses carry them

# Paths that need an API key in production; health, metrics and the docs stay open.
KEYED_PREFIXES = ("/v1", "/graphql")

# What a publishable key may reach, whatever its scopes: what the component calls and the
# content reads a partner's own script may want, one situation per request. A publishable key
# is public (anyone viewing the partner's page can copy it), so bulk routes (a batch is up to
# 1,000 situations and 20 MB for one request of the per-address budget), exports, replays,
# organisation policies (internal weights and the ids of the keys that published them) and
# GraphQL need a secret key even where the scope would allow them.
PUBLISHABLE_READS = (
    "/v1/approaches",
    "/v1/aspects",
    "/v1/locales",
    "/v1/terms",
    "/v1/topics",
    "/v1/variants",
)
PUBLISHABLE_POSTS = frozenset({"/v1/recommendations"})
# Where `Trust.admitted` leaves the rate-limit fields of a request the front door counted.
ADMITTED_STATE_KEY = "trust_admitted"


def publishable_may_reach(method: str, path: str) -> bool:
    if method == "POST":
        return path in PUBLISHABLE_POSTS
    if method not in ("GET", "HEAD"):
        return False
    return any(path == read or path.startswith(read + "/") for read in PUBLISHABLE_READS)


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


def header(scope: Scope, wanted: bytes) -> str | None:
    """The first `wanted` header field of the request (a lower-case name), or None."""
    for name, value in scope["headers"]:
        if name == wanted:
            return value.decode("latin-1")
    return None


def request_origin(scope: Scope) -> str | None:
    """The `Origin` header, lower-cased as origins are compared; None when absent or `null`."""
    origin = (header(scope, b"origin") or "").strip().lower()
    return None if origin in ("", "null") else origin


def same_origin(scope: Scope, origin: str) -> bool:
    """The request comes from a page of this service (the embed iframe page calls the API
    from here). Host only, not scheme: behind a TLS-terminating proxy the scheme seen here
    is http while the page's is https."""
    own = (header(scope, b"host") or "").strip().lower()
    return bool(own) and origin.partition("://")[2] == own  # no Host: no own origin


@dataclass(frozen=True, slots=True)
class Recognised:
    identity: Identity | None  # None: development, without a key
    organisation: str | None  # whose policy applies: production only, as `admit` records


class Trust:
    """Who is calling and whether they may go on (`admit`), with what that needs: settings,
    the key cache, the rate limiters."""

    def __init__(self, settings: Settings) -> None:
        self.production = settings.service_env == Environment.PRODUCTION
        self.verifier = KeyVerifier(settings.api_key_cache_seconds)
        self.limiter = (
            RateLimiter(settings.rate_limit_requests, settings.rate_limit_window_seconds)
            if settings.rate_limit_requests > 0
            else None
        )
        window = settings.rate_limit_window_seconds
        self.publishable_limiter = (
            RateLimiter(settings.publishable_rate_limit_requests, window)
            if settings.publishable_rate_limit_requests > 0
            else None
        )
        self.publishable_address_limiter = (
            LocalRateLimiter(
                "publishable_key_addresses", settings.publishable_rate_limit_per_address, window
            )
            if settings.publishable_rate_limit_per_address > 0
            else None
        )
        self.failed_auth = FailedAuthLimiter(settings.auth_failures_per_minute, 60.0)
        self.timeout_seconds = settings.request_timeout_seconds

    def middleware(self, app: ASGIApp) -> ASGIApp:
        return TrustMiddleware(app, self)

    async def admit(self, scope: Scope) -> Headers:
        """Identify the caller, record it for the scope checks and count it: the rate-limit
        fields for the response. Raises a `ProblemError` to refuse."""
        admitted: Headers | None = scope.get("state", {}).get(ADMITTED_STATE_KEY)
        if admitted is not None:
            return admitted  # by the front door, which counted it
        if not scope["path"].startswith(KEYED_PREFIXES):
            return []
        identity = await self._identify(scope)
        if identity is not None and identity.publishable:
            remember_identity(scope, identity)  # its scopes hold in development too
            return await self._admit_publishable(scope, identity)
        if identity is None:
            return []
        if self.production:
            remember_identity(scope, identity)
        decision = await self._count(scope, identity)
        if decision is None:
            return []
        if not decision.allowed:
            assert self.limiter is not None
            raise rate_limited(
                f"This API key may make {decision.limit} requests per "
                f"{self.limiter.window_seconds} s; retry after {decision.reset_seconds} s.",
                decision.headers(),
            )
        return decision.encoded_headers()

    def recognised(self, scope: Scope) -> Recognised | None:
        """Who calls, for an answer sent before routing (service/api/front_door.py), when that is
        known without asking PostgreSQL and needs no refusal: a secret key verified within
        the key cache's time (or, in development, no key). None leaves the request to the
        routed path, which decides as for any request."""
        try:
            key = presented_key(scope)
        except ProblemError:
            return None
        if key is None:
            return None if self.production else Recognised(None, None)
        identity = self.verifier.known(key)
        if identity is None or identity.publishable:
            return None
        return Recognised(identity, identity.organisation if self.production else None)

    async def admit_recognised(
        self, scope: Scope, caller: Recognised, scopes: frozenset[str]
    ) -> Headers | None:
        """`admit` for a recognised caller, where nothing is refused: the rate-limit fields
        when it holds `scopes` and is within its limit, counted; else None, for the routed
        path to refuse (a request over the limit is counted there once more, which changes
        nothing: it is refused either way)."""
        identity = caller.identity
        if identity is None:
            return []
        if self.production and missing_scope(identity, scopes) is not None:
            return None
        decision = await self._count(scope, identity)
        if decision is None:
            return []
        return decision.encoded_headers() if decision.allowed else None

    def admitted(self, scope: Scope, caller: Recognised, limits: Headers) -> None:
        """Record that the front door admitted (and counted) the request it then leaves to the
        routed path, so that `admit` there neither counts it again nor asks anything."""
        if caller.identity is not None and self.production:
            remember_identity(scope, caller.identity)
        scope.setdefault("state", {})[ADMITTED_STATE_KEY] = limits

    def timed_out(self) -> ProblemError:
        return unavailable(
            "request-timeout",
            f"The request took longer than {self.timeout_seconds:g} s; retry shortly.",
        )

    async def _count(self, scope: Scope, identity: Identity) -> Decision | None:
        if self.limiter is None:
            return None
        engine = Litestar.from_scope(scope).state.engine
        return await self.limiter.hit(engine, f"key:{identity.key_id}")

    async def _admit_publishable(
        self, scope: Scope, identity: Identity
    ) -> list[tuple[bytes, bytes]]:
        origin = request_origin(scope)
        if origin is None or not (origin in identity.origins or same_origin(scope, origin)):
            raise origin_not_allowed(
                "This publishable key is not allowed on this site: its origin "
                f"({origin or 'none sent'}) is not among the key's origins."
            )
        if not publishable_may_reach(str(scope.get("method", "")), scope["path"]):
            raise ProblemError(
                problem(
                    403,
                    "forbidden",
                    "Forbidden",
                    "A publishable key reaches single recommendations and content reads only; "
                    "this route needs a secret key (from a server, never a web page).",
                )
            )
        decision: Decision | None = None
        address_limiter = self.publishable_address_limiter
        if address_limiter is not None:
            decision = address_limiter.hit(f"{identity.key_id}:{client_network(scope)}")
            if not decision.allowed:
                raise rate_limited(
                    f"This address may make {decision.limit} requests per "
                    f"{address_limiter.window_seconds} s with this key; retry after "
                    f"{decision.reset_seconds} s.",
                    decision.headers(),
                )
        if self.publishable_limiter is not None:
            engine = Litestar.from_scope(scope).state.engine
            key_decision = await self.publishable_limiter.hit(
                engine, f"publishable:{identity.key_id}"
            )
            if not key_decision.allowed:
                raise rate_limited(
                    f"This key may make {key_decision.limit} requests per "
                    f"{self.publishable_limiter.window_seconds} s; retry after "
                    f"{key_decision.reset_seconds} s.",
                    key_decision.headers(),
                )
            if decision is None or key_decision.remaining < decision.remaining:
                decision = key_decision  # the headers tell the nearer of the two limits
        return decision.encoded_headers() if decision is not None else []

    async def _identify(self, scope: Scope) -> Identity | None:
        key = presented_key(scope)
        if key is None:
            if self.production:
                raise unauthorized(
                    "Send an API key as `Authorization: Bearer <key>` or `X-API-Key`."
                )
            return None  # development: reads and recommendations are open
        address = client_address(scope)
        engine = Litestar.from_scope(scope).state.engine
        try:
            identity = await self.verifier.verify(
                engine, key, guard=lambda: self.failed_auth.check(address)
            )
        except KeyUnverifiable:
            raise unavailable(
                "database-unavailable", "The API key cannot be verified right now; retry shortly."
            ) from None
        if identity is None:
            self.failed_auth.record_failure(address)
            raise unauthorized("The API key is unknown or revoked.")
        return identity


class TrustMiddleware:
    def __init__(self, app: ASGIApp, trust: Trust) -> None:
        self.app = app
        self.trust = trust

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await self.app(scope, receive, send)
            return
        await self._within_timeout(scope, receive, send, await self.trust.admit(scope))

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
            raise self.trust.timed_out() from None
