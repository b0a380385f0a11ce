"""An organisation's adjustments applied at scoring time over the shared engine answer exactly
what an engine built for the organisation (adjusted policy, catalogue without the variants it
does not offer) answers: a differential test over random adjustments, locales and situations."""

import random

import msgspec
import pytest

from service.domain.bundle import StoredBundle, read_files
from service.domain.content import Snapshot, build_snapshot
from service.domain.organisations.policy import (
    InvalidOrganisationPolicy,
    OrganisationPolicyDocument,
    adjusted_policy,
    adjustment,
    check_document,
)
from service.domain.recommendation import Engine, Factor, parse_situation
from service.domain.recommendation.adjustment import VIEWS, adjusted
from service.domain.recommendation.service import BatchDetail, recommend_batch
from service.domain.vocabulary import BaseApproach
from tests.decisions.situations import LOCALES, situations

SNAPSHOT = build_snapshot(StoredBundle(read_files(), 1))


def per_organisation_engine(
    snapshot: Snapshot, document: OrganisationPolicyDocument, locale: str
) -> Engine:
    """The reference: what the service built per organisation before (the adjusted policy and
    catalogue, a whole engine of its own)."""
    offered = set(snapshot.policy.variants) - set(document.not_offered)
    policy = adjusted_policy(snapshot.policy, document)
    policy = msgspec.structs.replace(
        policy, variants={slug: p for slug, p in policy.variants.items() if slug in offered}
    )
    bundle = snapshot.stored.bundle
    catalogue = msgspec.structs.replace(
        bundle.catalogue, variants=tuple(v for v in bundle.catalogue.variants if v.slug in offered)
    )
    engine = snapshot.engine(locale)
    return Engine(policy, catalogue, bundle.locales[locale], engine.messages, snapshot.version)


def random_document(rng: random.Random) -> OrganisationPolicyDocument:
    variants = list(SNAPSHOT.stored.bundle.catalogue.variants)
    weights = {
        f: rng.choice([0.5, 2.0, round(rng.uniform(0.5, 2.0), 3)])
        for f in rng.sample(list(Factor), rng.randint(0, len(Factor)))
    }
    not_offered: list[str] = []
    left = variants
    for candidate in rng.sample(variants, rng.randint(0, 6)):
        rest = [v for v in left if v.slug != candidate.slug]
        if {BaseApproach.MENTORING, BaseApproach.COACHING} <= {v.base_approach for v in rest}:
            left, not_offered = rest, [*not_offered, candidate.slug]
    return OrganisationPolicyDocument(weights=weights, not_offered=tuple(not_offered))


@pytest.mark.parametrize("seed", range(8))
def test_adjusted_scoring_answers_what_an_organisations_own_engine_answered(seed: int) -> None:
    rng = random.Random(seed)
    document = random_document(rng)
    locale = LOCALES[seed % len(LOCALES)]
    reference = per_organisation_engine(SNAPSHOT, document, locale)
    shared = adjusted(SNAPSHOT.engine(locale), adjustment(document))
    bodies = situations(60, seed=seed)
    for raw in bodies:
        situation = parse_situation(raw, reference.messages)
        expected = msgspec.json.encode(reference.recommend(situation))
        assert msgspec.json.encode(shared.recommend(situation)) == expected, (document, raw)
    for detail in BatchDetail:
        batch = recommend_batch(
            SNAPSHOT, locale, {"items": bodies}, detail, adjustment=adjustment(document)
        )
        items = (
            reference.recommend_batch(bodies)
            if detail is BatchDetail.FULL
            else reference.recommend_batch_summary(bodies)
        )
        assert msgspec.json.encode(batch.items) == msgspec.json.encode(items)


def test_the_shared_engine_is_left_as_released_and_views_are_kept_per_adjustment() -> None:
    """An adjusted answer never leaks into the released engine's answers, nor into another
    adjustment's, for the same situation."""
    raw = situations(1, seed=99)[0]
    engine = SNAPSHOT.engine("en")
    situation = parse_situation(raw, engine.messages)
    released = msgspec.json.encode(engine.recommend(situation))
    documents = [
        OrganisationPolicyDocument(weights={Factor.GOALS: 2.0}),
        OrganisationPolicyDocument(weights={Factor.GOALS: 0.5, Factor.TIME: 2.0}),
    ]
    answers = [
        msgspec.json.encode(adjusted(engine, adjustment(d)).recommend(situation)) for d in documents
    ]
    assert answers[0] != answers[1]
    assert msgspec.json.encode(engine.recommend(situation)) == released
    for document, answer in zip(documents, answers, strict=True):
        expected = per_organisation_engine(SNAPSHOT, document, "en").recommend(situation)
        assert answer == msgspec.json.encode(expected)
    assert adjusted(engine, None) is engine
    assert adjusted(engine, adjustment(documents[0])) is adjusted(engine, adjustment(documents[0]))
    assert len(VIEWS) >= 2


def test_a_document_that_leaves_no_mentoring_or_no_coaching_is_refused_without_an_engine() -> None:
    every = tuple(SNAPSHOT.policy.variants)
    with pytest.raises(InvalidOrganisationPolicy):
        check_document(SNAPSHOT, OrganisationPolicyDocument(not_offered=every[1:]))
    with pytest.raises(InvalidOrganisationPolicy):
        check_document(SNAPSHOT, OrganisationPolicyDocument(not_offered=("no-such-variant",)))
    with pytest.raises(InvalidOrganisationPolicy):
        adjusted(SNAPSHOT.engine("en"), adjustment(OrganisationPolicyDocument(not_offered=every)))
