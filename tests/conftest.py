"""Shared fixtures: a real PostgreSQL for the whole run, migrated by alembic, and the app.

TEST_DATABASE_URL points at a server (CI uses the one on 127.0.0.1:5432); without it the
embedded PostgreSQL (pgserver) starts in a temporary folder. Either way the run gets a
database of its own, created here and dropped at the end, so no shared data is touched.

And what keeps `make test-fast` (`-m "not slow"`) fast: a test that starts a process must be
marked `slow` (checked here on every run, see `pytest_runtest_makereport`), and each run lists
the tests not marked slow that took a second or more.
"""

import asyncio
import contextlib
import os
import shutil
import sys
import tempfile
import uuid
from collections.abc import AsyncIterator, Generator, Iterator
from pathlib import Path
from typing import Any

import asyncpg
import hypothesis
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, create_async_engine

from service.app import create_app
from service.cli.database import migrate
from service.config import Settings
from service.db import async_url, plain_url

# No webhook delivery worker in an app or server a test starts unless the test asks for one
# (`webhook_worker_in_service=True`, `WEBHOOK_WORKER_IN_SERVICE=true`): the run's shared
# database holds subscriptions to addresses outside 127.0.0.0/8 (the contract and SDK runs
# register them), and a worker started later would deliver to them. Production's default
# (on) is tested where a test asks for it, on a database of its own.
os.environ["WEBHOOK_WORKER_IN_SERVICE"] = "false"

# Production settings need decision id keys: every app and process a test starts in production
# inherits these (a fixed key, as public as the development one).
os.environ.setdefault("DECISION_ID_KEYS", "test:test-only-decision-id-key-not-a-secret-0001")

# No test asserts a wall-clock time, Hypothesis' 200 ms per example included.
hypothesis.settings.register_profile("suite", deadline=None)
hypothesis.settings.load_profile("suite")

# Programs that a test (or a library it imports: croniter runs `file`) may start and stay fast.
QUICK_PROGRAMS = {"make", "helm", "hadolint", "file", "uname", "ldconfig"}
SLOW_HINT_SECONDS = 1.0


class _Processes:
    """Which test is running, and the programs each started (an audit hook sees every
    subprocess, asyncio's included); the run's own PostgreSQL is no test's."""

    current: str | None = None
    shared_data_dir: str | None = None  # the run's own embedded PostgreSQL's
    started: dict[str, list[str]] = {}
    call_seconds: dict[str, float] = {}

    @classmethod
    def audit(cls, event: str, args: tuple[Any, ...]) -> None:
        if cls.current is None or event not in ("subprocess.Popen", "os.posix_spawn"):
            return
        executable, argv = args[0], args[1]
        words = [os.fsdecode(w) for w in ([argv] if isinstance(argv, (str, bytes)) else argv)]
        if cls.shared_data_dir in words:
            return
        name = Path(os.fsdecode(executable) if executable else words[0].split()[0]).name
        if name not in QUICK_PROGRAMS:
            cls.started.setdefault(cls.current, []).append(name)


sys.addaudithook(_Processes.audit)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Generator[None, None, None]:
    _Processes.current = item.nodeid
    try:
        yield
    finally:
        _Processes.current = None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, Any, None]:
    """A test not marked slow that started a process (in its set-up or its body) fails."""
    outcome = yield
    report = outcome.get_result()
    if call.when != "call" or item.get_closest_marker("slow"):
        return
    _Processes.call_seconds[item.nodeid] = report.duration
    started = _Processes.started.pop(item.nodeid, [])
    if started and report.passed:
        report.outcome = "failed"
        report.longrepr = (
            f"started {', '.join(sorted(set(started)))}: a test that starts a process is "
            "marked @pytest.mark.slow (make test-fast leaves those out)"
        )


def pytest_terminal_summary(terminalreporter: Any) -> None:
    slow = {n: s for n, s in _Processes.call_seconds.items() if s >= SLOW_HINT_SECONDS}
    if slow:
        terminalreporter.section("not marked slow, 1 s or more (make test-fast runs them)")
        for nodeid, seconds in sorted(slow.items(), key=lambda entry: -entry[1]):
            terminalreporter.line(f"{seconds:6.2f} s  {nodeid}")


@pytest.fixture(scope="session")
def server_url() -> Iterator[str]:
    configured = os.environ.get("TEST_DATABASE_URL")
    if configured:
        yield configured
        return
    from service.embedded import embedded_postgres

    # Not pytest's tmp_path: concurrent pytest runs prune each other's numbered folders.
    data_dir = Path(tempfile.mkdtemp(prefix="mc-test-pg-")).resolve()  # as pgserver names it
    _Processes.shared_data_dir = str(data_dir)  # its initdb and pg_ctl are no test's doing
    # Nor is its start, which runs `useradd` for pgserver's system user on a new machine.
    running_test, _Processes.current = _Processes.current, None
    try:
        with embedded_postgres(data_dir) as url:
            _Processes.current = running_test
            yield url
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def _with_database(url: str, name: str) -> str:
    return make_url(async_url(url)).set(database=name).render_as_string(hide_password=False)


@contextlib.asynccontextmanager
async def empty_database(server_url: str, prefix: str) -> AsyncIterator[str]:
    """A new database on `server_url`, dropped afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = await asyncpg.connect(plain_url(server_url))
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    try:
        yield plain_url(_with_database(server_url, name))
    finally:
        admin = await asyncpg.connect(plain_url(server_url))
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@contextlib.asynccontextmanager
async def migrated_database(server_url: str, prefix: str) -> AsyncIterator[str]:
    """A new database on `server_url`, migrated to head, dropped afterwards."""
    async with empty_database(server_url, prefix) as url:
        await asyncio.to_thread(migrate, url)  # alembic runs its own event loop
        yield url


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
