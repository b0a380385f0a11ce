"""Every content kind is wired into every place a kind must be (docs/architecture.md, "Add a
content type"): adding a kind to the catalogue without one of them fails here, by name."""

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from service.api.contract import declared_access
from service.api.rest.docs import example_view
from service.domain.releases.record import KINDS
from service.domain.schemas import Export

Client = AsyncTestClient[Litestar]
# A kind's plural, as its list route, GraphQL list field and export field name it.
PLURALS = {kind: f"{kind}s" if kind != "approach" else "approaches" for kind in KINDS}


def _an_item_key(kind: str) -> str:
    items = getattr(example_view().export(), PLURALS[kind])
    first = items[0]
    return str(getattr(first, "slug", None) or first.key)


@pytest.mark.parametrize("kind", KINDS)
def test_the_snapshot_serves_it_by_key(kind: str) -> None:
    key = _an_item_key(kind)
    assert example_view().get(kind, key) is not None
    assert PLURALS[kind] in Export.__struct_fields__  # partners who sync get it whole


@pytest.mark.parametrize("kind", KINDS)
def test_rest_lists_it_and_serves_one_with_declared_access(client: Client, kind: str) -> None:
    accesses = declared_access(client.app)
    plural = PLURALS[kind]
    item_routes = [
        path for path, method in accesses if method == "get" and path.startswith(f"/v1/{plural}/{{")
    ]
    assert (f"/v1/{plural}", "get") in accesses, f"no GET /v1/{plural}"
    assert len(item_routes) == 1, f"no GET /v1/{plural}/{{key}}"
    for path in (f"/v1/{plural}", item_routes[0]):
        access = accesses[(path, "get")]
        assert "content:read" in access.scopes and access.browser, path


@pytest.mark.parametrize("kind", KINDS)
async def test_rest_and_graphql_answer_it(client: Client, kind: str) -> None:
    plural, key = PLURALS[kind], _an_item_key(kind)
    listed = await client.get(f"/v1/{plural}?limit=1")
    assert listed.status_code == 200 and listed.json()["items"], listed.text
    one = await client.get(f"/v1/{plural}/{key}")
    assert one.status_code == 200, one.text
    argument = "key" if kind == "aspect" else "slug"  # as the REST path names it
    query = (
        f"{{ {plural}(first: 1) {{ items {{ __typename }} }} "
        f'{kind}({argument}: "{key}") {{ __typename }} }}'
    )
    answer = await client.post("/graphql", json={"query": query})
    body = answer.json()
    assert "errors" not in body, body
    assert body["data"][kind] is not None and body["data"][plural]["items"]


async def test_the_change_feed_knows_every_kind(client: Client) -> None:
    """The change feed names an item by its kind (releases/record.py `KINDS`): a kind left out
    would never reach a partner's sync."""
    seen: set[str] = set()
    cursor = ""
    while True:
        changes = await client.get(f"/v1/changes?since=0&limit=100{cursor}")
        assert changes.status_code == 200, changes.text
        page = changes.json()
        seen |= {item["kind"] for item in page["items"]}
        if not page["next_cursor"]:
            break
        cursor = f"&cursor={page['next_cursor']}"
    assert seen == set(KINDS)
