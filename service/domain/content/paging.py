"""Cursor paging over an immutable list: one envelope (`items`, `next_cursor`) everywhere."""

import base64
import binascii
from collections.abc import Sequence
from typing import TypeVar

from service.domain.errors import InvalidParameter

DEFAULT_LIMIT = 20
MAX_LIMIT = 100

T = TypeVar("T")


def paginate(
    items: Sequence[T], limit: int, cursor: str | None
) -> tuple[tuple[T, ...], str | None]:
    """One page of `items` and the opaque cursor of the next page (None on the last one)."""
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidParameter("limit", f"limit must be between 1 and {MAX_LIMIT}.")
    start = 0 if cursor is None else decode_cursor(cursor)
    if start > len(items):
        raise InvalidParameter("cursor", "The cursor points past the end of this list.")
    end = start + limit
    return tuple(items[start:end]), (encode_cursor(end) if end < len(items) else None)


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, _, number = raw.partition(":")
        if kind != "o" or not number.isdigit() or len(number) > 9:
            raise ValueError(raw)
        return int(number)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise InvalidParameter(
            "cursor", "The cursor is not one this API issued; use `next_cursor` as returned."
        ) from None
