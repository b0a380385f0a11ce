"""Clients generated from openapi/openapi.json by openapi-generator (the `openapi-generator-cli`
dev dependency ships its jar; Java runs it), with its default options and its spec validation
on: the `python` client imports and lists, pages and fetches against a live production server;
the `typescript-fetch` client compiles with `tsc --strict` and does the same with Node."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from service.config import PROJECT_ROOT
from tests.reliability.conftest import LiveServer
from tests.sdk.conftest import Keys
from tools import node_tools
from tools.machine import debian_program

pytestmark = pytest.mark.slow
DOCUMENT = PROJECT_ROOT / "openapi" / "openapi.json"
GENERATOR = Path(sys.executable).parent / "openapi-generator-cli"


def generate(generator: str, into: Path, *options: str) -> None:
    debian_program("java")  # `make test-deps` installs it; missing, it says so (never a skip)
    done = subprocess.run(
        [
            str(GENERATOR),
            "generate",
            "-i",
            str(DOCUMENT),
            "-g",
            generator,
            "-o",
            str(into),
            *options,
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr[-5000:]


PYTHON_SMOKE = """
import os
import mcc_generated as api

settings = api.Configuration(host=os.environ["API_URL"], access_token=os.environ["API_KEY"])
client = api.ApiClient(settings)
content = api.ContentApi(client)
first = content.list_terms(limit=5)
second = content.list_terms(limit=5, cursor=first.next_cursor)
assert first.items and second.items and first.items[0].slug != second.items[0].slug
assert content.get_term("reverse-mentoring").slug == "reverse-mentoring"
try:
    content.get_term("no-such-term")
except api.exceptions.NotFoundException:
    print("python smoke ok")
"""

TYPESCRIPT_SMOKE = """
import { Configuration, ContentApi, ResponseError } from "./client";

async function main(): Promise<void> {
  const content = new ContentApi(
    new Configuration({ basePath: process.env.API_URL, accessToken: process.env.API_KEY }),
  );
  const first = await content.listTerms({ limit: 5 });
  const second = await content.listTerms({ limit: 5, cursor: first.nextCursor ?? undefined });
  if (!first.items.length || first.items[0].slug === second.items[0].slug) {
    throw new Error("paging");
  }
  const term = await content.getTerm({ slug: "reverse-mentoring" });
  if (term.slug !== "reverse-mentoring") throw new Error("getTerm");
  try {
    await content.getTerm({ slug: "no-such-term" });
  } catch (error: unknown) {
    if (error instanceof ResponseError && error.response.status === 404) {
      console.log("typescript smoke ok");
      return;
    }
    throw error;
  }
}

main().catch((failure: unknown) => {
  console.error(failure);
  process.exitCode = 1;
});
"""


def test_the_python_client_imports_and_runs(
    sdk_server: LiveServer, keys: Keys, tmp_path: Path
) -> None:
    generate("python", tmp_path, "--additional-properties=packageName=mcc_generated")
    (tmp_path / "smoke.py").write_text(PYTHON_SMOKE)
    done = subprocess.run(
        [sys.executable, "smoke.py"],
        cwd=tmp_path,
        env=os.environ
        | {"PYTHONPATH": str(tmp_path), "API_URL": sdk_server.base_url, "API_KEY": keys.full},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "python smoke ok" in done.stdout, done.stdout + done.stderr


def test_the_typescript_fetch_client_compiles_and_runs(
    sdk_server: LiveServer, keys: Keys, tmp_path: Path
) -> None:
    generate("typescript-fetch", tmp_path / "client")
    (tmp_path / "smoke.ts").write_text(TYPESCRIPT_SMOKE)
    types = node_tools.ensure_installed() / "@types"
    compiled = node_tools.tool(
        "tsc",
        "--strict",
        "--target",
        "ES2022",
        "--module",
        "commonjs",
        "--typeRoots",
        str(types),
        "--types",
        "node",
        "smoke.ts",
        cwd=tmp_path,
    )
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    done = node_tools.node(
        "smoke.js", cwd=tmp_path, env={"API_URL": sdk_server.base_url, "API_KEY": keys.full}
    )
    assert "typescript smoke ok" in done.stdout, done.stdout + done.stderr
