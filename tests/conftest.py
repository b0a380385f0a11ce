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
# Marks for tests in files that other branches were editing when these markers came in; they
# move into the files (`pytestmark`, `@pytest.mark.slow`) as those merge. An entry is a file
# (every test in it) or a test, without parameters; one that names no collected test fails.
MARKED_ELSEWHERE = {
    "slow": {
        "tests/embed/test_browser.py",  # `python -m service run` and Chromium
        "tests/embed/test_bundle.py::test_the_committed_bundle_is_what_the_lockfile_builds",
        "tests/embed/test_bundle.py::test_the_component_type_checks",
        "tests/security/test_publishable_keys.py::test_the_cli_creates_a_publishable_key",
        "tests/security/test_keys_and_scopes.py::"
        "test_the_command_line_creates_a_key_that_works_and_lists_it",
        "tests/security/test_one_path.py::test_keys_scopes_and_limits_hold_for_repeated_answers",
        "tests/decisions/test_replay.py",  # its later tests read what the first one answered
        "tests/decisions/test_evidence.py",
        "tests/decisions/test_organisation_policy.py::"
        "test_every_accepted_set_of_offered_variants_answers_every_situation",
        "tests/decisions/test_key_migrations.py",
        "tests/unit/test_recommend_truth.py::test_sweep_finds_no_false_or_broken_sentence",
        "tests/unit/test_recommend_truth.py::"
        "test_sweep_of_very_little_time_finds_nothing_false_or_broken",
        "tests/graphql/test_parity.py::test_every_list_and_every_item_agree_in_every_locale",
        "tests/security/test_publishable_keys.py::test_each_publishable_key_has_its_own_budget",
        "tests/security/test_publishable_keys.py::test_a_revoked_key_stops_working",
        "tests/security/test_limits_and_headers.py::"
        "test_anonymous_development_traffic_is_not_limited",
        "tests/security/test_limits_and_headers.py::"
        "test_replicas_share_one_budget_through_postgresql",
        "tests/security/test_keys_and_scopes.py::"
        "test_graphql_needs_recommend_scope_only_for_the_recommend_field",
        "tests/decisions/test_organisations.py",
        "tests/releases/test_change_feed.py",  # a database of its own, migrated
        "tests/api/test_content_versions.py",  # a database of its own, migrated
    },
    "server_postgres": {
        "tests/decisions/test_key_migrations.py",  # migrations up, down, up
        "tests/api/test_content_versions.py",  # advisory lock, NOTIFY and LISTEN
        "tests/releases/test_change_feed.py",  # the release tables' SQL
        "tests/security/test_limits_and_headers.py::"
        "test_replicas_share_one_budget_through_postgresql",  # the counters' upsert
        "tests/webhooks/test_webhooks.py::"
        "test_one_signed_event_per_subscription_per_release_and_the_feed_behind_it",
        "tests/webhooks/test_delivery_faults.py::"
        "test_two_service_processes_deliver_each_event_once",  # the queue's locking
    },
}
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


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    tests = {item.nodeid.split("[")[0] for item in items}
    names = tests | {test.split("::")[0] for test in tests}
    for marker, entries in MARKED_ELSEWHERE.items():
        stale = [e for e in entries if e.split("::")[0] in names and e not in names]
        if stale:
            raise pytest.UsageError(f"MARKED_ELSEWHERE[{marker!r}] names no test: {stale}")
        for item in items:
            test = item.nodeid.split("[")[0]
            if test in entries or test.split("::")[0] in entries:
                item.add_marker(marker)


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
