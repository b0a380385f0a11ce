"""A private PostgreSQL per module, on a free TCP port in a temporary folder, that tests may stop
and restart. It never touches the shared server or the run's database."""

import asyncio
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import httpx
import pytest

from service.cli.database import migrate
from service.config import PROJECT_ROOT
from tools.machine import free_port


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
        log = str(self.folder / "log")
        self._pg_ctl(
            ["-w", "-l", log, "-o", options, *args],
            pgdata=self.data,
            user=self.system_user,
            timeout=30,
        )

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


class LiveServer:
    """granian serving `app` (the service plus probe routes by default) on a free port, as a
    child process."""

    def __init__(
        self, database_url: str, app: str = "tests.reliability.live_app:app", **settings: str
    ) -> None:
        self.port = free_port()
        self.log = tempfile.TemporaryFile()  # noqa: SIM115  (read back when the start fails)
        self.base_url = f"http://127.0.0.1:{self.port}"
        environment = os.environ | {"DATABASE_URL": database_url, "LOG_LEVEL": "WARNING"}
        environment |= {name.upper(): value for name, value in settings.items()}
        command = [sys.executable, "-m", "granian", "--interface", "asgi", "--host", "127.0.0.1"]
        command += ["--port", str(self.port), "--workers", "1", app]
        self.process = subprocess.Popen(
            command,
            cwd=PROJECT_ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )

    async def wait_ready(self, within_seconds: float = 90.0) -> None:
        deadline = time.monotonic() + within_seconds
        async with httpx.AsyncClient(base_url=self.base_url) as client:
            while time.monotonic() < deadline:
                with contextlib.suppress(httpx.TransportError):
                    if (await client.get("/health/ready")).status_code == 200:
                        return
                if self.process.poll() is not None:
                    self.log.seek(0)
                    tail = self.log.read().decode(errors="replace")[-3000:]
                    raise AssertionError(f"the server exited:\n{tail}")
                await asyncio.sleep(0.2)
        raise TimeoutError("the live server did not become ready")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


@contextlib.asynccontextmanager
async def live_server(
    database_url: str, app: str = "tests.reliability.live_app:app", **settings: str
) -> AsyncIterator[LiveServer]:
    server = LiveServer(database_url, app, **settings)
    try:
        await server.wait_ready()
        yield server
    finally:
        server.stop()
