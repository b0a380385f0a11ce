"""The committed SDKs are what `make sdk` writes from the committed OpenAPI document, and the
Python one builds into an installable wheel."""

import subprocess
import zipfile
from pathlib import Path

import pytest

from service.config import PROJECT_ROOT
from tools import sdk

pytestmark = pytest.mark.slow


def test_the_sdks_match_a_fresh_generation(capsys: pytest.CaptureFixture[str]) -> None:
    assert sdk.main(["--check"]) == 0, capsys.readouterr().out


def test_the_python_sdk_builds_a_wheel(tmp_path: Path) -> None:
    uv = PROJECT_ROOT / ".tools" / "bin" / "uv"
    done = subprocess.run(
        [
            str(uv),
            "build",
            "--wheel",
            "--out-dir",
            str(tmp_path),
            str(PROJECT_ROOT / "sdk" / "python"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    (wheel,) = tmp_path.glob("mentoring_coaching_client-1.0.0-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert "mentoring_coaching_client/api/content/get_term.py" in names
