"""docs/architecture.md lists every cache of the service: a cache added without a line there
(its `BoundedCache` name, or the name of a `functools`-cached function) fails here."""

import re
from pathlib import Path

from service.config import PROJECT_ROOT

SERVICE = PROJECT_ROOT / "service"
DOC = (PROJECT_ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
# `BoundedCache("name", ...)` or `BoundedCache(f"name_{locale}", ...)`: the name up to any `{`.
BOUNDED = re.compile(r'BoundedCache\(\s*f?"([a-z_]+)(\{)?')
CACHED = re.compile(r"@(?:functools\.)?(?:lru_cache|cache)\b[^\n]*\n(?:@[^\n]*\n)*def (\w+)")
LIMITERS = re.compile(r'LocalRateLimiter\(\s*"([a-z_]+)"')


def _sources() -> list[Path]:
    return [p for p in SERVICE.rglob("*.py") if p.name != "cache.py"]


def test_every_bounded_cache_is_listed() -> None:
    missing = []
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        for name, templated in BOUNDED.findall(text):
            shown = f"`{name}<locale>`" if templated else f"`{name}`"
            if shown not in DOC:
                missing.append((str(path.relative_to(PROJECT_ROOT)), shown))
        for name in LIMITERS.findall(text):
            if f"`{name}`" not in DOC:
                missing.append((str(path.relative_to(PROJECT_ROOT)), name))
    assert missing == []


def test_every_functools_cache_is_listed() -> None:
    missing = [
        (str(path.relative_to(PROJECT_ROOT)), name)
        for path in _sources()
        for name in CACHED.findall(path.read_text(encoding="utf-8"))
        if f"`{name}`" not in DOC
    ]
    assert missing == []
