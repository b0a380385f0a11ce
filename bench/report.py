"""Reporting: medians over rounds, ratios, targets met or not, the table, the JSON results and
the table in docs/benchmarks.md."""

import json
import os
import platform
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.load import Measurement
from bench.processes import PROJECT_ROOT
from bench.scenarios import Scenario

DOCS_FILE = PROJECT_ROOT / "docs" / "benchmarks.md"
DOCS_BEGIN = "<!-- bench:table:begin -->"
DOCS_END = "<!-- bench:table:end -->"
MEMORY_TARGET_MB = 150.0


@dataclass
class Outcome:
    scenario: Scenario
    probe_status: int = 0
    note: str = ""
    rounds: list[Measurement] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)
    next_index: int = 0  # the next never-sent body of a varied scenario
    warnings: list[str] = field(default_factory=list)  # shown with the row, not disqualifying

    @property
    def available(self) -> bool:
        return self.probe_status == self.scenario.expected_status and not self.note


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def record_ratios(outcomes: list[Outcome]) -> None:
    """After a round: each scenario's rate over its comparison's rate in that round (or, for
    `compare_by="cpu"`, its worker CPU per request over the comparison's)."""
    by_key = {o.scenario.key: o for o in outcomes}
    for outcome in outcomes:
        other = by_key.get(outcome.scenario.compare_with or "")
        if other is None or not other.rounds or not outcome.rounds:
            continue
        if len(other.rounds) != len(outcome.rounds):
            continue
        mine, theirs = outcome.rounds[-1], other.rounds[-1]
        if outcome.scenario.compare_by == "cpu":
            if mine.cpu_us_per_request is not None and theirs.cpu_us_per_request:
                outcome.ratios.append(mine.cpu_us_per_request / theirs.cpu_us_per_request)
        elif theirs.rps > 0:
            outcome.ratios.append(mine.rps / theirs.rps)


def machine() -> dict[str, Any]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "load_average_at_start": os.getloadavg()[0],
    }


def rss_above(outcome: Outcome, outcomes: list[Outcome]) -> tuple[float | None, float | None]:
    """A watched scenario compared by CPU runs on a worker of its own, as its comparison does,
    both loaded for as long: (the comparison's worker RSS after its last load, how far this
    scenario's worker is above it after its own)."""
    other = next((o for o in outcomes if o.scenario.key == outcome.scenario.compare_with), None)
    if other is None or not other.rounds or not outcome.rounds:
        return None, None
    mine, theirs = outcome.rounds[-1].rss_mb, other.rounds[-1].rss_mb
    if mine is None or theirs is None:
        return None, None
    return theirs, mine - theirs


def build_report(
    context: dict[str, Any], outcomes: list[Outcome], memory_mb: float
) -> dict[str, Any]:
    rows = []
    for outcome in outcomes:
        s = outcome.scenario
        row: dict[str, Any] = {
            "key": s.key,
            "scenario": s.label,
            "server": s.server,
            "load_generator": s.load_generator,
            "available": outcome.available,
            "probe_status": outcome.probe_status,
            "expected_status": s.expected_status,
            "note": outcome.note,
            "warnings": outcome.warnings,
            "target": s.target.describe(s.unit) if s.target else "",
            "connections": s.connections,
            "compare_with": s.compare_with,
        }
        if outcome.available and outcome.rounds:
            rps = median([m.rps for m in outcome.rounds])
            row |= {
                "rps": rps,
                "units_per_s": rps * s.units_per_request,
                "unit": s.unit,
                "p50_ms": median([m.p50_ms for m in outcome.rounds]),
                "p99_ms": median([m.p99_ms for m in outcome.rounds]),
                "ratio": median(outcome.ratios) if outcome.ratios else None,
                "errors": sum(m.errors for m in outcome.rounds),
                "requests": sum(m.requests for m in outcome.rounds),
                "rounds": [m.__dict__ for m in outcome.rounds],
            }
            if s.watch_worker:
                health = [m.health_p99_ms for m in outcome.rounds if m.health_p99_ms is not None]
                highest = [m.health_max_ms for m in outcome.rounds if m.health_max_ms is not None]
                row |= {
                    "compare_by": s.compare_by,
                    "cpu_us_per_request": median(
                        [m.cpu_us_per_request or 0.0 for m in outcome.rounds]
                    ),
                    "rss_mb": outcome.rounds[-1].rss_mb,
                    "rss_baseline_mb": None,
                    "rss_above_mb": None,
                    # "throughout": the worst round's p99 and the longest single answer
                    "health_p99_ms": max(health, default=None),
                    "health_max_ms": max(highest, default=None),
                    "health_samples": sum(m.health_samples for m in outcome.rounds),
                }
                if s.compare_by == "cpu":
                    row["rss_baseline_mb"], row["rss_above_mb"] = rss_above(outcome, outcomes)
            row["met"] = (
                s.target.met(
                    row.get("ratio"),
                    row["p99_ms"],
                    row["units_per_s"],
                    row.get("rss_above_mb"),
                    row.get("health_p99_ms"),
                )
                if s.target
                else None
            )
        rows.append(row)
    return {
        **context,
        "machine": machine(),
        "scenarios": rows,
        "memory": {
            "worker_rss_mb": round(memory_mb, 1),
            "target_mb": MEMORY_TARGET_MB,
            "met": 0 < memory_mb < MEMORY_TARGET_MB,
        },
    }


