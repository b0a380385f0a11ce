"""Content loads: idempotent, versioned, and picked up by running instances without a restart."""

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import msgspec
import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from service.app import create_app
from service.config import Settings
from service.db import async_url
from service.domain.bundle import Bundle, read_files, store
from tests.conftest import migrated_database

pytestmark = [pytest.mark.server_postgres, pytest.mark.slow]


@pytest.fixture
async def own_database(server_url: str) -> AsyncIterator[str]:
    """A database of this test's own: it commits content versions the others must not see."""
    async with migrated_database(server_url, "mc_versions") as url:
        yield url


def renamed(bundle: Bundle, term: str, name: str) -> Bundle:
    english = bundle.locales["en"]
    terms = dict(english.terms)
    terms[term] = msgspec.structs.replace(terms[term], name=name)
    locales = {**bundle.locales, "en": msgspec.structs.replace(english, terms=terms)}
    return msgspec.structs.replace(bundle, locales=locales, checksum=bundle.checksum + "-edited")


async def store_committed(url: str, bundle: Bundle) -> tuple[int, bool]:
    engine = create_async_engine(async_url(url))
    try:
        async with AsyncSession(engine) as session, session.begin():
            return await store(session, bundle)
    finally:
        await engine.dispose()


async def test_a_load_is_idempotent_and_a_change_bumps_the_version(own_database: str) -> None:
    bundle = read_files()
    first = await store_committed(own_database, bundle)
    again = await store_committed(own_database, bundle)
    changed = await store_committed(
        own_database, renamed(bundle, "peer-coaching", "Peer Coaching!")
    )
    assert first == (1, True)
    assert again == (1, False)
    assert changed == (2, True)


async def test_running_instances_pick_up_a_new_version_without_restart(own_database: str) -> None:
    settings = Settings(database_url=own_database, content_poll_seconds=30)  # NOTIFY, not polling
    async with AsyncTestClient(app=create_app(settings)) as client:
        before = await client.get("/v1/terms/peer-coaching")
        again = await client.get("/v1/terms/peer-coaching")  # now answered from the cache
        assert before.json()["name"] == "Peer Coaching"
        assert again.content == before.content and again.headers["etag"] == before.headers["etag"]

        await store_committed(
            own_database, renamed(read_files(), "peer-coaching", "Peer Coaching!")
        )

        after: Any = None
        for _ in range(50):  # NOTIFY arrives in milliseconds; allow 5 s on a loaded machine
            await asyncio.sleep(0.1)
            after = await client.get("/v1/terms/peer-coaching")
            if after.json()["name"] != "Peer Coaching":
                break
        assert after.json()["name"] == "Peer Coaching!"
        assert after.headers["etag"] != before.headers["etag"]
        stale = await client.get(
            "/v1/terms/peer-coaching", headers={"If-None-Match": before.headers["etag"]}
        )
        assert stale.status_code == 200
        export = (await client.get("/v1/export")).json()
        assert export["content_version"] == 2
