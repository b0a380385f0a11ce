"""The MCP SDK is loaded by a worker's first MCP request, not with the application: about
17 MiB of each worker's memory that a deployment without MCP clients does not pay."""

import subprocess
import sys

import pytest

from service.config import PROJECT_ROOT


@pytest.mark.slow
def test_the_application_starts_without_the_sdk() -> None:
    probe = "import sys, service.app; print([m for m in ('mcp', 'mcp_types') if m in sys.modules])"
    run = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=PROJECT_ROOT,
        env={"DATABASE_URL": "postgresql://unused@127.0.0.1/unused", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
