"""What tests and the benchmark need from this machine: a free loopback port, and Debian
programs (pgbouncer, chromium, wrk, ...) installed with apt-get when they are missing and we
are root, so that a fresh clone needs nothing installed by hand."""

import os
import shutil
import socket
import subprocess
from collections.abc import Iterable

APT_TIMEOUT_SECONDS = 900  # chromium is about 100 MB from Debian's mirrors


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
    command = ["apt-get", "install", "-y", "-qq", *names]
    if subprocess.run(
        command, env=env, capture_output=True, timeout=APT_TIMEOUT_SECONDS
    ).returncode:
        subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True, timeout=600)
        result = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=APT_TIMEOUT_SECONDS
        )
        if result.returncode != 0:
            raise RuntimeError(f"apt-get install {' '.join(names)} failed: {result.stderr[-500:]}")


def debian_program(binary: str, package: str, also_at: Iterable[str] = ()) -> str:
    """The path of `binary` (on PATH or at one of `also_at`), installing `package` first if
    it is missing."""

    def found() -> str | None:
        candidates = [shutil.which(binary), *also_at]
        return next((c for c in candidates if c and os.access(c, os.X_OK)), None)

    path = found()
    if path is None:
        apt_install([package])
        path = found()
    if path is None:
        raise RuntimeError(f"{binary} is not there after apt-get install {package}")
    return path
