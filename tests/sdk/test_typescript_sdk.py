"""The generated TypeScript SDK (sdk/typescript): compiled with `tsc --strict` together with
tests/sdk/live.ts, run with the project's Node against a live production server, and packed
with `npm pack`."""

import json
import tarfile
from pathlib import Path

import pytest

from tests.reliability.conftest import LiveServer
from tests.sdk.conftest import RATE_LIMIT, Keys
from tools import node_tools
from tools.sdk import ROOT

pytestmark = pytest.mark.slow
TYPESCRIPT_SDK = ROOT / "sdk" / "typescript"


def succeeded(done: object) -> str:
    assert getattr(done, "returncode", 1) == 0, f"{done.stdout}\n{done.stderr}"  # type: ignore[attr-defined]
    return str(done.stdout)  # type: ignore[attr-defined]


def test_the_sdk_works_against_the_live_server(
    sdk_server: LiveServer, keys: Keys, tmp_path: Path
) -> None:
    succeeded(
        node_tools.tool(
            "tsc", "--project", "tests/sdk/tsconfig.json", "--strict", "--outDir", str(tmp_path)
        )
    )
    done = node_tools.node(
        str(tmp_path / "tests" / "sdk" / "live.js"),
        env={
            "BASE_URL": sdk_server.base_url,
            "KEY": keys.full,
            "READ_ONLY_KEY": keys.read_only,
            "BURNER_KEY": keys.burner,
            "ADMIN_KEY": keys.admin,
            "RATE_LIMIT": str(RATE_LIMIT),
        },
        timeout=120,
    )
    summary = json.loads(succeeded(done).strip().splitlines()[-1])
    print(f"\nTypeScript SDK live run: {summary}")
    document = json.loads((ROOT / "openapi" / "openapi.json").read_text())
    operations = sum(len(item) for item in document["paths"].values())
    assert summary["operations"] == operations  # every operation of the document, once
    assert summary["pages"] > 1
    assert summary | {"operations": 0, "pages": 0} == {
        "operations": 0,
        "pages": 0,
        "notModified": 304,
        "unauthorized": 401,
        "forbidden": 403,
        "notFound": 404,
        "invalid": 422,
        "rateLimited": 429,
    }


def test_npm_pack_builds_a_package_with_the_compiled_client(tmp_path: Path) -> None:
    succeeded(node_tools.tool("tsc", "--project", str(TYPESCRIPT_SDK)))
    packed = json.loads(
        node_tools.npm(
            "pack", "--json", "--pack-destination", str(tmp_path), cwd=TYPESCRIPT_SDK
        ).stdout
    )
    with tarfile.open(tmp_path / packed[0]["filename"]) as archive:
        names = set(archive.getnames())
    assert {"package/dist/index.js", "package/dist/index.d.ts", "package/README.md"} <= names
    assert "package/dist/client/sdk.gen.js" in names
