"""Paging for both doors: the core's `paginate` checks the page size and the cursor (the one
place they are checked); a door only names its own parameters (REST `limit`/`cursor`,
GraphQL `first`/`after`)."""

from collections.abc import Sequence
from typing import TypeVar

from service.domain.content import DEFAULT_LIMIT, MAX_LIMIT, paginate
from service.domain.errors import InvalidParameter

__all__ = ["DEFAULT_LIMIT", "MAX_LIMIT", "page"]

T = TypeVar("T")


def page(
    items: Sequence[T],
    size: int,
    cursor: str | None,
    size_name: str = "limit",
    cursor_name: str = "cursor",
    cursor_detail: str | None = None,
) -> tuple[tuple[T, ...], str | None]:
    """One page of `items` and the next page's cursor; a bad size or cursor is an
    `InvalidParameter` named as the client sent it (`cursor_detail` replaces the core's
    explanation of a bad cursor)."""
    try:
        return paginate(items, size, cursor)
    except InvalidParameter as exc:
        if exc.parameter == "limit":
            if size_name == "limit":
                raise
            detail = exc.detail.replace("limit", size_name, 1)
            raise InvalidParameter(size_name, detail, exc.allowed) from exc
        if cursor_name == exc.parameter and cursor_detail is None:
            raise
        raise InvalidParameter(cursor_name, cursor_detail or exc.detail, exc.allowed) from exc
