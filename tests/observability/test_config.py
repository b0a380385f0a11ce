"""Settings: an invalid one stops the start with one clear line; the reference is current."""

import os
import subprocess
import sys

import pytest

from service.cli.documents import CONFIGURATION_DOC, configuration_markdown
from service.config import PROJECT_ROOT

PORT_LINE = "invalid setting PORT: Input should be less than or equal to 65535"


def run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=PROJECT_ROOT,
        env={**os.environ, "DATABASE_URL": "postgresql://unused/unused", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.slow  # a Python process per case
@pytest.mark.parametrize(
    "args",
    [["-m", "service", "run"], ["-c", "import service.app"]],
    ids=["python -m service run", "granian imports service.app"],
)
def test_an_invalid_setting_stops_the_start_with_one_clear_line(args: list[str]) -> None:
    result = run(args, PORT="70000")
    assert result.returncode != 0
    assert result.stderr.strip() == PORT_LINE
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_every_invalid_setting_is_named() -> None:
    result = run(["-c", "import service.app"], WORKERS="many", OTEL_EXPORTER_OTLP_ENDPOINT="x")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("invalid setting WORKERS: Input should be a valid integer")
    assert lines[1].startswith("invalid setting OTEL_EXPORTER_OTLP_ENDPOINT: ")


def test_configuration_reference_is_current() -> None:
    assert CONFIGURATION_DOC.read_text(encoding="utf-8") == configuration_markdown(), (
        "docs/configuration.md is stale: run `make docs`"
    )


def test_configuration_reference_lists_every_setting_with_a_description() -> None:
    from service.config import Settings

    text = configuration_markdown()
    for name, field in Settings.model_fields.items():
        assert field.description, f"{name} has no description"
        assert f"| `{name.upper()}` |" in text
