"""The REST content API as a client sees it."""

from typing import Any

import pytest
from litestar.testing import AsyncTestClient

Client = AsyncTestClient[Any]

LISTS = {
    "/v1/approaches": ("slug", 2),
    "/v1/aspects": ("key", 7),
    "/v1/topics": ("slug", 10),
    "/v1/terms": ("slug", 12),
    "/v1/variants": ("slug", 12),
}


async def walk(client: Client, path: str, limit: int) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor: str | None = None
    for _ in range(50):
        params: dict[str, Any] = {"limit": limit} | ({"cursor": cursor} if cursor else {})
        response = await client.get(path, params=params)
        assert response.status_code == 200, response.text
        body = response.json()
        assert set(body) == {"items", "next_cursor"}
        items += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("paging did not end")


@pytest.mark.parametrize("path", LISTS)
async def test_every_list_walks_exactly_once_with_any_page_size(client: Client, path: str) -> None:
    key, count = LISTS[path]
    whole = (await client.get(path, params={"limit": 100})).json()
    assert len(whole["items"]) == count and whole["next_cursor"] is None
    for limit in (1, 3, 5):
        walked = await walk(client, path, limit)
        assert [i[key] for i in walked] == [i[key] for i in whole["items"]]


@pytest.mark.parametrize(
    ("path", "key"),
    [
        ("/v1/approaches/coaching", "slug"),
        ("/v1/aspects/duration", "key"),
        ("/v1/topics/integrating-both", "slug"),
        ("/v1/terms/reverse-mentoring", "slug"),
        ("/v1/variants/skill-sprint-coaching", "slug"),
    ],
)
async def test_item_by_key(client: Client, path: str, key: str) -> None:
    response = await client.get(path)
    assert response.status_code == 200
    assert response.json()[key] == path.rsplit("/", 1)[1]


async def test_aspect_statements_are_the_source_table(client: Client) -> None:
    duration = (await client.get("/v1/aspects/duration")).json()
    assert duration["mentoring"] == "Extended period, often months or years."
    assert duration["coaching"] == "Limited period, usually weeks or months."
    coaching = (await client.get("/v1/approaches/coaching")).json()
    statements = {a["key"]: a["statement"] for a in coaching["aspects"]}
    assert statements["expertise"] == (
        "Coach uses coaching techniques without necessarily being an expert."
    )


async def test_links_resolve(client: Client) -> None:
    terms = (await client.get("/v1/terms", params={"limit": 100})).json()["items"]
    for term in terms:
        variant = await client.get(f"/v1/variants/{term['variant']}")
        assert variant.status_code == 200
        assert variant.json()["term"] == term["slug"]
    topics = (await client.get("/v1/topics", params={"limit": 100})).json()["items"]
    for topic in topics:
        assert topic["aspects"], topic["slug"]
        for key in topic["aspects"]:
            assert (await client.get(f"/v1/aspects/{key}")).status_code == 200


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("reverse mentorship", "reverse-mentoring"),
        ("Reverse Mentoring", "reverse-mentoring"),
        ("SKILL SPRINT", "skill-sprint-coaching"),
        ("just in time", "just-in-time-coaching"),
        ("mentorship", "mentoring"),
        ("ai coaching", "ai-powered-coaching"),
        ("sponsor", "sponsorship-driven-mentoring"),
    ],
)
async def test_search_finds_best_match_first(client: Client, query: str, first: str) -> None:
    response = await client.get("/v1/terms", params={"q": query})
    assert response.status_code == 200
    assert response.json()["items"][0]["slug"] == first


async def test_search_is_accent_insensitive_and_searches_definitions(client: Client) -> None:
    accented = (await client.get("/v1/terms", params={"q": "révérse méntoring"})).json()
    assert accented["items"][0]["slug"] == "reverse-mentoring"
    by_definition = (await client.get("/v1/terms", params={"q": "machine learning"})).json()
    # Only AI-powered coaching has both words; others share "learning" and come after it.
    assert by_definition["items"][0]["slug"] == "ai-powered-coaching"
    assert len(by_definition["items"]) > 1
    nothing = (await client.get("/v1/terms", params={"q": "astrophysics"})).json()
    assert nothing == {"items": [], "next_cursor": None}


