"""Decoding request bodies with a bound on nesting.

msgspec decodes recursively and raises `RecursionError` near Python's recursion limit (about
1,000 levels); values a little shallower decode but break later code that recurses (encoding
a cache key, GraphQL coercion). No input of this API nests deeper than a few levels, so
anything past `MAX_JSON_DEPTH` is refused as a client error before it goes anywhere.

Every JSON request body is decoded here: Litestar's `data` (through `BoundedJSONRequest`, the
application's request class) and the routes that read their body themselves, so every route
refuses malformed JSON with the same problem (`MalformedJSON`, 400 `malformed-json`).
"""

from typing import Any

import msgspec
from litestar import Request

from service.domain.errors import MalformedJSON

MAX_JSON_DEPTH = 32


class JSONTooDeep(MalformedJSON):
    def __init__(self) -> None:
        super().__init__(f"The JSON nests deeper than {MAX_JSON_DEPTH} levels.")


def nests_deeper_than(value: Any, limit: int) -> bool:
    """Whether arrays/objects in `value` nest more than `limit` levels (iterative walk)."""
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if not isinstance(item, (dict, list)):
            continue
        if depth > limit:
            return True
        children = item.values() if isinstance(item, dict) else item
        pending.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False


def _brackets(raw: bytes | str) -> int:
    """An upper bound of the nesting: each level opens a bracket (brackets in strings count
    too). Far cheaper than walking the value, which only a text with many brackets needs."""
    if isinstance(raw, str):
        return raw.count("{") + raw.count("[")
    return raw.count(b"{") + raw.count(b"[")


_PLAIN = msgspec.json.Decoder()


def decode_json(raw: bytes | str, decoder: "msgspec.json.Decoder[Any]" = _PLAIN) -> Any:
    """Decode with `decoder`, raising `JSONTooDeep` for over-nested input and `MalformedJSON`
    for invalid JSON, invalid UTF-8 included (msgspec raises a `UnicodeDecodeError` for bytes
    that are not UTF-8 inside a string). A typed decoder's `msgspec.ValidationError` passes."""
    try:
        value = decoder.decode(raw)
    except RecursionError:
        raise JSONTooDeep from None
    except UnicodeDecodeError:
        raise MalformedJSON("The JSON is not valid UTF-8.") from None
    except msgspec.ValidationError:
        raise
    except msgspec.DecodeError as exc:
        raise MalformedJSON(f"Not valid JSON ({exc}).") from None
    if _brackets(raw) > MAX_JSON_DEPTH and nests_deeper_than(value, MAX_JSON_DEPTH):
        raise JSONTooDeep
    return value


class BoundedJSONRequest(Request[Any, Any, Any]):
    """The application's request class: Litestar decodes a handler's `data` from `json()`,
    which is `decode_json` here, so over-nested input is a 400 on those routes too (Litestar's
    own decoder let msgspec's `RecursionError` through as a 500)."""

    async def json(self) -> Any:
        return decode_json(await self.body() or b"null")
