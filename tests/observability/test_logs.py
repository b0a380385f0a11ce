"""The access log: one line per request, route template not raw path, no query string,
written straight into the service's log handler (no LogRecord on the hot path)."""

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

from service.config import PROJECT_ROOT, Environment, Settings
from service.observability.logs import (
    ACCESS_LOGGER,
    JsonFormatter,
    RequestIdFilter,
    configure_logging,
)

Client = AsyncTestClient[Any]


class CapturedLog:
    def __init__(self, handler: logging.Handler, stream: io.StringIO) -> None:
        self.handler, self.stream = handler, stream

    def access_lines(self) -> list[str]:
        self.handler.flush()
        lines = self.stream.getvalue().splitlines()
        return [line for line in lines if json.loads(line)["logger"] == ACCESS_LOGGER]


@pytest.fixture
def json_access_log(settings: Settings) -> Iterator[CapturedLog]:
    """The service's own log handler as production configures it, writing to a string."""
    stream = io.StringIO()
    production = settings.model_copy(
        update={"service_env": Environment.PRODUCTION, "log_level": "INFO"}
    )
    handler = configure_logging(production, stream=stream)
    try:
        yield CapturedLog(handler, stream)
    finally:
        configure_logging(settings)


async def test_one_json_line_per_request_without_query_or_raw_path(
    client: Client, json_access_log: CapturedLog
) -> None:
    response = await client.get(
        "/v1/variants/classic-mentoring",
        params={"locale": "en", "email": "jane.doe@example.com"},
        headers={"X-Request-ID": "trace-me-1"},
    )
    assert response.status_code == 200
    lines = json_access_log.access_lines()
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
    client: Client, json_access_log: CapturedLog
) -> None:
    response = await client.get("/no/such/path")
    entry = json.loads(json_access_log.access_lines()[-1])
    assert entry["request_id"] == response.headers["x-request-id"]
    assert entry["route"] == "<unmatched>" and entry["status"] == 404


async def test_a_handler_on_the_access_logger_still_gets_records(client: Client) -> None:
    """An operator's handler on `service.access` receives every line as a LogRecord."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger(ACCESS_LOGGER)
    logger.addHandler(handler)
    try:
        await client.get("/v1/variants", headers={"X-Request-ID": "record-1"})
    finally:
        logger.removeHandler(handler)
    entry = json.loads(stream.getvalue().splitlines()[-1])
    assert entry["request_id"] == "record-1" and entry["route"] == "/v1/variants"
    assert entry["status"] == 200 and entry["level"] == "INFO"


def test_access_lines_are_json_with_escaped_fields_and_errors_at_error_level() -> None:
    stream = io.StringIO()
    handler = configure_logging(
        Settings(service_env=Environment.PRODUCTION, log_level="WARNING"), stream=stream
    )
    try:
        from service.observability.logs import write_access_line

        write_access_line("GET", "/v1/variants", 200, 0.001, "not-kept")  # below WARNING
        write_access_line("GET", '/odd/"route"\\', 503, 0.0123, "kept-1")
        handler.flush()
    finally:
        configure_logging(Settings())
    (line,) = stream.getvalue().splitlines()
    entry = json.loads(line)
    assert entry["route"] == '/odd/"route"\\' and entry["status"] == 503
    assert entry["level"] == "ERROR" and entry["request_id"] == "kept-1"
    assert entry["duration_ms"] == 12.3 and entry["logger"] == ACCESS_LOGGER
    assert entry["time"].endswith("+00:00") and entry["message"].endswith("12.30 ms")


PRODUCTION_SCRIPT = """
from litestar.testing import TestClient
from service.app import app

with TestClient(app) as client:
    client.get("/health/live", params={"note": "private"}, headers={"X-Request-ID": "json-1"})
"""


@pytest.mark.slow  # a Python process
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
