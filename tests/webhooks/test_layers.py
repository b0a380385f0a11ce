"""No arrow back up from the core: `service/domain/` never imports the webhooks. The loader
records a release; its callers (service/bootstrap.py) put the release's events into the
outbox in the same transaction."""

import ast
from pathlib import Path

from service.config import PROJECT_ROOT


def imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_the_core_does_not_import_the_webhooks() -> None:
    core = PROJECT_ROOT / "service" / "domain"
    upward = {
        str(path.relative_to(PROJECT_ROOT)): sorted(
            name for name in imported_modules(path) if name.startswith("service.webhooks")
        )
        for path in sorted(core.rglob("*.py"))
    }
    assert {path: names for path, names in upward.items() if names} == {}
