"""Every environment variable the chart, the Dockerfile and the docs set is a setting the
service knows, and an unknown one that looks like a setting stops the start.

The chart once set RATE_LIMIT_PER_MINUTE, which nothing read (measured: with it at 3, six
requests got six 200s), while the service read RATE_LIMIT_REQUESTS.
"""

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import helm_python as helm
import pytest

from service.config import (
    PROJECT_ROOT,
    get_settings,
    setting_names,
    unknown_variables,
)
from tests.deploy.test_dockerfile import DOCKERFILE, parse_dockerfile
from tests.deploy.test_helm_chart import (
    CHART_DIR,
    DEFAULT_VALUES,
    Manifest,
    production_values,
    render,
)

# Names the image and the chart set that are not the service's settings, and who reads them.
OTHER_READERS = {
    "PATH": "the shell",
    "PYTHONUNBUFFERED": "Python",
    "PYTHONDONTWRITEBYTECODE": "Python",
    "PROMETHEUS_MULTIPROC_DIR": "prometheus-client",
}


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """The process environment to change, and get_settings() reading it afresh."""
    get_settings.cache_clear()
    yield monkeypatch
    monkeypatch.undo()
    get_settings.cache_clear()


# --------------------------------------------------------------------------- the start


def test_an_unknown_variable_with_a_settings_prefix_stops_the_start(
    environment: pytest.MonkeyPatch,
) -> None:
    environment.setenv("RATE_LIMIT_PER_MINUTE", "3")
    with pytest.raises(SystemExit) as stopped:
        get_settings()
    message = str(stopped.value)
    assert "unknown setting RATE_LIMIT_PER_MINUTE" in message
    assert "RATE_LIMIT_REQUESTS, RATE_LIMIT_WINDOW_SECONDS" in message
    assert "docs/configuration.md" in message


def test_names_are_case_insensitive_like_the_settings(environment: pytest.MonkeyPatch) -> None:
    environment.setenv("webhook_timeout", "3")
    with pytest.raises(SystemExit, match=r"unknown setting WEBHOOK_TIMEOUT .*WEBHOOK_TIMEOUT_S"):
        get_settings()


def test_other_programs_variables_pass(environment: pytest.MonkeyPatch) -> None:
    passing = {
        # Kubernetes service links and Docker links of services named db, api and auth
        "DB_PORT": "tcp://10.0.0.7:5432",
        "DB_PORT_5432_TCP_ADDR": "10.0.0.7",
        "API_SERVICE_HOST": "10.0.0.8",
        "API_SERVICE_PORT_HTTP": "80",
        "AUTH_PORT_443_TCP": "tcp://10.0.0.9:443",
        # the OpenTelemetry SDK's own
        "OTEL_EXPORTER_OTLP_HEADERS": "authorization=Bearer x",
        # no settings prefix
        "HOSTNAME": "pod-1",
        "PROMETHEUS_MULTIPROC_DIR": "/tmp",
    }
    for name, value in passing.items():
        environment.setenv(name, value)
    assert get_settings().port == 8000


