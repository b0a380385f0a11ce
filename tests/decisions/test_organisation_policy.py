"""The organisation policy's rules, on the committed content (no database)."""

import random

import pytest

from service.domain.bundle import StoredBundle, read_files
from service.domain.content import build_snapshot
from service.domain.organisations.policy import (
    InvalidOrganisationPolicy,
    OrganisationPolicyDocument,
    adjusted_policy,
    adjustment,
    check_document,
    with_context_defaults,
)
from service.domain.recommendation import Factor, parse_situation
from service.domain.recommendation.adjustment import adjusted
from service.domain.vocabulary import Prerequisite
from tests.decisions.situations import situations

SNAPSHOT = build_snapshot(StoredBundle(read_files(), 1))
SITUATION = {
    "career_stage": "senior",
    "goals": ["behaviour_change"],
    "horizon_weeks": 16,
    "hours_per_week": 2,
    "minutes_per_session": 60,
}


@pytest.mark.parametrize(
    "multipliers",
    [
        {Factor.CONTEXT: 2.0},
        {Factor.GOALS: 0.5, Factor.TIME: 2.0, Factor.URGENCY: 1.3},
        dict.fromkeys(Factor, 0.7),
    ],
)
def test_weights_are_scaled_back_to_one_in_units_of_a_ten_thousandth(
    multipliers: dict[Factor, float],
) -> None:
    policy = adjusted_policy(SNAPSHOT.policy, OrganisationPolicyDocument(weights=multipliers))
    units = [round(spec.weight * 10_000) for spec in policy.factors.values()]
    assert sum(units) == 10_000
    for factor, multiplier in multipliers.items():
        before = SNAPSHOT.policy.factors[factor].weight
        after = policy.factors[factor].weight
        assert (after > before) == (multiplier > 1) or after == before


def test_variants_not_offered_are_never_ranked_and_fewer_than_two_left_is_refused() -> None:
    every = tuple(SNAPSHOT.policy.variants)
    some = every[:3]
    engine = adjusted(
        SNAPSHOT.engine("de"), adjustment(OrganisationPolicyDocument(not_offered=some))
    )
    answer = engine.recommend(parse_situation(SITUATION))
    assert not {r.variant for r in answer.ranking} & set(some)
    assert len(answer.ranking) == len(every) - len(some)
    with pytest.raises(InvalidOrganisationPolicy):
        check_document(SNAPSHOT, OrganisationPolicyDocument(not_offered=every[1:]))
    with pytest.raises(InvalidOrganisationPolicy):
        check_document(SNAPSHOT, OrganisationPolicyDocument(not_offered=("no-such-variant",)))


def test_context_defaults_fill_only_what_was_not_said() -> None:
    document = OrganisationPolicyDocument(
        context_defaults={Prerequisite.COACH_BUDGET: False, Prerequisite.PEERS_AVAILABLE: True}
    )
    unsaid = with_context_defaults(SITUATION, document)
    said = with_context_defaults({**SITUATION, "context": {"coach_budget": True}}, document)
    assert unsaid == {**SITUATION, "context": {"coach_budget": False, "peers_available": True}}
    assert said == {**SITUATION, "context": {"coach_budget": True, "peers_available": True}}
    assert with_context_defaults([1, 2], document) == [1, 2]
    assert with_context_defaults({"context": "x"}, document) == {"context": "x"}


@pytest.mark.slow
def test_every_accepted_set_of_offered_variants_answers_every_situation() -> None:
    """Random subsets of the variants: each is refused at publication or answers all of 50
    generated situations (no request can fail on an accepted organisation policy)."""
    every = tuple(SNAPSHOT.policy.variants)
    answered = refused = 0
    for size in range(1, len(every)):
        for trial in range(3):
            keep = random.Random(trial * 100 + size).sample(every, size)
            document = OrganisationPolicyDocument(
                not_offered=tuple(v for v in every if v not in keep)
            )
            try:
                check_document(SNAPSHOT, document)
            except InvalidOrganisationPolicy:
                refused += 1
                continue
            engine = adjusted(SNAPSHOT.engine("en"), adjustment(document))
            for raw in situations(50, seed=trial):
                answer = engine.recommend(parse_situation(raw))
                assert answer.ranking[0].variant in keep
                answered += 1
    assert answered and refused
