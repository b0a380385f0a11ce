"""Schemathesis against live servers (granian on 127.0.0.1, the run's test database), from the
committed documents: every REST operation from openapi/openapi.json with `--checks all`
(including the authentication checks) against a production server with an API key, the
coverage phase, stateful links and a fixed seed; every GraphQL field from
openapi/schema.graphql against a development server. Zero failures.

The REST run replaces schemathesis' `positive_data_acceptance` by `documented_refusals`
(tests/contract/hooks.py): a valid request may be refused only as one of the allowances listed
there and in docs/contract.md, each of which depends on data the schema cannot know.
tests/contract/schemathesis.toml adds the two statuses RFC 6585 and RFC 9110 give a publication
(428 without If-Match, 412 before its body is read). Examples are bounded (`--max-examples`) so
that the run stays about a minute on two cores.
"""

import asyncio
import json
import os
import re
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from service.config import PROJECT_ROOT
from tests.contract.conftest import MakeKey
from tests.reliability.conftest import LiveServer, live_server

pytestmark = pytest.mark.slow
SEED = "20261126"
ORGANISATION = "schemathesis"  # tests/contract/schemathesis.toml names it too
MAX_EXAMPLES = "50"  # per operation and phase: about 4,500 requests, a minute on two cores
CONFIG = Path(__file__).with_name("schemathesis.toml")
ST = [sys.executable, "-m", "schemathesis.cli", "--config-file", str(CONFIG), "--no-color"]


@pytest.fixture(scope="module")
async def server(database_url: str, client: Any) -> AsyncIterator[LiveServer]:
    """`client` first: its start loads the content into the run's database."""
    async with live_server(database_url, "service.app:app", log_level="WARNING") as started:
        yield started


def schemathesis(*args: str, workers: int = 2, hooks: str | None = None) -> tuple[int, str]:
    done = subprocess.run(
        [*ST, "run", *args, "--seed", SEED, "--workers", str(workers), "--output-truncate", "true"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env=os.environ | ({"SCHEMATHESIS_HOOKS": hooks} if hooks else {}),
    )
    return done.returncode, done.stdout + done.stderr


def summary(output: str) -> str:
    found = re.search(r"(\d+) generated.*", output)
    return found.group(0) if found else "no summary"


async def test_rest_api_matches_the_committed_openapi_document(
    production_server: LiveServer, make_session_key: MakeKey, record_property: Any
) -> None:
    # An organisation of its own: the stateful phase publishes policies and sets the trusted
    # documents mode (If-Match is documented now), which must not change `default`'s answers
    # for the rest of the run.
    key = await make_session_key("admin", name="schemathesis", organisation=ORGANISATION)
    code, output = await asyncio.to_thread(
        schemathesis,
        "openapi/openapi.json",
        "--url",
        production_server.base_url,
        "--checks",
        "all",
        # Replaced by the hooks' documented_refusals, which knows the allowances.
        "--exclude-checks",
        "positive_data_acceptance",
        "--header",
        f"Authorization: Bearer {key}",
        "--max-examples",
        MAX_EXAMPLES,
        # One worker: Python 3.11's parser is not thread-safe under Hypothesis' lambda
        # descriptions in the coverage phase ("AST constructor recursion depth mismatch").
        workers=1,
        hooks="tests.contract.hooks",
    )
    record_property("schemathesis_rest", summary(output))
    print(f"\nschemathesis REST: {summary(output)}")
    assert code == 0, output[-20000:]
    assert "Stateful" in output
    verdict = output.strip().splitlines()[-1]  # "== N warnings in .. ==" or "No issues found"
    assert "failure" not in verdict and "error" not in verdict, output[-6000:]


async def test_graphql_api_matches_the_committed_schema(
    server: LiveServer, tmp_path: Path, record_property: Any
) -> None:
    """GraphQL answers a missing record or an unsupported locale with an error that carries
    `extensions.code` (NOT_FOUND, BAD_USER_INPUT): Schemathesis' `not_a_server_error` and
    `positive_data_acceptance` count any such error as a failure, so they are replaced here by
    the stricter reading of the recorded traffic: no 5xx, no error without a code, no
    INTERNAL_SERVER_ERROR."""
    har = tmp_path / "graphql.har"
    code, output = await asyncio.to_thread(
        schemathesis,
        "openapi/schema.graphql",
        "--url",
        f"{server.base_url}/graphql",
        "--max-examples",
        "50",
        "--exclude-checks",
        "not_a_server_error,positive_data_acceptance",
        "--report",
        "har",
        "--report-har-path",
        str(har),
    )
    record_property("schemathesis_graphql", summary(output))
    print(f"\nschemathesis GraphQL: {summary(output)}")
    assert code == 0, output[-20000:]
    entries = json.loads(har.read_text())["log"]["entries"]
    assert len(entries) > 100
    for entry in entries:
        status = entry["response"]["status"]
        assert status < 500, entry
        text = entry["response"]["content"].get("text") or "{}"
        for error in json.loads(text).get("errors") or []:
            error_code = (error.get("extensions") or {}).get("code")
            assert error_code and error_code != "INTERNAL_SERVER_ERROR", error
