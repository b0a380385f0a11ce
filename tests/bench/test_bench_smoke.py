"""The benchmark keeps working: a seconds-long run of the real harness, and its pieces.

Figures are not asserted (this is not a timed test); that every scenario that exists is
loaded without errors, and that the report and the table come out, is.
"""

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from bench.loadgen import run as load
from service.api.rest.baseline import json_of_size

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_smoke_run_reports_every_scenario(database_url: str, tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": database_url}
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--smoke", "--no-install", "--results-dir", str(tmp_path)],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    [written] = tmp_path.glob("*-smoke.json")
    report = json.loads(written.read_text())
    rows = {row["key"]: row for row in report["scenarios"]}

    for key in ("ceiling-get", "ceiling-post", "variants", "terms", "export"):
        assert rows[key]["available"], rows[key]["note"]
        assert rows[key]["rps"] > 0
        assert rows[key]["errors"] == 0
    for key in ("variants", "terms", "export"):
        assert rows[key]["ratio_to_ceiling"] > 0
    # An endpoint that is not there yet is reported, not a crash; one that is, is loaded cleanly.
    for row in rows.values():
        assert row["available"] or row["note"], row
        if row["available"] and "rps" in row:
            assert row["errors"] == 0, row
    assert rows["postgraphile"]["available"] is False  # the smoke skips the peer
    assert report["memory"]["worker_rss_mb"] > 0
    assert "| GET /v1/variants |" in result.stdout


def test_ceiling_answers_json_of_the_asked_size() -> None:
    for size in (16, 17, 2048, 40_000):
        body = json_of_size(size)
        assert len(body) == size
        json.loads(body)


async def test_ceiling_endpoints_are_off_by_default(client: AsyncTestClient[Litestar]) -> None:
    assert (await client.get("/bench/ceiling/get/100")).status_code == 404
    spec = (await client.get("/schema/openapi.json")).json()
    assert not [path for path in spec["paths"] if path.startswith("/bench")]


async def test_python_load_generator_measures_a_local_server() -> None:
    """The fallback for machines without wrk: keep-alive requests, latencies, error count."""
    answer = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: application/json\r\n\r\n{}"

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = next(
                    (int(line.split(b":")[1]) for line in head.split(b"\r\n")
                     if line.lower().startswith(b"content-length")),
                    0,
                )  # fmt: skip
                await reader.readexactly(length)
                writer.write(answer)
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        result = await load(f"http://127.0.0.1:{port}/x", "POST", b'{"a":1}', {}, 4, 0.3)
    assert result["requests"] > 10
    assert result["errors"] == 0
    assert 0 < result["p50_ms"] <= result["p99_ms"]
