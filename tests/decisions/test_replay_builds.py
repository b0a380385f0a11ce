"""Replays of past content versions: concurrent replays of one version share one build, and
each caller (organisation, key) may start at most `builds_per_minute` builds a minute (429
past it, before any work); a version already held costs nothing and is never refused."""

import asyncio
from collections.abc import AsyncIterator

import msgspec
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from service.db import async_url
from service.domain.bundle import StoredBundle, read_files
from service.domain.content import build_snapshot
from service.domain.decisions.service import Replayer
from service.domain.errors import TooManyRequests
from tests.conftest import migrated_database
from tests.decisions.conftest import store_committed

CURRENT = build_snapshot(StoredBundle(read_files(), 10_000))  # not one of the stored versions
ACME = ("acme", "key-acme")
GLOBEX = ("globex", "key-globex")


@pytest.fixture(scope="module")
async def archive(server_url: str) -> AsyncIterator[tuple[AsyncEngine, list[int]]]:
    async with migrated_database(server_url, "mc_replay_builds") as url:
        committed = read_files()
        versions = []
        # Three content versions of one policy: the same content under other checksums.
        for index in range(3):
            bundle = msgspec.structs.replace(committed, checksum=f"{committed.checksum}-{index}")
            version, _ = await store_committed(url, bundle)
            versions.append(version)
        assert len(set(versions)) == 3
        engine = create_async_engine(async_url(url))
        yield engine, versions
        await engine.dispose()


async def test_concurrent_replays_of_one_version_share_one_build(
    archive: tuple[AsyncEngine, list[int]],
) -> None:
    engine, versions = archive
    replayer = Replayer(builds_per_minute=100)
    built = await asyncio.gather(
        *(replayer.snapshot(engine, CURRENT, versions[0], ACME) for _ in range(6))
    )
    assert replayer.builds == 1
    assert all(snapshot is built[0] for snapshot in built)
    assert built[0].version == versions[0]


async def test_each_caller_has_its_own_budget_of_builds(
    archive: tuple[AsyncEngine, list[int]],
) -> None:
    engine, versions = archive
    replayer = Replayer(max_versions=1, builds_per_minute=2)
    await replayer.snapshot(engine, CURRENT, versions[0], ACME)
    await replayer.snapshot(engine, CURRENT, versions[1], ACME)  # evicts versions[0]
    held = await replayer.snapshot(engine, CURRENT, versions[1], ACME)  # held: free
    assert held.version == versions[1] and replayer.builds == 2
    with pytest.raises(TooManyRequests) as refused:
        await replayer.snapshot(engine, CURRENT, versions[2], ACME)
    assert 1 <= refused.value.retry_after <= 60
    assert replayer.builds == 2  # refused before any work
    # Another organisation's key, the same version: its own budget.
    other = await replayer.snapshot(engine, CURRENT, versions[2], GLOBEX)
    assert other.version == versions[2] and replayer.builds == 3
