"""Properties of the engine that hold for every valid situation (hypothesis)."""

from __future__ import annotations

from functools import lru_cache

import msgspec
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

from service.domain.content_files import CONTENT_DIR, Catalogue, CatalogueVariant
from service.domain.recommendation import Situation, SituationContext, parse_situation
from service.domain.vocabulary import (
    BaseApproach,
    CareerStage,
    Goal,
    RelationshipPreference,
    StructurePreference,
)
from tests.unit.test_recommend_helpers import apply_change, engine, second_engine

contexts = st.builds(
    SituationContext,
    senior_learns_from_juniors=st.none() | st.booleans(),
    sponsors_available=st.none() | st.booleans(),
    peers_available=st.none() | st.booleans(),
    coach_budget=st.none() | st.booleans(),
    ai_acceptable=st.none() | st.booleans(),
)
situations = st.builds(
    Situation,
    career_stage=st.sampled_from(CareerStage),
    goals=st.lists(st.sampled_from(Goal), min_size=1, max_size=11, unique=True).map(tuple),
    horizon_weeks=st.integers(1, 520),
    hours_per_week=st.floats(0.05, 40),
    minutes_per_session=st.integers(5, 480),
    urgent=st.none() | st.booleans(),
    relationship_preference=st.sampled_from(RelationshipPreference),
    structure_preference=st.sampled_from(StructurePreference),
    context=contexts,
)
FAST = settings(max_examples=200, deadline=None)


@FAST
@given(situations)
def test_same_input_same_bytes(s: Situation) -> None:
    first = engine().recommend(s)
    # A second engine computes the answer again from a round-tripped situation: the engine
    # caches answers, so asking the first engine twice would compare one object with itself.
    again = second_engine().recommend(msgspec.json.decode(msgspec.json.encode(s), type=Situation))
    assert again is not first
    assert msgspec.json.encode(first) == msgspec.json.encode(again)


def blocked(s: Situation, variant: str) -> bool:
    """A prerequisite of the variant was said to be unavailable."""
    return any(getattr(s.context, p.value) is False for p in _records()[variant].prerequisites)


@lru_cache(maxsize=1)
def _records() -> dict[str, CatalogueVariant]:
    catalogue = msgspec.yaml.decode((CONTENT_DIR / "catalogue.yaml").read_bytes(), type=Catalogue)
    return {v.slug: v for v in catalogue.variants}


@FAST
@given(situations)
def test_scores_in_unit_interval_breakdowns_add_up_and_order_is_stable(s: Situation) -> None:
    result = engine().recommend(s)
    assert len(result.ranking) == 12
    previous = None
    for position, ranked in enumerate(result.ranking, start=1):
        assert ranked.rank == position
        assert 0.0 <= ranked.score <= 1.0
        assert round(sum(b.contribution for b in ranked.breakdown), 4) == ranked.score
        for b in ranked.breakdown:
            assert 0.0 <= b.fit <= 1.0
            assert abs(b.weight * b.fit - b.contribution) <= 0.00005 + 1e-12
        # Variants that can start first, then by score, ties broken by slug.
        key = (blocked(s, ranked.variant), -ranked.score, ranked.variant)
        assert previous is None or previous < key
        previous = key
    assert round(sum(b.weight for b in result.ranking[0].breakdown), 4) == 1.0


@FAST
@given(situations)
def test_counterfactual_change_puts_the_named_variant_first(s: Situation) -> None:
    result = engine().recommend(s)
    hint = result.counterfactual
    if hint is None:
        return
    changed = apply_change(s, hint.field, hint.suggested)
    assert engine().recommend(changed).ranking[0].variant == hint.would_rank_first
    assert hint.would_rank_first != result.ranking[0].variant


def _family_gaps(s: Situation) -> list[float]:
    ranking = sorted(engine().recommend(s).ranking, key=lambda r: r.variant)
    mentoring = [r.score for r in ranking if r.base_approach is BaseApproach.MENTORING]
    coaching = [r.score for r in ranking if r.base_approach is BaseApproach.COACHING]
    return [m - c for m in mentoring for c in coaching]


@FAST
@given(situations, st.integers(1, 520), st.integers(1, 520))
def test_longer_horizon_never_lowers_mentoring_against_coaching(
    s: Situation, a: int, b: int
) -> None:
    shorter, longer = sorted((a, b))
    before = _family_gaps(msgspec.structs.replace(s, horizon_weeks=shorter))
    after = _family_gaps(msgspec.structs.replace(s, horizon_weeks=longer))
    # Every mentoring variant gains (or keeps) ground on every coaching variant.
    assert all(y >= x - 1e-9 for x, y in zip(before, after, strict=True))


@FAST
@given(situations)
def test_urgency_never_lowers_just_in_time_coaching(s: Situation) -> None:
    def standing(urgent: bool) -> tuple[float, int]:
        ranking = engine().recommend(msgspec.structs.replace(s, urgent=urgent)).ranking
        jit = next(r for r in ranking if r.variant == "just-in-time-coaching")
        return jit.score, jit.rank

    calm_score, calm_rank = standing(False)
    urgent_score, urgent_rank = standing(True)
    assert urgent_score >= calm_score
    assert urgent_rank <= calm_rank


def _situations_for(record: CatalogueVariant) -> st.SearchStrategy[Situation]:
    """Situations drawn around one variant's catalogue record: its stages, goals and duration,
    its prerequisites available, free choice of everything else."""
    duration = record.duration_weeks
    policy = engine().policy
    return st.builds(
        Situation,
        career_stage=st.sampled_from(record.career_stages),
        goals=st.lists(st.sampled_from(record.goals), min_size=1, unique=True).map(tuple),
        horizon_weeks=st.integers(duration.min, duration.max),
        hours_per_week=st.floats(0.05, 40),
        minutes_per_session=st.integers(5, 480),
        urgent=st.none() | st.booleans(),
        relationship_preference=st.sampled_from(
            [
                p
                for p, row in policy.relationship_fit.items()
                if row[record.relationship_shape] >= 0.7
            ]
        ),
        structure_preference=st.sampled_from(
            [p for p, row in policy.structure_fit.items() if row[record.formality] >= 0.7]
        ),
        context=st.builds(
            SituationContext, **{p.value: st.just(True) for p in record.prerequisites}
        ),
    )


def test_every_variant_ranks_first_for_some_valid_situation() -> None:
    catalogue = msgspec.yaml.decode((CONTENT_DIR / "catalogue.yaml").read_bytes(), type=Catalogue)
    for record in catalogue.variants:
        found = find(
            _situations_for(record),
            lambda s, slug=record.slug: engine().recommend(s).ranking[0].variant == slug,
            settings=settings(
                max_examples=2000, database=None, deadline=None, phases=[Phase.generate]
            ),
        )
        assert parse_situation(msgspec.to_builtins(found)) == found  # it is a valid situation
