"""The relevance set through the REST API: top-1 and top-3 per language, against the target.

Every query goes to `GET /v1/terms?q=...&locale=...` as a client would send it; the figures
are printed at the end of the run (tests/search/conftest.py).
"""

import time
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from service.api.rest.docs import example_snapshot
from tests.search.conftest import FIGURES, REPORTS
from tests.search.relevance import LANGUAGES, evaluate, load_cases

Client = AsyncTestClient[Any]
TOP1_TARGET = 0.95
TOP3_TARGET = 1.0
CASES = load_cases()


@pytest.mark.parametrize("language", LANGUAGES)
async def test_relevance_per_language(client: Client, language: str) -> None:
    cases = CASES[language]
    assert len(cases) >= 40, "the relevance set needs at least 40 queries per language"
    found: dict[str, list[str]] = {}
    for case in cases:
        response = await client.get("/v1/terms", params={"q": case.query, "locale": language})
        assert response.status_code == 200, (case.query, response.text)
        assert response.headers["content-language"] == language
        found[case.query] = [item["slug"] for item in response.json()["items"]]
    report = evaluate(language, cases, lambda query: found[query])
    REPORTS.append(report)
    misses = "\n".join(report.misses)
    assert report.top1_share >= TOP1_TARGET, f"{report.line()}\n{misses}"
    assert report.top3_share >= TOP3_TARGET, f"{report.line()}\n{misses}"


def test_every_expected_term_exists() -> None:
    """A typo in the relevance file must not pass as a query that 'finds nothing'."""
    view = example_snapshot().view("en")
    slugs = {term.slug for term in view.terms}
    for language, cases in CASES.items():
        for case in cases:
            assert case.first is None or set(case.first) <= slugs, (language, case.query)
        assert any(case.first is None for case in cases), f"{language}: no 'finds nothing' case"


def test_a_query_costs_microseconds() -> None:
    """Search stays in memory and fast: the whole relevance set, per query, in the core.

    The figure is printed with the relevance report; the bound is loose (a shared 2-core
    machine) and only catches a search that went pathological (docs/search.md: ~40 us).
    """
    snapshot = example_snapshot()
    queries = [(language, case.query) for language, cases in CASES.items() for case in cases]
    started = time.perf_counter()
    rounds = 5
    for _ in range(rounds):
        for language, query in queries:
            snapshot.view(language).search_terms(query)
    per_query = (time.perf_counter() - started) / (rounds * len(queries))
    FIGURES.append(f"search in the core: {per_query * 1e6:.0f} us per query (wall clock)")
    assert per_query < 0.002, f"{per_query * 1e6:.0f} us per query"
