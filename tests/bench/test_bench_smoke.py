"""The benchmark keeps working, in the production configuration it reports: a seconds-long run
of the real harness (`make bench-smoke`), and its pieces.

Figures are not asserted (the machine is shared); that every scenario is answered with the
status it expects, loaded without errors, and compared with its ceiling, is.
"""

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest

from bench.loadgen import batch_bodies
from bench.loadgen import run as load
from bench.situations import situations
from service.domain.recommendation import Situation
from tools.machine import debian_program

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PEER_ROWS = {"postgraphile-varied", "postgraphile-repeated"}
COMPARED_WITH_PEER = {"graphql-varied", "graphql-repeated"}


def run_module(database_url: str, module: str, *args: str) -> "subprocess.CompletedProcess[str]":
    """`python -m module args` on the run's database; it must exit 0 within five minutes."""
    result = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=PROJECT_ROOT,
        env={**os.environ, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result


@pytest.mark.slow
def test_smoke_run_answers_every_scenario_in_production_configuration(
    database_url: str, tmp_path: Path
) -> None:
    for load_generator in ("wrk", "h2load"):  # `make test-deps` installs them; never the suite
        debian_program(load_generator)
    result = run_module(
        database_url, "bench", "--smoke", "--no-install", "--results-dir", str(tmp_path)
    )
    [written] = tmp_path.glob("*-smoke.json")
    report = json.loads(written.read_text())
    rows = {row["key"]: row for row in report["scenarios"]}

    assert "SERVICE_ENV=production" in report["service_configuration"]
    assert "ACCESS_LOG=true" in report["service_configuration"]
    assert "LOG_LEVEL=INFO" in report["service_configuration"]
    for key, row in rows.items():
        if key in PEER_ROWS:  # the smoke does not start PostGraphile
            assert not row["available"] and "skipped" in row["note"], row
            continue
        assert row["probe_status"] == row["expected_status"], row
        assert row["available"], row
        assert row["rps"] > 0 and row["errors"] == 0, row
        if row["compare_with"] and key not in COMPARED_WITH_PEER:
            assert row["ratio"] is not None and row["ratio"] > 0, row
    assert rows["batch"]["units_per_s"] > 0 and rows["batch-summary"]["units_per_s"] > 0
    assert report["memory"]["worker_rss_mb"] > 0
    assert "| GET /v1/variants |" in result.stdout
    # Issue 32: the 1,000 organisations against one, each on a worker of its own, watched.
    one, many = rows["tenants-one"], rows["tenants-many"]
    for row in (one, many):
        assert row["cpu_us_per_request"] > 0 and row["rss_mb"] > 0, row
        assert row["health_samples"] > 0 and row["health_p99_ms"] > 0, row
    assert many["compare_by"] == "cpu" and many["rss_above_mb"] is not None, many
    assert many["met"] is not None, many
    # The 1,000 keys go round-robin: that worker holds many organisations' policies, the
    # other one organisation's.
    held = report["memory"]["tenant_cache_bytes"]
    policies = [held[name]["organisation_policies"] for name in ("tenants-one", "tenants-many")]
    assert policies[1] > 10 * policies[0] > 0, policies
    assert "a worker of its own" in result.stdout


@pytest.mark.slow
def test_in_process_cpu_per_request_covers_every_get_and_post_scenario(
    database_url: str, client: object
) -> None:
    """`make bench-requests`: every request answered 200 (it stops otherwise), each scenario
    printed with the service's and the bare app's CPU and their ratio."""
    result = run_module(database_url, "bench.requests_cpu", "1")
    lines = result.stdout.splitlines()
    for scenario in ("GET /v1/variants", "GET /v1/export", "POST /v1/recommendations (repeated)"):
        [line] = [line for line in lines if line.startswith(scenario + " ")]
        service_us, bare_us, ratio = (float(field) for field in line.split()[-3:])
        assert service_us > 0 and bare_us > 0 and ratio > 0, line


def test_batch_bodies_never_repeat_a_situation_and_each_is_valid() -> None:
    body = batch_bodies(500, 1_000_000)
    first, second = msgspec.json.decode(body()), msgspec.json.decode(body())
    items = first["items"] + second["items"]
    assert len(items) == 1000
    assert len({msgspec.json.encode(item, order="sorted") for item in items}) == 1000
    for item in items:
        msgspec.convert(item, Situation)  # raises when the service would refuse it
    assert situations(7, 3) == situations(7, 3)


async def test_python_load_generator_measures_a_local_server() -> None:
    """The batch's generator: keep-alive requests, latencies, error count."""
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


def test_organisation_rows_compare_worker_cpu_and_read_every_target() -> None:
    """Issue 32: the 1,000 organisations' ratio is of worker CPU per request (lower is better),
    their memory is read against the single organisation's, and each target can miss."""
    from bench.load import Measurement
    from bench.report import Outcome, build_report, record_ratios
    from bench.scenarios import tenant_scenarios

    one, many = (
        Outcome(s, probe_status=200) for s in tenant_scenarios([f"k{i}" for i in range(1000)])
    )

    def measured(cpu_us: float, rss_mb: float, health_ms: float) -> Measurement:
        return Measurement(500.0, 5.0, 20.0, 0, 2500, cpu_us, rss_mb, health_ms, health_ms, 50)

    one.rounds.append(measured(500, 200, 10))
    many.rounds.append(measured(700, 240, 30))  # 1.4x, +40 MB, 30 ms: every target met
    record_ratios([one, many])
    [_, row] = build_report({}, [one, many], 100.0)["scenarios"]
    assert row["ratio"] == pytest.approx(1.4)
    assert row["rss_above_mb"] == pytest.approx(40) and row["met"] is True, row
    for cpu_us, rss_mb, health_ms in ((800, 240, 30), (700, 251, 30), (700, 240, 50)):
        one.rounds.append(measured(500, 200, 10))
        many.rounds = [measured(cpu_us, rss_mb, health_ms)]
        many.ratios = []
        one.rounds = one.rounds[-1:]
        record_ratios([one, many])
        [_, row] = build_report({}, [one, many], 100.0)["scenarios"]
        assert row["met"] is False, (cpu_us, rss_mb, health_ms, row)
