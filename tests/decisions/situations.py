"""Generated situations: seeded, so every run replays the same thousand."""

import random
from typing import Any

from service.domain.recommendation.limits import HORIZON_WEEKS, HOURS_PER_WEEK, MINUTES_PER_SESSION
from service.domain.vocabulary import (
    CareerStage,
    Goal,
    Prerequisite,
    RelationshipPreference,
    StructurePreference,
)

LOCALES = ("en", "es", "fr", "de")


def situations(count: int, seed: int = 17) -> list[dict[str, Any]]:
    """`count` valid situations spread over every field, some with fields left out."""
    rng = random.Random(seed)
    out: list[dict[str, Any]] = []
    for _ in range(count):
        body: dict[str, Any] = {
            "career_stage": rng.choice(list(CareerStage)).value,
            "goals": [g.value for g in rng.sample(list(Goal), rng.randint(1, 3))],
            "horizon_weeks": rng.randint(*HORIZON_WEEKS),
            "hours_per_week": round(rng.uniform(*HOURS_PER_WEEK), 1),
            "minutes_per_session": rng.randint(*MINUTES_PER_SESSION),
        }
        if rng.random() < 0.6:
            body["urgent"] = rng.random() < 0.5
        if rng.random() < 0.6:
            body["relationship_preference"] = rng.choice(list(RelationshipPreference)).value
        if rng.random() < 0.6:
            body["structure_preference"] = rng.choice(list(StructurePreference)).value
        if rng.random() < 0.7:
            said = rng.sample(list(Prerequisite), rng.randint(0, len(Prerequisite)))
            body["context"] = {p.value: rng.random() < 0.5 for p in said}
        out.append(body)
    return out
