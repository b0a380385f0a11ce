"""CPU per never-seen recommendation across many organisations, in-process:
`python -m bench.tenants_cpu [organisations] [requests]`.

Each organisation has a published policy of its own (random weights, one or two variants not
offered, a context default; seeded, so every run draws the same policies). Never-seen situations
(bench/situations.py) go round-robin across the organisations through what both doors call
(`OrganisationPolicies.scope` and `decisions.recommend`) and are encoded, timed with
`time.process_time`. The same number of never-seen situations for one organisation, in the
same run, is the comparison: the ratio is what the issue's target reads (at most 1.5).
"""

import random
import statistics
import sys
import time

import msgspec

from bench.situations import situation
from service.config import get_settings
from service.domain.bundle import StoredBundle, read_files
from service.domain.content import build_snapshot
from service.domain.decisions import service as decisions
from service.domain.organisations.policy import OrganisationPolicyDocument
from service.domain.organisations.service import OrganisationPolicies, PublishedPolicy
from service.domain.recommendation import Factor
from service.domain.vocabulary import BaseApproach, Prerequisite
from service.garbage_collection import settle_after_start

FIRST_INDEX = 7_000_000


def random_document(rng: random.Random, snapshot: object) -> OrganisationPolicyDocument:
    """A policy an organisation could publish: random weights on a few factors, one or two
    variants not offered (never the last mentoring or coaching one), one context default."""
    variants = snapshot.stored.bundle.catalogue.variants  # type: ignore[attr-defined]
    weights = {f: round(rng.uniform(0.5, 2.0), 2) for f in rng.sample(list(Factor), 3)}
    left = list(variants)
    not_offered: list[str] = []
    for candidate in rng.sample(list(variants), rng.randint(1, 2)):
        rest = [v for v in left if v.slug != candidate.slug]
        approaches = {v.base_approach for v in rest}
        if {BaseApproach.MENTORING, BaseApproach.COACHING} <= approaches:
            left = rest
            not_offered.append(candidate.slug)
    default = {rng.choice(list(Prerequisite)): rng.random() < 0.5}
    return OrganisationPolicyDocument(
        weights=weights, not_offered=tuple(sorted(not_offered)), context_defaults=default
    )


def measure(organisations: int, requests: int) -> dict[str, float]:
    snapshot = build_snapshot(StoredBundle(read_files(), version=1))
    settings = get_settings()
    settle_after_start(settings.gc_young_threshold, settings.gc_middle_threshold)()
    rng = random.Random(32)
    policies = OrganisationPolicies()
    published = [
        PublishedPolicy(f"org-{i}", 1, random_document(rng, snapshot), None, None)
        for i in range(organisations)
    ]
    next_index = FIRST_INDEX

    longest = 0.0

    def run(scopes: list[object], count: int) -> float:
        nonlocal next_index, longest
        started = time.process_time()
        for i in range(count):
            body = situation(next_index)
            next_index += 1
            scope = scopes[i % len(scopes)]
            one = time.process_time()
            msgspec.json.encode(decisions.recommend(snapshot, "en", body, scope))  # type: ignore[arg-type]
            longest = max(longest, time.process_time() - one)
        return (time.process_time() - started) / count * 1e6

    one = [policies.scope(published[0])]
    many = [policies.scope(p) for p in published]
    run(one, 200)  # columns fill on first use
    rows: dict[str, list[float]] = {"one": [], "many": []}
    for _ in range(3):
        rows["one"].append(run(one, requests))
        rows["many"].append(run(many, requests))
    found = {name: statistics.median(times) for name, times in rows.items()}
    return {**found, "longest": longest * 1e6}


def main() -> None:
    organisations = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    requests = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    found = measure(organisations, requests)
    print(
        f"one organisation: {found['one']:.0f} us per never-seen recommendation; "
        f"{organisations:,} organisations round-robin: {found['many']:.0f} us "
        f"({found['many'] / found['one']:.2f}x); the longest single recommendation (what "
        f"holds the event loop): {found['longest'] / 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
