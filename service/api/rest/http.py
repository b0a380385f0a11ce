"""HTTP conventions shared by every content GET: locale negotiation, ETag, caching headers."""

import hashlib
import re
from collections.abc import Callable, Sequence
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


# A BCP 47 language tag as far as this service reads it: a language subtag, then any others.
LANGUAGE_TAG = re.compile(r"([A-Za-z]{2,3})(?:-[A-Za-z0-9]{1,8})*")
MAX_LOCALE_LENGTH = 35


def served_locale(tag: str, supported: Sequence[str]) -> str | None:
    """The one locale rule, for `?locale=`, GraphQL's `locale` and each `Accept-Language`
    entry: a tag is served by its language (`es-MX` -> `es`) when that language is supported."""
    tag = tag.strip()
    match = LANGUAGE_TAG.fullmatch(tag) if len(tag) <= MAX_LOCALE_LENGTH else None
    language = match.group(1).lower() if match else None
    return language if language in supported else None


def locale_pattern(locales: Sequence[str]) -> str:
    """The JSON Schema pattern of the tags `served_locale` accepts (case-insensitively)."""
    languages = "|".join("".join(f"[{c.lower()}{c.upper()}]" for c in code) for code in locales)
    return f"^(?:{languages})(?:-[A-Za-z0-9]{{1,8}})*$"


@lru_cache(maxsize=1024)
def negotiate(accept_language: str | None, supported: tuple[str, ...]) -> str:
    """Pick the best supported locale for an Accept-Language header (RFC 9110 quality values).

    Each entry follows `served_locale` (`es-MX` -> `es`); nothing acceptable falls back to `en`.
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
            ranked.append((-quality, position, tag))
    for _, _, tag in sorted(ranked):
        if tag == "*":
            return DEFAULT_LOCALE
        if served := served_locale(tag, supported):
            return served
    return DEFAULT_LOCALE


def explicit_locale(current: Snapshot, explicit: str) -> str:
    """An explicitly asked locale (`?locale=`, GraphQL `locale`): served or a client error."""
    served = served_locale(explicit, current.locales)
    if served is None:
        raise InvalidParameter(
            "locale",
            f"Unsupported locale {explicit!r}; supported: {', '.join(current.locales)} "
            "(a regional tag such as `es-MX` is served by its language).",
            current.locales,
        )
    return served


def resolve_locale(request: Request[Any, Any, Any], current: Snapshot, explicit: str | None) -> str:
    """`?locale=` wins over the header; an unsupported explicit locale is a client error."""
    if explicit is not None:
        return explicit_locale(current, explicit)
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
