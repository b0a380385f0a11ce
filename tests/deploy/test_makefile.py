"""`make run` installs only what the service needs; the development tools come with `make test`."""

import subprocess

from service.config import PROJECT_ROOT


def planned(target: str) -> str:
    """The commands `make` would run for `target` from scratch (nothing is run)."""
    done = subprocess.run(
        ["make", "--dry-run", "--always-make", target],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return done.stdout


def sync_lines(commands: str) -> list[str]:
    return [line for line in commands.splitlines() if " sync " in line]


def test_make_run_installs_the_runtime_dependencies_only() -> None:
    syncs = sync_lines(planned("run"))
    assert syncs, "make run installs nothing"
    assert all("--no-dev" in line for line in syncs), syncs


def test_make_test_installs_the_development_tools() -> None:
    syncs = sync_lines(planned("test"))
    assert any("--no-dev" not in line for line in syncs), syncs


def test_make_run_still_installs_the_embedded_postgresql() -> None:
    """pgserver is in the default `embedded` group: `make run` (uv sync --no-dev) gets it,
    the image (uv sync --no-default-groups) does not."""
    import tomllib

    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())
    assert any(d.startswith("pgserver") for d in project["dependency-groups"]["embedded"])
    assert not any(d.startswith("pgserver") for d in project["project"]["dependencies"])
    assert "embedded" in project["tool"]["uv"]["default-groups"]
    syncs = sync_lines(planned("run"))
    assert not any("--no-default-groups" in line or "embedded" in line for line in syncs), syncs
