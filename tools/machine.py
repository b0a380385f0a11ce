"""What tests and the benchmark need from this machine: a free loopback port, servers started
and stopped as process groups, and the Debian programs the tests use (Chromium, PgBouncer, wrk,
h2load), which `make test-deps` (`python -m tools.machine`) installs and the suite only looks
for: a test never installs anything, and a missing program fails it with what to run."""

import contextlib
import functools
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Container, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO

APT_TIMEOUT_SECONDS = 900  # chromium is about 100 MB from Debian's mirrors


@dataclass(frozen=True)
class DebianProgram:
    package: str  # the Debian package that provides it
    also_at: tuple[str, ...] = ()  # where it is when not on PATH (/usr/sbin for a user)


# What the suite runs from Debian, by binary name. `make test-deps` installs the packages.
TEST_PROGRAMS = {
    "chromium": DebianProgram("chromium"),  # tests/embed, through Playwright
    "pgbouncer": DebianProgram("pgbouncer", ("/usr/sbin/pgbouncer",)),  # tests/scale
    "wrk": DebianProgram("wrk"),  # tests/bench: the benchmark's smoke run
    "h2load": DebianProgram("nghttp2-client"),  # tests/bench: its second load generator
    "java": DebianProgram("default-jre-headless"),  # tests/sdk: openapi-generator's jar
}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def apt_install(packages: Iterable[str]) -> None:
    """`apt-get install -y`, after an `apt-get update` if the first try fails."""
    names = list(packages)
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        raise RuntimeError(f"{', '.join(names)}: missing, and installing needs root and apt-get")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    # Another apt-get (or unattended-upgrades) holding dpkg's lock is waited for, not a failure.
    wait_for_lock = ["-o", f"DPkg::Lock::Timeout={APT_TIMEOUT_SECONDS // 3}"]
    command = ["apt-get", *wait_for_lock, "install", "-y", "-qq", *names]
    if subprocess.run(
        command, env=env, capture_output=True, timeout=APT_TIMEOUT_SECONDS
    ).returncode:
        update = ["apt-get", *wait_for_lock, "update", "-qq"]
        subprocess.run(update, env=env, capture_output=True, timeout=600)
        result = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=APT_TIMEOUT_SECONDS
        )
        if result.returncode != 0:
            raise RuntimeError(f"apt-get install {' '.join(names)} failed: {result.stderr[-500:]}")


def find_program(binary: str) -> str | None:
    """The path of a TEST_PROGRAMS `binary` (on PATH or where Debian puts it), or None."""
    candidates = [shutil.which(binary), *TEST_PROGRAMS[binary].also_at]
    return next((c for c in candidates if c and os.access(c, os.X_OK)), None)


class MissingProgram(RuntimeError):
    pass


def debian_program(binary: str) -> str:
    """The path of `binary`, one of TEST_PROGRAMS; MissingProgram, saying what to run, when it
    is not installed."""
    path = find_program(binary)
    if path is None:
        package = TEST_PROGRAMS[binary].package
        raise MissingProgram(
            f"{binary} is not installed: run `make test-deps` (as root, it runs "
            f"`apt-get install {package}`)"
        )
    return path


def install_test_programs() -> int:
    """`make test-deps`: install the packages of the missing TEST_PROGRAMS (needs root); with
    nothing missing, return at once without root."""
    missing = sorted({p.package for name, p in TEST_PROGRAMS.items() if find_program(name) is None})
    if not missing:
        return 0
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        print(
            f"missing Debian packages for the tests: {' '.join(missing)}\n"
            f"install them as root: apt-get install -y {' '.join(missing)}",
            file=sys.stderr,
        )
        return 1
    print(f"installing {' '.join(missing)} with apt-get", flush=True)
    apt_install(missing)
    still = [name for name in TEST_PROGRAMS if find_program(name) is None]
    if still:
        print(f"still missing after apt-get: {' '.join(still)}", file=sys.stderr)
        return 1
    return 0


OUTPUT_TAIL_CHARACTERS = 3000  # of a server's output, in the error when it did not start

# Straight to 127.0.0.1, whatever http_proxy says.
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def answers(url: str, statuses: Container[int] = (200,)) -> bool:
    """Whether a GET of `url` answers with one of `statuses` (no answer at all: False)."""
    try:
        with _NO_PROXY.open(url, timeout=2) as response:
            return response.status in statuses
    except urllib.error.HTTPError as error:
        error.close()
        return error.code in statuses
    except OSError:  # refused, reset or timed out: not up yet (URLError is an OSError)
        return False


def accepts(port: int) -> bool:
    """Whether something accepts TCP connections on 127.0.0.1:`port`."""
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@contextlib.contextmanager
def serving(
    argv: list[str],
    env: Mapping[str, str],
    *,
    ready_url: str | None = None,
    ready_port: int | None = None,
    ready_statuses: Container[int] = (200,),
    output: Path | None = None,
    cwd: Path | None = None,
    timeout_seconds: float = 60,
    stop_signal: signal.Signals = signal.SIGTERM,
    stop_seconds: float = 15,
) -> Iterator["subprocess.Popen[bytes]"]:
    """Run `argv` as a server until the block ends; yields its process once it is ready.

    Ready means `ready_url` answers one of `ready_statuses`, or, for a server that does not
    speak HTTP, 127.0.0.1:`ready_port` accepts a connection. Its stdout and stderr go to
    `output` (a temporary file when None); when it exits or `timeout_seconds` pass before it
    is ready, RuntimeError with the output's tail. On exit the process group is stopped.
    """
    if ready_url is not None and ready_port is None:
        what, is_ready = ready_url, functools.partial(answers, ready_url, ready_statuses)
    elif ready_port is not None and ready_url is None:
        what, is_ready = f"127.0.0.1:{ready_port}", functools.partial(accepts, ready_port)
    else:
        raise ValueError("give either ready_url or ready_port")
    with open(output, "wb") if output else tempfile.TemporaryFile() as sink:
        process = subprocess.Popen(
            argv,
            env=env,
            cwd=cwd,
            stdout=sink,
            stderr=subprocess.STDOUT,
            # Its own process group, so that stopping it reaches every process it started
            # (granian's workers) and a Ctrl-C at the terminal does not.
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + timeout_seconds
            while not is_ready():
                if process.poll() is not None:
                    raise RuntimeError(
                        f"{argv[0]} exited with {process.returncode} before {what} was ready:\n"
                        f"{_tail(sink)}"
                    )
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        f"{what} was not ready within {timeout_seconds:.0f} s:\n{_tail(sink)}"
                    )
                time.sleep(0.2)
            yield process
        finally:
            stop_group(process, stop_signal, stop_seconds)


def stop_group(process: "subprocess.Popen[bytes]", stop_signal: int, seconds: float) -> None:
    """Stop the process group that `process` leads, by its id: `stop_signal`, and SIGKILL for
    whatever is left after `seconds` or after the leader exited (a worker it orphaned)."""
    with contextlib.suppress(ProcessLookupError):  # the whole group has exited already
        os.killpg(process.pid, stop_signal)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=seconds)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=seconds)


def _tail(sink: IO[bytes]) -> str:
    """The end of what the server wrote to `sink`, read without moving the file offset the
    server shares (it would then overwrite its own output)."""
    written = os.pread(sink.fileno(), os.fstat(sink.fileno()).st_size, 0)
    return written.decode(errors="replace")[-OUTPUT_TAIL_CHARACTERS:]


if __name__ == "__main__":
    sys.exit(install_test_programs())
