"""In production every line a process writes is one JSON object: the server's (granian's own
lines included), the migration Job's (`db upgrade`) and the webhook worker's. And with
METRICS_PORT, /metrics answers on that port only."""

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from service.config import PROJECT_ROOT
from tests.conftest import migrated_database
from tools.machine import free_port, serving

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
async def own_database(server_url: str) -> AsyncIterator[str]:
    """Not the run's shared database: these processes run the production default, a webhook
    worker, and the contract and SDK runs register public addresses there."""
    async with migrated_database(server_url, "mc_logs") as url:
        yield url


def production_env(database_url: str, **extra: str) -> dict[str, str]:
    inherited = {
        key: value
        for key, value in os.environ.items()
        if key not in ("SERVICE_ENV", "LOG_LEVEL", "DATABASE_URL")
    }
    return inherited | {"SERVICE_ENV": "production", "DATABASE_URL": database_url} | extra


def json_lines(output: str) -> list[dict[str, object]]:
    """Every line as JSON; a line that is not fails with the line in the message."""
    records = []
    for line in output.splitlines():
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError:
            pytest.fail(f"not a JSON line: {line!r}")
    return records


def test_the_migration_job_writes_json_lines(own_database: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "service", "db", "upgrade"],
        env=production_env(own_database),
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    records = json_lines(done.stdout + done.stderr)
    assert any(str(r["message"]).startswith("database at head; content version") for r in records)


def test_the_webhook_worker_writes_json_lines_and_stops_on_sigterm(
    own_database: str, tmp_path: Path
) -> None:
    output = tmp_path / "worker.log"
    with output.open("wb") as sink:
        worker = subprocess.Popen(
            [sys.executable, "-m", "service", "worker"],
            env=production_env(own_database),
            cwd=PROJECT_ROOT,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + 60
            # Logged once the worker runs, after its SIGTERM handler is in place.
            while "Starting worker on queues" not in output.read_text():
                assert worker.poll() is None, output.read_text()
                assert time.monotonic() < deadline, output.read_text()
                time.sleep(0.2)
            worker.send_signal(signal.SIGTERM)
            assert worker.wait(timeout=30) == 0
        finally:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait()
    records = json_lines(output.read_text())
    assert {"procrastinate.worker.worker"} <= {str(r["logger"]) for r in records}


def test_the_server_writes_json_lines_and_serves_metrics_on_their_own_port(
    own_database: str, tmp_path: Path
) -> None:
    port, metrics_port = free_port(), free_port()
    env = production_env(
        own_database, PORT=str(port), METRICS_PORT=str(metrics_port), LOAD_CONTENT_ON_START="false"
    )
    base, metrics = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{metrics_port}"
    log = tmp_path / "server.log"
    with serving(
        [sys.executable, "-m", "service", "run"],
        env,
        ready_url=f"{base}/health/ready",
        output=log,
        cwd=PROJECT_ROOT,
        timeout_seconds=90,
    ):
        assert httpx.get(f"{base}/v1/variants").status_code == 401  # production: a key
        assert httpx.get(f"{base}/metrics").status_code == 404
        scraped = httpx.get(f"{metrics}/metrics")
        assert scraped.status_code == 200
        assert scraped.headers["content-type"].startswith("text/plain; version=0.0.4")
        assert 'http_requests_total{method="GET",route="/v1/variants"' in scraped.text
        assert httpx.get(f"{metrics}/v1/variants").status_code == 404
        assert httpx.head(f"{metrics}/metrics").status_code == 200
        time.sleep(1.0)  # the access log writes in batches, at most 0.5 s apart
    records = json_lines(log.read_text())
    loggers = {str(r["logger"]) for r in records}
    assert {"_granian", "service.access"} <= loggers, loggers
