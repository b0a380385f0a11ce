"""Admission: who is calling, whether the route lets it, and how often. One Litestar middleware,
registered on the application, so it runs after routing for every matched route.

Per request, in this order:
1. the route's declared `Access` (`service/security/scopes.py`): an open route goes on;
2. the caller: an API key (`Authorization: Bearer` or `X-API-Key`) or an OAuth access token
   (`Authorization: Bearer` with a JWT, `service/security/tokens.py`), verified (production:
   one is required; development serves without one);
3. what the route allows: a publishable key only where the route declares `browser=True` and
   from one of its origins (in development too); a key's scopes (production);
4. its rate limit, counted once;
then the route runs under the request timeout. Refusals are `ProblemError`s from
`service/problems.py`, so they leave through the application's one exception handler.
"""

import asyncio
from urllib.parse import urlsplit

from litestar import Litestar
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from service.config import Environment, Settings
from service.problems import (
    ProblemError,
    bearer_challenge,
    lacks_scope,
    origin_not_allowed,
    problem,
    rate_limited,
    unauthorized,
    unavailable,
)
from service.security.abuse import ClientAddresses, FailedAuthLimiter
from service.security.identity import Identity, identity_of, missing_scope, remember_identity
from service.security.issuers import IssuerUnavailable
from service.security.keys import KeyUnverifiable, KeyVerifier
from service.security.ratelimit import Decision, LocalRateLimiter, RateLimiter
from service.security.scopes import Access, declared
from service.security.tokens import TokenRefused, TokenVerifier, looks_like_jwt, metadata_url
from service.security.trusted_issuers import IssuersUnverifiable

Headers = list[tuple[bytes, bytes]]  # ASGI header fields, as responses carry them


def presented_key(scope: Scope) -> str | None:
    for name, value in scope["headers"]:
        if name == b"x-api-key":
            return value.decode("latin-1").strip()
        if name == b"authorization":
            scheme, _, credentials = value.decode("latin-1").partition(" ")
            if scheme.lower() == "bearer" and credentials.strip():
                return credentials.strip()
            return ""  # another scheme (Basic), or none: refused as malformed
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


def route_access(scope: Scope) -> Access | None:
    """The access the matched route declares (None: Litestar's own routes, such as OPTIONS)."""
    handler = scope.get("route_handler")
    return None if handler is None else declared(handler.opt)


def own_origin(public_base_url: str | None) -> str | None:
    """The service's own origin (`scheme://host[:port]`), from its configured public URL:
    the embed page calls the API from there. Never from the request's `Host`."""
    if not public_base_url:
        return None
    parts = urlsplit(public_base_url.strip().lower())
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


