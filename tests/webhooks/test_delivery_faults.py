"""Webhook delivery against real service processes (granian) on one database: a process killed
in the middle of a delivery, and two processes sharing the work. Bounded: each test stops its
own processes (by process group, which it created) within about a minute."""

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from service.config import PROJECT_ROOT
from service.db import async_url
from service.domain.bundle import read_files
from service.domain.organisations.models import DEFAULT_ORGANISATION
from service.webhooks import subscriptions
from service.webhooks.schemas import WebhookCreate
from service.webhooks.ssrf import UrlPolicy
from tests.conftest import migrated_database
from tests.releases.edits import EditedContent
from tests.webhooks.receiver import Receiver
from tests.webhooks.test_webhooks import eventually, load
from tools.machine import free_port

pytestmark = pytest.mark.slow

SERVICE_ENVIRONMENT = {
    "LOG_LEVEL": "WARNING",
    # The test loads the content: a restart must not load `content/` over the test's edits.
    "LOAD_CONTENT_ON_START": "false",
    "WEBHOOK_ALLOW_LOOPBACK": "true",
    "WEBHOOK_RETRY_SCHEDULE": "1,1,1,1,1",
    "WEBHOOK_STALLED_SECONDS": "3",
    "WEBHOOK_WORKER_POLL_SECONDS": "0.5",
    "WEBHOOK_TIMEOUT_SECONDS": "30",
    "WEBHOOK_WORKER_IN_SERVICE": "true",  # the production default (tests/conftest.py: off)
}


class ServiceProcess:
    """`granian service.app:app` in a process group of its own, so that a kill takes its
    worker process too."""

    def __init__(self, database_url: str) -> None:
        self.port = free_port()
        self.log = tempfile.TemporaryFile()  # noqa: SIM115  (read back when the start fails)
        environment = os.environ | SERVICE_ENVIRONMENT | {"DATABASE_URL": database_url}
        command = [sys.executable, "-m", "granian", "--interface", "asgi", "--host", "127.0.0.1"]
        command += ["--port", str(self.port), "--workers", "1", "service.app:app"]
        self.process = subprocess.Popen(
            command,
            cwd=PROJECT_ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=self.log,
            start_new_session=True,
        )

    async def wait_ready(self, within: float = 60.0) -> None:
        deadline = time.monotonic() + within
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{self.port}") as client:
            while time.monotonic() < deadline:
                with contextlib.suppress(httpx.TransportError):
                    if (await client.get("/health/ready")).status_code == 200:
                        return
                if self.process.poll() is not None:
                    self.log.seek(0)
                    raise AssertionError(self.log.read().decode(errors="replace")[-3000:])
                await asyncio.sleep(0.2)
        raise TimeoutError("the service did not become ready")

    def signal(self, number: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, number)

    def kill(self) -> None:
        self.signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()
        self.signal(signal.SIGKILL)  # a worker left behind by a dead parent


@pytest.fixture
async def own_database(server_url: str) -> AsyncIterator[str]:
    async with migrated_database(server_url, "mc_webhook_faults") as url:
        await load(url, read_files())  # release 1
        yield url


@pytest.fixture
def processes() -> Iterator[list[ServiceProcess]]:
    started: list[ServiceProcess] = []
    try:
        yield started
    finally:
        for process in started:
            process.stop()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    running = Receiver()
    running.start()
    yield running
    running.stop()


async def start(database_url: str, processes: list[ServiceProcess]) -> ServiceProcess:
    process = ServiceProcess(database_url)
    processes.append(process)
    await process.wait_ready()
    return process


async def subscribe(database_url: str, receiver: Receiver, path: str) -> str:
    engine = create_async_engine(async_url(database_url))
    try:
        async with AsyncSession(engine) as session, session.begin():
            created = await subscriptions.create(
                session,
                DEFAULT_ORGANISATION,
                WebhookCreate(receiver.url(path), ("content.released",)),
                UrlPolicy(production=False, allow_loopback=True),
            )
    finally:
        await engine.dispose()
    receiver.secrets[path] = created.secret
    return created.id


