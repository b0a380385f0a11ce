"""The counterfactual: the cheapest single-field change that would put another variant first.

A change moves one factor, so its effect on every score is that factor's new column minus its
current one: the search re-adds one column per candidate instead of re-scoring.
"""

from __future__ import annotations

import math
import operator

from service.domain.recommendation.input import Situation
from service.domain.recommendation.limits import HOURS_PER_WEEK, MINUTES_PER_SESSION
from service.domain.recommendation.output import Counterfactual, Scalar
from service.domain.recommendation.policy import Factor
from service.domain.recommendation.scoring import Scored
from service.domain.recommendation.tables import (
    CONTEXT_FIELDS,
    FACTOR_POSITION,
    TIE,
    Keys,
    Tables,
    VariantTables,
)
from service.domain.vocabulary import Prerequisite, RelationshipPreference, StructurePreference

# A single-field change the search may suggest:
# (cost, order, field, current value, suggested value, factor it moves, new table key).
# Tuples sort by cost, then by a stable field order, with no further ties.
Candidate = tuple[float, int, str, Scalar, Scalar, Factor, object]


class CounterfactualSearch:
    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        variants = tables.variants
        # Steps for time: the smallest values that meet some variant's need.
        self._hour_steps = sorted(
            {
                need
                for v in variants
                if (need := math.ceil(v.weekly_need * 4) / 4) <= HOURS_PER_WEEK[1]
            }
        )
        self._minute_steps = sorted(
            {v.min_session for v in variants if v.min_session <= MINUTES_PER_SESSION[1]}
        )

    def find(self, s: Situation, scored: Scored) -> Counterfactual | None:
        order, packed = scored.order, scored.packed
        if len(order) < 2:
            return None
        t = self.tables
        top = order[0]
        gap = (packed[top] - packed[order[1]]) // TIE
        for candidate in self._candidates(s, scored.keys):
            factor = candidate[5]
            # One factor moves at most its weight up for a rival and down for the leader.
            if gap > 2 * t.weights[factor]:
                continue
            current = scored.columns[FACTOR_POSITION[factor]].scaled
            new = t.column_of(factor, candidate[6]).scaled
            trial = list(map(operator.sub, map(operator.add, packed, new), current))  # C speed
            best = max(trial)
            if best != trial[top]:
                return self._describe(candidate, t.variants[TIE - 1 - best % TIE])
        return None

    def _candidates(self, s: Situation, k: Keys) -> list[Candidate]:
        """Single-field changes to what a person or organisation can change, cheapest first.
        Cost: numbers by doublings (|log2(new/old)|), categories and switches 1 each."""
        found = _switches(k.urgent, k.relationship, k.structure, k.context)
        h = s.horizon_weeks
        bounds = self.tables.bands
        for band in range(len(bounds) + 1):
            if band != k.band:
                week = bounds[band - 1] + 1 if band > k.band else bounds[band]
                found.append(
                    (abs(math.log2(week / h)), 0, "horizon_weeks", h, week, Factor.HORIZON, band)
                )
        # More time only: giving a model the time it needs is the actionable direction.
        hours, minutes = s.hours_per_week, s.minutes_per_session
        for need in self._hour_steps:
            if hours < need:
                cost = math.log2(need / hours)
                found.append((cost, 2, "hours_per_week", hours, need, Factor.TIME, (need, minutes)))
        for need_minutes in self._minute_steps:
            if minutes < need_minutes:
                cost = math.log2(need_minutes / minutes)
                key = (hours, need_minutes)
                found.append(
                    (cost, 3, "minutes_per_session", minutes, need_minutes, Factor.TIME, key)
                )
        found.sort()
        return found

    def _describe(self, candidate: Candidate, winner: VariantTables) -> Counterfactual:
        _, _, name, current, suggested, _, _ = candidate
        t = self.tables
        texts, labels = t.messages.counterfactual, t.messages.labels
        label = ""
        if name == "horizon_weeks":
            template = texts.horizon_up if suggested > current else texts.horizon_down  # type: ignore[operator]
        elif name == "urgent":
            template = texts.urgent_on if suggested else texts.urgent_off
        elif name == "hours_per_week":
            template = texts.hours_per_week
        elif name == "minutes_per_session":
            template = texts.minutes_per_session
        elif name == "relationship_preference":
            template = texts.relationship_preference
            label = labels.relationship_preferences[RelationshipPreference(str(suggested))]
        elif name == "structure_preference":
            template = texts.structure_preference
            label = labels.structure_preferences[StructurePreference(str(suggested))]
        else:
            template = texts.context_on if suggested else texts.context_off
            label = labels.prerequisites[Prerequisite(name.removeprefix("context."))]
        value = t.decimal(suggested) if isinstance(suggested, float) else suggested
        text = template.format(variant=winner.name, value=value, label=label)
        return Counterfactual(name, current, suggested, winner.slug, text)


def _switches(
    urgent: int,
    relationship: RelationshipPreference,
    structure: StructurePreference,
    context: int,
) -> list[Candidate]:
    """The categorical candidates (cost 1 each)."""
    found: list[Candidate] = [
        (1.0, 1, "urgent", bool(urgent), not urgent, Factor.URGENCY, 1 - urgent)
    ]
    found += [
        (1.0, 4, "relationship_preference", relationship.value, p.value, Factor.RELATIONSHIP, p)
        for p in RelationshipPreference
        if p is not relationship
    ]
    found += [
        (1.0, 5, "structure_preference", structure.value, p.value, Factor.STRUCTURE, p)
        for p in StructurePreference
        if p is not structure
    ]
    for bit, name in enumerate(CONTEXT_FIELDS):
        on = bool(context & (1 << bit))
        found.append(
            (1.0, 6 + bit, f"context.{name}", on, not on, Factor.CONTEXT, context ^ (1 << bit))
        )
    return found
