"""The worker's collector settings (service/garbage_collection.py): the served app applies the
configured thresholds, and the engine's long-lived answers are invisible to the collector."""

import gc
from collections.abc import Iterator

import pytest
from litestar.testing import AsyncTestClient

from service.app import create_app
from service.config import Settings
from service.domain.bundle import StoredBundle, read_files
from service.domain.content import build_snapshot
from service.domain.recommendation import parse_situation

SITUATION = {
    "career_stage": "mid",
    "goals": ["specific_skill", "career_navigation"],
    "horizon_weeks": 26,
    "hours_per_week": 2,
    "minutes_per_session": 60,
}


@pytest.fixture
def restored_collector() -> Iterator[None]:
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


async def test_the_served_app_applies_the_configured_thresholds(
    database_url: str, client: object, restored_collector: None
) -> None:
    settings = Settings(
        database_url=database_url,
        load_content_on_start=False,
        gc_young_threshold=12_345,
        gc_middle_threshold=7,
    )
    async with AsyncTestClient(app=create_app(settings, server=True)):
        assert gc.get_threshold()[:2] == (12_345, 7)
        assert gc.get_freeze_count() > 0  # what was alive at start is out of the collector's sight


async def test_an_app_a_test_builds_leaves_the_collector_alone(
    database_url: str, client: object, restored_collector: None
) -> None:
    before = gc.get_threshold()
    settings = Settings(database_url=database_url, load_content_on_start=False)
    async with AsyncTestClient(app=create_app(settings)):
        assert gc.get_threshold() == before


def test_engine_answers_and_situations_are_not_tracked() -> None:
    """msgspec `gc=False`: the answers the engine keeps (tens of thousands after a load) are
    immutable and hold no cycles, so a full collection need not scan them."""
    snapshot = build_snapshot(StoredBundle(read_files(), version=1))
    engine = snapshot.engine("en")
    situation = parse_situation(SITUATION, engine.messages)
    answer = engine.recommend(situation)
    assert not gc.is_tracked(situation)
    assert not gc.is_tracked(answer)
    assert not gc.is_tracked(answer.ranking[0])
    assert not gc.is_tracked(answer.primary)
