"""The engine's fast paths give the bytes its generic paths give.

`recommend_batch_encoded` (the batch endpoint's body, breakdowns pre-encoded) must encode to the
same JSON as `recommend_batch`, and the engine's memos (described counterfactuals, plan
sentences, goal lists, deltas) must not depend on which situation filled them.
"""

from __future__ import annotations

import msgspec
import pytest

from bench.engine_cpu import varied
from service.domain.bundle import StoredBundle, read_files
from service.domain.content import Snapshot, build_snapshot
from service.domain.decisions import service as decisions
from service.domain.recommendation import InvalidSituation, parse_situation
from service.domain.recommendation.engine import ANSWERS
from service.domain.recommendation.output import (
    BatchItem,
    EncodedBatchItem,
    EncodedRankedVariant,
    EncodedRecommendation,
    RankedVariant,
    Recommendation,
)
from service.domain.recommendation.service import BatchDetail, BatchResponse, EncodedBatchResponse
from tests.unit.test_recommend_helpers import build_engine

LOCALES = ("en", "de", "es", "fr")
# Spread over the situation space: each index is a different situation (bench/situations.py).
INDEXES = range(31_000_000, 31_000_000 + 400 * 7_919, 7_919)


@pytest.fixture(scope="module")
def snapshot() -> Snapshot:
    return build_snapshot(StoredBundle(read_files(), version=1))


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("detail", list(BatchDetail))
def test_encoded_batch_is_the_same_json(
    snapshot: Snapshot, locale: str, detail: BatchDetail
) -> None:
    body = {"items": [varied(i) for i in INDEXES]}
    generic = msgspec.json.encode(decisions.recommend_batch(snapshot, locale, body, detail))
    fast = decisions.recommend_batch_encoded(snapshot, locale, body, detail)
    assert msgspec.json.encode(fast) == generic
    if detail is BatchDetail.FULL:  # the fast path was taken, not the generic one
        assert isinstance(fast, EncodedBatchResponse)
        answered = [item.result for item in fast.items if item.result is not None]
        assert answered and all(isinstance(r.ranking[0].cautions, msgspec.Raw) for r in answered)


@pytest.mark.parametrize("locale", LOCALES)
def test_encoded_single_answer_is_the_same_json(snapshot: Snapshot, locale: str) -> None:
    """Computed encoded, then as objects (which replace the cached encoded answer), then encoded
    again from the cached object answer: one JSON."""
    for i in INDEXES:
        body = varied(i)
        try:
            fast = msgspec.json.encode(decisions.recommend_encoded(snapshot, locale, body))
        except InvalidSituation:
            continue
        generic = decisions.recommend(snapshot, locale, body)
        assert isinstance(generic.ranking[0], RankedVariant)  # objects, whatever was cached
        assert fast == msgspec.json.encode(generic)
        assert msgspec.json.encode(decisions.recommend_encoded(snapshot, locale, body)) == fast


@pytest.mark.parametrize("detail", list(BatchDetail))
def test_batches_read_cached_encoded_answers_right(snapshot: Snapshot, detail: BatchDetail) -> None:
    """Batches reuse answers single requests cached, whichever kind they are."""
    bodies = [varied(i) for i in INDEXES]
    ANSWERS.clear()
    uncached = msgspec.json.encode(
        decisions.recommend_batch(snapshot, "fr", {"items": bodies}, detail)
    )
    for body in bodies:
        try:
            decisions.recommend_encoded(snapshot, "fr", body)
        except InvalidSituation:
            continue
    engine = snapshot.engine("fr")
    assert isinstance(engine.recommend_encoded(parse_situation(bodies[1])), EncodedRecommendation)
    for batch in (decisions.recommend_batch, decisions.recommend_batch_encoded):
        cached = batch(snapshot, "fr", {"items": bodies}, detail)
        assert msgspec.json.encode(cached) == uncached


@pytest.mark.parametrize(
    ("encoded", "public"),
    [
        (EncodedRankedVariant, RankedVariant),
        (EncodedRecommendation, Recommendation),
        (EncodedBatchItem, BatchItem),
        (EncodedBatchResponse, BatchResponse),
    ],
)
def test_encoded_structs_mirror_the_public_ones(encoded: type, public: type) -> None:
    """Same fields in the same order with the same defaults and tags: the same JSON."""
    assert encoded.__struct_fields__ == public.__struct_fields__
    assert encoded.__struct_defaults__ == public.__struct_defaults__
    assert encoded.__struct_config__.tag == public.__struct_config__.tag
    assert encoded.__struct_config__.omit_defaults == public.__struct_config__.omit_defaults


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
