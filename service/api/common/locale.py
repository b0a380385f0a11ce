"""Which locale a request is answered in: an explicit one (`?locale=` or GraphQL's `locale`
argument) wins and must be supported; otherwise `Accept-Language` decides, falling back to `en`.
"""

from service.cache import BoundedCache
from service.domain.content import DEFAULT_LOCALE, Snapshot
from service.domain.errors import ContentUnavailable, InvalidParameter

# Browsers send a handful of distinct headers, so the cache answers almost every request.
# Only short headers are kept: the key is the header itself, and its size is not counted.
CACHED_HEADER_MAX_CHARS = 200
_NEGOTIATED: BoundedCache[tuple[str, tuple[str, ...]], str] = BoundedCache(
    "locale_negotiation", max_entries=1024, max_bytes=64 * 1024, sizeof=len
)


def current_snapshot(snapshot: Snapshot | None) -> Snapshot:
    """The snapshot in service; before the first load, a 503 (REST) or SERVICE_UNAVAILABLE."""
    if snapshot is None:
        raise ContentUnavailable("No content has been loaded yet.")
    return snapshot


def negotiate(accept_language: str | None, supported: tuple[str, ...]) -> str:
    """The best supported locale for an Accept-Language header (RFC 9110 quality values).

    A regional tag matches its language (`es-MX` -> `es`); nothing acceptable falls back to `en`.
    """
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
            ranked.append((-quality, position, tag.lower()))
    for _, _, tag in sorted(ranked):
        if tag == "*":
            return DEFAULT_LOCALE
        language = tag.split("-")[0]
        if language in supported:
            return language
    return DEFAULT_LOCALE


def resolve_locale(snapshot: Snapshot, explicit: str | None, accept_language: str | None) -> str:
    """The explicit locale when given (an unsupported one is a client error naming `locale`),
    else the negotiated one."""
    if explicit is None:
        return negotiate(accept_language, snapshot.locales)
    code = explicit.strip().lower()
    if code not in snapshot.views:
        raise InvalidParameter(
            "locale",
            f"Unsupported locale {explicit!r}; supported: {', '.join(snapshot.locales)}.",
            snapshot.locales,
        )
    return code
