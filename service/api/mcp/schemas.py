"""The arguments of the MCP tools: msgspec Structs built on the types REST validates with
(`Situation`, `ReplayRequest`, the page bounds, the locale), and their JSON Schemas, written by
msgspec exactly as the OpenAPI document's request bodies are (`api/contract`)."""

from typing import Annotated, Any

import msgspec

from service.api.common.locale import MAX_LOCALE_LENGTH
from service.api.common.paging import DEFAULT_LIMIT, MAX_LIMIT
from service.domain.recommendation import Situation

Locale = (
    Annotated[
        str,
        msgspec.Meta(
            max_length=MAX_LOCALE_LENGTH,
            description="The locale of the answer (en, es, fr or de; `es-MX` is served in es). "
            "Left out: the request's Accept-Language, else en.",
        ),
    ]
    | None
)
Slug = Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
Limit = Annotated[
    int, msgspec.Meta(ge=1, le=MAX_LIMIT, description=f"Page size, 1 to {MAX_LIMIT}.")
]
Cursor = (
    Annotated[str, msgspec.Meta(max_length=64, description="The previous page's `next_cursor`.")]
    | None
)


class RecommendArguments(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """`recommend`: the situation as `POST /v1/recommendations` takes it."""

    situation: Annotated[
        Situation,
        msgspec.Meta(description="The employee's situation. Nothing in it is stored or logged."),
    ]
    locale: Locale = None


class CompareArguments(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """`compare_approaches`: which comparison aspects (all when left out)."""

    aspects: (
        Annotated[
            tuple[Slug, ...],
            msgspec.Meta(
                max_length=50,
                description="Keys of comparison aspects (`duration`, `focus`, ...); all when "
                "left out.",
            ),
        ]
        | None
    ) = None
    locale: Locale = None


class SearchTermsArguments(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """`search_terms`: `GET /v1/terms?q=`."""

    q: Annotated[
        str,
        msgspec.Meta(
            min_length=1,
            max_length=200,
            description="Search words, for example `reverse mentorship` (stemmed, "
            "accent-insensitive, typo-tolerant).",
        ),
    ]
    limit: Limit = DEFAULT_LIMIT
    cursor: Cursor = None
    locale: Locale = None


class GetVariantArguments(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """`get_variant`: `GET /v1/variants/{slug}`."""

    slug: Annotated[Slug, msgspec.Meta(description="A variant's slug: `reverse-mentoring`.")]
    locale: Locale = None


class GetPolicyCardArguments(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """`get_policy_card`: `GET /v1/recommendations/policy-card`."""

    policy_version: (
        Annotated[
            str,
            msgspec.Meta(
                max_length=100,
                description="A released policy version (a recommendation's `policy_version`); "
                "the one in service when left out.",
            ),
        ]
        | None
    ) = None
    locale: Locale = None


def input_schema(arguments: type[msgspec.Struct]) -> dict[str, Any]:
    """The tool's `inputSchema`: the Struct's own schema at the root (an object, as MCP
    requires) and the types it refers to under `$defs`."""
    _, components = msgspec.json.schema_components([arguments], ref_template="#/$defs/{name}")
    if "ReplayRequest" in components:
        replayed = components["ReplayRequest"]["properties"]
        replayed["situation"] = {
            "$ref": "#/$defs/Situation",
            "description": "The situation of the recommendation to make again.",
        }
        components.update(
            msgspec.json.schema_components([Situation], ref_template="#/$defs/{name}")[1]
        )
    if "Situation" in components:
        goals = components["Situation"]["properties"]["goals"]
        goals["uniqueItems"] = True  # as the OpenAPI document says: a repeated goal is refused
    root = dict(components.pop(arguments.__name__))
    root.pop("title", None)
    root.pop("description", None)  # the tool has its own
    if components:
        root["$defs"] = components
    return root
