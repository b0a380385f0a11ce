"""The benchmark: `python -m bench` (`make bench`; `make bench-smoke` for the short form).

It runs the service as it is deployed (production settings, an API key on every request, JSON
logs with the access log at INFO, metrics and rate limits on) with granian, one worker, pinned
to core 0; the two ceilings (bare Litestar and a raw ASGI app serving the same bytes) and
PostGraphile on the same core; for the organisation scenarios (one organisation, and 1,000
with published policies), a service of their own each (one worker, same core); and the load
generators on core 1. Every scenario is loaded for several rounds in alternating order, and
each rate is divided by its ceiling's (or PostGraphile's) rate in the same round (the 1,000
organisations' worker CPU per request by the single organisation's). docs/benchmarks.md
describes every row.
"""

import argparse
import contextlib
import datetime as dt
import importlib.metadata
import json
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import report as reporting
from bench.database import create_api_key, create_tenants, database, postgres_version
from bench.load import Measurement, run_h2load, run_python, run_wrk
from bench.postgraphile import start_postgraphile
from bench.processes import (
    LOAD_CORE,
    PROJECT_ROOT,
    SERVER_CORE,
    LivenessSampler,
    cpu_seconds,
    log,
    pinned,
    pinning_available,
    running,
    send,
    worker_pid,
    worker_rss_mb,
)
from bench.report import Outcome
from bench.scenarios import LOCALES, SITUATION, Catalogue, catalogue_from, scenarios
from bench.tools import ensure_tools, tool_version
from tools.machine import free_port

RESULTS_DIR = PROJECT_ROOT / "bench" / "results"
# The production configuration every row of the table is measured in (docs/benchmarks.md).
SERVICE_ENVIRONMENT = {
    "SERVICE_ENV": "production",
    "LOG_LEVEL": "INFO",
    "ACCESS_LOG": "true",
    "RATE_LIMIT_REQUESTS": "10000000",  # on, with a budget no run reaches
    "GRAPHQL_COST_BUDGET": "1000000000",  # the same for GraphQL cost points
    "RATE_LIMIT_WINDOW_SECONDS": "60",
    "WORKERS": "1",
    "DECISION_ID_KEYS": "bench:bench-only-decision-id-key-not-a-secret-0001",
    # WEBHOOK_WORKER_IN_SERVICE at its default (true): the webhook worker runs, idle, in the
    # measured process, as a deployment gets it by default (docs/benchmarks.md).
}
# Where varied scenarios start numbering their bodies: disjoint ranges, so no two scenarios
# (and no two rounds) ever send the same situation.
INDEX_BASE = 10**9
INDEX_PER_PYTHON_LOAD = 10**8
# Organisations with a published policy and a key each, for the tenant scenarios (issue 32).
TENANT_ORGANISATIONS = 1000


@dataclass
class Options:
    seconds: float
    warm_seconds: float
    rounds: int
    postgraphile: bool
    install: bool
    only: set[str]
    results_dir: Path
    update_docs: bool
    mode: str


@dataclass
class Servers:
    service: str
    litestar: str
    raw: str
    postgraphile: str | None = None
    # The organisation scenarios' own services, one each: base URL and server pid by name.
    tenants: dict[str, tuple[str, int]] = field(default_factory=dict)

    def base(self, server: str) -> str | None:
        return {
            "service": self.service,
            "litestar": self.litestar,
            "raw": self.raw,
            "postgraphile": self.postgraphile,
        }.get(server) or self.tenants.get(server, (None, 0))[0]

    def pid(self, server: str) -> int:
        return self.tenants[server][1]


