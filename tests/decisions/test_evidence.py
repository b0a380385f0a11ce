"""The policy card's evaluation evidence: measured here, committed in content/card/evidence.json.

The test measures the scenario and consistency checks on 1,000 generated situations in every
locale, and the results by group (the first choice per career stage and per language, and how
often the career stage alone changes it), and compares the figures with the committed file, so
the card never shows figures the suite did not produce. After a policy or engine change,
regenerate and commit:

    UPDATE_EVIDENCE=1 .venv/bin/python -m pytest -q tests/decisions/test_evidence.py
"""

import os
from collections import Counter

import msgspec
import pytest

from service.domain.bundle import StoredBundle, read_files
from service.domain.content import Snapshot, build_snapshot
from service.domain.decisions.archive import archived_document
from service.domain.decisions.card import EVIDENCE_FILE, Check, Evidence, read_evidence
from service.domain.decisions.history import bundle_from_document
from service.domain.recommendation import Recommendation, Situation, parse_situation
from service.domain.vocabulary import CareerStage
from tests.decisions.situations import LOCALES, situations
from tests.unit.test_recommend_helpers import BASE, apply_change
from tests.unit.test_recommend_scenarios import SCENARIOS

pytestmark = [pytest.mark.slow]

SITUATIONS = 1000
GENERATED_BY = "tests/decisions/test_evidence.py"


def _through_archive(stored: StoredBundle) -> StoredBundle:
    """The bundle as the release archive gives it back (JSON in PostgreSQL's JSONB)."""
    document = msgspec.json.decode(msgspec.json.encode(archived_document(stored.bundle)))
    policy = msgspec.json.decode(msgspec.json.encode(stored.bundle.policy))
    return StoredBundle(bundle_from_document(document, policy, stored.bundle.checksum), 1)


def _adds_up(answer: Recommendation) -> bool:
    return all(
        round(sum(item.contribution for item in ranked.breakdown), 4) == ranked.score
        for ranked in answer.ranking
    )


def measure() -> Evidence:
    stored = StoredBundle(read_files(), 1)
    first, second = build_snapshot(stored), build_snapshot(stored)
    archived = build_snapshot(_through_archive(stored))
    counts: dict[str, Counter[str]] = {}

    def count(check: str, passed: bool) -> None:
        counts.setdefault(check, Counter())["passed"] += passed
        counts[check]["total"] += 1

    def answers(snapshot: Snapshot, s: Situation) -> dict[str, Recommendation]:
        return {code: snapshot.engine(code).recommend(s) for code in LOCALES}

    for name, _, fields in SCENARIOS:
        s = parse_situation({**BASE, **fields})
        count("source_scenarios", first.engine("en").recommend(s).ranking[0].variant == name)

    primaries: Counter[str] = Counter()
    by_stage: dict[str, Counter[str]] = {stage.value: Counter() for stage in CareerStage}
    by_locale: dict[str, Counter[str]] = {code: Counter() for code in LOCALES}
    stage_changes = Counter[str]()
    for raw in situations(SITUATIONS):
        s = parse_situation(raw)
        ones, twos, kept = answers(first, s), answers(second, s), answers(archived, s)
        for code in LOCALES:
            same = msgspec.json.encode(ones[code]) == msgspec.json.encode(twos[code])
            count("same_bytes", same)
            count("breakdowns_add_up", _adds_up(ones[code]))
            count(
                "archive_round_trip",
                msgspec.json.encode(ones[code]) == msgspec.json.encode(kept[code]),
            )
        rankings = {tuple(r.variant for r in answer.ranking) for answer in ones.values()}
        count("locales_agree", len(rankings) == 1)
        english = ones["en"]
        primaries[english.primary.approach.value] += 1
        by_stage[s.career_stage.value][english.primary.approach.value] += 1
        for code in LOCALES:
            by_locale[code][ones[code].primary.approach.value] += 1
        # The same situation at every other career stage: does the first variant change?
        others = {
            first.engine("en")
            .recommend(msgspec.structs.replace(s, career_stage=stage))
            .primary.variant
            for stage in CareerStage
        }
        stage_changes["passed"] += len(others) > 1
        stage_changes["total"] += 1
        hint = english.counterfactual
        if hint is not None:
            changed = first.engine("en").recommend(apply_change(s, hint.field, hint.suggested))
            count("counterfactuals_hold", changed.ranking[0].variant == hint.would_rank_first)
    checks = {
        name: Check(passed=figures["passed"], total=figures["total"])
        for name, figures in counts.items()
    }
    return Evidence(
        policy_version=stored.bundle.policy_version,
        generated_by=GENERATED_BY,
        situations=SITUATIONS,
        checks=checks,
        primary_share=dict(sorted(primaries.items())),
        locales=LOCALES,
        stage_changes_first=Check(stage_changes["passed"], stage_changes["total"]),
        primary_share_by_stage={k: dict(sorted(v.items())) for k, v in by_stage.items()},
        primary_share_by_locale={k: dict(sorted(v.items())) for k, v in by_locale.items()},
    )


def test_the_committed_evidence_is_what_the_suite_measures() -> None:
    measured = measure()
    if os.environ.get("UPDATE_EVIDENCE"):
        EVIDENCE_FILE.write_bytes(msgspec.json.format(msgspec.json.encode(measured)) + b"\n")
    assert read_evidence() == measured, (
        "content/card/evidence.json is stale: regenerate it with "
        "UPDATE_EVIDENCE=1 .venv/bin/python -m pytest -q tests/decisions/test_evidence.py"
    )
    # The checks are invariants: a failing one is a defect, not a figure to publish.
    failing = {name: c for name, c in measured.checks.items() if c.passed != c.total}
    assert not failing
    assert measured.checks["counterfactuals_hold"].total > SITUATIONS // 4
