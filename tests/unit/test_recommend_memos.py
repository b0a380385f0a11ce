"""The engine's memos (described counterfactuals, plan sentences, goal lists, deltas) must not
depend on which situation filled them."""

from __future__ import annotations

import msgspec
import pytest

from bench.engine_cpu import varied
from service.domain.recommendation import InvalidSituation, parse_situation
from tests.unit.test_recommend_helpers import build_engine

LOCALES = ("en", "de", "es", "fr")
# Spread over the situation space: each index is a different situation (bench/situations.py).
INDEXES = range(31_000_000, 31_000_000 + 400 * 7_919, 7_919)


@pytest.mark.slow  # 1,600 answers computed twice
@pytest.mark.parametrize("locale", LOCALES)
def test_memos_do_not_depend_on_which_situation_filled_them(locale: str) -> None:
    """Two engines answer the same situations in opposite orders: every memo entry one of them
    reuses was filled by another situation in the other, so a memo key that misses something
    its answer depends on shows up as different bytes."""
    situations = []
    for i in INDEXES:
        try:
            situations.append(parse_situation(varied(i)))
        except InvalidSituation:
            continue
    forward, backward = build_engine(locale), build_engine(locale)
    ahead = [msgspec.json.encode(forward._recommend(s)) for s in situations]
    behind = [msgspec.json.encode(backward._recommend(s)) for s in reversed(situations)]
    assert ahead == behind[::-1]
    again = [msgspec.json.encode(forward._recommend(s)) for s in situations]  # every memo warm
    assert again == ahead
