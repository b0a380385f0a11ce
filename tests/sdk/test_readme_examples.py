"""The SDK READMEs' examples, as the files a partner would paste them into: the Python ones
pass `mypy --strict` and run against a live production server; the TypeScript ones compile with
`tsc --strict` (the compiler's other defaults) against the package `npm pack` builds, installed
from a clean directory, and run against the same server."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from service.config import PROJECT_ROOT
from tests.reliability.conftest import LiveServer
from tests.sdk.conftest import Keys
from tools import node_tools

pytestmark = pytest.mark.slow
SDK = PROJECT_ROOT / "sdk"


def examples(readme: Path, language: str) -> str:
    """Every fenced block of one language, in order: one program."""
    blocks = re.findall(rf"```{language}\n(.*?)```", readme.read_text(), flags=re.DOTALL)
    assert blocks, f"no {language} examples in {readme}"
    return "\n".join(blocks)


def ran(*command: str, **kwargs: object) -> str:
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, **kwargs)  # type: ignore[call-overload]
    assert done.returncode == 0, f"{' '.join(command)}\n{done.stdout}\n{done.stderr}"
    return str(done.stdout)


def test_the_python_readme_type_checks_and_runs(
    sdk_server: LiveServer, keys: Keys, tmp_path: Path
) -> None:
    program = tmp_path / "readme_examples.py"
    program.write_text(examples(SDK / "python" / "README.md", "python"))
    checked = ran(
        sys.executable,
        "-m",
        "mypy",
        "--strict",
        "--no-incremental",
        "--config-file",
        os.devnull,
        str(program),
        env=os.environ | {"MYPYPATH": str(SDK / "python")},
        cwd=tmp_path,
    )
    assert "Success: no issues found" in checked
    output = ran(
        sys.executable,
        str(program),
        env=os.environ
        | {"API_URL": sdk_server.base_url, "API_KEY": keys.full, "PYTHONPATH": str(SDK / "python")},
        cwd=tmp_path,
    )
    assert "reverse-mentoring" in output  # paged to the glossary's end
    assert "is still current" in output  # the 304


def test_the_typescript_readme_compiles_and_runs(
    sdk_server: LiveServer, keys: Keys, tmp_path: Path
) -> None:
    package = SDK / "typescript"
    assert node_tools.tool("tsc", "--project", str(package)).returncode == 0
    packed = json.loads(
        node_tools.npm("pack", "--json", "--pack-destination", str(tmp_path), cwd=package).stdout
    )
    tarball = packed[0]["filename"]
    assert tarball == "mentoring-coaching-client-1.0.0.tgz"  # the name the README gives
    project = tmp_path / "partner"
    project.mkdir()
    (project / "package.json").write_text('{"name": "partner", "private": true}')
    node_tools.npm("install", "--no-audit", "--no-fund", str(tmp_path / tarball), cwd=project)
    (project / "readme.ts").write_text(examples(package / "README.md", "ts"))
    # Node's types, as a partner's project has them (`process.env`); nothing else configured.
    types = node_tools.ensure_installed() / "@types"
    compiled = node_tools.tool(
        "tsc", "--strict", "--typeRoots", str(types), "--types", "node", "readme.ts", cwd=project
    )
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    done = node_tools.node(
        "readme.js",
        cwd=project,
        env={"API_URL": sdk_server.base_url, "API_KEY": keys.full},
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "reverse-mentoring" in done.stdout
    assert "is still current" in done.stdout
