"""Scoring: a situation's table columns summed into scores, a ranking and its reasons.

Scores are integers in units of 1e-4 while computing: contributions are rounded once, the score
is their exact sum, so the breakdown always adds up and ties are real ties (broken by slug).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from service.domain.recommendation.input import Situation
from service.domain.recommendation.limits import SCALE
from service.domain.recommendation.output import (
    RankedScore,
    RankedVariant,
    Reason,
)
from service.domain.recommendation.policy import Factor
from service.domain.recommendation.tables import (
    STARTABLE,
    TIE,
    Column,
    Entry,
    Keys,
    Tables,
    to_float,
)

SCORES = [to_float(i) for i in range(SCALE + 1)]  # every possible score, rounded once


@dataclass(frozen=True, slots=True)
class Scored:
    """One situation scored: its keys, its columns (in factor order) and the ranking order."""

    keys: Keys
    columns: tuple[Column, ...]
    # STARTABLE if the variant can start + score * TIE + slug tie-break: ranking compares plain
    # ints, and a blocked variant (a prerequisite said unavailable) ranks below every open one.
    packed: list[int]
    order: list[int]  # variant indexes, best first

    def total(self, i: int) -> int:
        """Variant i's score in units of 1e-4."""
        return self.packed[i] % STARTABLE // TIE

    def scores(self) -> list[float]:
        """Every variant's score, in ranking order."""
        return [SCORES[self.packed[i] % STARTABLE // TIE] for i in self.order]


class Scorer:
    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        # The slug tie-break of packed keys: variants are in slug order, the lower index wins.
        variants = tables.variants
        tie_break = tuple(TIE - 1 - i for i in range(len(variants)))
        # Urgency, career stage, relationship and structure summed with the tie-break once per
        # combination of their keys (3 x 4 x 6 x 4 = 288).
        c = tables.columns
        self._fixed = {
            (u, st, r, sp): tuple(
                map(
                    sum,
                    zip(
                        c[Factor.URGENCY][u].scaled,
                        c[Factor.CAREER_STAGE][st].scaled,
                        c[Factor.RELATIONSHIP][r].scaled,
                        c[Factor.STRUCTURE][sp].scaled,
                        tie_break,
                        strict=True,
                    ),
                )
            )
            for u, st, r, sp in itertools.product(
                c[Factor.URGENCY],
                c[Factor.CAREER_STAGE],
                c[Factor.RELATIONSHIP],
                c[Factor.STRUCTURE],
            )
        }
        self._ranks = range(1, len(variants) + 1)
        self._slugs = [v.slug for v in variants]
        self._names = [v.name for v in variants]
        self._approaches = [v.base_approach for v in variants]

    def score(self, situation: Situation) -> Scored:
        t = self.tables
        k = t.keys(situation)
        table = t.columns
        goals = t.column_of(Factor.GOALS, k.goals)
        horizon = t.column_of(Factor.HORIZON, k.horizon)
        time = t.column_of(Factor.TIME, (situation.hours_per_week, situation.minutes_per_session))
        context = table[Factor.CONTEXT][k.context]
        fixed = self._fixed[k.urgent, k.stage, k.relationship, k.structure]
        scaled = (goals.scaled, horizon.scaled, time.scaled, context.scaled, fixed)
        columns = (  # same order as FACTORS
            goals,
            horizon,
            table[Factor.URGENCY][k.urgent],
            table[Factor.CAREER_STAGE][k.stage],
            table[Factor.RELATIONSHIP][k.relationship],
            table[Factor.STRUCTURE][k.structure],
            time,
            context,
        )
        # Score and slug packed into one int per variant, summed in C (zip, map, sum): ranking
        # and the counterfactual compare plain ints. The four factors with few keys come summed.
        packed = list(map(sum, zip(*scaled, strict=True)))
        order = sorted(range(len(packed)), key=packed.__getitem__, reverse=True)
        return Scored(k, columns, packed, order)

    def ranking(self, scored: Scored) -> tuple[RankedVariant, ...]:
        """Every variant in ranking order, each field's values taken in C (map) from tables in
        variant order."""
        # Transposing columns into per-variant tuples runs in C (zip).
        breakdowns = list(zip(*[c.items for c in scored.columns], strict=True))
        rows = list(zip(*[c.entries for c in scored.columns], strict=True))
        ranked = scored.order
        return tuple(
            map(
                RankedVariant,
                self._ranks,
                map(self._slugs.__getitem__, ranked),
                map(self._names.__getitem__, ranked),
                map(self._approaches.__getitem__, ranked),
                scored.scores(),
                map(breakdowns.__getitem__, ranked),
                # One pass over eight entries per variant: cheaper than any cache lookup.
                map(pick_reasons, map(rows.__getitem__, ranked)),
                map(self.tables.cautions[scored.keys.context].__getitem__, ranked),
            )
        )

    def scores_ranking(self, scored: Scored) -> tuple[RankedScore, ...]:
        """The ranking without explanations (summary detail), built in C (map)."""
        slugs = map(self._slugs.__getitem__, scored.order)
        return tuple(map(RankedScore, self._ranks, slugs, scored.scores()))


def pick_reasons(row: tuple[Entry, ...]) -> tuple[Reason, ...]:
    """Up to two factors that drive the fit most, then the one that costs it most.
    One pass instead of sorting: this runs for every variant of every situation."""
    first: Entry | None = None
    second: Entry | None = None
    worst: Entry | None = None
    for e in row:
        if e.match is not None:
            if first is None or e.contribution > first.contribution:
                first, second = e, first
            elif second is None or e.contribution > second.contribution:
                second = e
        elif e.gap is not None and (worst is None or e.loss > worst.loss):
            worst = e
    found = [e.match for e in (first, second) if e is not None and e.match is not None]
    if worst is not None and worst.gap is not None:
        found.append(worst.gap)
    return tuple(found)
