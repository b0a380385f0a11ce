"""Which locale a request is answered in: an explicit one (`?locale=` or GraphQL's `locale`
argument) wins and must be served; otherwise `Accept-Language` decides, falling back to `en`.
One rule for both: a tag is served by its language (`es-MX` -> `es`).
"""

import re
from collections.abc import Sequence

from service.api.common.accept_language import bounded_accept_language
from service.cache import BoundedCache
from service.domain.content import DEFAULT_LOCALE, Snapshot
from service.domain.errors import ContentUnavailable, InvalidParameter

# Browsers send a handful of distinct headers, so the cache answers almost every request.
# Only short headers are kept: the key is the header itself, and its size is not counted.
CACHED_HEADER_MAX_CHARS = 200
_NEGOTIATED: BoundedCache[tuple[str, tuple[str, ...]], str] = BoundedCache(
    "locale_negotiation", max_entries=1024, max_bytes=64 * 1024, sizeof=len
)


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


def current_snapshot(snapshot: Snapshot | None) -> Snapshot:
    """The snapshot in service; before the first load, a 503 (REST) or SERVICE_UNAVAILABLE."""
    if snapshot is None:
        raise ContentUnavailable("No content has been loaded yet.")
    return snapshot


def negotiate(accept_language: str | None, supported: tuple[str, ...]) -> str:
    """The best supported locale for an Accept-Language header (RFC 9110 quality values).

    A regional tag matches its language (`es-MX` -> `es`); nothing acceptable falls back to `en`.
    Only the header's first ranges are read (see `accept_language.py`).
    """
    accept_language = bounded_accept_language(accept_language)
    if not accept_language:
        return DEFAULT_LOCALE
    if len(accept_language) > CACHED_HEADER_MAX_CHARS:
        return _negotiate(accept_language, supported)
    key = (accept_language, supported)
    return _NEGOTIATED.get_or_build(key, lambda: _negotiate(accept_language, supported))


def _negotiate(accept_language: str, supported: tuple[str, ...]) -> str:
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
        language = served_locale(tag, supported)
        if language is not None:
            return language
    return DEFAULT_LOCALE


def explicit_locale(snapshot: Snapshot, explicit: str) -> str:
    """An explicitly asked locale (`?locale=`, GraphQL `locale`): served, or a client error."""
    served = served_locale(explicit, snapshot.locales)
    if served is None:
        raise InvalidParameter(
            "locale",
            f"Unsupported locale {explicit!r}; supported: {', '.join(snapshot.locales)} "
            "(a regional tag such as `es-MX` is served by its language).",
            snapshot.locales,
        )
    return served


def resolve_locale(snapshot: Snapshot, explicit: str | None, accept_language: str | None) -> str:
    """The explicit locale when given, else the negotiated one."""
    if explicit is None:
        return negotiate(accept_language, snapshot.locales)
    return explicit_locale(snapshot, explicit)
