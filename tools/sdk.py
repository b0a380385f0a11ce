"""Generate the SDKs from openapi/openapi.json (`make sdk`), or check that they are current.

    python -m tools.sdk           # regenerate sdk/python and sdk/typescript/src/client
    python -m tools.sdk --check   # exit 1 and name the files that differ from a fresh run

sdk/python is openapi-python-client's project (settings in sdk/python-config.yaml) with our
README; sdk/typescript/src/client is @hey-api/openapi-ts's fetch client (the package around it,
its README, package.json and tsconfig.json, is written by hand).
"""

import argparse
import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tools import node_tools

ROOT = node_tools.ROOT
DOCUMENT = ROOT / "openapi" / "openapi.json"
SDK = ROOT / "sdk"
PYTHON_SDK = SDK / "python"
TS_GENERATED = SDK / "typescript" / "src" / "client"
HAND_WRITTEN_PYTHON = {"README.md"}
VENV_BIN = Path(sys.executable).parent


def generate_python(into: Path) -> None:
    subprocess.run(
        [
            str(VENV_BIN / "openapi-python-client"),
            "generate",
            "--path",
            str(DOCUMENT),
            "--output-path",
            str(into),
            "--meta",
            "uv",
            "--config",
            str(SDK / "python-config.yaml"),
            "--fail-on-warning",
        ],
        check=True,
        capture_output=True,
        text=True,
        # The post hooks run ruff: the project's own.
        env=os.environ | {"PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}"},
    )
    for name in HAND_WRITTEN_PYTHON:
        (into / name).unlink(missing_ok=True)
    for module in (into / "mentoring_coaching_client" / "api").rglob("*.py"):
        module.write_text(typed_answers(module.read_text()))
    for hook in (
        ["ruff", "check", ".", "--fix-only", "--quiet", "--no-cache"],
        ["ruff", "format", ".", "--quiet", "--no-cache"],
    ):
        subprocess.run(
            [str(VENV_BIN / hook[0]), *hook[1:]], cwd=into, check=True, capture_output=True
        )


def typed_answers(module: str) -> str:
    """openapi-python-client types an answer without a body (304, 204) as `Any`, which swallows
    the union (`Any | Problem | TermPage`: no attribute error is ever reported). Such an answer
    is parsed as `None`, which the union already holds: say so, so that mypy makes callers
    tell a page from a problem."""
    module = module.replace("cast(Any, None)", "None")
    return re.sub(r"\bAny \| (?=[A-Z])", "", module)


def generate_typescript(into: Path) -> None:
    done = node_tools.tool(
        "openapi-ts",
        "--input",
        f"./{DOCUMENT.relative_to(ROOT)}",
        "--output",
        str(into),
        "--client",
        "@hey-api/client-fetch",
        "--no-log-file",
        "--silent",
    )
    if done.returncode != 0:
        raise RuntimeError(f"openapi-ts failed:\n{done.stdout}\n{done.stderr}")
    types = into / "types.gen.ts"
    types.write_text(typed_not_modified(types.read_text()))


NOT_MODIFIED = """
/**
 * A 304 Not Modified has no body; the fetch client reports it as this empty `error` (not a
 * `Problem`). Tell them apart with `isProblem(error)` or `response.status === 304`.
 */
export type NotModified = Record<never, never>;
"""


def typed_not_modified(types: str) -> str:
    """@hey-api/openapi-ts leaves a body-less 304 out of an operation's errors, so `error` is
    typed `Problem` while a 304 makes it `{}`: add it, as `NotModified`."""
    document = json.loads(DOCUMENT.read_text())
    for item in document["paths"].values():
        for operation in item.values():
            if "304" in operation.get("responses", {}):
                head = f"export type {operation['operationId']}Errors = {{\n"
                types = types.replace(head, f"{head}    304: NotModified;\n", 1)
    return types + NOT_MODIFIED


def _files(folder: Path, skip: set[str]) -> set[Path]:
    if not folder.exists():
        return set()
    return {
        path.relative_to(folder)
        for path in folder.rglob("*")
        if path.is_file()
        and "__pycache__" not in path.parts
        and str(path.relative_to(folder)) not in skip
    }


def differences(fresh: Path, committed: Path, skip: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
    fresh_files, committed_files = _files(fresh, skip), _files(committed, skip)
    changed = [
        str(committed / name)
        for name in sorted(fresh_files & committed_files)
        if not filecmp.cmp(fresh / name, committed / name, shallow=False)
    ]
    changed += [f"{committed / name} (missing)" for name in sorted(fresh_files - committed_files)]
    changed += [
        f"{committed / name} (not generated)" for name in sorted(committed_files - fresh_files)
    ]
    return changed


def _replace(target: Path, fresh: Path, keep: set[str]) -> None:
    kept = {name: (target / name).read_bytes() for name in keep if (target / name).exists()}
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(fresh, target)
    for name, content in kept.items():
        (target / name).write_bytes(content)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report drift")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sdk-") as scratch:
        python, typescript = Path(scratch) / "python", Path(scratch) / "typescript"
        generate_python(python)
        generate_typescript(typescript)
        if args.check:
            drift = differences(python, PYTHON_SDK, HAND_WRITTEN_PYTHON)
            drift += differences(typescript, TS_GENERATED)
            for line in drift:
                print(f"out of date: {line}")
            if drift:
                print("run `make sdk` and commit the result")
            return 1 if drift else 0
        _replace(PYTHON_SDK, python, HAND_WRITTEN_PYTHON)
        _replace(TS_GENERATED, typescript, set())
    print(f"wrote {PYTHON_SDK.relative_to(ROOT)} and {TS_GENERATED.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