async def delivery_states(database_url: str) -> list[Any]:
    engine = create_async_engine(async_url(database_url))
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(
                text("SELECT status, attempts FROM webhook_deliveries ORDER BY id")
            )
            return [tuple(row) for row in rows]
    finally:
        await engine.dispose()


async def test_a_service_killed_during_a_delivery_delivers_after_a_restart(
    own_database: str, processes: list[ServiceProcess], receiver: Receiver, tmp_path: Path
) -> None:
    first = await start(own_database, processes)
    await subscribe(own_database, receiver, "/lms")
    receiver.mode = "hold"  # the receiver reads the request and does not answer
    content = EditedContent(tmp_path / "content")
    content.set_text("en", "topics", "core-goals", "title", "Core goals, revised")
    await load(own_database, content.bundle())
    assert await eventually(receiver.holding.is_set, 20)

    first.kill()  # the service and its worker die with the delivery in flight
    killed_at = time.monotonic()
    receiver.mode = "ok"
    receiver.stop()  # lets the held request go; the receiver comes back at once
    receiver.start()
    await start(own_database, processes)
    restarted_at = time.monotonic()

    assert await eventually(lambda: len(receiver.for_path("/lms")) >= 2, 30)
    redelivered_at = time.monotonic()
    got = receiver.for_path("/lms")
    assert len({r.webhook_id for r in got}) == 1  # the same message, at least once
    assert all(r.verified for r in got)
    assert got[0].payload["data"]["version"] == 2
    assert await delivery_states(own_database) == [("delivered", 1)]
    print(
        f"\nkilled mid-delivery: restart took {restarted_at - killed_at:.1f} s, redelivered "
        f"{redelivered_at - restarted_at:.1f} s after the restart, "
        f"{len(got)} receipts of 1 message"
    )


@pytest.mark.server_postgres
async def test_two_service_processes_deliver_each_event_once(
    own_database: str, processes: list[ServiceProcess], receiver: Receiver, tmp_path: Path
) -> None:
    await asyncio.gather(start(own_database, processes), start(own_database, processes))
    await subscribe(own_database, receiver, "/lms")
    await subscribe(own_database, receiver, "/hris")
    content = EditedContent(tmp_path / "content")
    releases = 5
    for number in range(releases):
        content.set_text("en", "topics", "core-goals", "title", f"Core goals #{number}")
        await load(own_database, content.bundle())

    expected = 2 * releases
    assert await eventually(lambda: len(receiver.received) >= expected, 30)
    await asyncio.sleep(3)  # a second delivery of anything would arrive by now
    assert len(receiver.received) == expected
    assert all(r.verified for r in receiver.received)
    for path in ("/lms", "/hris"):
        versions = sorted(r.payload["data"]["version"] for r in receiver.for_path(path))
        assert versions == list(range(2, 2 + releases)), path
    assert await delivery_states(own_database) == [("delivered", 1)] * expected
    print(f"\ntwo processes: {expected} deliveries for {expected} (event, subscription) pairs")


def start_worker(database_url: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "service", "worker"],
        cwd=PROJECT_ROOT,
        env=os.environ | SERVICE_ENVIRONMENT | {"DATABASE_URL": database_url},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


async def test_the_standalone_worker_delivers_what_the_service_queued(
    own_database: str, receiver: Receiver, tmp_path: Path
) -> None:
    """`python -m service worker` (the Helm worker Deployment) alone delivers a release's event;
    nothing else runs a worker."""
    await subscribe(own_database, receiver, "/lms")
    content = EditedContent(tmp_path / "content")
    content.set_text("en", "topics", "core-goals", "title", "Core goals, standalone")
    await load(own_database, content.bundle())
    worker = start_worker(own_database)
    try:
        assert await eventually(lambda: receiver.for_path("/lms"), 30)
    finally:
        worker.terminate()  # SIGTERM: the worker stops gracefully
        try:
            exit_code = await asyncio.to_thread(worker.wait, 20)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            raise
    (got,) = receiver.for_path("/lms")
    assert got.verified and got.payload["data"]["version"] == 2
    assert exit_code == 0
