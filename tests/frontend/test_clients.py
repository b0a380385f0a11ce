"""Front-end GraphQL clients against a live production server (granian, real keys, two
organisations): Apollo Client (plain queries, its persisted-queries link, a manifest written
by `generate-persisted-query-manifest` and registered), urql with `@urql/exchange-persisted`,
and graphql-codegen's client preset with persisted documents (generated from the production
SDL at /graphql/schema.graphql, registered, then run). The clients are installed from
tests/frontend/package-lock.json with `npm ci` and run with Node's test runner."""

import json
import re
import uuid
from collections.abc import AsyncIterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from service.domain.organisations.service import ensure_organisation
from service.security.keys import create_key
from tests.reliability.conftest import LiveServer, live_server
from tools import node_tools

pytestmark = pytest.mark.slow
FRONTEND = Path(__file__).parent
BUILD = FRONTEND / "build"
ORIGIN = "http://localhost:5173"  # the front-end's dev server, as a publishable key allows
SCALARS = {
    "PageSize": "number",
    "Cursor": "string",
    "Locale": "string",
    "SearchText": "string",
    "DateTime": "string",
    "JSON": "unknown",
}


@dataclass(frozen=True)
class Organisation:
    slug: str
    admin: str
    secret: str
    browser: str


async def organisation(engine: AsyncEngine, prefix: str) -> Organisation:
    slug = f"{prefix}-{uuid.uuid4().hex[:8]}"
    async with AsyncSession(engine) as session, session.begin():
        await ensure_organisation(session, slug)
        admin = (await create_key(session, "front-end CI", ["admin"], slug)).key
        secret = (await create_key(session, "front-end server", ["content:read"], slug)).key
        browser = (await create_key(session, "front-end page", (), slug, origins=[ORIGIN])).key
    return Organisation(slug, admin, secret, browser)


@pytest.fixture(scope="module")
async def server(database_url: str, client: Any) -> AsyncIterator[LiveServer]:
    """`client` first: its start loads the content into the run's database."""
    async with live_server(
        database_url, "service.app:app", service_env="production", log_level="WARNING"
    ) as started:
        yield started


@pytest.fixture(scope="module")
async def organisations(engine: AsyncEngine) -> tuple[Organisation, Organisation]:
    return await organisation(engine, "acme"), await organisation(engine, "globex")


def succeeded(done: Any) -> str:
    assert done.returncode == 0, f"{done.stdout[-6000:]}\n{done.stderr[-6000:]}"
    return str(done.stdout)


def tool(name: str, *args: str) -> Any:
    return node_tools.node(
        str(FRONTEND / "node_modules" / ".bin" / name), *args, cwd=FRONTEND, timeout=300
    )


@pytest.fixture(scope="module")
def compiled(server: LiveServer, organisations: tuple[Organisation, Organisation]) -> Path:
    """codegen from the production SDL, Apollo's manifest, then `tsc --strict`."""
    node_tools.ensure_installed(FRONTEND)
    BUILD.mkdir(exist_ok=True)
    acme, _ = organisations
    codegen = {
        "overwrite": True,
        "schema": [
            {
                f"{server.base_url}/graphql/schema.graphql": {
                    "headers": {"Authorization": f"Bearer {acme.secret}"}
                }
            }
        ],
        "documents": ["src/glossary.ts"],
        "generates": {
            "src/gql/": {
                "preset": "client",
                "presetConfig": {"persistedDocuments": {"hashAlgorithm": "sha256"}},
                "config": {
                    "enumsAsTypes": True,
                    "useTypeImports": True,
                    "emitLegacyCommonJSImports": False,
                    "scalars": SCALARS,
                },
            }
        },
    }
    (BUILD / "codegen.json").write_text(json.dumps(codegen))
    succeeded(tool("graphql-codegen", "--config", str(BUILD / "codegen.json")))
    succeeded(tool("generate-persisted-query-manifest"))
    succeeded(tool("tsc", "--project", str(FRONTEND / "tsconfig.json")))
    return BUILD


def run_node_tests(
    name: str, server: LiveServer, organisations: tuple[Organisation, Organisation]
) -> dict[str, int]:
    acme, globex = organisations
    done = node_tools.node(
        "--test",
        "--test-reporter=tap",
        str(BUILD / f"{name}.test.js"),
        cwd=FRONTEND,
        timeout=300,
        env={
            "BASE_URL": server.base_url,
            "ORIGIN": ORIGIN,
            "ACME": json.dumps(asdict(acme)),
            "GLOBEX": json.dumps(asdict(globex)),
            "APOLLO_MANIFEST": str(BUILD / "persisted-query-manifest.json"),
            "CODEGEN_MANIFEST": str(FRONTEND / "src" / "gql" / "persisted-documents.json"),
        },
    )
    output = succeeded(done)
    counts = {key: int(value) for key, value in re.findall(r"^# (pass|fail) (\d+)$", output, re.M)}
    print(f"\nNode {name}: {counts}")
    return counts


@pytest.mark.parametrize(("name", "tests"), [("apollo", 3), ("urql", 2), ("codegen", 1)])
def test_front_end_clients_against_production(
    name: str,
    tests: int,
    compiled: Path,
    server: LiveServer,
    organisations: tuple[Organisation, Organisation],
) -> None:
    assert run_node_tests(name, server, organisations) == {"pass": tests, "fail": 0}
