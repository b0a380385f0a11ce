"""The Node clients of MCP against live servers: the MCP Inspector CLI (npm
@modelcontextprotocol/inspector, the TypeScript SDK's client) against the production server
(list the tools, call a content tool and `recommend`, read a resource, a refusal for a key
without `recommend`), and the MCP conformance suite against a development one, with the
scenarios it is expected to fail listed, each with its reason, in
conformance-expected-failures.yaml."""

import json
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.mcp.conftest import SITUATION, Organisations
from tests.reliability.conftest import LiveServer, live_server
from tools.node_tools import ensure_installed, environment

pytestmark = pytest.mark.slow
FOLDER = Path(__file__).parent / "node"
EXPECTED_FAILURES = Path(__file__).parent / "conformance-expected-failures.yaml"


def inspect(
    server: LiveServer, key: str, *args: str, tmp: Path
) -> subprocess.CompletedProcess[str]:
    modules = ensure_installed(FOLDER)
    command = [str(modules / ".bin" / "mcp-inspector"), "--cli", f"{server.base_url}/mcp"]
    command += ["--transport", "http", "--header", f"Authorization: Bearer {key}", *args]
    return subprocess.run(
        command,
        env=environment() | {"MCP_CATALOG_PATH": str(tmp / "catalog.json")},
        capture_output=True,
        text=True,
        timeout=120,
    )


def answer(run: subprocess.CompletedProcess[str]) -> Any:
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_the_inspector_cli_lists_and_calls_the_tools(
    mcp_server: LiveServer, organisations: Organisations, tmp_path: Path
) -> None:
    key = organisations.acme_key
    listed = answer(inspect(mcp_server, key, "--method", "tools/list", tmp=tmp_path))
    assert {tool["name"] for tool in listed["tools"]} >= {"recommend", "get_variant"}
    assert all(tool["annotations"]["readOnlyHint"] for tool in listed["tools"])
    variant = answer(
        inspect(
            mcp_server,
            key,
            "--method",
            "tools/call",
            "--tool-name",
            "get_variant",
            "--tool-arg",
            "slug=reverse-mentoring",
            tmp=tmp_path,
        )
    )
    assert variant["structuredContent"]["variant"]["slug"] == "reverse-mentoring"
    made = answer(
        inspect(
            mcp_server,
            key,
            "--method",
            "tools/call",
            "--tool-name",
            "recommend",
            "--tool-arg",
            f"situation={json.dumps(SITUATION)}",
            tmp=tmp_path,
        )
    )
    assert made["structuredContent"]["organisation_policy_version"] == 1
    assert made["structuredContent"]["decision_id"].startswith("d2.")
    read = answer(
        inspect(
            mcp_server,
            key,
            "--method",
            "resources/read",
            "--uri",
            "mentoring-coaching://terms/reverse-mentoring",
            tmp=tmp_path,
        )
    )
    assert read["contents"][0]["mimeType"] == "application/json"
    refused = inspect(
        mcp_server,
        organisations.reader_key,
        "--method",
        "tools/call",
        "--tool-name",
        "recommend",
        "--tool-arg",
        f"situation={json.dumps(SITUATION)}",
        tmp=tmp_path,
    )
    # The TypeScript SDK reads the 403's `WWW-Authenticate: Bearer error="insufficient_scope"`.
    assert refused.returncode != 0
    assert 'Insufficient scope: required \\"recommend\\"' in refused.stderr


@pytest.fixture(scope="module")
async def development_server(database_url: str, client: Any) -> AsyncIterator[LiveServer]:
    async with live_server(database_url, "service.app:app", log_level="WARNING") as started:
        yield started


def test_the_conformance_suite_fails_only_what_it_is_expected_to(
    development_server: LiveServer, tmp_path: Path
) -> None:
    modules = ensure_installed(FOLDER)
    command = [str(modules / ".bin" / "conformance"), "server"]
    command += ["--url", f"{development_server.base_url}/mcp", "-o", str(tmp_path)]
    command += ["--expected-failures", str(EXPECTED_FAILURES)]
    run = subprocess.run(command, env=environment(), capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    for passing in ("server-initialize", "tools-list", "prompts-list", "dns-rebinding-protection"):
        assert f"✓ {passing}" in run.stdout
