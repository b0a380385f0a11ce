"""Process management for the benchmark: servers started and stopped (tools.machine.serving),
CPU pinning with taskset and the resident memory of a server's workers."""

import contextlib
import http.client
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from tools.machine import serving

PROJECT_ROOT = Path(__file__).resolve().parents[1]

# The server gets core 0, the load generator core 1 (on a machine with at least two cores),
# so that granian's threads and the load generator never take each other's core.
SERVER_CORE = "0"
LOAD_CORE = "1"


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def pinning_available() -> bool:
    return shutil.which("taskset") is not None and (os.cpu_count() or 1) >= 2


def pinned(command: list[str], core: str) -> list[str]:
    """`command` run on one core (taskset), or as it is where pinning is impossible."""
    return ["taskset", "-c", core, *command] if pinning_available() else command


def send(
    url: str,
    method: str = "GET",
    body: bytes = b"",
    headers: dict[str, str] | None = None,
    timeout: float = 10.0,
) -> tuple[int, bytes]:
    """One request with urllib: (status, body); a connection failure is status 0."""
    request = urllib.request.Request(url, data=body or None, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except (urllib.error.URLError, OSError) as error:
        return 0, str(error).encode()


# Any answer below 500 is a server that is up: PostGraphile answers a bare GET with a 4xx.
UP_STATUSES = range(100, 500)


def running(
    command: list[str],
    env: dict[str, str],
    log_file: Path,
    ready_url: str,
    seconds: float,
    cwd: Path = PROJECT_ROOT,
) -> contextlib.AbstractContextManager[subprocess.Popen[bytes]]:
    """A server (output to `log_file`) once `ready_url` answers within `seconds`; at the end
    its process group is stopped with SIGINT (a graceful stop for granian and Node), then
    SIGKILL."""
    return serving(
        command,
        env,
        ready_url=ready_url,
        ready_statuses=UP_STATUSES,
        output=log_file,
        cwd=cwd,
        timeout_seconds=seconds,
        stop_signal=signal.SIGINT,
    )


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
    """The largest resident set among the server's processes: granian's worker."""
    sizes = []
    for pid in [server_pid, *descendants(server_pid)]:
        with contextlib.suppress(OSError):
            sizes.append(rss_mb(pid))
    return max(sizes, default=0.0)


def worker_pid(server_pid: int) -> int:
    """The pid of the process with the largest resident set: granian's (one) worker."""
    best, best_size = server_pid, 0.0
    for pid in descendants(server_pid):
        with contextlib.suppress(OSError):
            size = rss_mb(pid)
            if size > best_size:
                best, best_size = pid, size
    return best


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process, all its threads, so far (/proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return ticks / os.sysconf("SC_CLK_TCK")


class LivenessSampler:
    """`GET /health/live` every `interval` seconds on a keep-alive connection of its own, in a
    thread, while a load runs: what a kubelet's liveness probe would wait (its latencies,
    seconds; a failure or a timeout counts as `timeout`)."""

    def __init__(self, base: str, interval: float = 0.02, timeout: float = 5.0) -> None:
        host, port = base.removeprefix("http://").rsplit(":", 1)
        self.address = (host, int(port))
        self.interval, self.timeout = interval, timeout
        self.latencies: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="liveness-sampler", daemon=True)

    def __enter__(self) -> "LivenessSampler":
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        connection = http.client.HTTPConnection(*self.address, timeout=self.timeout)
        try:
            while not self._stop.is_set():
                started = time.perf_counter()
                try:
                    connection.request("GET", "/health/live")
                    response = connection.getresponse()
                    response.read()
                    ok = response.status == 200
                except (OSError, http.client.HTTPException):
                    connection.close()  # reconnects on the next request
                    ok = False
                self.latencies.append(time.perf_counter() - started if ok else self.timeout)
                self._stop.wait(self.interval)
        finally:
            connection.close()
