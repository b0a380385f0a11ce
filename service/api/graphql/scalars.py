"""Argument types that carry the bounds the server enforces, so a generated client (or a
property-based tester reading the schema) sends only what the server accepts.

Each custom scalar checks its value when the request's arguments and variables are coerced,
before any resolver runs: an out-of-bounds value is a `BAD_USER_INPUT` (a variable) or
`GRAPHQL_VALIDATION_FAILED` (a literal) error whose message gives the bound. What a type
cannot say is still the core's to judge: whether a cursor points inside the list it pages,
whether the content serves a locale's language (content may add one without a new schema).
"""

from typing import Annotated, NewType

import strawberry
from graphql import GraphQLError
from strawberry.types.scalar import ScalarDefinition

from service.api.common.locale import LANGUAGE_TAG, MAX_LOCALE_LENGTH
from service.domain.content import DEFAULT_LIMIT, MAX_LIMIT
from service.domain.content.paging import decode_cursor
from service.domain.errors import InvalidParameter

MAX_SEARCH_LENGTH = 200
MAX_CURSOR_LENGTH = 64


def _refused(message: str) -> GraphQLError:
    """graphql-core reports a GraphQLError from a scalar as it is (any other exception would
    be an unexpected one): the variable or argument's name goes before the message."""
    return GraphQLError(message, extensions={"code": "BAD_USER_INPUT"})


def _page_size(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_LIMIT:
        raise _refused(f"A page size is an integer from 1 to {MAX_LIMIT}.")
    return value


def _cursor(value: object) -> str:
    if not isinstance(value, str) or len(value) > MAX_CURSOR_LENGTH:
        raise _refused("A cursor is a `nextCursor` this API returned.")
    try:
        decode_cursor(value)
    except InvalidParameter:
        raise _refused("A cursor is a `nextCursor` this API returned.") from None
    return value


def _locale(value: object) -> str:
    if (
        not isinstance(value, str)
        or len(value) > MAX_LOCALE_LENGTH
        or not LANGUAGE_TAG.fullmatch(value)
    ):
        raise _refused(
            f"A locale is a language tag such as `es` or `es-MX`, at most {MAX_LOCALE_LENGTH} "
            "characters."
        )
    return value


def _search_text(value: object) -> str:
    if (
        not isinstance(value, str)
        or not 1 <= len(value) <= MAX_SEARCH_LENGTH
        or not any(character.isalnum() for character in value)
    ):
        raise _refused(
            f"Search words are 1 to {MAX_SEARCH_LENGTH} characters with a letter or a digit."
        )
    return value


PageSize = NewType("PageSize", int)
Cursor = NewType("Cursor", str)
LocaleTag = NewType("LocaleTag", str)
SearchText = NewType("SearchText", str)

# The schema's `StrawberryConfig(scalar_map=SCALARS)`.
SCALARS: dict[object, ScalarDefinition] = {
    PageSize: strawberry.scalar(
        name="PageSize",
        description=f"A page size: an integer from 1 to {MAX_LIMIT}.",
        serialize=int,
        parse_value=_page_size,
    ),
    Cursor: strawberry.scalar(
        name="Cursor",
        description="An opaque page cursor: a `nextCursor` this API returned (at most "
        f"{MAX_CURSOR_LENGTH} characters).",
        serialize=str,
        parse_value=_cursor,
    ),
    LocaleTag: strawberry.scalar(
        name="Locale",
        description="A language tag (BCP 47) such as `es` or `es-MX`, at most "
        f"{MAX_LOCALE_LENGTH} characters. The content serves `en`, `es`, `fr` and `de` "
        "(`GET /v1/locales`); a regional tag is served by its language; another language is "
        "`BAD_USER_INPUT`.",
        serialize=str,
        parse_value=_locale,
    ),
    SearchText: strawberry.scalar(
        name="SearchText",
        description=f"Search words: 1 to {MAX_SEARCH_LENGTH} characters, with at least one "
        "letter or digit.",
        serialize=str,
        parse_value=_search_text,
    ),
}


DEFAULT_PAGE = PageSize(DEFAULT_LIMIT)


def page_size(first: int | None) -> int:
    """`first` as the core pages by: left out or null, the default page size."""
    return DEFAULT_LIMIT if first is None else first


# The arguments every field declares alike.
First = Annotated[
    PageSize | None,
    strawberry.argument(description=f"Page size, 1 to {MAX_LIMIT} ({DEFAULT_LIMIT} if null)."),
]
After = Annotated[
    Cursor | None,
    strawberry.argument(description="Opaque cursor: the previous page's `nextCursor`."),
]
Locale = Annotated[
    LocaleTag | None,
    strawberry.argument(
        description="Locale such as `es` or `es-MX` (a regional tag is served by its "
        "language, as in `Accept-Language`; an unsupported one is `BAD_USER_INPUT`); without "
        "it, `Accept-Language` decides, falling back to `en`. Nested fields answer in the "
        "same locale."
    ),
]
