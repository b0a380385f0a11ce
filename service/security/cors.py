"""Cross-origin browser access (when `CORS_ORIGINS` is set, and for the origins of publishable
keys: `PublishableCors` below) and the caching headers that must go with it and with API keys.

Preflights allow only what browsers use of the API: GET and POST (HEAD is not served) and the
request headers a client of this API sends; a preflight asking for anything else gets no CORS
headers, so the browser does not send the request. Like Litestar's own CORS middleware,
`PublishableCors` sits in front of the router (a preflight carries no key to admit); it decides
CORS headers and nothing else.
`CachingHeaders` is the application's `before_send` hook for the caching headers.
"""

import asyncio
import logging
import time

from litestar import Litestar
from litestar.config.cors import CORSConfig
from litestar.enums import ScopeType
from litestar.types import ASGIApp, HTTPResponseStartEvent, Message, Receive, Scope, Send
from sqlalchemy.ext.asyncio import AsyncEngine

from service.config import Environment, Settings
from service.security.keys import publishable_origins
from service.security.middleware import Headers, header, request_origin, route_access

ASGIScope = Scope
logger = logging.getLogger("service.security")

ALLOWED_METHODS = ["GET", "POST"]
ALLOWED_HEADERS = [
    "Accept",
    "Accept-Language",
    "Authorization",
    "Content-Type",
    "If-None-Match",
    "X-API-Key",
    "X-Request-ID",
]
EXPOSED_HEADERS = [
    "Content-Language",
    "ETag",
    "RateLimit-Limit",
    "RateLimit-Remaining",
    "RateLimit-Reset",
    "Retry-After",
    "X-Request-ID",
]


def cors_config(settings: Settings) -> CORSConfig | None:
    if not settings.cors_origin_list:
        return None
    return CORSConfig(
        allow_origins=settings.cors_origin_list,
        allow_methods=ALLOWED_METHODS,  # type: ignore[arg-type]
        allow_headers=ALLOWED_HEADERS,
        expose_headers=EXPOSED_HEADERS,
    )


def _tokens(value: bytes) -> list[bytes]:
    return [part.strip() for part in value.split(b",") if part.strip()]


class CachingHeaders:
    """A `before_send` hook: the caching headers every answer must leave with.

    - with CORS on, every answer varies on `Origin` (also those to requests without one, so a
      shared cache never hands a same-origin answer to another origin), and answers of keyed
      routes still vary on `Accept-Language` (Litestar's CORS middleware replaces `Vary`);
    - in production, a keyed route's answer (its route's declared `Access`, whatever the
      spelling of its path) is for one key: `Cache-Control: public` becomes `private`
      (browsers still reuse and revalidate, shared caches do not keep it for others).
    """

    def __init__(self, settings: Settings) -> None:
        self.private = settings.service_env == Environment.PRODUCTION
        self.cors = bool(settings.cors_origin_list)

    async def __call__(self, message: Message, scope: Scope) -> None:
        if message["type"] != "http.response.start":
            return
        access = route_access(scope)
        keyed = access is not None and access.keyed
        private = self.private and keyed
        if not (self.cors or private):
            return
        kept: Headers = []
        vary: list[bytes] = []
        for name, value in message.get("headers", ()):
            lowered = name.lower()
            if lowered == b"vary":
                vary += _tokens(value)
            elif private and lowered == b"cache-control":
                directives = [b"private" if d == b"public" else d for d in _tokens(value)]
                kept.append((name, b", ".join(directives)))
            else:
                kept.append((name, value))
        if self.cors:
            vary += [b"Origin"] + ([b"Accept-Language"] if keyed else [])
        if vary:
            unique = {v.lower(): v for v in reversed(vary)}  # first spelling wins
            kept.append((b"vary", b", ".join(reversed(list(unique.values())))))
        message["headers"] = kept


PREFLIGHT_MAX_AGE_SECONDS = 600