class Admission:
    """The admission's settings, key cache and rate limiters; one per application."""

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
        self.addresses = ClientAddresses(
            settings.trusted_proxy_networks, settings.trusted_proxy_header
        )
        self.failed_auth = FailedAuthLimiter(settings.auth_failures_per_minute, 60.0)
        self.timeout_seconds = settings.request_timeout_seconds
        self.own_origin = own_origin(settings.public_base_url)
        self.tokens = TokenVerifier.from_settings(settings)
        self.resource_metadata = metadata_url(self.tokens.resource)

    def challenge(
        self, error: str | None = None, description: str | None = None, scope: str | None = None
    ) -> str:
        """`WWW-Authenticate` of a refusal, naming the RFC 9728 metadata when tokens are on."""
        return bearer_challenge(self.resource_metadata, error, description, scope)

    def middleware(self, app: ASGIApp) -> ASGIApp:
        return AdmissionMiddleware(app, self)

    async def admit(self, scope: Scope, access: Access) -> Headers:
        """Identify the caller, check what the route allows, count it: the rate-limit fields
        for the response. Raises a `ProblemError` to refuse."""
        identity = await self.identify(scope)
        if identity is None:
            return []  # development, without a key
        if identity.publishable:
            remember_identity(scope, identity)  # its scopes hold in development too
            return await self._admit_publishable(scope, identity, access)
        if not self.production:
            return []  # development: a secret key is optional and its scopes not enforced
        remember_identity(scope, identity)
        caller = "This API key" if identity.client_id is None else "This access token"
        lacking = missing_scope(identity, access.scopes)
        if lacking is not None:
            raise lacks_scope(lacking, caller, self.challenge("insufficient_scope", scope=lacking))
        decision = await self._count(scope, identity)
        if decision is None:
            return []
        if not decision.allowed:
            assert self.limiter is not None
            who = "This API key" if identity.client_id is None else "This OAuth client"
            raise rate_limited(
                f"{who} may make {decision.limit} requests per "
                f"{self.limiter.window_seconds} s; retry after {decision.reset_seconds} s.",
                decision.headers(),
            )
        return decision.encoded_headers()

    async def identify(self, scope: Scope) -> Identity | None:
        """The verified caller (None: none sent, in development). Raises 401 for an unknown
        key or a refused token, or 429 for an address that keeps sending unknown ones."""
        key = presented_key(scope)
        if key is None:
            if self.production:
                raise unauthorized(
                    "Send an API key as `Authorization: Bearer <key>` or `X-API-Key`, or an "
                    "OAuth access token as `Authorization: Bearer <token>`.",
                    self.challenge(),
                )
            return None  # development: reads and recommendations are open
        if not key:
            raise self._refused(
                scope, "Send the API key or access token as `Authorization: Bearer <credential>`."
            )
        if looks_like_jwt(key):
            return await self.verify_token(scope, key)
        return await self.verify(scope, key)

    async def verify_token(self, scope: Scope, token: str) -> Identity:
        """The caller an OAuth access token stands for, or a refusal: 401 (`invalid_token`),
        429 for an address that keeps failing, 503 while its issuer's keys cannot be known."""
        engine = Litestar.from_scope(scope).state.engine
        try:
            return await self.tokens.verify(engine, token)
        except TokenRefused as refused:
            raise self._refused(scope, str(refused)) from None
        except IssuerUnavailable as exc:
            raise unavailable(
                "issuer-unavailable",
                "The signing keys of the access token's issuer cannot be fetched right now; "
                f"retry after {exc.retry_after} s.",
                "Identity provider unavailable",
                {"Retry-After": str(exc.retry_after)},
            ) from None
        except IssuersUnverifiable:
            raise unavailable(
                "database-unavailable",
                "The access token cannot be verified right now; retry shortly.",
            ) from None

    def _refused(self, scope: Scope, detail: str) -> ProblemError:
        """401 for a credential that failed (429 once its address fails too often). An IPv6
        client counts by its /64, which one subscriber usually holds whole."""
        address = self.addresses.network_of(scope)
        self.failed_auth.check(address)
        self.failed_auth.record_failure(address)
        return unauthorized(detail, self.challenge("invalid_token", detail))

    async def verify(self, scope: Scope, key: str) -> Identity:
        """`key`'s identity, or a refusal. A valid key is never refused for the failures of
        others: the failed-authentication limit applies to keys that fail."""
        address = self.addresses.network_of(scope)
        engine = Litestar.from_scope(scope).state.engine
        try:
            # From an address that keeps failing, an unknown key costs no lookup of its own.
            look_up = not self.failed_auth.over_limit(address)
            identity = await self.verifier.verify(engine, key, look_up)
        except KeyUnverifiable:
            raise unavailable(
                "database-unavailable", "The API key cannot be verified right now; retry shortly."
            ) from None
        if identity is None:
            raise self._refused(scope, "The API key is unknown or revoked.")  # 429 past limit
        return identity

    def require(self, scope: Scope, scopes: frozenset[str]) -> None:
        """Refuse (403 `insufficient_scope`, as admission refuses a route) a part of an admitted
        request that needs more than its route declares: an MCP tool that recommends, checked
        by the MCP door before the call is dispatched. Nothing is enforced where admission
        recorded no identity (development)."""
        identity = identity_of(scope)
        lacking = missing_scope(identity, scopes)
        if identity is not None and lacking is not None:
            caller = "This API key" if identity.client_id is None else "This access token"
            raise lacks_scope(lacking, caller, self.challenge("insufficient_scope", scope=lacking))

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

    def _origin_allowed(self, identity: Identity, origin: str | None) -> bool:
        return origin is not None and (origin in identity.origins or origin == self.own_origin)

    async def _admit_publishable(self, scope: Scope, identity: Identity, access: Access) -> Headers:
        origin = request_origin(scope)
        if not self._origin_allowed(identity, origin):
            raise origin_not_allowed(
                "This publishable key is not allowed on this site: its origin "
                f"({origin or 'none sent'}) is not among the key's origins."
            )
        if not access.browser:
            raise ProblemError(
                problem(
                    403,
                    "forbidden",
                    "Forbidden",
                    "A publishable key reaches single recommendations and content reads only; "
                    "this route needs a secret key (from a server, never a web page).",
                )
            )
        lacking = missing_scope(identity, access.scopes)
        if lacking is not None:
            raise lacks_scope(lacking)
        decision: Decision | None = None
        address_limiter = self.publishable_address_limiter
        if address_limiter is not None:
            network = self.addresses.network_of(scope)
            decision = address_limiter.hit(f"{identity.key_id}:{network}")
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


class AdmissionMiddleware:
    def __init__(self, app: ASGIApp, admission: Admission) -> None:
        self.app = app
        self.admission = admission

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await self.app(scope, receive, send)
            return
        access = route_access(scope)
        limits = await self.admission.admit(scope, access) if access and access.keyed else []
        await self._within_timeout(scope, receive, send, limits)

    async def _within_timeout(
        self, scope: Scope, receive: Receive, send: Send, extra_headers: Headers
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
            async with asyncio.timeout(self.admission.timeout_seconds):
                await self.app(scope, receive, tracking_send)
        except TimeoutError:
            if started:
                raise  # the status line is gone; the server will cut the connection
            raise self.admission.timed_out() from None
