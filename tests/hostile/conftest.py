"""Live granian servers for the hostile-traffic tests, on a database of their own.

Every attack here is sent to 127.0.0.1 (or another loopback address) on a free port, bounded
in count and time. Memory is measured as the worker process's resident set (from /proc), the
figure a container's memory limit acts on.
"""

import asyncio
import contextlib
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from service.config import PROJECT_ROOT
from service.db import async_url
from service.security.keys import create_key
from tests.conftest import migrated_database
from tools.machine import free_port, serving

pytestmark = pytest.mark.slow

MB = 1024 * 1024
ORIGIN = "https://hr.example.com"
REQUEST_TIMEOUT_SECONDS = 3.0


def children(pid: int) -> list[int]:
    """Direct child processes of `pid` (granian's workers), from /proc."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found += [int(c) for c in (task / "children").read_text().split()]
    return found


def rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError(f"no VmRSS for process {pid}")


class Server:
    """A started server (see `running`): its process, address and output."""

    def __init__(self, process: "subprocess.Popen[bytes]", port: int, log_path: Path) -> None:
        self.process = process
        self.port = port
        self.base_url = f"http://127.0.0.1:{port}"
        self.log_path = log_path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def workers(self) -> list[int]:
        return children(self.process.pid)

    def worker_rss(self) -> int:
        (worker,) = self.workers()
        return rss_bytes(worker)

    def started_workers(self) -> int:
        return self.log().count("Started worker")  # granian's line once a worker serves

    async def wait_until_started(self, count: int, within_seconds: float = 30.0) -> float:
        """Seconds until granian has logged `count` started workers in all."""
        started = time.monotonic()
        while self.started_workers() < count:
            assert time.monotonic() - started < within_seconds, f"not {count} started workers"
            await asyncio.sleep(0.1)
        return time.monotonic() - started


@contextlib.asynccontextmanager
async def running(
    database_url: str, command: str = "granian", **settings: Any
) -> AsyncIterator[Server]:
    """`python -m granian service.app:app` (or `python -m service run`) on a free port, ready."""
    port = free_port()
    environment = os.environ | {
        "DATABASE_URL": database_url,
        "PORT": str(port),
        "LOG_LEVEL": "INFO",
        "ACCESS_LOG": "false",
        "CONTENT_POLL_SECONDS": "600",
    }
    environment.pop("PROMETHEUS_MULTIPROC_DIR", None)
    environment |= {name.upper(): str(value) for name, value in settings.items()}
    if command == "granian":
        argv = [sys.executable, "-m", "granian", "--interface", "asgi", "--loop", "uvloop"]
        argv += ["--host", "127.0.0.1", "--port", str(port), "--workers", "1"]
        argv += ["service.app:app"]
    else:  # the service's own command line, as `make run` starts it
        argv = [sys.executable, "-m", "service", "run"]
    with (
        tempfile.TemporaryDirectory(prefix="mc-hostile-") as folder,
        contextlib.ExitStack() as stack,
    ):
        log_path = Path(folder) / "server.log"
        # The wait in a thread: the session's event loop (and what runs on it) goes on.
        process = await asyncio.to_thread(
            stack.enter_context,
            serving(
                argv,
                environment,
                ready_url=f"http://127.0.0.1:{port}/health/ready",
                output=log_path,
                cwd=PROJECT_ROOT,
                timeout_seconds=90,
            ),
        )
        yield Server(process, port, log_path)


@pytest.fixture(scope="session")
async def hostile_database(server_url: str) -> AsyncIterator[str]:
    async with migrated_database(server_url, "mc_hostile") as url:
        yield url


@pytest.fixture(scope="session")
async def keys(hostile_database: str) -> dict[str, str]:
    """A read-only key and a recommend key, committed in the hostile database."""
    engine = create_async_engine(async_url(hostile_database))
    try:
        async with AsyncSession(engine) as session, session.begin():
            read = (await create_key(session, "attacker", ["content:read"])).key
            both = (await create_key(session, "recommender", ["content:read", "recommend"])).key
    finally:
        await engine.dispose()
    return {"read": read, "recommend": both}


@pytest.fixture(scope="session")
async def production_server(hostile_database: str, keys: dict[str, str]) -> AsyncIterator[Server]:
    """Production config with a rate limit high enough that it never stops an attack here:
    the bounds under test must hold whatever the limit."""
    async with running(
        hostile_database,
        service_env="production",
        rate_limit_requests=1_000_000,
        cors_origins=ORIGIN,
        request_timeout_seconds=REQUEST_TIMEOUT_SECONDS,
    ) as server:
        yield server


@pytest.fixture(scope="session")
async def development_server(hostile_database: str) -> AsyncIterator[Server]:
    async with running(hostile_database, service_env="development") as server:
        yield server


async def hammer(
    client: httpx.AsyncClient,
    requests: Iterable[Callable[[httpx.AsyncClient], Awaitable[httpx.Response]]],
    concurrency: int = 8,
    within_seconds: float = 60.0,
) -> dict[int, int]:
    """Send every request (`concurrency` at a time), stopping at `within_seconds`; statuses
    counted."""
    statuses: dict[int, int] = {}
    pending = iter(requests)
    deadline = time.monotonic() + within_seconds

    async def worker() -> None:
        for send in pending:
            if time.monotonic() > deadline:
                return
            response = await send(client)
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return statuses
