"""Releases and the change feed over real second loads of edited content files."""

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from service.app import create_app
from service.bootstrap import store_and_publish
from service.config import Settings
from service.db import async_url
from service.domain.bundle import Bundle, ContentError
from service.domain.releases.record import _prune
from tests.conftest import migrated_database
from tests.releases.edits import EditedContent

pytestmark = [pytest.mark.server_postgres, pytest.mark.slow]


async def load(url: str, bundle: Bundle) -> int:
    """A load as the service makes it: the release and its webhook events, one transaction."""
    engine = create_async_engine(async_url(url))
    try:
        async with AsyncSession(engine) as session, session.begin():
            version, _ = await store_and_publish(session, bundle)
            return version
    finally:
        await engine.dispose()


@pytest.fixture
async def own_database(server_url: str) -> AsyncIterator[str]:
    async with migrated_database(server_url, "mc_releases") as url:
        yield url


@pytest.fixture
async def client(own_database: str) -> AsyncIterator[AsyncTestClient[Litestar]]:
    settings = Settings(database_url=own_database, webhook_worker_in_service=False)
    async with AsyncTestClient(app=create_app(settings)) as test_client:
        yield test_client


async def exported_version(client: AsyncTestClient[Litestar], until: int) -> int:
    """The export's content version, asked again for up to 10 s until it reaches `until`."""
    deadline = asyncio.get_running_loop().time() + 10
    while True:
        version = int((await client.get("/v1/export")).json()["content_version"])
        if version >= until or asyncio.get_running_loop().time() > deadline:
            return version
        await asyncio.sleep(0.05)


async def all_changes(client: AsyncTestClient[Litestar], since: int, limit: int) -> list[Any]:
    items: list[Any] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"since": since, "limit": limit}
        if cursor:
            params["cursor"] = cursor
        answer = await client.get("/v1/changes", params=params)
        assert answer.status_code == 200, answer.text
        page = answer.json()
        items += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return items


async def test_a_changed_text_and_a_removed_topic_become_releases_and_changes(
    client: AsyncTestClient[Litestar], own_database: str, tmp_path: Path
) -> None:
    first = (await client.get("/v1/export")).json()["content_version"]
    content = EditedContent(tmp_path / "content")
    content.set_text("fr", "topics", "integrating-both", "title", "Intégrer les deux, revu")
    second = await load(own_database, content.bundle())
    content.remove_topic("real-world-examples", replaced_by="integrating-both")
    third = await load(own_database, content.bundle())
    assert (first, second, third) == (1, 2, 3)

    releases = (await client.get("/v1/releases")).json()
    assert [r["version"] for r in releases["items"]] == [3, 2, 1]
    assert releases["items"][0]["summary"] == {
        "created": 0,
        "updated": 0,
        "removed": 1,
        "policy_changed": False,
    }
    assert releases["items"][2]["previous_version"] is None

    detail = (await client.get("/v1/releases/2")).json()
    assert detail["changes"] == [
        {
            "kind": "topic",
            "key": "integrating-both",
            "change": "updated",
            "version": 2,
            "locales": ["fr"],
        }
    ]

    changes = await all_changes(client, since=first, limit=1)  # one item per page
    assert changes == [
        {
            "kind": "topic",
            "key": "integrating-both",
            "change": "updated",
            "version": 2,
            "locales": ["fr"],
        },
        {
            "kind": "topic",
            "key": "real-world-examples",
            "change": "removed",
            "version": 3,
            "locales": ["de", "en", "es", "fr"],
            "replaced_by": "integrating-both",
        },
    ]
    assert await all_changes(client, since=second, limit=10) == changes[1:]
    assert await all_changes(client, since=third, limit=10) == []
    everything = await all_changes(client, since=0, limit=100)
    assert {c["change"] for c in everything} == {"created", "removed"}
    assert "real-world-examples" not in [c["key"] for c in everything if c["change"] != "removed"]

    # The export names the version a partner syncs from next, once the running service has
    # taken the release (through NOTIFY, asynchronously: bounded wait on a loaded machine).
    assert await exported_version(client, until=third) == third


