"""`python -m service run` on a fresh machine: a quiet first screen, each log line once."""

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pytest

from service.config import PROJECT_ROOT
from tools.machine import free_port, serving

pytestmark = pytest.mark.slow
START_TIMEOUT_SECONDS = 90


def test_a_first_start_shows_where_it_serves_and_prints_every_line_once() -> None:
    """A fresh embedded PostgreSQL (initdb, pg_ctl), migrations, granian, two requests."""
    data_dir = Path(tempfile.mkdtemp(prefix="mc-first-start-"))
    port = free_port()
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "XDG_RUNTIME_DIR", "LOG_LEVEL", "SERVICE_ENV")
    } | {"EMBEDDED_PG_DIR": str(data_dir / "pg"), "PORT": str(port)}
    base = f"http://127.0.0.1:{port}"
    try:
        with serving(
            [sys.executable, "-m", "service", "run"],
            environment,
            ready_url=f"{base}/health/live",
            output=data_dir / "output.log",
            cwd=PROJECT_ROOT,
            timeout_seconds=START_TIMEOUT_SECONDS,
            stop_seconds=60,  # it also stops its embedded PostgreSQL
        ):
            assert httpx.get(f"{base}/v1/variants").status_code == 200
            time.sleep(1.0)  # the access log writes in batches, at most 0.5 s apart
        output = (data_dir / "output.log").read_text()  # all of it: the server has stopped
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)

    first_screen = output.split("[INFO] Starting granian")[0]
    assert f"serving on {base}" in first_screen
    assert f"{base}/schema/openapi.json" in first_screen
    assert "python -m service apikey create" in first_screen
    for chatter in ("initdb", "pg_ctl", "setup plugin", "RuntimeDirWarning", "XDG_RUNTIME_DIR"):
        assert chatter not in output, chatter
    access_lines = [line for line in output.splitlines() if "service.access" in line]
    assert len([line for line in access_lines if "GET /v1/variants " in line]) == 1, output
    # One line per migration that ran (a fresh database runs them all), then a short screen.
    screen = [line for line in first_screen.splitlines() if "Running upgrade" not in line]
    assert len(screen) <= 9, first_screen
