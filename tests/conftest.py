"""Shared fixtures: a real PostgreSQL for the whole run, migrated by alembic, and the app.

TEST_DATABASE_URL points at a server (CI uses the one on 127.0.0.1:5432); without it the
embedded PostgreSQL (pgserver) starts in a temporary folder. Either way the run gets a
database of its own, created here and dropped at the end, so no shared data is touched.
"""

import asyncio
import contextlib
import os
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, create_async_engine

from service.app import create_app
from service.cli.database import migrate
from service.config import Settings
from service.db import async_url, plain_url


@pytest.fixture(scope="session")
def server_url() -> Iterator[str]:
    configured = os.environ.get("TEST_DATABASE_URL")
    if configured:
        yield configured
        return
    from service.embedded import embedded_postgres

    # Not pytest's tmp_path: concurrent pytest runs prune each other's numbered folders.
    data_dir = Path(tempfile.mkdtemp(prefix="mc-test-pg-"))
    try:
        with embedded_postgres(data_dir) as url:
            yield url
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def _with_database(url: str, name: str) -> str:
    return make_url(async_url(url)).set(database=name).render_as_string(hide_password=False)


@contextlib.asynccontextmanager
async def migrated_database(server_url: str, prefix: str) -> AsyncIterator[str]:
    """A new database on `server_url`, migrated to head, dropped afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = await asyncpg.connect(plain_url(server_url))
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    url = plain_url(_with_database(server_url, name))
    await asyncio.to_thread(migrate, url)  # alembic runs its own event loop
    try:
        yield url
    finally:
        admin = await asyncpg.connect(plain_url(server_url))
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@pytest.fixture(scope="session")
async def database_url(server_url: str) -> AsyncIterator[str]:
    """A fresh database for this run, migrated to head."""
    async with migrated_database(server_url, "mc_test") as url:
        yield url


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    # No delivery worker on the run's shared database: the contract and SDK runs register
    # webhook addresses outside 127.0.0.0/8 there. Webhook tests deliver on their own databases.
    return Settings(
        database_url=database_url,
        load_content_on_start=True,
        content_poll_seconds=1,
        webhook_worker_in_service=False,
    )


@pytest.fixture(scope="session")
async def app(settings: Settings) -> Litestar:
    return create_app(settings)


@pytest.fixture(scope="session")
async def client(app: Litestar) -> AsyncIterator[AsyncTestClient[Litestar]]:
    """One client (and one application start, which loads the content) for the whole run."""
    async with AsyncTestClient(app=app, base_url="http://testserver.local") as test_client:
        yield test_client


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_async_engine(async_url(database_url))
    yield engine
    await engine.dispose()


@pytest.fixture
async def connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """A connection inside a transaction that is rolled back after the test."""
    async with engine.connect() as conn:
        transaction = await conn.begin()
        try:
            yield conn
        finally:
            await transaction.rollback()


@pytest.fixture
async def session(connection: AsyncConnection) -> AsyncIterator[AsyncSession]:
    """A session joined to the rolled-back transaction: whatever a test writes disappears."""
    async with AsyncSession(bind=connection, join_transaction_mode="create_savepoint") as s:
        yield s
