"""How many questions the adaptive intake asks: `python -m bench.intake_questions [people] [seed]`.

Draws people with every answer at random (1-3 goals, common horizons and times, each optional
signal uniformly, "not said" included), answers the intake's questions from them until it is
done, and prints the mean, maximum and distribution of questions asked against the full form,
how often it stops right after the required fields, and the CPU per intake call
(`time.process_time`), under the released policy and under an organisation that does not offer
three models, weighs context double and defaults the coach budget to no.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections import Counter
from typing import Any

from service.domain.bundle import StoredBundle, read_files
from service.domain.content import Snapshot, build_snapshot
from service.domain.decisions import service as decisions
from service.domain.decisions.service import IntakeDone, Scope
from service.domain.organisations.policy import (
    OrganisationPolicyDocument,
    adjustment,
    with_context_defaults,
)
from service.domain.recommendation.intake import FIELDS, REQUIRED_ORDER
from service.domain.recommendation.policy import Factor
from service.domain.recommendation.tables import CONTEXT_FIELDS
from service.domain.vocabulary import (
    CareerStage,
    Goal,
    Prerequisite,
    RelationshipPreference,
    StructurePreference,
)

STRICT = OrganisationPolicyDocument(
    weights={Factor.CONTEXT: 2.0, Factor.GOALS: 0.7},
    not_offered=("classic-coaching", "classic-mentoring", "peer-coaching"),
    context_defaults={Prerequisite.COACH_BUDGET: False},
)


def person(rng: random.Random) -> dict[str, Any]:
    return {
        "career_stage": rng.choice(list(CareerStage)).value,
        "goals": [g.value for g in rng.sample(list(Goal), rng.choice([1, 1, 2, 2, 3]))],
        "horizon_weeks": rng.choice([4, 8, 12, 26, 52, 104]),
        "hours_per_week": rng.choice([0.5, 1, 2, 4]),
        "minutes_per_session": rng.choice([15, 30, 45, 60, 90]),
        "urgent": rng.choice([True, False, None]),
        "relationship_preference": rng.choice(list(RelationshipPreference)).value,
        "structure_preference": rng.choice(list(StructurePreference)).value,
        "context": {flag: rng.choice([True, False, None]) for flag in CONTEXT_FIELDS},
    }


def run(snapshot: Snapshot, scope: Scope | None, people: int, seed: int) -> None:
    rng = random.Random(seed)
    asked: list[int] = []
    cpu: list[float] = []
    for _ in range(people):
        someone, body, count = person(rng), dict[str, Any](), 0
        while True:
            start = time.process_time()
            found = decisions.intake(snapshot, "en", body, scope)
            cpu.append(time.process_time() - start)
            if isinstance(found, IntakeDone):
                break
            field, count = found.question.field, count + 1
            if field.startswith("context."):
                flag = field.removeprefix("context.")
                body.setdefault("context", {})[flag] = someone["context"][flag]
            else:
                body[field] = someone[field]
        asked.append(count)
    early = sum(n == len(REQUIRED_ORDER) for n in asked)
    cpu.sort()
    print(f"  {people} people: {statistics.mean(asked):.2f} questions on average, at most "
          f"{max(asked)}, against the full form's {len(FIELDS)}; stopped right after the "
          f"required fields: {early} ({100 * early / people:.1f} %)")  # fmt: skip
    print(f"  distribution: {dict(sorted(Counter(asked).items()))}")
    print(f"  CPU per call: median {cpu[len(cpu) // 2] * 1e3:.3f} ms, p99 "
          f"{cpu[int(len(cpu) * 0.99)] * 1e3:.3f} ms over {len(cpu)} calls")  # fmt: skip


def main() -> None:
    people = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    snapshot = build_snapshot(StoredBundle(read_files(), 1))
    strict = Scope(
        "strict",
        1,
        adjustment(STRICT),
        lambda raw: with_context_defaults(raw, STRICT),
        tuple(sorted(STRICT.not_offered)),
    )
    for name, scope in (("released policy", None), ("strict organisation", strict)):
        print(name)
        run(snapshot, scope, people, seed)


if __name__ == "__main__":
    main()
