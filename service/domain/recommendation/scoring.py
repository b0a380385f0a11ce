"""Scoring: a situation's table columns summed into scores, a ranking and its reasons.

Scores are integers in units of 1e-4 while computing: contributions are rounded once, the score
is their exact sum, so the breakdown always adds up and ties are real ties (broken by slug).
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import msgspec

from service.domain.recommendation.input import Situation
from service.domain.recommendation.limits import SCALE
from service.domain.recommendation.output import (
    BreakdownItem,
    Caution,
    EncodedRankedVariant,
    RankedVariant,
    Reason,
)
from service.domain.recommendation.policy import Factor
from service.domain.recommendation.tables import TIE, Column, Entry, Keys, Tables, to_float
from service.domain.vocabulary import BaseApproach

SCORES = [to_float(i) for i in range(SCALE + 1)]  # every possible score, rounded once
Ranked = TypeVar("Ranked", RankedVariant, EncodedRankedVariant)
Breakdown = TypeVar("Breakdown", tuple[BreakdownItem, ...], msgspec.Raw)
Cautions = tuple[Caution, ...]


@dataclass(frozen=True, slots=True)
class Scored:
    """One situation scored: its keys, its columns (in factor order) and the ranking order."""

    keys: Keys
    columns: tuple[Column, ...]
    packed: list[int]  # score * TIE + slug tie-break: ranking compares plain ints
    order: list[int]  # variant indexes, best first

    def total(self, i: int) -> int:
        """Variant i's score in units of 1e-4."""
        return self.packed[i] // TIE

    def scores(self) -> list[float]:
        """Every variant's score, in ranking order."""
        return [SCORES[self.packed[i] // TIE] for i in self.order]


class Scorer:
    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        # The slug tie-break of packed keys: variants are in slug order, the lower index wins.
        self._tie_break = tuple(TIE - 1 - i for i in range(len(tables.variants)))

    def score(self, situation: Situation) -> Scored:
        t = self.tables
        k = t.keys(situation)
        table = t.columns
        columns = (  # same order as FACTORS
            t.column_of(Factor.GOALS, k.goals),
            t.column_of(Factor.HORIZON, k.horizon),
            table[Factor.URGENCY][k.urgent],
            table[Factor.CAREER_STAGE][k.stage],
            table[Factor.RELATIONSHIP][k.relationship],
            table[Factor.STRUCTURE][k.structure],
            t.column_of(Factor.TIME, (situation.hours_per_week, situation.minutes_per_session)),
            table[Factor.CONTEXT][k.context],
        )
        # Score and slug packed into one int per variant, summed in C (zip, map, sum): ranking
        # and the counterfactual compare plain ints.
        packed = list(map(sum, zip(*[c.scaled for c in columns], self._tie_break, strict=True)))
        order = sorted(range(len(packed)), key=packed.__getitem__, reverse=True)
        return Scored(k, columns, packed, order)

    def ranking(self, scored: Scored) -> tuple[RankedVariant, ...]:
        return self._ranked(scored, RankedVariant, _breakdown)

    def encoded_ranking(self, scored: Scored) -> tuple[EncodedRankedVariant, ...]:
        """`ranking` with each breakdown already JSON: the same bytes once encoded."""
        return self._ranked(scored, EncodedRankedVariant, _breakdown_json)

    def _ranked(
        self,
        scored: Scored,
        kind: Callable[
            [int, str, str, BaseApproach, float, Breakdown, tuple[Reason, ...], Cautions], Ranked
        ],
        breakdown: Callable[[tuple[Entry, ...]], Breakdown],
    ) -> tuple[Ranked, ...]:
        variants = self.tables.variants
        # Transposing columns into per-variant rows runs in C (zip).
        rows = list(zip(*[c.entries for c in scored.columns], strict=True))
        context = scored.keys.context
        ranking = []
        for rank, i in enumerate(scored.order, start=1):
            row = rows[i]
            v = variants[i]
            ranking.append(
                kind(
                    rank,
                    v.slug,
                    v.name,
                    v.base_approach,
                    SCORES[scored.total(i)],
                    breakdown(row),
                    # One pass over eight entries: cheaper than any cache lookup.
                    pick_reasons(row),
                    v.cautions[context],
                )
            )
        return tuple(ranking)


_ITEM = operator.attrgetter("item")
_ITEM_JSON = operator.attrgetter("item_json")


def _breakdown(row: tuple[Entry, ...]) -> tuple[BreakdownItem, ...]:
    return tuple(map(_ITEM, row))


def _breakdown_json(row: tuple[Entry, ...]) -> msgspec.Raw:
    """The breakdown as msgspec would encode it, from each entry's encoded item."""
    return msgspec.Raw(b"[" + b",".join(map(_ITEM_JSON, row)) + b"]")


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
