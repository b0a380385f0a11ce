"""The benchmark's own set-up of Debian tools: wrk (the load generator), h2load (from
nghttp2-client, the second load generator) and taskset (util-linux). Idempotent: a tool that is
on PATH is used as it is; a missing one is installed with apt-get when we are root."""

import os
import shutil
import subprocess

from bench.processes import log
from tools.machine import apt_install

# binary -> Debian package that provides it
PACKAGES = {"wrk": "wrk", "h2load": "nghttp2-client", "taskset": "util-linux"}


def ensure_tools(binaries: list[str], install: bool) -> dict[str, str | None]:
    """Each binary's path; missing ones are installed first when `install` and we are root."""
    missing = [name for name in binaries if shutil.which(name) is None]
    if missing and install and shutil.which("apt-get") and os.geteuid() == 0:
        packages = sorted({PACKAGES[name] for name in missing})
        log(f"installing {', '.join(packages)} with apt-get")
        apt_install(packages)
    return {name: shutil.which(name) for name in binaries}


def tool_version(path: str | None, flag: str) -> str:
    if path is None:
        return "absent"
    result = subprocess.run([path, flag], capture_output=True, text=True, timeout=10)
    first = (result.stdout or result.stderr).strip().splitlines()
    return first[0].split("[")[0].strip() if first else "unknown"
