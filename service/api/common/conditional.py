"""Conditional requests: strong ETags and `If-None-Match` (answered with 304), for both doors.

Two kinds of ETag: a content answer's derives from what it depends on (content version,
locale, request), so it is known before the body is built; any other answer's is the hash of
its bytes (`body_etag`).
"""

import hashlib

from service.domain.content import LocaleView


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    # Weak comparison, as RFC 9110 asks for If-None-Match.
    return any(tag.strip().removeprefix("W/") == etag for tag in if_none_match.split(","))


def body_etag(body: bytes) -> str:
    """The strong ETag of a response that is exactly these bytes."""
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


def content_etag(view: LocaleView, representation: str) -> str:
    """The strong ETag of a content answer: content version, locale and the request."""
    digest = hashlib.blake2b(representation.encode(), digest_size=8).hexdigest()
    return f'"v{view.content_version}-{view.locale}-{digest}"'
