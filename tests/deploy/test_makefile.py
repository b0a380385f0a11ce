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
