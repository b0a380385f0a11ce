"""Cross-origin browser access (when `CORS_ORIGINS` is set) and the caching headers that must
go with it and with API keys.

Preflights allow only what the API uses: GET/HEAD/POST and the request headers a client of
this API sends. The `before_send` hook below runs after Litestar's CORS middleware (which
replaces `Vary` with `Origin` on cross-origin answers) and fixes the answer's caching headers:

- with CORS on, every answer varies on `Origin` (also those to requests without one, so a
  shared cache never hands a same-origin answer to another origin) and API answers still vary
  on `Accept-Language`;
- in production, API answers need a key, so a shared cache in front must not keep them for
  others: `Cache-Control: public` becomes `private` (browsers still reuse and revalidate).
"""

from collections.abc import Callable, Coroutine
from typing import Any

from litestar.config.cors import CORSConfig
from litestar.types import Message, Scope

from service.config import Environment, Settings

ALLOWED_METHODS = ["GET", "HEAD", "POST"]
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
API_PREFIXES = ("/v1", "/graphql")


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


def caching_headers(settings: Settings) -> Callable[[Message, Scope], Coroutine[Any, Any, None]]:
    """A `before_send` hook that makes API answers private in production and keeps `Vary`
    complete when CORS is on."""
    private = settings.service_env == Environment.PRODUCTION
    cors = bool(settings.cors_origin_list)

    async def fix(message: Message, scope: Scope) -> None:
        if message["type"] != "http.response.start":
            return
        api = scope.get("path", "").startswith(API_PREFIXES)
        if not (cors or (private and api)):
            return
        headers: list[tuple[bytes, bytes]] = []
        vary: list[bytes] = []
        for name, value in message.get("headers", ()):
            if name.lower() == b"vary":
                vary += _tokens(value)
            elif private and api and name.lower() == b"cache-control":
                directives = [b"private" if d == b"public" else d for d in _tokens(value)]
                headers.append((name, b", ".join(directives)))
            else:
                headers.append((name, value))
        if cors:
            vary += [b"Origin"] + ([b"Accept-Language"] if api else [])
        if vary:
            unique = {v.lower(): v for v in reversed(vary)}  # first spelling wins
            headers.append((b"vary", b", ".join(reversed(list(unique.values())))))
        message["headers"] = headers  # a new list: a response may reuse its own

    return fix
