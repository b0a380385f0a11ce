"""HTTP conventions shared by every content GET: locale negotiation, ETag, caching headers."""

import hashlib
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import msgspec
from litestar import Request, Response
from litestar.datastructures import State

from service.api.rest.answered import Answer, etag_matches, request_key
from service.domain.content import DEFAULT_LOCALE, LocaleView, Snapshot
from service.domain.errors import ContentUnavailable, InvalidParameter

JSON = "application/json"
CONTENT_CACHE_CONTROL = "public, max-age=300"


def snapshot(state: State) -> Snapshot:
    current: Snapshot | None = state.content.snapshot
    if current is None:
        raise ContentUnavailable("No content has been loaded yet.")
    return current


@lru_cache(maxsize=1024)
def negotiate(accept_language: str | None, supported: tuple[str, ...]) -> str:
    """Pick the best supported locale for an Accept-Language header (RFC 9110 quality values).

    A regional tag matches its language (`es-MX` -> `es`); nothing acceptable falls back to `en`.
    """
    if not accept_language:
        return DEFAULT_LOCALE
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept_language.split(",")):
        tag, *params = (piece.strip() for piece in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if tag and quality > 0:
            ranked.append((-quality, position, tag.lower()))
    for _, _, tag in sorted(ranked):
        if tag == "*":
            return DEFAULT_LOCALE
        language = tag.split("-")[0]
        if language in supported:
            return language
    return DEFAULT_LOCALE


def resolve_locale(request: Request[Any, Any, Any], current: Snapshot, explicit: str | None) -> str:
    """`?locale=` wins over the header; an unsupported explicit locale is a client error."""
    if explicit is not None:
        code = explicit.strip().lower()
        if code not in current.views:
            supported = ", ".join(current.locales)
            raise InvalidParameter(
                "locale",
                f"Unsupported locale {explicit!r}; supported: {supported}.",
                current.locales,
            )
        return code
    return negotiate(request.headers.get("accept-language"), current.locales)


def content_view(request: Request[Any, Any, Any], explicit_locale: str | None) -> LocaleView:
    current = snapshot(request.app.state)
    return current.view(resolve_locale(request, current, explicit_locale))


def etag_for(view: LocaleView, representation: str) -> str:
    digest = hashlib.blake2b(representation.encode(), digest_size=8).hexdigest()
    return f'"v{view.content_version}-{view.locale}-{digest}"'


def content_response(
    request: Request[Any, Any, Any], view: LocaleView, build: Callable[[], Any]
) -> Response[bytes]:
    """Answer a content GET: 304 when the client's copy is current, else cached JSON bytes."""
    representation = f"{request.url.path}?{request.url.query}"
    etag = etag_for(view, representation)
    headers = {
        "ETag": etag,
        "Cache-Control": CONTENT_CACHE_CONTROL,
        "Content-Language": view.locale,
        "Vary": "Accept-Language",
    }
    if etag_matches(request.headers.get("if-none-match"), etag):
        return Response(content=b"", status_code=304, headers=headers)
    body = msgspec.json.encode(build())
    raw_headers = [(name.lower().encode(), value.encode()) for name, value in headers.items()]
    request.app.state.answered.put(
        view.content_version, request_key(request.scope), Answer(etag, raw_headers, body)
    )
    return Response(content=body, media_type=JSON, headers=headers)


def hashed_response(
    request: Request[Any, Any, Any], body: bytes, cache_control: str, status_code: int = 200
) -> Response[bytes]:
    """A JSON response whose strong ETag is the hash of its bytes (for non-content GETs)."""
    etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
    headers = {"ETag": etag, "Cache-Control": cache_control}
    if status_code == 200 and etag_matches(request.headers.get("if-none-match"), etag):
        return Response(content=b"", status_code=304, headers=headers)
    return Response(content=body, status_code=status_code, media_type=JSON, headers=headers)