@pytest.mark.slow  # starts the service
def test_the_image_refuses_the_dead_key_at_start() -> None:
    """The real start (what granian and the CLI both call): exit 1 and the line."""
    env = {**os.environ, "RATE_LIMIT_PER_MINUTE": "3", "SERVICE_ENV": "production"}
    done = subprocess.run(
        [sys.executable, "-m", "service", "db", "upgrade"],
        env=env,
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1, done
    # In production even this line is JSON, like every other log line there.
    (line,) = done.stderr.splitlines()
    record = json.loads(line)
    assert record["level"] == "CRITICAL" and record["logger"] == "service.config"
    assert record["message"].startswith("unknown setting RATE_LIMIT_PER_MINUTE")


# --------------------------------------------------------------------------- what sets them


def container_environment(manifests: list[Manifest]) -> set[str]:
    """Every name a rendered pod gets: ConfigMap data (envFrom) and each container's env."""
    names: set[str] = set()
    for manifest in manifests:
        if manifest["kind"] == "ConfigMap":
            names |= set(manifest["data"])
        template = manifest.get("spec", {}).get("template", {})
        for container in template.get("spec", {}).get("containers", []):
            names |= {entry["name"] for entry in container.get("env", [])}
    return names


@pytest.fixture(scope="module")
def chart() -> Iterator[helm.Chart]:
    with helm.Chart.load(CHART_DIR) as loaded:
        yield loaded


@pytest.mark.parametrize("values", ["default", "production"])
def test_every_variable_the_chart_sets_is_a_setting(chart: helm.Chart, values: str) -> None:
    manifests = render(chart, DEFAULT_VALUES if values == "default" else production_values())
    names = container_environment(manifests)
    assert {"DATABASE_URL", "RATE_LIMIT_REQUESTS", "METRICS_PORT"} <= names
    assert names - setting_names() - set(OTHER_READERS) == set()
    assert unknown_variables(dict.fromkeys(names, "")) == []


def test_every_variable_the_dockerfile_sets_is_a_setting() -> None:
    names = {
        name
        for stage in parse_dockerfile(DOCKERFILE.read_text())
        for instruction in stage.all("ENV")
        for name in re.findall(r"(?:^|\s)([A-Z_][A-Z0-9_]*)=", instruction.args)
    }
    assert {"SERVICE_ENV", "PORT", "METRICS_PORT"} <= names
    assert names - setting_names() - set(OTHER_READERS) - _build_only(names) == set()


def _build_only(names: set[str]) -> set[str]:
    """The builder's uv and pip settings (they never reach the runtime stage)."""
    return {name for name in names if name.startswith(("UV_", "PIP_"))}


def documented_assignments() -> dict[str, set[str]]:
    """`NAME=value` and "setting `NAME`" in the docs and README, by file."""
    found: dict[str, set[str]] = {}
    for path in [PROJECT_ROOT / "README.md", *sorted((PROJECT_ROOT / "docs").glob("*.md"))]:
        if path.name == "configuration.md":
            continue  # generated from the settings themselves
        text = path.read_text(encoding="utf-8")
        names = set(re.findall(r"`([A-Z][A-Z0-9_]+)=[^`]*`", text))
        for listed in re.findall(r"settings? ((?:`[A-Z][A-Z0-9_]+`(?:, )?)+)", text):
            names |= set(re.findall(r"`([A-Z][A-Z0-9_]+)`", listed))
        found[str(path.relative_to(PROJECT_ROOT))] = names
    return found


def test_every_variable_the_docs_set_is_a_setting() -> None:
    documented = documented_assignments()
    assert "RATE_LIMIT_REQUESTS" in documented["docs/operations.md"]
    unknown = {
        path: unknown_variables(dict.fromkeys(names, "")) for path, names in documented.items()
    }
    assert {path: names for path, names in unknown.items() if names} == {}


def test_extra_config_admits_the_settings_the_chart_leaves_to_it() -> None:
    """values.schema.json lists, for `extraConfig`, exactly the settings the ConfigMap does not
    set already (and not DATABASE_URL nor DECISION_ID_KEYS, secrets read from their Secrets,
    nor EMBEDDED_PG_DIR: no embedded PostgreSQL in the image)."""
    schema: dict[str, Any] = json.loads((CHART_DIR / "values.schema.json").read_text())
    listed = set(schema["properties"]["extraConfig"]["propertyNames"]["anyOf"][0]["enum"])
    with helm.Chart.load(CHART_DIR) as loaded:
        chart_sets = set(render(loaded, DEFAULT_VALUES)[0]["data"]) | {
            "OTEL_EXPORTER_OTLP_ENDPOINT"
        }
    secrets = {"DATABASE_URL", "DECISION_ID_KEYS"}
    expected = setting_names() - chart_sets - secrets - {"EMBEDDED_PG_DIR"}
    assert listed == expected | {"PROMETHEUS_MULTIPROC_DIR"}


def test_the_configuration_doc_lists_every_setting() -> None:
    text = (Path(PROJECT_ROOT) / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert {name for name in setting_names() if f"| `{name}` |" not in text} == set()
