"""The main front-end queries through a real GraphQL client (gql over httpx)."""

from typing import Any

import pytest
from gql import gql
from gql.transport.exceptions import TransportQueryError

from tests.graphql.conftest import Client, codes, graphql


async def test_a_screen_gets_exactly_its_fields_in_one_round_trip(gql_client: Any) -> None:
    result = await gql_client.execute(
        gql(
            """
            query Picker($stage: CareerStage!) {
              variants(careerStage: $stage, first: 3) {
                items { slug name baseApproach linkedTerm { name } }
                nextCursor
              }
              contentVersion
            }
            """
        ),
        variable_values={"stage": "early"},
    )
    page = result["variants"]
    assert len(page["items"]) == 3 and page["nextCursor"]
    assert set(page["items"][0]) == {"slug", "name", "baseApproach", "linkedTerm"}
    assert result["contentVersion"] >= 1


async def test_paging_with_after_walks_every_variant_once(gql_client: Any) -> None:
    query = gql(
        "query Page($after: Cursor) { variants(first: 5, after: $after) "
        "{ items { slug } nextCursor } }"
    )
    slugs: list[str] = []
    after = None
    for _ in range(10):
        page = (await gql_client.execute(query, variable_values={"after": after}))["variants"]
        slugs += [item["slug"] for item in page["items"]]
        after = page["nextCursor"]
        if after is None:
            break
    assert len(slugs) == 12 and len(set(slugs)) == 12


async def test_locale_argument_and_nested_fields_follow_it(gql_client: Any) -> None:
    result = await gql_client.execute(
        gql(
            """
            {
              es: variant(slug: "reverse-mentoring", locale: "es") {
                name linkedTerm { name } linkedApproaches { name }
              }
              en: variant(slug: "reverse-mentoring") { name linkedTerm { name } }
            }
            """
        )
    )
    assert result["es"]["name"] != result["en"]["name"]
    assert result["es"]["linkedTerm"]["name"] != result["en"]["linkedTerm"]["name"]
    assert result["es"]["linkedApproaches"] == [{"name": "Mentoría"}]


async def test_accept_language_picks_the_locale_without_an_argument(client: Client) -> None:
    query = '{ approach(slug: "mentoring") { name } }'
    spanish = await graphql(client, query, headers={"Accept-Language": "es-MX, en;q=0.5"})
    unknown = await graphql(client, query, headers={"Accept-Language": "ja"})
    assert spanish["data"]["approach"]["name"] == "Mentoría"
    assert unknown["data"]["approach"]["name"] == "Mentoring"


async def test_search_ranks_like_rest(gql_client: Any, client: Client) -> None:
    result = await gql_client.execute(
        gql('{ terms(search: "reverse mentorship") { items { slug } } }')
    )
    rest = (await client.get("/v1/terms", params={"q": "reverse mentorship"})).json()
    assert [t["slug"] for t in result["terms"]["items"]] == [t["slug"] for t in rest["items"]]
    assert result["terms"]["items"][0]["slug"] == "reverse-mentoring"


@pytest.mark.parametrize(
    ("query", "code", "field"),
    [
        # The argument types refuse these before any resolver runs (scalars.py).
        ("{ approaches(first: 101) { nextCursor } }", "BAD_USER_INPUT", None),
        ('{ approaches(after: "garbage") { nextCursor } }', "BAD_USER_INPUT", None),
        ('{ terms(search: "  ") { nextCursor } }', "BAD_USER_INPUT", None),
        # The content decides which languages it serves.
        ('{ topics(locale: "xx") { nextCursor } }', "BAD_USER_INPUT", "locale"),
    ],
)
async def test_domain_errors_carry_a_code(
    gql_client: Any, query: str, code: str, field: str | None
) -> None:
    with pytest.raises(TransportQueryError) as raised:
        await gql_client.execute(gql(query))
    [error] = raised.value.errors or []
    assert error["extensions"]["code"] == code
    assert error["extensions"].get("field") == field
    if field == "locale":
        allowed = error["extensions"]["allowed"]
        assert allowed[0] == "en" and "es" in allowed
        assert f"supported: {', '.join(allowed)}" in error["message"]


async def test_bounds_are_named_in_the_message(client: Client) -> None:
    body = await graphql(
        client, "query($n: PageSize) { variants(first: $n) { nextCursor } }", {"n": 500}
    )
    assert codes(body) == ["BAD_USER_INPUT"]
    message = body["errors"][0]["message"]
    assert message == "Variable '$n' has invalid value: A page size is an integer from 1 to 100."


async def test_an_item_that_does_not_exist_is_null(client: Client) -> None:
    body = await graphql(
        client,
        '{ variant(slug: "nope") { slug } node(id: "Term:nope") { id } aspect(key: "") { key } }',
    )
    assert body == {
        "data": {"variant": None, "node": None, "aspect": None},
        "extensions": body["extensions"],
    }


async def test_one_failing_root_field_leaves_the_others(client: Client) -> None:
    body = await graphql(client, '{ a: topics(locale: "xx") { nextCursor } contentVersion }')
    assert body["data"]["a"] is None and body["data"]["contentVersion"] >= 1
    assert [e["path"] for e in body["errors"]] == [["a"]]
