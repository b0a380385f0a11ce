"""REST and GraphQL never disagree: same items, same order, same values, for every locale."""

import typing
from typing import Any

import msgspec
import pytest

from service.domain import schemas
from tests.graphql.conftest import Client, graphql

# (REST list path, GraphQL root list field, item Struct, key field, GraphQL item field, argument)
RESOURCES = [
    ("/v1/approaches", "approaches", schemas.Approach, "slug", "approach", "slug"),
    ("/v1/aspects", "aspects", schemas.Aspect, "key", "aspect", "key"),
    ("/v1/topics", "topics", schemas.Topic, "slug", "topic", "slug"),
    ("/v1/terms", "terms", schemas.Term, "slug", "term", "slug"),
    ("/v1/variants", "variants", schemas.Variant, "slug", "variant", "slug"),
]


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def camelized(value: Any) -> Any:
    if isinstance(value, dict):
        return {camel(key): camelized(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [camelized(item) for item in value]
    return value


def _struct_in(annotation: Any) -> type[msgspec.Struct] | None:
    for candidate in (annotation, *typing.get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, msgspec.Struct):
            return candidate
    return None


def selection(struct: type[msgspec.Struct]) -> str:
    """Every REST field of the Struct, as a GraphQL selection (so nothing is left unchecked)."""
    parts = []
    for field in msgspec.structs.fields(struct):
        nested = _struct_in(field.type)
        parts.append(camel(field.name) + (f" {{ {selection(nested)} }}" if nested else ""))
    return " ".join(parts)


async def locales(client: Client) -> list[str]:
    body = await graphql(client, '{ approaches(locale: "zz") { nextCursor } }')
    allowed: list[str] = body["errors"][0]["extensions"]["allowed"]
    return allowed


@pytest.mark.slow
async def test_every_list_and_every_item_agree_in_every_locale(client: Client) -> None:
    compared = 0
    for locale in await locales(client):
        for path, field, struct, key, item_field, argument in RESOURCES:
            rest = (await client.get(path, params={"limit": 100, "locale": locale})).json()
            query = (
                f'{{ {field}(first: 100, locale: "{locale}") '
                f"{{ items {{ {selection(struct)} }} nextCursor }} }}"
            )
            body = await graphql(client, query)
            assert "errors" not in body, body
            assert body["data"][field] == camelized(rest), (locale, field)
            for item in rest["items"]:
                one = await graphql(
                    client,
                    f'{{ {item_field}({argument}: "{item[key]}", locale: "{locale}") '
                    f"{{ {selection(struct)} }} }}",
                )
                rest_item = (await client.get(f"{path}/{item[key]}?locale={locale}")).json()
                assert one["data"][item_field] == camelized(rest_item), (locale, item[key])
                compared += 1
    assert compared >= 2 * (2 + 7 + 10 + 12 + 12)


@pytest.mark.parametrize("size", [1, 5])
async def test_pages_and_cursors_are_the_same_on_both_doors(client: Client, size: int) -> None:
    for path, field, _, key, _, _ in RESOURCES:
        cursor: str | None = None
        while True:
            params: dict[str, Any] = {"limit": size} | ({"cursor": cursor} if cursor else {})
            rest = (await client.get(path, params=params)).json()
            body = await graphql(
                client,
                f"query($after: Cursor) {{ {field}(first: {size}, after: $after) "
                f"{{ items {{ {camel(key)} }} nextCursor }} }}",
                {"after": cursor},
            )
            page = body["data"][field]
            assert [i[key] for i in rest["items"]] == [i[camel(key)] for i in page["items"]]
            assert page["nextCursor"] == rest["next_cursor"]
            cursor = rest["next_cursor"]
            if cursor is None:
                break


@pytest.mark.parametrize(
    ("rest_params", "arguments"),
    [
        ({"base_approach": "coaching"}, "baseApproach: coaching"),
        ({"base_approach": "hybrid"}, "baseApproach: hybrid"),
        ({"career_stage": "early"}, "careerStage: early"),
        ({"relationship_shape": "peer"}, "relationshipShape: peer"),
        (
            {"career_stage": "senior", "base_approach": "mentoring"},
            "careerStage: senior, baseApproach: mentoring",
        ),
    ],
)
async def test_variant_filters_agree(
    client: Client, rest_params: dict[str, str], arguments: str
) -> None:
    rest = (await client.get("/v1/variants", params=rest_params | {"limit": 100})).json()
    body = await graphql(
        client,
        f"{{ variants({arguments}, first: 100) {{ items {{ {selection(schemas.Variant)} }} }} }}",
    )
    assert rest["items"], rest_params
    assert body["data"]["variants"]["items"] == camelized(rest["items"])


@pytest.mark.parametrize(
    "words",
    ["reverse mentorship", "coaching", "mentoría", "peer", "mentorat invercé", "Mikromentoring"],
)
async def test_search_agrees(client: Client, words: str) -> None:
    found = 0
    for locale in ("en", "es", "fr", "de"):
        rest = (await client.get("/v1/terms", params={"q": words, "locale": locale})).json()
        body = await graphql(
            client,
            "query($q: SearchText, $locale: Locale) { terms(search: $q, locale: $locale) "
            f"{{ items {{ {selection(schemas.Term)} }} nextCursor }} }}",
            {"q": words, "locale": locale},
        )
        assert body["data"]["terms"] == camelized(rest)
        found += len(rest["items"])
    assert found > 1, "compare orders, not empty answers"
