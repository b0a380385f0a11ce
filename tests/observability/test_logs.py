"""The access log: one line per request, route template not raw path, no query string."""

import io
import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from service.config import PROJECT_ROOT
from service.observability.logs import ACCESS_LOGGER, JsonFormatter, RequestIdFilter

Client = AsyncTestClient[Any]


@pytest.fixture
def json_access_log() -> Iterator[io.StringIO]:
    """The access logger's output, formatted as production formats it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger(ACCESS_LOGGER)
    logger.addHandler(handler)
    previous = logger.level
    logger.setLevel(logging.INFO)
    try:
        yield stream
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)


async def test_one_json_line_per_request_without_query_or_raw_path(
    client: Client, json_access_log: io.StringIO
) -> None:
    response = await client.get(
        "/v1/variants/classic-mentoring",
        params={"locale": "en", "email": "jane.doe@example.com"},
        headers={"X-Request-ID": "trace-me-1"},
    )
    assert response.status_code == 200
    lines = json_access_log.getvalue().splitlines()
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert entry["request_id"] == "trace-me-1"
    assert entry["method"] == "GET"
    assert entry["route"] == "/v1/variants/{slug}"
    assert entry["status"] == 200
    assert isinstance(entry["duration_ms"], float) and entry["duration_ms"] >= 0
    assert entry["logger"] == ACCESS_LOGGER and entry["level"] == "INFO"
    assert (
        "jane.doe" not in lines[0]
        and "email" not in lines[0]
        and "classic-mentoring" not in lines[0]
    )


async def test_a_generated_request_id_is_the_one_logged(
    client: Client, json_access_log: io.StringIO
) -> None:
    response = await client.get("/no/such/path")
    entry = json.loads(json_access_log.getvalue().splitlines()[-1])
    assert entry["request_id"] == response.headers["x-request-id"]
    assert entry["route"] == "<unmatched>" and entry["status"] == 404


PRODUCTION_SCRIPT = """
from litestar.testing import TestClient
from service.app import app

with TestClient(app) as client:
    client.get("/health/live", params={"note": "private"}, headers={"X-Request-ID": "json-1"})
"""


def test_production_logs_one_json_object_per_line(database_url: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_SCRIPT],
        cwd=PROJECT_ROOT,
        env={**os.environ, "DATABASE_URL": database_url, "SERVICE_ENV": "production"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    entries = [json.loads(line) for line in result.stderr.splitlines()]  # every line is JSON
    (access,) = [e for e in entries if e["logger"] == ACCESS_LOGGER]
    assert access["route"] == "/health/live" and access["status"] == 200
    assert access["request_id"] == "json-1"
    # (httpx, the test's own client, logs the URL it requested; the service never does)
    lines = result.stderr.splitlines()
    ours = [line for line, e in zip(lines, entries, strict=True) if e["logger"] != "httpx"]
    assert ours and not any("private" in line for line in ours)
