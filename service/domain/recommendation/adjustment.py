"""An organisation's adjustments applied at scoring time, over the one shared engine.

An organisation may weigh the factors differently (a multiplier per factor, the weights then
scaled back to a sum of 1) and not offer some variants. Neither changes a fit, a reason's words
or a caution: only each factor's contribution (weight x fit, rounded once) and which variants
compete. So no engine is built per organisation: `adjusted(engine, adjustment)` is a view of
the locale's engine that shares every table, every worded text and every text cache, and
differs in two things only:

- its variants are the offered ones, in slug order (positions in the view; each keeps the
  engine's `index`, which keys the shared text caches);
- a column's packed scores are re-weighted when a situation reads it (one integer per variant),
  and a breakdown's entries only when an answer shows them.

A view costs tens of microseconds to make and fills its own small columns as it is used; views
are kept per (engine, adjustment) in a bounded cache, and one whose entry is gone is simply made
again. `tests/unit/test_adjustment.py` checks, for random adjustments, that a view answers
exactly what an engine built from the adjusted policy and catalogue answers.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, TypeVar, cast

from service.cache import BoundedCache
from service.domain.recommendation.engine import Engine
from service.domain.recommendation.limits import SCALE
from service.domain.recommendation.output import BreakdownItem, Caution, RankedVariant
from service.domain.recommendation.policy import Factor, RecommendationPolicy
from service.domain.recommendation.scoring import SCORES, Scored, Scorer
from service.domain.recommendation.tables import (
    FACTORS,
    TIE,
    Column,
    Entry,
    Tables,
)
from service.domain.vocabulary import BaseApproach

# Views kept: one per (engine, adjustment) in use; a view keeps only its columns of few keys
# (urgency, stage, preferences: 17; context: at most 243), tens of kilobytes in practice.
MAX_VIEWS = 1024
VIEW_BYTES = 64 * 1024
# Factors whose keys are many (goal sets, weeks, free-form times): their re-weighed columns are
# not kept by a view (the engine keeps the columns they come from).
_FREE_KEYS = (Factor.GOALS, Factor.HORIZON, Factor.TIME)
BLOCKED_LOSS = SCALE + 1  # Tables._entry's loss of a variant a prerequisite said unavailable

Key = TypeVar("Key")
Value = TypeVar("Value")


class InvalidAdjustment(ValueError):
    """An adjustment no recommendation can be made under."""


@dataclass(frozen=True, slots=True)
class Adjustment:
    """What an organisation changes in scoring: multipliers per factor (sorted by factor) and
    the variants it does not offer. Hashable: it keys the kept views and answers."""

    multipliers: tuple[tuple[Factor, float], ...] = ()
    not_offered: frozenset[str] = frozenset()

    @classmethod
    def of(
        cls, multipliers: Mapping[Factor, float], not_offered: Iterable[str]
    ) -> Adjustment | None:
        """None when it changes nothing (the engine answers as released)."""
        found = cls(tuple(sorted(multipliers.items())), frozenset(not_offered))
        return None if not found.multipliers and not found.not_offered else found


def scaled_weights(
    policy: RecommendationPolicy, multipliers: Mapping[Factor, float]
) -> dict[Factor, int]:
    """The released weights times the multipliers, scaled back to a sum of 1 in units of 1e-4
    (largest remainders get the rounding units, ties by factor order)."""
    raw = {f: spec.weight * multipliers.get(f, 1.0) for f, spec in policy.factors.items()}
    total = sum(raw.values())
    exact = {factor: value / total * SCALE for factor, value in raw.items()}
    units = {factor: int(value) for factor, value in exact.items()}
    order = sorted(exact, key=lambda f: (-(exact[f] - units[f]), FACTORS.index(f)))
    for factor in order[: SCALE - sum(units.values())]:
        units[factor] += 1
    return units


def check_offered(variants: Iterable[tuple[str, BaseApproach]], not_offered: Iterable[str]) -> None:
    """Raise InvalidAdjustment unless a mentoring and a coaching variant stay offered."""
    left = {approach for slug, approach in variants if slug not in set(not_offered)}
    if not {BaseApproach.MENTORING, BaseApproach.COACHING} <= left:
        raise InvalidAdjustment(
            "not_offered must leave at least one mentoring and one coaching variant: the "
            "ranking, the growth plan and the counterfactuals compare the two"
        )


class _PerKey(dict[Key, Value]):
    """A dict filled on first read of a key (the view's columns and per-context tuples)."""

    def __init__(self, build: Callable[[Key], Value]) -> None:
        super().__init__()
        self._build = build

    def __missing__(self, key: Key) -> Value:
        found = self[key] = self._build(key)
        return found


class AdjustedTables(Tables):
    """The engine's tables as an adjustment sees them: shares every table and text of `base`,
    holds only the offered variants and re-weights what a situation reads."""

    def __init__(self, base: Tables, weights: dict[Factor, int], offered: list[int]) -> None:
        # Not Tables.__init__: everything is shared with the engine's tables but what follows.
        self.__dict__.update(base.__dict__)
        self.base = base
        self.weights = weights
        self.variants = [base.variants[i] for i in offered]
        # Per (factor, fit): the breakdown item under this adjustment's weight.
        self._items: dict[tuple[Factor, int], BreakdownItem] = {}
        # Kept columns shown (re-weighted entries), by the kept column's id (it stays alive).
        self._shown: dict[int, Column] = {}
        self._pick = cast(Callable[[tuple[Any, ...]], tuple[Any, ...]], itemgetter(*offered))
        pick = self._pick
        self.open = _PerKey[int, tuple[bool, ...]](lambda key: pick(base.open[key]))
        self.all_open = _PerKey[int, bool](lambda key: all(self.open[key]))
        self.cautions = _PerKey[int, tuple[tuple[Caution, ...], ...]](
            lambda key: pick(base.cautions[key])
        )
        self.by_approach = {
            a: [i for i, v in enumerate(self.variants) if v.base_approach is a]
            for a in BaseApproach
        }
        self.open_by_approach = _PerKey[int, dict[BaseApproach, tuple[int, ...]]](
            lambda key: {
                a: tuple(i for i in found if self.open[key][i])
                for a, found in self.by_approach.items()
            }
        )
        self.columns = {
            factor: _PerKey(
                lambda key, f=factor: self._scored(f, base.columns[f][key])  # type: ignore[misc]
            )
            for factor in base.columns
        }

    def column_of(self, factor: Factor, key: object) -> Column:
        if factor in _FREE_KEYS:  # many keys: the engine keeps the column, re-weighed here
            return self._scored(factor, self.base.column_of(factor, key))
        return self.columns[factor][key]

    def _scored(self, factor: Factor, base: Column) -> Column:
        """The offered variants' entries of `base` as they are (their fits hold), with packed
        scores under this adjustment's weight; entries are re-weighted only when shown."""
        pick = self._pick
        entries = pick(base.entries)
        weight = self.weights[factor]
        if weight == self.base.weights[factor]:
            scaled = pick(base.scaled)
        else:
            half = SCALE // 2
            scaled = tuple([(weight * e.fit + half) // SCALE * TIE for e in entries])
            if factor is Factor.CONTEXT:  # the engine's STARTABLE of open variants stays
                bonus = [
                    s - e.contribution * TIE for s, e in zip(base.scaled, base.entries, strict=True)
                ]
                scaled = tuple(map(operator.add, scaled, pick(tuple(bonus))))
        return Column(entries, (), scaled)  # items: made only when shown

    def shown(self, factor: Factor, column: Column) -> Column:
        """`column` with its entries re-weighted and its items: what an answer's breakdown and
        reasons show."""
        weight = self.weights[factor]
        kept = factor not in _FREE_KEYS  # the view keeps the column: keep it shown too
        found = self._shown.get(id(column)) if kept else None
        if found is None:
            entries = column.entries
            if weight != self.base.weights[factor]:
                entries = tuple([self._reweighed(factor, weight, e) for e in entries])
            found = Column(entries, tuple([e.item for e in entries]), column.scaled)
            if kept:
                self._shown[id(column)] = found
        return found

    def _reweighed(self, factor: Factor, weight: int, e: Entry) -> Entry:
        """Tables._entry's arithmetic with this adjustment's weight, over the same fit."""
        contribution = (weight * e.fit + SCALE // 2) // SCALE
        item = self._items.get((factor, e.fit))
        if item is None:
            item = BreakdownItem(factor, SCORES[weight], SCORES[e.fit], SCORES[contribution])
            self._items[factor, e.fit] = item
        loss = BLOCKED_LOSS if e.loss == BLOCKED_LOSS else weight - contribution
        return Entry(contribution, e.fit, loss, item, e.match, e.gap)


class AdjustedScorer(Scorer):
    def __init__(self, tables: AdjustedTables) -> None:
        # Not Scorer.__init__: the fixed sums are made per key on first use, not all 288.
        self.tables: AdjustedTables = tables
        variants = tables.variants
        self._ranks = range(1, len(variants) + 1)
        self._slugs = [v.slug for v in variants]
        self._names = [v.name for v in variants]
        self._approaches = [v.base_approach for v in variants]
        c = tables.columns
        tie_break = tuple(TIE - 1 - i for i in range(len(variants)))

        def fixed(key: object) -> tuple[int, ...]:
            u, st, r, sp = cast(tuple[object, object, object, object], key)
            return tuple(
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

        self._fixed = _PerKey(fixed)

    def ranking(self, scored: Scored) -> tuple[RankedVariant, ...]:
        t = self.tables
        columns = tuple(t.shown(f, c) for f, c in zip(FACTORS, scored.columns, strict=True))
        return super().ranking(Scored(scored.keys, columns, scored.packed, scored.order))


def _view(engine: Engine, adjustment: Adjustment) -> Engine:
    base = engine.tables
    check_offered(((v.slug, v.base_approach) for v in base.variants), adjustment.not_offered)
    offered = [v.index for v in base.variants if v.slug not in adjustment.not_offered]
    weights = (
        scaled_weights(engine.policy, dict(adjustment.multipliers))
        if adjustment.multipliers
        else base.weights
    )
    tables = AdjustedTables(base, weights, offered)
    return engine.over(tables, AdjustedScorer(tables), (engine.key, adjustment))


VIEWS: BoundedCache[tuple[object, Adjustment], Engine] = BoundedCache(
    "recommendation_adjusted_engines",
    max_entries=MAX_VIEWS,
    max_bytes=MAX_VIEWS * VIEW_BYTES,
    sizeof=lambda _: VIEW_BYTES,
)


def adjusted(engine: Engine, adjustment: Adjustment | None) -> Engine:
    """The engine as `adjustment` sees it (the engine itself for None). Raises
    InvalidAdjustment when it leaves no mentoring or no coaching variant."""
    if adjustment is None:
        return engine
    return VIEWS.get_or_build((engine.key, adjustment), lambda: _view(engine, adjustment))
