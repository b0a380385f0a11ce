"""Limits answer with a clear GraphQL error and a code; unexpected failures are masked."""

from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from service.api.graphql.context import MAX_LINKED_OBJECTS
from service.api.graphql.controller import MAX_BATCH
from service.api.graphql.schema import MAX_ALIASES, MAX_DEPTH, MAX_TOKENS
from service.app import create_app
from service.config import Settings
from service.domain.content import LocaleView
from tests.graphql.conftest import BASE_URL, Client, codes, graphql


def nested(links: int) -> str:
    """topic -> linkedAspects -> linkedTopics -> ... : `links` link fields deep."""
    names = ["linkedAspects" if i % 2 == 0 else "linkedTopics" for i in range(links)]
    inner = "key" if links % 2 else "slug"
    for name in reversed(names):
        inner = f"{name} {{ {inner} }}"
    return f'{{ topic(slug: "core-goals") {{ {inner} }} }}'


async def test_depth_limit(client: Client) -> None:
    deep = await graphql(client, nested(MAX_DEPTH + 1))
    assert codes(deep) == ["QUERY_TOO_DEEP"] and deep.get("data") is None
    assert f"maximum operation depth of {MAX_DEPTH}" in deep["errors"][0]["message"]
    shallow = await graphql(client, nested(3))
    assert "errors" not in shallow, shallow


async def test_alias_limit(client: Client) -> None:
    many = " ".join(f"a{i}: contentVersion" for i in range(MAX_ALIASES + 1))
    body = await graphql(client, f"{{ {many} }}")
    assert codes(body) == ["TOO_MANY_ALIASES"]
    assert f"Allowed: {MAX_ALIASES}" in body["errors"][0]["message"]
    enough = " ".join(f"a{i}: contentVersion" for i in range(MAX_ALIASES))
    assert "errors" not in await graphql(client, f"{{ {enough} }}")


async def test_token_limit(client: Client) -> None:
    body = await graphql(client, "{ " + "contentVersion " * MAX_TOKENS + "}")
    assert codes(body) == ["TOO_MANY_TOKENS"]
    assert f"more than {MAX_TOKENS} tokens" in body["errors"][0]["message"]


async def test_links_both_ways_cannot_blow_up_an_answer(client: Client, database_url: str) -> None:
    # Within the depth limit, yet thousands of objects: the cost refuses it before it runs.
    query = (
        "{ topics(first: 100) { items { linkedAspects { linkedTopics { linkedAspects "
        "{ linkedTopics { linkedAspects { key } } } } } } } }"
    )
    body = await graphql(client, query)
    assert codes(body) == ["QUERY_TOO_EXPENSIVE"] and body.get("data") is None
    # And with the maximum cost raised as far as it goes, the link budget still stops it.
    settings = Settings(database_url=database_url, graphql_max_query_cost=1_000_000)
    cheaper = (  # 50 x 11,111 points; 10 x 6 x 9 x 6 x 9 links in the content
        "{ topics(first: 50) { items { linkedAspects { linkedTopics { linkedAspects "
        "{ linkedTopics { slug } } } } } } }"
    )
    async with AsyncTestClient(app=create_app(settings), base_url=BASE_URL) as generous:
        body = await graphql(generous, cheaper)
    assert codes(body)[:1] == ["RESULT_TOO_LARGE"]
    assert f"more than {MAX_LINKED_OBJECTS} linked objects" in body["errors"][0]["message"]


async def test_batches_are_limited(client: Client) -> None:
    two = await client.post(
        "/graphql",
        json=[
            {"query": "{ contentVersion }"},
            {"query": '{ approach(slug: "coaching") { name } }'},
        ],
    )
    assert two.status_code == 200
    assert [sorted(answer["data"]) for answer in two.json()] == [["contentVersion"], ["approach"]]
    too_many = await client.post(
        "/graphql", json=[{"query": "{ contentVersion }"}] * (MAX_BATCH + 1)
    )
    assert too_many.status_code == 400
    assert codes(too_many.json()) == ["BATCH_LIMIT_EXCEEDED"]
    assert f"1 to {MAX_BATCH} operations" in too_many.json()["errors"][0]["message"]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b"{not json", "BAD_REQUEST"),
        (b'{"variables": {}}', "BAD_REQUEST"),
        (b'{"query": 3}', "BAD_REQUEST"),
        (b"[]", "BATCH_LIMIT_EXCEEDED"),
    ],
)
async def test_malformed_requests(client: Client, body: bytes, code: str) -> None:
    response = await client.post(
        "/graphql", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert codes(response.json()) == [code]


async def test_syntax_and_validation_errors_keep_their_message(client: Client) -> None:
    syntax = await graphql(client, "{ contentVersion ")
    assert (
        codes(syntax) == ["GRAPHQL_PARSE_FAILED"]
        and "Syntax Error" in syntax["errors"][0]["message"]
    )
    unknown = await graphql(client, "{ salary }")
    assert codes(unknown) == ["GRAPHQL_VALIDATION_FAILED"]
    assert "Cannot query field 'salary'" in unknown["errors"][0]["message"]


async def test_unexpected_errors_are_masked(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: Any, **__: Any) -> Any:
        raise RuntimeError("password=hunter2 in a stack trace")

    monkeypatch.setattr(LocaleView, "filter_variants", broken)
    body = await graphql(client, "{ masked: variants { nextCursor } contentVersion }")
    assert codes(body) == ["INTERNAL_SERVER_ERROR"]
    assert body["errors"][0]["message"] == "Unexpected error."
    assert "hunter2" not in str(body) and body["data"]["contentVersion"] >= 1


async def test_no_content_is_service_unavailable(client: Client, app: Litestar) -> None:
    store = app.state.content
    kept, store.snapshot = store.snapshot, None
    try:
        body = await graphql(client, '{ approach(slug: "mentoring") { name } }')
    finally:
        store.snapshot = kept
    assert codes(body) == ["SERVICE_UNAVAILABLE"]


async def test_get_cannot_run_a_mutation_or_a_missing_operation(client: Client) -> None:
    response = await client.get(
        "/graphql", params={"query": "query A { contentVersion }", "operationName": "B"}
    )
    assert codes(response.json()) == ["BAD_REQUEST"]
