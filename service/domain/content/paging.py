"""Cursor paging over an immutable list: one envelope (`items`, `next_cursor`) everywhere."""

import base64
import binascii
from collections.abc import Sequence
from typing import TypeVar

from service.domain.errors import InvalidParameter

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_OFFSET_DIGITS = 9

# Exactly the cursors `encode_cursor` writes: URL-safe base64 (unpadded) of `o:` and 1 to 9
# digits. `bzo` and one character carry `o:` and the first digit; each further group of three
# digits is four characters, and a last group of one or two digits two or three. Published as
# the `cursor` parameter's pattern, so that what the pattern admits the server decodes.
_GROUP_HEAD = "(?:[MN][DTjz]|O[DT])"  # the first digit of a group of digits (0x30-0x39)
CURSOR_PATTERN = (
    f"^bzo[w-z0-5](?:{_GROUP_HEAD}[AEIMQUYcgk][w-z0-5]){{0,2}}"
    f"(?:{_GROUP_HEAD}[AEIMQUYcgk]|[MN][AQgw]|O[AQ])?$"
)

T = TypeVar("T")


def paginate(
    items: Sequence[T], limit: int, cursor: str | None
) -> tuple[tuple[T, ...], str | None]:
    """One page of `items` and the opaque cursor of the next page (None on the last one).
    A cursor past the end (the list is shorter than when it was issued) is an empty last page."""
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidParameter("limit", f"limit must be between 1 and {MAX_LIMIT}.")
    start = 0 if cursor is None else decode_cursor(cursor)
    end = start + limit
    return tuple(items[start:end]), (encode_cursor(end) if end < len(items) else None)


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, _, number = raw.partition(":")
        if kind != "o" or not number.isascii() or not number.isdigit():
            raise ValueError(raw)
        if len(number) > MAX_OFFSET_DIGITS:
            raise ValueError(raw)
        return int(number)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise InvalidParameter(
            "cursor", "The cursor is not one this API issued; use `next_cursor` as returned."
        ) from None