class PublishableOrigins:
    """The origins listed by active publishable keys, re-read at most every `refresh_seconds`.

    A CORS preflight carries no key, so it can only be answered for the origins of all keys;
    the request that follows is checked against its own key's origins (admission).
    The set is bounded by the number of active publishable keys times `MAX_ORIGINS`; when
    PostgreSQL cannot be asked, the last set read is kept.
    """

    def __init__(self, refresh_seconds: float) -> None:
        self.refresh_seconds = refresh_seconds
        self._origins: frozenset[str] = frozenset()
        self._next_refresh = 0.0
        self._lock = asyncio.Lock()

    async def current(self, engine: AsyncEngine) -> frozenset[str]:
        if time.monotonic() >= self._next_refresh:
            async with self._lock:
                if time.monotonic() >= self._next_refresh:  # nobody refreshed while we waited
                    try:
                        self._origins = await publishable_origins(engine)
                    except Exception as exc:
                        logger.warning("publishable origins unavailable: %s", type(exc).__name__)
                    self._next_refresh = time.monotonic() + self.refresh_seconds
        return self._origins


class PublishableCors:
    """CORS for the origins of publishable keys, outside Litestar (and its CORS middleware,
    which only knows `CORS_ORIGINS` and would refuse these preflights).

    Preflights from such an origin are answered here, before any key is asked for; real
    requests from one get `Access-Control-Allow-Origin` on whatever they are answered, the
    admission's 403 for a key that does not list the origin included, so the page can
    read why. Origins in `CORS_ORIGINS` are left to Litestar's middleware.
    """

    def __init__(self, app: ASGIApp, origins: PublishableOrigins, settings: Settings) -> None:
        self.app = app
        self.origins = origins
        self.global_origins = frozenset(settings.cors_origin_list)

    async def __call__(self, scope: ASGIScope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await self.app(scope, receive, send)
            return
        origin = request_origin(scope)
        if origin is None or origin in self.global_origins:
            await self.app(scope, receive, send)
            return
        engine = Litestar.from_scope(scope).state.engine
        if origin not in await self.origins.current(engine):
            await self.app(scope, receive, send)
            return
        requested = header(scope, b"access-control-request-method")
        if scope["method"] == "OPTIONS" and requested:
            if not _allowed(requested, header(scope, b"access-control-request-headers")):
                await self.app(scope, receive, send)  # no CORS headers: the browser refuses
                return
            start: HTTPResponseStartEvent = {
                "type": "http.response.start",
                "status": 204,
                "headers": _preflight(origin),
            }
            await send(start)
            await send({"type": "http.response.body", "body": b"", "more_body": False})
            return

        async def with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (name, value)
                    for name, value in message.get("headers", ())
                    if not name.lower().startswith(b"access-control-")
                ]
                message["headers"] = [*headers, *_simple(origin)]
            await send(message)

        await self.app(scope, receive, with_cors)


_HEADERS = frozenset(name.lower() for name in ALLOWED_HEADERS)


def _allowed(method: str, headers: str | None) -> bool:
    """A preflight's method and request headers are ones this API takes from a browser."""
    asked = {name.strip().lower() for name in (headers or "").split(",") if name.strip()}
    return method in ALLOWED_METHODS and asked <= _HEADERS


def _preflight(origin: str) -> list[tuple[bytes, bytes]]:
    return [
        (b"access-control-allow-origin", origin.encode()),
        (b"access-control-allow-methods", ", ".join(ALLOWED_METHODS).encode()),
        (b"access-control-allow-headers", ", ".join(ALLOWED_HEADERS).encode()),
        (b"access-control-max-age", str(PREFLIGHT_MAX_AGE_SECONDS).encode()),
        (b"vary", b"Origin"),
        (b"content-length", b"0"),
    ]


def _simple(origin: str) -> list[tuple[bytes, bytes]]:
    """`Vary: Origin` is added by `CachingHeaders` when CORS_ORIGINS is set; here it may not
    be, and a second `Vary` field is read as one list with the first (RFC 9110 5.3)."""
    return [
        (b"access-control-allow-origin", origin.encode()),
        (b"access-control-expose-headers", ", ".join(EXPOSED_HEADERS).encode()),
        (b"vary", b"Origin"),
    ]
