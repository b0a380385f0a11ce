"""Prints the relevance figures of the run at the end of the session (pass or fail)."""

from typing import Any

from tests.search.relevance import Report

REPORTS: list[Report] = []
FIGURES: list[str] = []  # other measured figures, printed after the reports


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not REPORTS and not FIGURES:
        return
    terminalreporter.section("search relevance (tests/search/relevance.yaml)")
    for report in REPORTS:
        terminalreporter.write_line(report.line())
        for miss in report.misses:
            terminalreporter.write_line(f"    miss {miss}")
    for figure in FIGURES:
        terminalreporter.write_line(figure)
