"""Schemathesis' GraphQL support against a live production server (granian on 127.0.0.1, a
secret key with `content:read` and `recommend`), from the committed openapi/schema.graphql,
with every check (schemathesis' default for GraphQL): the argument types carry the bounds
the server enforces, so what the schema allows is answered, and nothing it allows is an
error. The custom scalars' strategies are in schemathesis_hooks.py; schemathesis.toml names
the exceptions and why."""

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
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from service.config import PROJECT_ROOT
from service.domain.organisations.service import ensure_organisation
from service.security.keys import create_key
from tests.reliability.conftest import LiveServer, live_server

pytestmark = pytest.mark.slow
HERE = Path(__file__).parent
SEED = "20261208"


@pytest.fixture(scope="module")
async def server(database_url: str, client: Any) -> AsyncIterator[LiveServer]:
    """Production; no request limit and no cost budget: the run sends thousands of requests
    with one key. And the highest maximum cost: a generated document nests lists as deep as
    the depth limit allows, which the cost refuses by design (QUERY_TOO_EXPENSIVE, tested in
    test_cost.py); a type cannot say it."""
    async with live_server(
        database_url,
        "service.app:app",
        service_env="production",
        rate_limit_requests="0",
        graphql_cost_budget="0",
        graphql_max_query_cost="1000000",
        log_level="WARNING",
    ) as started:
        yield started


async def test_graphql_in_production_matches_the_committed_schema(
    server: LiveServer, engine: AsyncEngine, tmp_path: Path, record_property: Any
) -> None:
    async with AsyncSession(engine) as session, session.begin():
        await ensure_organisation(session, "schemathesis")
        key = (
            await create_key(session, "schemathesis", ["content:read", "recommend"], "schemathesis")
        ).key
    har = tmp_path / "graphql.har"
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "--config-file",
        str(HERE / "schemathesis.toml"),
        "--no-color",
        "run",
        "openapi/schema.graphql",
        "--url",
        f"{server.base_url}/graphql",
        "--header",
        f"Authorization: Bearer {key}",
        "--max-examples",
        "50",
        "--seed",
        SEED,
        "--workers",
        "2",
        "--output-truncate",
        "true",
        "--report",
        "har",
        "--report-har-path",
        str(har),
    ]
    environment = os.environ | {"SCHEMATHESIS_HOOKS": "tests.graphql.schemathesis_hooks"}
    done = await asyncio.to_thread(
        subprocess.run,
        command,
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = done.stdout + done.stderr
    found = re.search(r"(\d+) passed.*", output)
    record_property("schemathesis_graphql_production", found.group(0) if found else "")
    print(f"\nschemathesis GraphQL, production: {found.group(0) if found else 'no summary'}")
    assert done.returncode == 0, output[-20000:]
    assert "19 passed" in output and "failed" not in output
    entries = json.loads(har.read_text())["log"]["entries"]
    assert len(entries) > 200
    for entry in entries:
        assert entry["response"]["status"] < 500, entry
        body = json.loads(entry["response"]["content"].get("text") or "{}")
        assert "cost" in (body.get("extensions") or {}), entry  # every answer says its cost
        for error in body.get("errors") or []:
            assert error["extensions"]["code"] != "INTERNAL_SERVER_ERROR", error
