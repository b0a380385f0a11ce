"""Scale-out through a real PgBouncer: two service processes behind Debian's `pgbouncer` in
transaction pooling mode (DB_PGBOUNCER=true), LISTEN on a direct connection
(DATABASE_LISTEN_URL). Content, recommendations, API keys, a rate limit shared by both
processes, and a content reload heard through NOTIFY all work.

PgBouncer comes from Debian (`make test-deps`); without it the test fails and says so.
"""

import asyncio
import contextlib
import os
import pwd
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession

from service.config import PROJECT_ROOT, Settings
from service.db import create_engine
from service.domain.bundle import read_files, store
from service.security.keys import create_key
from tests.api.test_content_versions import renamed
from tests.conftest import migrated_database
from tools.machine import debian_program, free_port, serving

pytestmark = [pytest.mark.slow, pytest.mark.server_postgres]

RATE_LIMIT = 40
CONTENT_POLL_SECONDS = 3600  # so that a reload can only come from NOTIFY
# How long to wait for the reload before calling NOTIFY lost: a bound on a hang, far below
# the polling interval, not a speed (it comes in well under a second).
NOTIFY_WAIT_SECONDS = CONTENT_POLL_SECONDS / 30


def pgbouncer_binary() -> str:
    """The pgbouncer binary (Debian puts it in /usr/sbin)."""
    return debian_program("pgbouncer")


