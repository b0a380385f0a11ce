"""A private PostgreSQL per module, on a free TCP port in a temporary folder, that tests may stop
and restart. It never touches the shared server or the run's database. And live granian
servers (`live_server`), for these tests and others."""

import asyncio
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import pytest

from service.cli.database import migrate
from service.config import PROJECT_ROOT
from tools.machine import free_port, serving


class PrivatePostgres:
    """initdb + pg_ctl with pgserver's binaries; as root they run as pgserver's own user."""

    def __init__(self) -> None:
        from pgserver._commands import initdb, pg_ctl

        self._pg_ctl = pg_ctl
        self.system_user: str | None = None
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            from pgserver.utils import ensure_user_exists

            self.system_user = "pgserver"
            ensure_user_exists(self.system_user)
        self.folder = Path(tempfile.mkdtemp(prefix="mc-fault-pg-"))
        self.data = self.folder / "data"
        self.data.mkdir()
        if self.system_user:
            shutil.chown(self.folder, self.system_user)
            shutil.chown(self.data, self.system_user)
        self.port = free_port()
        initdb(
            ["--auth=trust", "-U", "postgres", "--encoding=utf8"],
            pgdata=self.data,
            user=self.system_user,
        )
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _ctl(self, *args: str) -> None:
        options = f"-p {self.port} -h 127.0.0.1 -k {self.folder}"
        log = self.folder / "log"
        try:
            self._pg_ctl(
                ["-w", "-l", str(log), "-o", options, *args],
                pgdata=self.data,
                user=self.system_user,
                timeout=30,
            )
        except subprocess.SubprocessError as error:
            tail = log.read_text(errors="replace")[-3000:] if log.exists() else "(no log)"
            raise RuntimeError(f"pg_ctl {' '.join(args)}: {error}\nits log:\n{tail}") from error

    def start(self) -> None:
        self._ctl("start")

    def stop(self) -> None:
        self._ctl("-m", "fast", "stop")

    def restart(self) -> None:
        self._ctl("-m", "fast", "restart")

    def database_url(self, name: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def remove(self) -> None:
        with contextlib.suppress(Exception):  # already stopped
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="module")
def private_postgres() -> Iterator[PrivatePostgres]:
    server = PrivatePostgres()
    server.start()
    try:
        yield server
    finally:
        server.remove()


async def create_database(server: PrivatePostgres, name: str, migrated: bool = True) -> str:
    admin = await asyncpg.connect(server.url)
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    url = server.database_url(name)
    if migrated:
        await asyncio.to_thread(migrate, url)
    return url


@dataclass(frozen=True)
class LiveServer:
    """granian serving an app on 127.0.0.1, as a child process (see `live_server`)."""

    process: "subprocess.Popen[bytes]"
    base_url: str


@contextlib.asynccontextmanager
async def live_server(
    database_url: str, app: str = "tests.reliability.live_app:app", **settings: str
) -> AsyncIterator[LiveServer]:
    """granian serving `app` (the service plus probe routes by default) on a free port, ready.
    No webhook delivery worker unless `webhook_worker_in_service` says so: these servers share
    databases on which the contract and SDK runs register addresses outside 127.0.0.0/8."""
    port = free_port()
    environment = os.environ | {
        "DATABASE_URL": database_url,
        "LOG_LEVEL": "WARNING",
        "WEBHOOK_WORKER_IN_SERVICE": "false",
    }
    environment |= {name.upper(): value for name, value in settings.items()}
    command = [sys.executable, "-m", "granian", "--interface", "asgi", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--workers", "1", app]
    base_url = f"http://127.0.0.1:{port}"
    with contextlib.ExitStack() as stack:
        # The wait in a thread: the session's event loop (and what runs on it) goes on meanwhile.
        process = await asyncio.to_thread(
            stack.enter_context,
            serving(
                command,
                environment,
                ready_url=f"{base_url}/health/ready",
                cwd=PROJECT_ROOT,
                timeout_seconds=90,
            ),
        )
        yield LiveServer(process, base_url)
