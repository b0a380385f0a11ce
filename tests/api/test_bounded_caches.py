"""The caches in front of the handlers stay bounded whatever a client sends."""

from typing import Any

from litestar import Litestar
from litestar.testing import AsyncTestClient

from service.app import create_app
from service.config import Settings
from tests.graphql.conftest import door_of, sha256
from tests.observability.test_metrics import sample

Client = AsyncTestClient[Any]


async def test_unknown_query_parameters_are_ignored_and_never_cached(
    client: Client, app: Litestar
) -> None:
    plain = await client.get("/v1/variants?limit=5")
    assert plain.status_code == 200
    held = len(app.state.answered)
    for n in range(20):
        response = await client.get(f"/v1/variants?limit=5&utm_source=campaign-{n}")
        assert response.status_code == 200
        assert response.content == plain.content
        assert response.headers["etag"] == plain.headers["etag"]
    assert len(app.state.answered) == held
    # A known parameter with a new value is a new answer, and is kept.
    assert (await client.get("/v1/variants?limit=6")).status_code == 200
    assert len(app.state.answered) == held + 1


async def test_graphql_responses_are_bounded_in_bytes(database_url: str, client: Client) -> None:
    limit = 1_000_000
    settings = Settings(
        database_url=database_url,
        load_content_on_start=False,
        graphql_response_cache_max_bytes=limit,
    )
    app = create_app(settings)
    query = (
        "query($n: PageSize!) { variants(first: $n) { items { slug name summary strengths risks "
        "linkedTerm { name definition } } } }"
    )
    async with AsyncTestClient(app=app, base_url="http://testserver.local") as started:
        sizes = []
        for n in range(1, 101):
            response = await started.post("/graphql", json={"query": query, "variables": {"n": n}})
            assert response.status_code == 200 and "errors" not in response.json(), response.text
            sizes.append(len(response.content))
        door = door_of(app)
        assert sum(sizes) > limit  # the test sends more than the cache may keep
        assert door.responses.current_bytes <= limit
        assert len(door.responses) < 100


async def test_a_long_document_runs_but_is_not_remembered(client: Client, app: Litestar) -> None:
    door = door_of(app)
    padding = "\n".join(f"# {'x' * 70}" for _ in range(door.max_registered_document // 70))
    long_query = f"{padding}\n{{ contentVersion }}"
    assert len(long_query) > door.max_registered_document
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": sha256(long_query)}}
    ran = await client.post("/graphql", json={"query": long_query, "extensions": extensions})
    assert ran.status_code == 200 and ran.json()["data"]["contentVersion"] >= 1
    by_hash = await client.post("/graphql", json={"extensions": extensions})
    assert by_hash.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"


async def test_parsed_documents_are_bounded_in_bytes_and_errors_repeat(
    database_url: str, client: Client
) -> None:
    limit = 1_000_000
    settings = Settings(
        database_url=database_url,
        load_content_on_start=False,
        graphql_document_cache_max_bytes=limit,
    )
    async with AsyncTestClient(app=create_app(settings), base_url="http://t.local") as started:
        for n in range(100):  # about 26 KB each as parsed documents: 2.6 MB in all
            query = f"# request {n} {'x' * 180}\n{{ contentVersion }}"
            response = await started.post("/graphql", json={"query": query})
            assert response.json()["data"]["contentVersion"] >= 1
        metrics = (await started.get("/metrics")).text
        held = sample(metrics, "cache_bytes", cache="graphql_parsed_documents")
        evicted = sample(metrics, "cache_evictions_total", cache="graphql_parsed_documents")
        assert held is not None and 0 < held <= limit
        assert evicted is not None and evicted > 0
        for _ in range(2):  # the second answer comes from the validation cache
            invalid = await started.post("/graphql", json={"query": "{ noSuchField }"})
            [error] = invalid.json()["errors"]
            assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
            assert "noSuchField" in error["message"]