def unprivileged_user() -> str:
    """PgBouncer refuses to run as root; it switches to this user (`-u`)."""
    for name in ("pgserver", "postgres", "nobody"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    pytest.fail("no unprivileged system user to run pgbouncer as")


@contextlib.contextmanager
def running_pgbouncer(direct_url: str) -> Iterator[str]:
    """PgBouncer on 127.0.0.1:<free port>, transaction pooling, in front of `direct_url`;
    yields the URL that goes through it."""
    target = make_url(direct_url)
    host = target.query.get("host") or target.host or "127.0.0.1"
    if isinstance(host, tuple):
        host = host[0]
    folder = Path(tempfile.mkdtemp(prefix="mc-pgbouncer-"))
    folder.chmod(0o755)
    port = free_port()
    password = f" password={target.password}" if target.password else ""
    (folder / "pgbouncer.ini").write_text(
        "[databases]\n"
        f"service = host={host} port={target.port or 5432} dbname={target.database} "
        f"user={target.username}{password}\n"
        "[pgbouncer]\n"
        f"listen_addr = 127.0.0.1\nlisten_port = {port}\nunix_socket_dir =\n"
        "auth_type = any\npool_mode = transaction\n"
        "default_pool_size = 4\nmax_client_conn = 200\n"
    )  # no logfile: it logs to stderr, which `serving` keeps and shows if the start fails
    (folder / "pgbouncer.ini").chmod(0o644)
    command = [pgbouncer_binary(), "-u", unprivileged_user(), str(folder / "pgbouncer.ini")]
    try:
        with serving(
            command,
            os.environ,
            ready_port=port,  # it speaks PostgreSQL's protocol, not HTTP
            output=folder / "output.log",
            timeout_seconds=15,
            stop_signal=signal.SIGINT,
            stop_seconds=10,
        ):
            yield f"postgresql://{target.username}@127.0.0.1:{port}/service"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def service_process(env: dict[str, str], log: Path) -> Iterator[str]:
    """`granian service.app:app` (as `python -m service run` serves it) on a free port."""
    port = free_port()
    command = [
        sys.executable, "-m", "granian", "--interface", "asgi", "--loop", "uvloop",
        "--host", "127.0.0.1", "--port", str(port), "--workers", "1", "--no-ws",
        "service.app:app",
    ]  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    with serving(
        command,
        env,
        ready_url=base + "/health/ready",
        output=log,
        cwd=PROJECT_ROOT,
        timeout_seconds=60,
        stop_signal=signal.SIGINT,
    ):
        yield base


@pytest.fixture
async def own_database(server_url: str) -> AsyncIterator[str]:
    async with migrated_database(server_url, "mc_bouncer") as url:
        yield url


async def new_key(bouncer_url: str, name: str) -> str:
    engine = create_engine(Settings(db_pgbouncer=True), bouncer_url)
    try:
        async with AsyncSession(engine) as session, session.begin():
            return (await create_key(session, name, ["content:read", "recommend"])).key
    finally:
        await engine.dispose()


async def store_renamed_content(bouncer_url: str) -> None:
    engine = create_engine(Settings(db_pgbouncer=True), bouncer_url)
    try:
        async with AsyncSession(engine) as session, session.begin():
            await store(session, renamed(read_files(), "peer-coaching", "Peer Coaching!"))
    finally:
        await engine.dispose()


async def test_two_processes_through_pgbouncer_in_transaction_mode(
    own_database: str, tmp_path: Path
) -> None:
    with running_pgbouncer(own_database) as bouncer_url:
        env = {
            **os.environ,
            "SERVICE_ENV": "production",
            "DATABASE_URL": bouncer_url,
            "DB_PGBOUNCER": "true",
            "DATABASE_LISTEN_URL": own_database,
            "CONTENT_POLL_SECONDS": str(CONTENT_POLL_SECONDS),
            "RATE_LIMIT_REQUESTS": str(RATE_LIMIT),
            "RATE_LIMIT_WINDOW_SECONDS": "86400",
            "DB_POOL_SIZE": "3",
        }
        with (
            service_process(env, tmp_path / "one.log") as one,
            service_process(env, tmp_path / "two.log") as two,
        ):
            key = await new_key(bouncer_url, "reader")
            auth = {"Authorization": f"Bearer {key}"}
            async with httpx.AsyncClient(timeout=10) as client:
                for base in (one, two):
                    variants = await client.get(f"{base}/v1/variants", headers=auth)
                    assert variants.status_code == 200, variants.text
                    assert variants.json()["items"]
                    answer = await client.post(
                        f"{base}/v1/recommendations",
                        headers=auth,
                        json={
                            "career_stage": "mid",
                            "goals": ["specific_skill"],
                            "horizon_weeks": 12,
                            "hours_per_week": 2,
                            "minutes_per_session": 45,
                        },
                    )
                    assert answer.status_code == 200, answer.text
                    assert answer.json()["ranking"]
                    unknown = await client.get(
                        f"{base}/v1/variants", headers={"Authorization": "Bearer mck_nope_x"}
                    )
                    assert unknown.status_code == 401

                # One budget for both processes, counted in PostgreSQL through PgBouncer.
                limited = {"Authorization": f"Bearer {await new_key(bouncer_url, 'limited')}"}
                statuses = [
                    (await client.get(f"{base}/v1/approaches", headers=limited)).status_code
                    for _ in range(RATE_LIMIT // 2 + 5)
                    for base in (one, two)
                ]
                assert set(statuses) == {200, 429}, statuses
                assert RATE_LIMIT - 2 <= statuses.count(200) <= RATE_LIMIT, statuses

                # A content load through PgBouncer; both processes hear it over LISTEN.
                before = await client.get(f"{one}/v1/terms/peer-coaching", headers=auth)
                assert before.json()["name"] == "Peer Coaching"
                await store_renamed_content(bouncer_url)
                for base in (one, two):
                    deadline = time.monotonic() + NOTIFY_WAIT_SECONDS
                    while True:
                        term = await client.get(f"{base}/v1/terms/peer-coaching", headers=auth)
                        if term.json()["name"] == "Peer Coaching!":
                            break
                        assert time.monotonic() < deadline, f"{base} kept the old content"
                        await asyncio.sleep(0.2)
            for log in ("one.log", "two.log"):
                text = (tmp_path / log).read_text()
                assert "prepared statement" not in text, text[-2000:]
                assert "content listener unavailable" not in text, text[-2000:]