def version_of(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


def start_service(
    stack: contextlib.ExitStack, url: str, workdir: Path, name: str = "service"
) -> tuple[str, int]:
    port = free_port()
    env = {
        **os.environ,
        **SERVICE_ENVIRONMENT,
        "DATABASE_URL": url,
        "HOST": "127.0.0.1",
        "PORT": str(port),
    }
    service_log = workdir / f"{name}.log"
    log(f"starting the {name} (production, granian, 1 worker) on 127.0.0.1:{port}")
    base = f"http://127.0.0.1:{port}"
    process = stack.enter_context(
        running(
            pinned([sys.executable, "-m", "service", "run", "--workers", "1"], SERVER_CORE),
            env,
            service_log,
            base + "/health/ready",
            120,
        )
    )
    return base, process.pid


def start_ceiling(stack: contextlib.ExitStack, which: str, workdir: Path) -> str:
    port = free_port()
    env = {
        **os.environ,
        "BENCH_CEILING_GET_FILE": str(workdir / "ceiling-get.json"),
        "BENCH_CEILING_POST_FILE": str(workdir / "ceiling-post.json"),
    }
    command = [sys.executable, "-m", "bench.ceilings", which, str(port)]
    base = f"http://127.0.0.1:{port}"
    stack.enter_context(
        running(
            pinned(command, SERVER_CORE),
            env,
            workdir / f"ceiling-{which}.log",
            base + "/ceiling",
            60,
        )
    )
    return base


def save_ceiling_bytes(base: str, key: str, workdir: Path) -> Catalogue:
    """The ceilings answer the service's own bytes; the varied scenarios draw from its content."""
    auth = {"Authorization": f"Bearer {key}"}
    status, variants = send(base + "/v1/variants", headers=auth)
    if status != 200:
        raise RuntimeError(f"GET /v1/variants answered {status}: {variants[:300]!r}")
    status, recommendation = send(
        base + "/v1/recommendations",
        "POST",
        json.dumps(SITUATION).encode(),
        {**auth, "Content-Type": "application/json"},
    )
    if status != 200:
        raise RuntimeError(f"POST /v1/recommendations answered {status}: {recommendation[:300]!r}")
    (workdir / "ceiling-get.json").write_bytes(variants)
    (workdir / "ceiling-post.json").write_bytes(recommendation)
    terms = {}
    for locale in LOCALES:
        status, terms[locale] = send(base + f"/v1/terms?limit=100&locale={locale}", headers=auth)
        if status != 200:
            raise RuntimeError(f"GET /v1/terms answered {status}")
    return catalogue_from(terms)


def probe(base: str, outcome: Outcome) -> None:
    """Send the scenario once (its first body where it varies); record the status, and a note
    where a GraphQL answer carries errors."""
    scenario = outcome.scenario
    request = scenario.request
    body = request.body
    if scenario.bodies is not None:
        body = scenario.bodies(outcome.next_index, 1)[0]
        outcome.next_index += 1
    elif scenario.batch_situations:
        from bench.loadgen import batch_bodies

        body = batch_bodies(scenario.batch_situations, outcome.next_index)()
        outcome.next_index += scenario.batch_situations
    status, answer = send(base + request.path, request.method, body, request.headers, 30)
    outcome.probe_status = status
    if status != scenario.expected_status:
        outcome.note = f"answered {status}: {answer[:160].decode(errors='replace')}"
    elif request.path.startswith("/graphql"):
        document = json.loads(answer)
        if document.get("errors") or not document.get("data"):
            outcome.note = f"GraphQL errors: {json.dumps(document.get('errors'))[:200]}"


def load(
    outcome: Outcome, base: str, seconds: float, tools: dict[str, str | None], workdir: Path
) -> Measurement:
    scenario = outcome.scenario
    url, request, connections = base, scenario.request, scenario.connections
    if scenario.load_generator == "python":
        first = outcome.next_index
        outcome.next_index += INDEX_PER_PYTHON_LOAD
        return run_python(
            url, request, connections, seconds, workdir, scenario.batch_situations, first
        )
    if scenario.load_generator == "h2load":
        h2load = tools["h2load"]
        assert h2load is not None
        return run_h2load(h2load, url, request, connections, seconds, workdir)
    wrk = tools["wrk"]
    assert wrk is not None
    bodies_file = keys_file = None
    if scenario.keys:
        keys_file = workdir / "keys.txt"
        keys_file.write_text("\n".join(scenario.keys) + "\n")
    if scenario.bodies is not None:
        # Enough bodies that none is sent twice: 3x the best rate so far (8,000/s at first).
        rate = max([m.rps for m in outcome.rounds], default=8000.0)
        count = max(10_000, int(rate * seconds * 3))
        bodies = scenario.bodies(outcome.next_index, count)
        outcome.next_index += count
        bodies_file = workdir / "bodies.jsonl"
        bodies_file.write_bytes(b"\n".join(bodies) + b"\n")
    measurement = run_wrk(wrk, url, request, connections, seconds, workdir, bodies_file, keys_file)
    if bodies_file is not None and measurement.requests > count:
        outcome.warnings.append(f"{measurement.requests} requests, {count} bodies: some repeated")
    return measurement


def run(options: Options) -> dict[str, Any]:
    started = dt.datetime.now(dt.UTC)
    tools = ensure_tools(["wrk", "h2load", "taskset"], options.install)
    if tools["wrk"] is None:
        raise SystemExit("wrk is not installed (apt-get install -y wrk)")
    if not pinning_available():
        log("taskset or a second core is missing: servers and load are NOT pinned")
    with (
        tempfile.TemporaryDirectory(prefix="bench-") as tmp,
        database() as url,
        contextlib.ExitStack() as stack,
    ):
        workdir = Path(tmp)
        key = create_api_key(url)
        tenant_keys: list[str] = []
        if wanted(options, "tenants-one") or wanted(options, "tenants-many"):
            log(f"creating {TENANT_ORGANISATIONS:,} organisations with policies and keys")
            tenant_keys = create_tenants(url, TENANT_ORGANISATIONS)
        service, service_pid = start_service(stack, url, workdir)
        catalogue = save_ceiling_bytes(service, key, workdir)
        servers = Servers(
            service, start_ceiling(stack, "litestar", workdir), start_ceiling(stack, "raw", workdir)
        )
        if tenant_keys:
            for name in ("tenants-one", "tenants-many"):
                servers.tenants[name] = start_service(stack, url, workdir, name)
        peer_version, peer_note = "skipped", "PostGraphile skipped (smoke or --no-postgraphile)"
        if options.postgraphile:
            try:
                servers.postgraphile, peer_version = start_postgraphile(stack, url, workdir)
            except Exception as error:  # the rest of the benchmark still runs
                peer_note = f"PostGraphile unavailable: {error}"
                log(peer_note)
        outcomes = [
            Outcome(s, next_index=(i + 1) * INDEX_BASE)
            for i, s in enumerate(scenarios(key, catalogue, tenant_keys))
            if wanted(options, s.key)
        ]
        for outcome in outcomes:
            base = servers.base(outcome.scenario.server)
            if outcome.scenario.load_generator == "h2load" and tools["h2load"] is None:
                outcome.note = "h2load is not installed"
            elif base is None:
                outcome.note = peer_note
            else:
                probe(base, outcome)
                if not outcome.available:
                    log(f"{outcome.scenario.key}: {outcome.note}")
        active = [o for o in outcomes if o.available]

        def load_once(outcome: Outcome, seconds: float) -> Measurement:
            base = servers.base(outcome.scenario.server)
            assert base is not None
            if not outcome.scenario.watch_worker:
                return load(outcome, base, seconds, tools, workdir)
            worker = worker_pid(servers.pid(outcome.scenario.server))
            before = cpu_seconds(worker)
            with LivenessSampler(base) as liveness:
                measurement = load(outcome, base, seconds, tools, workdir)
            watch(measurement, cpu_seconds(worker) - before, worker_rss_mb(worker), liveness)
            return measurement

        if options.warm_seconds:
            log(f"warming {len(active)} scenarios, {options.warm_seconds:g} s each")
            for outcome in active:
                load_once(outcome, options.warm_seconds)
        for round_number in range(options.rounds):
            order = active if round_number % 2 == 0 else list(reversed(active))
            log(f"round {round_number + 1}/{options.rounds}")
            for outcome in order:
                outcome.rounds.append(load_once(outcome, options.seconds))
            reporting.record_ratios(active)
        memory = worker_rss_mb(service_pid)
        caches = cache_sizes(service)
        tenant_caches = {name: cache_sizes(base) for name, (base, _) in servers.tenants.items()}
        versions = {
            "service": version_of("mentoring-coaching-service"),
            "granian": version_of("granian"),
            "litestar": version_of("litestar"),
            "strawberry-graphql": version_of("strawberry-graphql"),
            "postgresql": postgres_version(url),
            "wrk": tool_version(tools["wrk"], "-v"),
            "h2load": "h2load " + tool_version(tools["h2load"], "--version").split()[-1]
            if tools["h2load"]
            else "h2load absent",
            "postgraphile": peer_version,
        }
    context = {
        "started_at": started.isoformat(timespec="seconds"),
        "mode": options.mode,
        "command": " ".join(["python -m bench", *sys.argv[1:]]),
        "service_configuration": ", ".join(f"{k}={v}" for k, v in SERVICE_ENVIRONMENT.items())
        + ", an API key (content:read, recommend) on every request, metrics on",
        "pinning": (
            f"servers (service, bare Litestar, raw ASGI, PostGraphile, the organisation "
            f"scenarios' service) on core {SERVER_CORE}, "
            f"load generators on core {LOAD_CORE} (taskset); PostgreSQL unpinned"
            if pinning_available()
            else "none (taskset or a second core missing)"
        ),
        "versions": versions,
        "seconds_per_scenario": options.seconds,
        "warm_seconds": options.warm_seconds,
        "rounds": options.rounds,
    }
    report = reporting.build_report(context, outcomes, memory)
    report["memory"]["cache_bytes"] = caches
    report["memory"]["tenant_cache_bytes"] = tenant_caches
    return report


def watch(measurement: Measurement, cpu: float, rss_mb: float, liveness: LivenessSampler) -> None:
    """What a watched load adds to its measurement: the worker's CPU per request answered,
    its resident set after, and `/health/live`'s p99 and maximum during the load."""
    measurement.cpu_us_per_request = cpu / max(1, measurement.requests) * 1e6
    measurement.rss_mb = rss_mb
    latencies = sorted(liveness.latencies)
    measurement.health_samples = len(latencies)
    if latencies:
        measurement.health_p99_ms = (
            latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))] * 1000
        )
        measurement.health_max_ms = latencies[-1] * 1000


