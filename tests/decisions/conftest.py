"""A database of this package's own with two released versions: the committed content
(version 1, policy as committed) and the same content under a changed policy (version 2)."""

from collections.abc import AsyncIterator
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from service.app import create_app
from service.config import Settings
from service.db import async_url
from service.domain.bundle import Bundle, store
from tests.conftest import migrated_database


def with_changed_policy(bundle: Bundle, version: str) -> Bundle:
    """The bundle under a policy that weighs goals less and context more."""
    policy: dict[str, Any] = {**bundle.policy, "version": version}
    factors = {name: dict(spec) for name, spec in bundle.policy["factors"].items()}
    factors["goals"]["weight"] = round(factors["goals"]["weight"] - 0.1, 4)
    factors["context"]["weight"] = round(factors["context"]["weight"] + 0.1, 4)
    policy["factors"] = factors
    return Bundle(
        bundle.catalogue, bundle.locales, policy, bundle.messages, bundle.checksum + "-policy"
    )


async def store_committed(url: str, bundle: Bundle) -> tuple[int, bool]:
    engine = create_async_engine(async_url(url))
    try:
        async with AsyncSession(engine) as session, session.begin():
            return await store(session, bundle)
    finally:
        await engine.dispose()


@pytest.fixture(scope="package")
async def decisions_database(server_url: str) -> AsyncIterator[str]:
    async with migrated_database(server_url, "mc_decisions") as url:
        yield url


@pytest.fixture(scope="package")
async def decisions_app(decisions_database: str) -> Litestar:
    return create_app(
        Settings(
            database_url=decisions_database, load_content_on_start=True, content_poll_seconds=30
        )
    )


@pytest.fixture(scope="package")
async def decisions_client(decisions_app: Litestar) -> AsyncIterator[AsyncTestClient[Litestar]]:
    async with AsyncTestClient(app=decisions_app, base_url="http://testserver.local") as client:
        yield client