async def test_variant_filters(client: Client) -> None:
    def slugs(response: Any) -> set[str]:
        assert response.status_code == 200
        return {v["slug"] for v in response.json()["items"]}

    coaching = slugs(await client.get("/v1/variants", params={"base_approach": "coaching"}))
    assert "classic-coaching" in coaching and "classic-mentoring" not in coaching
    peers = slugs(await client.get("/v1/variants", params={"relationship_shape": "peer"}))
    assert peers == {"peer-coaching"}
    early = (await client.get("/v1/variants", params={"career_stage": "early"})).json()["items"]
    assert early and all("early" in v["career_stages"] for v in early)
    both = slugs(
        await client.get(
            "/v1/variants", params={"base_approach": "coaching", "career_stage": "executive"}
        )
    )
    assert both <= coaching


async def test_export_holds_the_whole_catalogue(client: Client) -> None:
    response = await client.get("/v1/export")
    body = response.json()
    assert response.status_code == 200
    assert body["locale"] == "en" and body["content_version"] >= 1
    assert [len(body[k]) for k in ("approaches", "aspects", "topics", "terms", "variants")] == [
        2,
        7,
        10,
        12,
        12,
    ]


async def test_content_headers_and_conditional_get(client: Client) -> None:
    first = await client.get("/v1/variants", headers={"Accept-Language": "en-GB,en;q=0.8"})
    assert first.headers["content-language"] == "en"
    assert "Accept-Language" in first.headers["vary"]
    assert "max-age" in first.headers["cache-control"]
    etag = first.headers["etag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    again = await client.get("/v1/variants", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    other = await client.get("/v1/variants?limit=2", headers={"If-None-Match": etag})
    assert other.status_code == 200 and other.headers["etag"] != etag


async def test_unsupported_language_falls_back_to_english(client: Client) -> None:
    response = await client.get("/v1/approaches", headers={"Accept-Language": "pt-BR, pt;q=0.9"})
    assert response.status_code == 200
    assert response.headers["content-language"] == "en"


@pytest.mark.parametrize(
    ("path", "status", "parameter"),
    [
        ("/v1/variants/unknown", 404, None),
        ("/v1/terms/unknown", 404, None),
        ("/v1/approaches/unknown", 404, None),
        ("/v1/aspects/unknown", 404, None),
        ("/v1/topics/unknown", 404, None),
        ("/v1/variants?limit=0", 400, "limit"),
        ("/v1/variants?limit=101", 400, "limit"),
        ("/v1/variants?limit=abc", 400, "limit"),
        ("/v1/terms?cursor=not-a-cursor", 400, "cursor"),
        ("/v1/terms?cursor=bzo5OTk5OTk5OTk5", 400, "cursor"),  # ten digits: never issued
        ("/v1/variants?base_approach=astrology", 400, "base_approach"),
        ("/v1/variants?locale=xx", 400, "locale"),
        ("/v1/terms?q=%20%20", 400, "q"),
        ("/v1/nowhere", 404, None),
    ],
)
async def test_errors_are_problem_documents(
    client: Client, path: str, status: int, parameter: str | None
) -> None:
    response = await client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["status"] == status
    assert {"type", "title", "detail"} <= set(problem)
    if parameter:
        assert parameter in [e["field"] for e in problem["errors"]]


async def test_health(client: Client) -> None:
    live = await client.get("/health/live")
    ready = await client.get("/health/ready")
    assert live.status_code == 200 and live.json()["status"] == "ok"
    assert ready.status_code == 200 and ready.json()["content_version"] >= 1


async def test_served_openapi_equals_committed(client: Client) -> None:
    import json
    from pathlib import Path

    committed = json.loads(Path("openapi/openapi.json").read_bytes())  # noqa: ASYNC240
    served = (await client.get("/schema/openapi.json")).json()
    assert served == committed, "run `make openapi` and commit openapi/openapi.json"
    for path, operations in served["paths"].items():
        for method, operation in operations.items():
            assert operation["operationId"][0].isupper(), (path, method)
            ok = next(
                (r for code, r in operation["responses"].items() if code in ("200", "201", "202")),
                None,
            )
            if ok is None:  # 204: no body to give an example of
                assert "204" in operation["responses"], (path, method)
                continue
            media = next(iter(ok["content"].values()))
            assert media.get("examples"), (path, method)
