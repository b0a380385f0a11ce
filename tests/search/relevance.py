"""Scoring the relevance set: top-1 and top-3 per language for a search function."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

RELEVANCE_FILE = Path(__file__).with_name("relevance.yaml")
LANGUAGES = ("en", "es", "fr", "de")


@dataclass(frozen=True)
class Case:
    query: str
    # None: the query must find nothing. Several (a question naming two approaches): any of
    # them first, and all of them in the top 3.
    first: tuple[str, ...] | None
    kind: str


@dataclass
class Report:
    language: str
    total: int = 0
    top1: int = 0
    top3: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def top1_share(self) -> float:
        return self.top1 / self.total

    @property
    def top3_share(self) -> float:
        return self.top3 / self.total

    def line(self) -> str:
        return (
            f"{self.language}: top-1 {self.top1}/{self.total} ({self.top1_share:.0%}), "
            f"top-3 {self.top3}/{self.total} ({self.top3_share:.0%})"
        )


def load_cases() -> dict[str, list[Case]]:
    raw = yaml.safe_load(RELEVANCE_FILE.read_text(encoding="utf-8"))
    return {
        language: [Case(c["q"], _expected(c["first"]), c["kind"]) for c in raw[language]]
        for language in LANGUAGES
    }


def _expected(first: str | list[str] | None) -> tuple[str, ...] | None:
    if first is None:
        return None
    return (first,) if isinstance(first, str) else tuple(first)


def evaluate(
    language: str, cases: Sequence[Case], search: Callable[[str], Sequence[str]]
) -> Report:
    """`search` returns the slugs found for a query, best first."""
    report = Report(language)
    for case in cases:
        found = list(search(case.query))
        report.total += 1
        if case.first is None:
            hit1 = hit3 = not found
        else:
            hit1 = found[:1] != [] and found[0] in case.first
            hit3 = all(slug in found[:3] for slug in case.first)
        report.top1 += hit1
        report.top3 += hit3
        if not (hit1 and hit3):
            got = ", ".join(found[:3]) or "nothing"
            want = " and ".join(case.first or ("nothing",))
            report.misses.append(f"{case.query!r} ({case.kind}): want {want}, got {got}")
    return report
