"""Stopping `make run` stops the embedded PostgreSQL it started, however it is stopped, and also
after an earlier run was killed with SIGKILL.

pgserver counts the processes that use a data folder in its `.handle_pids.json` and stops the
server when the last one leaves; a process killed with SIGKILL never leaves, so before the fix
every later clean stop left `postgres` running (service/embedded.py). Each case here first
kills a run with SIGKILL (its pid stays listed, its PostgreSQL runs on), then starts `make run`
again on the same data folder and stops it.
"""

import contextlib
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psutil
import pytest

from service.config import PROJECT_ROOT
from tools.machine import answers, free_port, stop_group

pytestmark = pytest.mark.slow

# Liveness bounds only: how long to wait before calling a start or a stop hung.
START_SECONDS = 120
STOP_SECONDS = 60
STARTED = "embedded PostgreSQL running"  # what the service logs once the server is its own


def postmasters(pg_dir: Path) -> list[psutil.Process]:
    """The `postgres` servers running on `pg_dir`, found as pgserver finds them."""
    found = []
    for process in psutil.process_iter(["name", "cmdline"]):
        if process.info["name"] == "postgres" and str(pg_dir) in (process.info["cmdline"] or []):
            found.append(process)
    return found


def alive(process: psutil.Process) -> bool:
    """Running, and not a zombie (dead, its exit status not yet collected by its parent)."""
    with contextlib.suppress(psutil.NoSuchProcess):
        return bool(process.status() != psutil.STATUS_ZOMBIE)
    return False


def listed_users(pg_dir: Path) -> list[int]:
    listed = pg_dir / ".handle_pids.json"
    return list(json.loads(listed.read_text())) if listed.exists() else []


def eventually(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.1)


class MakeRun:
    """`make -s run` in a process group of its own, on `pg_dir`, serving on a free port."""

    def __init__(self, pg_dir: Path, log: Path) -> None:
        self.port = free_port()
        environment = {
            key: value
            for key, value in os.environ.items()
            # Not the outer make's jobserver (`make test`), nor a database to use instead.
            if key not in ("DATABASE_URL", "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "LOG_LEVEL")
        } | {
            "EMBEDDED_PG_DIR": str(pg_dir),
            "PORT": str(self.port),
            "WORKERS": "1",
            "WEBHOOK_WORKER_IN_SERVICE": "false",
        }
        self.log = log
        with log.open("ab") as sink:
            self.make = subprocess.Popen(
                ["make", "-s", "run"],
                cwd=PROJECT_ROOT,
                env=environment,
                stdout=sink,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def service(self) -> psutil.Process:
        """`python -m service run`, the child make started."""
        found: list[psutil.Process] = []

        def started() -> bool:
            self.check_running()
            with contextlib.suppress(psutil.NoSuchProcess):  # a child that came and went
                found[:] = [
                    child
                    for child in psutil.Process(self.make.pid).children()
                    if child.cmdline()[-3:] == ["-m", "service", "run"]
                ]
            return bool(found)

        eventually(started, START_SECONDS, "make did not start the service")
        return found[0]

    def check_running(self) -> None:
        assert self.make.poll() is None, self.log.read_text(errors="replace")[-3000:]

    def wait_until(self, condition: Callable[[], bool], what: str) -> None:
        def met() -> bool:
            self.check_running()
            return condition()

        eventually(met, START_SECONDS, f"{what}:\n{self.log.read_text(errors='replace')[-3000:]}")

    def wait_until_serving(self) -> None:
        self.wait_until(lambda: answers(f"http://127.0.0.1:{self.port}/health/live"), "not serving")

    def exit_code(self) -> int:
        return self.make.wait(timeout=STOP_SECONDS)


@contextlib.contextmanager
def make_run(pg_dir: Path, log: Path) -> Iterator[MakeRun]:
    run = MakeRun(pg_dir, log)
    try:
        yield run
    finally:
        stop_group(run.make, signal.SIGKILL, STOP_SECONDS)  # whatever a case left behind


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    """One data folder for every case, as a developer's `.data/pg` lives on across runs."""
    path = Path(tempfile.mkdtemp(prefix="mc-make-run-")).resolve()  # as pgserver lists it
    try:
        yield path
    finally:
        for postmaster in postmasters(path / "pg"):  # only if a case failed
            with contextlib.suppress(psutil.NoSuchProcess):
                postmaster.kill()
        shutil.rmtree(path, ignore_errors=True)


def kill_a_run(pg_dir: Path, log: Path) -> int:
    """A `make run` killed with SIGKILL once it uses the server; its pid."""
    with make_run(pg_dir, log) as run:
        service = run.service()
        run.wait_until(lambda: service.pid in listed_users(pg_dir), "never used the server")
        service.kill()
        run.exit_code()
    return service.pid


def ctrl_c(run: MakeRun) -> None:
    os.killpg(run.make.pid, signal.SIGINT)  # what the terminal sends the foreground group


def group_sigterm(run: MakeRun) -> None:
    os.killpg(run.make.pid, signal.SIGTERM)


def service_sigint(run: MakeRun) -> None:
    run.service().send_signal(signal.SIGINT)


def service_sigterm(run: MakeRun) -> None:
    run.service().send_signal(signal.SIGTERM)


def make_sigterm(run: MakeRun) -> None:
    run.make.send_signal(signal.SIGTERM)  # make passes it on to the service


STOPS = {
    "Ctrl-C to the group": ctrl_c,
    "SIGTERM to the group": group_sigterm,
    "SIGINT to the service": service_sigint,
    "SIGTERM to the service": service_sigterm,
    "SIGTERM to make": make_sigterm,
}


@pytest.mark.parametrize("stop", [*STOPS, "SIGTERM to the service while it starts"])
def test_a_stopped_make_run_leaves_no_postgres_even_after_a_sigkill(
    folder: Path, stop: str
) -> None:
    pg_dir, log = folder / "pg", folder / f"{stop}.log"
    killed = kill_a_run(pg_dir, folder / f"{stop}, killed.log")
    [orphan] = postmasters(pg_dir)  # the state the bug needs: a server, and a dead user listed
    assert killed in listed_users(pg_dir)

    with make_run(pg_dir, log) as run:
        if stop in STOPS:
            run.wait_until_serving()
            STOPS[stop](run)
        else:  # between the server's start and granian's: migrations and the content load
            service = run.service()
            run.wait_until(lambda: STARTED in log.read_text(), "the server did not start")
            service.send_signal(signal.SIGTERM)
        run.exit_code()
        eventually(lambda: not postmasters(pg_dir), 10, f"postgres still runs after {stop}")
    assert not alive(orphan)
    assert listed_users(pg_dir) == []