async def test_a_since_older_than_the_kept_history_is_gone_and_points_to_the_export(
    client: AsyncTestClient[Litestar], own_database: str, tmp_path: Path
) -> None:
    content = EditedContent(tmp_path / "content")
    for title in ("One", "Two", "Three"):
        content.set_text("en", "topics", "core-goals", "title", title)
        await load(own_database, content.bundle())
    engine = create_async_engine(async_url(own_database))
    async with AsyncSession(engine) as session, session.begin():
        await _prune(session, 4, keep=2)  # keeps releases 3 and 4
    await engine.dispose()

    gone = await client.get("/v1/changes", params={"since": 1})
    assert gone.status_code == 410
    assert gone.headers["content-type"].startswith("application/problem+json")
    assert "/v1/export" in gone.json()["detail"]
    assert gone.headers["link"] == '</v1/export>; rel="alternate"'
    assert (await client.get("/v1/changes", params={"since": 2})).status_code == 200
    ahead = await client.get("/v1/changes", params={"since": 99})
    assert ahead.status_code == 400
    assert ahead.json()["errors"][0]["field"] == "since"
    bad_cursor = await client.get("/v1/changes", params={"since": 2, "cursor": "nonsense"})
    assert bad_cursor.status_code == 400
    assert (await client.get("/v1/releases/1")).status_code == 404


async def test_a_replacement_must_name_an_existing_item(tmp_path: Path) -> None:
    content = EditedContent(tmp_path / "content")
    content.remove_topic("real-world-examples", replaced_by="no-such-topic")
    with pytest.raises(ContentError, match="no-such-topic"):
        content.bundle()


async def test_graphql_lists_releases_and_changes(
    client: AsyncTestClient[Litestar], own_database: str, tmp_path: Path
) -> None:
    content = EditedContent(tmp_path / "content")
    content.remove_topic("real-world-examples")
    await load(own_database, content.bundle())
    query = """{ releases(first: 5) { items { version previousVersion summary { removed } }
                   nextCursor }
                 changes(since: 1) { items { kind key change version locales replacedBy }
                   nextCursor nextSince } }"""
    answer = (await client.post("/graphql", json={"query": query})).json()
    assert "errors" not in answer, answer
    assert answer["data"]["releases"]["items"][0] == {
        "version": 2,
        "previousVersion": 1,
        "summary": {"removed": 1},
    }
    assert answer["data"]["changes"] == {
        "items": [
            {
                "kind": "topic",
                "key": "real-world-examples",
                "change": "removed",
                "version": 2,
                "locales": ["de", "en", "es", "fr"],
                "replacedBy": None,
            }
        ],
        "nextCursor": None,
        "nextSince": 2,
    }
    gone = await client.post("/graphql", json={"query": "{ changes(since: 99) { nextSince } }"})
    assert gone.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_a_policy_change_is_a_release_with_a_policy_event_and_no_item_change(
    client: AsyncTestClient[Litestar], own_database: str, tmp_path: Path
) -> None:
    content = EditedContent(tmp_path / "content")
    content.set_policy_version("2099-01")
    assert await load(own_database, content.bundle()) == 2
    release = (await client.get("/v1/releases/2")).json()
    assert release["policy_version"] == "2099-01"
    assert release["summary"] == {
        "created": 0,
        "updated": 0,
        "removed": 0,
        "policy_changed": True,
    }
    assert release["changes"] == []
    engine = create_async_engine(async_url(own_database))
    async with engine.connect() as connection:
        events = (await connection.execute(text("SELECT type, payload FROM webhook_events"))).all()
    await engine.dispose()
    assert [(kind, payload["data"]["policy_version"]) for kind, payload in events] == [
        ("policy.released", "2099-01")
    ]


async def test_a_release_forgets_webhook_events_older_than_the_retention(
    client: AsyncTestClient[Litestar], own_database: str, tmp_path: Path
) -> None:
    engine = create_async_engine(async_url(own_database))
    async with engine.begin() as connection:
        await connection.execute(
            text(
                "INSERT INTO webhook_events (id, type, payload, created_at) VALUES "
                "('msg_old', 'ping', '{}', now() - interval '31 days'), "
                "('msg_recent', 'ping', '{}', now() - interval '29 days')"
            )
        )
    content = EditedContent(tmp_path / "content")
    content.set_text("en", "topics", "core-goals", "title", "Retention")
    await load(own_database, content.bundle())
    async with engine.connect() as connection:
        kept = (await connection.execute(text("SELECT id FROM webhook_events"))).scalars().all()
    await engine.dispose()
    assert "msg_old" not in kept and "msg_recent" in kept
