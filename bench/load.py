"""Load generation: one measurement of one request shape against one server, from a process
pinned to the load generator's core. wrk for everything but the batch (with a Lua script that
sends a different body per request where a scenario varies), h2load as the second opinion on
latencies, and `bench.loadgen` for the batch, whose bodies are generated per request."""

import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from bench.processes import LOAD_CORE, PROJECT_ROOT, pinned


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Measurement:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int
    # Scenarios that watch the worker (`Scenario.watch_worker`): its CPU (user + system, from
    # /proc) over the load divided by the requests answered, its resident set after the load,
    # and `/health/live` sampled during the load.
    cpu_us_per_request: float | None = None
    rss_mb: float | None = None
    health_p99_ms: float | None = None
    health_max_ms: float | None = None
    health_samples: int = 0


# wrk runs this Lua after the request set-up: a summary line the harness parses (microseconds)
# rather than wrk's human output. Non-2xx/3xx answers count as errors (`e.status`).
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

# With a file of bodies (one JSON document per line), every request sends the next one.
WRK_BODIES = """
local bodies = {}
for line in io.lines(%s) do bodies[#bodies + 1] = line end
local next_body = 0
request = function()
  next_body = next_body %% #bodies + 1
  return wrk.format(nil, nil, nil, bodies[next_body])
end
"""

# With a file of keys too (one a line), every request also carries the next key in turn:
# round-robin across the keys' organisations. Keys cycle independently of the bodies.
WRK_KEYED_BODIES = """
local bodies = {}
for line in io.lines(%s) do bodies[#bodies + 1] = line end
local keys = {}
for line in io.lines(%s) do keys[#keys + 1] = line end
local next_body = 0
local next_key = 0
request = function()
  next_body = next_body %% #bodies + 1
  next_key = next_key %% #keys + 1
  wrk.headers["Authorization"] = "Bearer " .. keys[next_key]
  return wrk.format(nil, nil, nil, bodies[next_body])
end
"""


def lua_string(value: str | bytes) -> str:
    text = value.decode() if isinstance(value, bytes) else value
    return json.dumps(text)  # a JSON string literal is a valid Lua string literal here


def run_wrk(
    wrk: str,
    url: str,
    request: Request,
    connections: int,
    seconds: float,
    workdir: Path,
    bodies_file: Path | None = None,
    keys_file: Path | None = None,
) -> Measurement:
    """wrk, one thread (it has one core), `connections` keep-alive connections; with
    `keys_file` (and `bodies_file`), the keys round-robin."""
    script = workdir / "request.lua"
    lines = [f"wrk.method = {lua_string(request.method)}"]
    if request.body:
        lines.append(f"wrk.body = {lua_string(request.body)}")
    for name, value in request.headers.items():
        lines.append(f"wrk.headers[{lua_string(name)}] = {lua_string(value)}")
    if bodies_file is not None and keys_file is not None:
        lines.append(WRK_KEYED_BODIES % (lua_string(str(bodies_file)), lua_string(str(keys_file))))
    elif bodies_file is not None:
        lines.append(WRK_BODIES % lua_string(str(bodies_file)))
    script.write_text("\n".join(lines) + "\n" + WRK_DONE)
    command = [
        wrk, "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "10s",
        "-s", str(script), url + request.path,
    ]  # fmt: skip
    result = subprocess.run(
        pinned(command, LOAD_CORE), capture_output=True, text=True, timeout=seconds + 60
    )
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


def run_python(
    url: str,
    request: Request,
    connections: int,
    seconds: float,
    workdir: Path,
    batch_situations: int = 0,
    first_index: int = 0,
) -> Measurement:
    command = [
        sys.executable, "-m", "bench.loadgen", "--url", url + request.path,
        "--method", request.method, "--connections", str(connections),
        "--duration", str(seconds),
        "--batch-situations", str(batch_situations), "--first-index", str(first_index),
    ]  # fmt: skip
    if request.body:
        body_file = workdir / "body.bin"
        body_file.write_bytes(request.body)
        command += ["--body-file", str(body_file)]
    for name, value in request.headers.items():
        command += ["--header", f"{name}: {value}"]
    result = subprocess.run(
        pinned(command, LOAD_CORE),
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        cwd=PROJECT_ROOT,
        check=True,
    )
    data = json.loads(result.stdout.strip().splitlines()[-1])
    return Measurement(
        data["rps"], data["p50_ms"], data["p99_ms"], data["errors"], data["requests"]
    )


def run_h2load(
    h2load: str, url: str, request: Request, connections: int, seconds: float, workdir: Path
) -> Measurement:
    """h2load over HTTP/1.1 (`--h1`), one thread: the second load generator."""
    command = [
        h2load, "--h1", "-t1", f"-c{connections}", f"-D{max(1, round(seconds))}",
        "-m1",
    ]  # fmt: skip
    if request.body:
        body_file = workdir / "h2load-body.bin"
        body_file.write_bytes(request.body)
        command += ["-d", str(body_file)]
    for name, value in request.headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(url + request.path)
    result = subprocess.run(
        pinned(command, LOAD_CORE), capture_output=True, text=True, timeout=seconds + 60
    )
    return parse_h2load(result.stdout)


def parse_h2load(output: str) -> Measurement:
    """Requests/s, failures and the request-time distribution of h2load's text summary.
    h2load prints min/max/mean/sd of request times, not percentiles: `p50_ms` is its mean
    and `p99_ms` its maximum, and the table says so."""
    rps = requests = errors = 0.0
    mean = maximum = 0.0
    for line in output.splitlines():
        words = line.split()
        if line.startswith("finished in"):
            rps = float(words[3])
        elif line.startswith("requests:"):
            requests = float(words[1])
            errors = float(words[9]) + float(words[11])  # failed, errored
        elif line.startswith("time for request:"):
            mean = _ms(words[5])
            maximum = _ms(words[4])
    if not requests:
        raise RuntimeError(f"h2load gave no summary: {output[-500:]}")
    return Measurement(rps, mean, maximum, int(errors), int(requests))


def _ms(value: str) -> float:
    for suffix, factor in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if value.endswith(suffix):
            return float(value.removesuffix(suffix)) * factor
    return float(value)
