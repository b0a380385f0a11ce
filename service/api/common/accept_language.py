"""The bound on what is read of an `Accept-Language` header.

Browsers send a handful of language ranges in well under 100 bytes. Only the first
`MAX_ACCEPT_LANGUAGE_CHARS` characters and, within them, the first `MAX_LANGUAGE_RANGES`
ranges are parsed; the rest is ignored. So a 234 KB header with 120,000 tags costs no more
than a browser's, and anything keyed on the header (locale negotiation's memo, the
answered-content cache) keys on at most that many characters.
"""

MAX_ACCEPT_LANGUAGE_CHARS = 512
MAX_LANGUAGE_RANGES = 20


def bounded_accept_language(header: str | None) -> str | None:
    """The part of the header that is parsed: a function of its first 512 characters only."""
    if header is None:
        return None
    ranges = header[:MAX_ACCEPT_LANGUAGE_CHARS].split(",", MAX_LANGUAGE_RANGES)
    return ",".join(ranges[:MAX_LANGUAGE_RANGES])