def render_table(report: dict[str, Any]) -> str:
    lines = [
        "| scenario | load | conns | throughput | p50 ms | p99 ms | ratio | target | met |",
        "|---|---|---:|---:|---:|---:|---:|---|---|",
    ]
    for row in report["scenarios"]:
        if not row["available"] or "rps" not in row:
            reason = row["note"] or f"answered {row['probe_status']}"
            lines.append(
                f"| {row['scenario']} | | | {reason} | | | | {row['target'] or '-'} | n/a |"
            )
            continue
        unit = "req/s" if row["unit"] == "req" else f"{row['unit']}/s"
        throughput = f"{row['units_per_s']:,.0f} {unit}"
        if row["unit"] != "req":
            throughput += f" ({row['rps']:,.1f} req/s)"
        ratio = f"{row['ratio']:.2f} x {row['compare_with']}" if row["ratio"] is not None else "-"
        if row["ratio"] is not None and row.get("compare_by") == "cpu":
            ratio += " (CPU/req)"
        met = {True: "yes", False: "**no**", None: "-"}[row["met"]]
        label = row["scenario"] + (f" ({row['errors']} errors)" if row["errors"] else "")
        label += "".join(f" ({warning})" for warning in row["warnings"])
        latency = (
            f"{row['p50_ms']:.2f} (mean) | {row['p99_ms']:.2f} (max)"
            if row["load_generator"] == "h2load"
            else f"{row['p50_ms']:.2f} | {row['p99_ms']:.2f}"
        )
        lines.append(
            f"| {label} | {row['load_generator']} | {row['connections']} | {throughput} | "
            f"{latency} | {ratio} | {row['target'] or '-'} | {met} |"
        )
    memory = report["memory"]
    lines.append(
        "| resident memory of the service's worker after the run | | | "
        f"{memory['worker_rss_mb']:.0f} MB | | | | "
        f"< {memory['target_mb']:.0f} MB | {'yes' if memory['met'] else '**no**'} |"
    )
    lines += render_worker_table(report)
    missed = [row["scenario"] for row in report["scenarios"] if row.get("met") is False]
    if not memory["met"]:
        missed.append("worker memory")
    if missed:
        lines.append(
            f"\nMissed: {'; '.join(missed)}. What limits each (profiled) and what was tried: "
            'docs/benchmarks.md, "Targets and what limits them"; `make bench-requests` and '
            "`make bench-engine` measure the CPU behind them in-process."
        )
    if memory.get("cache_bytes"):
        held = ", ".join(
            f"{name} {size / 2**20:.1f} MB" for name, size in sorted(memory["cache_bytes"].items())
        )
        lines.append(f"\nCaches after the run (their own estimate, `cache_bytes`): {held}.")
    return "\n".join(lines)


def render_worker_table(report: dict[str, Any]) -> list[str]:
    """The scenarios that watch their worker (the organisations'): its CPU per request, its
    resident set, `/health/live` during the load."""
    rows = [r for r in report["scenarios"] if "cpu_us_per_request" in r]
    if not rows:
        return []
    lines = [
        "",
        "| scenario (a worker of its own) | worker CPU per request | ratio | worker RSS after | "
        "above the comparison | /health/live p99 (max) during the load |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        ratio = f"{row['ratio']:.2f}x" if row.get("ratio") is not None else "-"
        above = (
            f"{row['rss_above_mb']:+.1f} MB (over {row['rss_baseline_mb']:.0f} MB)"
            if row.get("rss_above_mb") is not None
            else "-"
        )
        health = (
            f"{row['health_p99_ms']:.1f} ms ({row['health_max_ms']:.1f} ms), "
            f"{row['health_samples']} samples"
            if row.get("health_p99_ms") is not None
            else "-"
        )
        rss = f"{row['rss_mb']:.0f} MB" if row.get("rss_mb") is not None else "-"
        lines.append(
            f"| {row['scenario']} | {row['cpu_us_per_request']:,.0f} us | {ratio} | {rss} | "
            f"{above} | {health} |"
        )
    for server, sizes in sorted(report["memory"].get("tenant_cache_bytes", {}).items()):
        held = ", ".join(
            f"{name} {size / 2**20:.1f} MB"
            for name, size in sorted(sizes.items(), key=lambda item: -item[1])
            if size >= 2**20 / 10
        )
        lines.append(f"\nCaches of the {server} worker after the run (0.1 MB and over): {held}.")
    return lines


def render_context(report: dict[str, Any]) -> str:
    m, v = report["machine"], report["versions"]
    return (
        f"Run {report['started_at']} ({report['mode']}): `{report['command']}`; "
        f"{report['rounds']} round(s) of {report['seconds_per_scenario']:g} s per scenario "
        f"(warm-up {report['warm_seconds']:g} s), medians of rates and of per-round ratios.\n"
        f"Service: {report['service_configuration']}.\n"
        f"Pinning: {report['pinning']}.\n"
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['os']}, Python {m['python']}; "
        f"load average {m['load_average_at_start']:.1f} at the start.\n"
        f"Versions: granian {v['granian']}, Litestar {v['litestar']}, Strawberry "
        f"{v['strawberry-graphql']}, PostgreSQL {v['postgresql']}, {v['wrk']}, "
        f"{v['h2load']}, PostGraphile {v['postgraphile']}."
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
