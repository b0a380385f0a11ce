"""Realistic employee situations, each index a different one, so that a run never repeats one.

Index `i` is spread over the whole space by a multiplicative permutation (neighbouring indexes
differ in every field), then read as a mixed-radix number: one digit per field. Two indexes
below `SPACE` never give the same situation, so a benchmark that hands out index ranges without
overlap sends situations the service has never seen in the run (no cached answer is reused).
"""

import itertools
import math
from typing import Any

STAGES = ("early", "mid", "senior", "executive")
GOALS = (
    "career_navigation",
    "network_building",
    "industry_knowledge",
    "specific_skill",
    "performance_improvement",
    "behaviour_change",
    "immediate_challenge",
    "leadership_development",
    "advancement_visibility",
    "digital_fluency",
    "peer_learning",
)
# One to three goals, as a person would tick them.
GOAL_SETS = tuple(
    combination for size in (1, 2, 3) for combination in itertools.combinations(GOALS, size)
)
HORIZONS = tuple(range(2, 105))  # two weeks to two years
HOURS = tuple(h / 4 for h in range(2, 33))  # 0.5 to 8 hours a week
MINUTES = tuple(range(15, 125, 5))  # 15 minutes to two hours
RELATIONSHIPS = (
    "no_preference",
    "single_senior",
    "several_mentors",
    "peers",
    "junior_colleagues",
    "ai_tool",
)
STRUCTURES = ("no_preference", "informal", "semi_structured", "structured")
CONTEXT_FLAGS = (
    "senior_learns_from_juniors",
    "sponsors_available",
    "peers_available",
    "coach_budget",
    "ai_acceptable",
)

_RADICES = (
    len(STAGES),
    len(GOAL_SETS),
    len(HORIZONS),
    len(HOURS),
    len(MINUTES),
    2,  # urgent
    len(RELATIONSHIPS),
    len(STRUCTURES),
    2 ** len(CONTEXT_FLAGS),
)
SPACE = math.prod(_RADICES)
# Any multiplier coprime with SPACE makes i -> i * M mod SPACE a permutation; one near the
# golden ratio of SPACE spreads neighbouring indexes over every digit.
_MULTIPLIER = next(m for m in range(int(SPACE * 0.618034), SPACE) if math.gcd(m, SPACE) == 1)


def situation(index: int) -> dict[str, Any]:
    """The situation number `index` (0 <= index < SPACE), a JSON-ready dict."""
    if not 0 <= index < SPACE - 1:
        raise ValueError(f"index must be below {SPACE}")
    rest = (index + 1) * _MULTIPLIER % SPACE
    digits = []
    for radix in _RADICES:
        rest, digit = divmod(rest, radix)
        digits.append(digit)
    stage, goals, horizon, hours, minutes, urgent, relationship, structure, flags = digits
    return {
        "career_stage": STAGES[stage],
        "goals": list(GOAL_SETS[goals]),
        "horizon_weeks": HORIZONS[horizon],
        "urgent": bool(urgent),
        "hours_per_week": HOURS[hours],
        "minutes_per_session": MINUTES[minutes],
        "relationship_preference": RELATIONSHIPS[relationship],
        "structure_preference": STRUCTURES[structure],
        "context": {flag: bool(flags >> bit & 1) for bit, flag in enumerate(CONTEXT_FLAGS)},
    }


def situations(first: int, count: int) -> list[dict[str, Any]]:
    return [situation(first + i) for i in range(count)]