def cache_sizes(base: str) -> dict[str, int]:
    """What each in-process cache holds after the run (`cache_bytes` on /metrics): the
    first thing to look at when the worker's memory is over its target."""
    status, text = send(base + "/metrics")
    sizes: dict[str, int] = {}
    if status != 200:
        return sizes
    for line in text.decode().splitlines():
        if line.startswith("cache_bytes{"):
            labels, _, value = line.rpartition(" ")
            name = labels.split('cache="', 1)[1].split('"', 1)[0]
            sizes[name] = int(float(value))
    return sizes


def wanted(options: Options, key: str) -> bool:
    """Every scenario, or those `--only` names with the ceilings (and, for the 1,000
    organisations, the single one it is compared with)."""
    named = options.only | ({"tenants-one"} if "tenants-many" in options.only else set())
    return not options.only or key in named or key.startswith(("litestar", "raw"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--smoke", action="store_true", help="1 s per scenario, one round, no PostGraphile"
    )
    parser.add_argument("--seconds", type=float, help="load per scenario per round (default 5)")
    parser.add_argument("--rounds", type=int, help="rounds in alternating order (default 3)")
    parser.add_argument("--no-postgraphile", action="store_true")
    parser.add_argument(
        "--no-install", action="store_true", help="do not apt-get install wrk or h2load"
    )
    parser.add_argument(
        "--only", default="", help="comma-separated scenario keys (ceilings always run)"
    )
    parser.add_argument("--results-dir", type=Path, default=RESULTS_DIR)
    parser.add_argument(
        "--update-docs",
        action="store_true",
        help=f"rewrite the table in {reporting.DOCS_FILE.name}",
    )
    args = parser.parse_args(argv)
    options = Options(
        seconds=args.seconds or (1.0 if args.smoke else 5.0),
        warm_seconds=0.0 if args.smoke else 2.0,
        rounds=args.rounds or (1 if args.smoke else 3),
        postgraphile=not (args.no_postgraphile or args.smoke),
        install=not args.no_install,
        only={k.strip() for k in args.only.split(",") if k.strip()},
        results_dir=args.results_dir,
        update_docs=args.update_docs,
        mode="smoke" if args.smoke else "full",
    )
    report = run(options)
    path = reporting.write_results(report, options.results_dir)
    print(reporting.render_context(report))
    print()
    print(reporting.render_table(report))
    print(f"\nwritten to {path}")
    if options.update_docs:
        reporting.update_docs(report)
        print(f"table updated in {reporting.DOCS_FILE}")
    return 0
