"""The counterfactual: the most realistic single-field change that would put another variant
first. Candidates are ranked by how large the change is for the person (COSTS below, documented
in docs/recommendation-policy.md): confirming one thing the organisation may offer first, a
little more time next, a changed preference, and only then a shorter or longer horizon (never
below half or beyond double the person's own: that would abandon their goal) or a different
urgency.

A change moves one factor, so its effect on every score is that factor's new column minus its
current one: the search re-adds one column per candidate instead of re-scoring.

A hint must be plausible: the change itself must raise the variant it names (its fit for the
changed factor rises; for a preference or a context flag, to a fit that counts as a match), not
only lower the leader, and the variant must not be one that does little for the person's goals.
"If you preferred an AI tool, Mosaic Mentoring would rank first" names a change that does
nothing for Mosaic Mentoring: such a candidate is passed over.
"""

from __future__ import annotations

import math
import operator

from service.cache import BoundedCache
from service.domain.recommendation.input import Situation
from service.domain.recommendation.limits import HOURS_PER_WEEK, MINUTES_PER_SESSION
from service.domain.recommendation.output import Counterfactual, Scalar
from service.domain.recommendation.policy import Factor
from service.domain.recommendation.scoring import Scored
from service.domain.recommendation.tables import (
    BITS,
    CONTEXT_FIELDS,
    FACTOR_POSITION,
    GOALS_POSITION,
    NOT_SAID,
    TIE,
    Keys,
    Tables,
    VariantTables,
    context_key,
    to_int,
)
from service.domain.vocabulary import Prerequisite, RelationshipPreference, StructurePreference

# A single-field change the search may suggest: (cost, order, field, current value, suggested
# value, factor it moves, its current table key, its new table key, the key its delta is kept
# under or None for time). Tuples sort by cost, then by a stable field order, then by the
# values, with no further ties.
Candidate = tuple[float, int, str, Scalar | None, Scalar, Factor, object, object, object]
# What a change does to every variant's packed ranking key, the largest change of a variant the
# change plausibly raises, and, for a preference or a context flag, the variants whose new fit is
# a match as a bit mask (-1 for the other factors: any variant it raises).
Delta = tuple[tuple[int, ...], int, int]
NO_GAIN = -(1 << 62)  # below any packed key difference: no variant the change raises

# Factors whose change a hint names only if the winner matches the new value (a preference for
# what it offers, a flag that unlocks it).
MATCHED = (Factor.RELATIONSHIP, Factor.STRUCTURE, Factor.CONTEXT)

# How large a change is for the person; smaller first.
CONTEXT_ON = 1.0  # one thing the organisation may offer (a budget, sponsors, peers, ...)
MORE_TIME = 1.0  # plus one per doubling of the time: a little more time before a lot
MAX_TIME_FACTOR = 4.0  # more than four times the time is not a realistic suggestion
PREFERENCE = 1.5  # a different relationship or structure preference
HORIZON = 2.0  # plus one per doubling; only within [horizon / 2, horizon * 2]
URGENCY = 3.0  # urgency is a fact of the situation, rarely a choice

# Described changes kept per engine, and what one costs (the Counterfactual, its sentence and
# the key, estimated): a few thousand cover the horizons and times people send.
MAX_DESCRIBED = 4_096
DESCRIBED_BYTES = 640


class CounterfactualSearch:
    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self._steps()
        self._match = to_int(tables.policy.reason_thresholds.match)
        self._gap = to_int(tables.policy.reason_thresholds.gap)

        # The categorical candidates depend on few keys (at most 3 x 6 x 4 x 243 combinations).
        self._switches: BoundedCache[tuple[object, ...], tuple[Candidate, ...]] = BoundedCache(
            f"recommendation_switches_{tables.messages.locale}",
            max_entries=20_000,
            max_bytes=32 * 1024 * 1024,
            sizeof=lambda found: 64 + 120 * len(found),
        )
        # Deltas of the categorical and horizon changes: finite keys (a change of one urgency,
        # preference or context flag, or of the horizon's band): at most about 1,300.
        self._deltas: dict[object, Delta] = {}
        self._horizon_changes: dict[int, tuple[Candidate, ...]] = {}  # per horizon: <= 520
        # Described changes: (field, current, suggested, winner) repeats across situations.
        self._described: BoundedCache[tuple[object, ...], Counterfactual] = BoundedCache(
            f"recommendation_counterfactuals_{tables.messages.locale}",
            max_entries=MAX_DESCRIBED,
            max_bytes=MAX_DESCRIBED * DESCRIBED_BYTES,
            sizeof=lambda _: DESCRIBED_BYTES,
        )

    def _steps(self) -> None:
        """Steps for time: the smallest values that meet some variant's need."""
        variants = self.tables.variants
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

    def over(self, tables: Tables) -> CounterfactualSearch:
        """The search over other tables of the same content (adjustment.py): its time steps
        and deltas its own, the candidates and the worded changes (keyed by `index`) shared."""
        view = object.__new__(CounterfactualSearch)
        view.__dict__.update(self.__dict__)
        view.tables = tables
        view._steps()
        view._deltas = {}
        return view

    def find(self, s: Situation, scored: Scored) -> Counterfactual | None:
        order, packed = scored.order, scored.packed
        if len(order) < 2:
            return None
        top = order[0]
        lead = packed[top] - packed[order[1]]
        goals = scored.columns[GOALS_POSITION].entries
        deltas = self._deltas
        for candidate in self._candidates(s, scored.keys):
            found = deltas.get(candidate[8])  # time changes have no key: never kept
            delta, most, matches = self._delta(candidate, scored) if found is None else found
            # Variant j overtakes the leader when delta[j] - delta[top] > packed[top] - packed[j],
            # which is at least the lead: without that much gain, no variant the change raises
            # can (and a hint names only such a variant).
            if most - delta[top] <= lead:
                continue
            best = max(map(operator.add, packed, delta))  # in C
            if best != packed[top] + delta[top]:
                winner = TIE - 1 - best % TIE
                # Plausible: the change raises the winner itself, and the winner does not do
                # little for the person's goals (its own goal reason would be a gap).
                raised = delta[winner] > 0 and (matches < 0 or matches >> winner & 1)
                if raised and goals[winner].fit >= self._gap:
                    return self._describe(candidate, self.tables.variants[winner])
        return None

    def _delta(self, candidate: Candidate, scored: Scored) -> Delta:
        """The change of every variant's packed key if the candidate's factor moved (kept under
        the candidate's delta key, except for time)."""
        factor, new, key = candidate[5], candidate[7], candidate[8]
        t = self.tables
        was = scored.columns[FACTOR_POSITION[factor]].scaled
        delta = tuple(map(operator.sub, t.column_of(factor, new).scaled, was))
        found: Delta
        if factor in MATCHED:  # only a variant whose new fit is a match (>= 0.7) counts
            entries = t.column_of(factor, new).entries
            matches = sum(1 << j for j, e in enumerate(entries) if e.fit >= self._match)
            raised = [d for j, d in enumerate(delta) if d > 0 and matches >> j & 1]
            found = (delta, max(raised, default=NO_GAIN), matches)
        else:  # any variant it raises: the winner's own gain is checked in `find`
            found = (delta, max(delta), -1)
        if key is not None:  # time keys are free-form: not kept
            self._deltas[key] = found
        return found

    def _candidates(self, s: Situation, k: Keys) -> list[Candidate]:
        """Single-field changes to what a person or organisation can change, most realistic
        first (see the module docstring)."""
        switches = (k.urgent, k.relationship, k.structure, k.context)
        cached = self._switches.get(switches)
        if cached is None:
            cached = _switches(*switches)
            self._switches.put(switches, cached)
        found = list(cached)
        horizons = self._horizon_changes.get(s.horizon_weeks)
        found += self._horizons(s.horizon_weeks) if horizons is None else horizons
        # More time only: giving a model the time it needs is the actionable direction.
        hours, minutes = s.hours_per_week, s.minutes_per_session
        time = (hours, minutes)
        for need in self._hour_steps:
            if hours < need <= hours * MAX_TIME_FACTOR:
                cost = MORE_TIME + math.log2(need / hours)
                key = (need, minutes)
                found.append((cost, 2, "hours_per_week", hours, need, Factor.TIME, time, key, None))
        for need_minutes in self._minute_steps:
            if minutes < need_minutes <= minutes * MAX_TIME_FACTOR:
                cost = MORE_TIME + math.log2(need_minutes / minutes)
                key = (hours, need_minutes)
                found.append(
                    (
                        cost,
                        3,
                        "minutes_per_session",
                        minutes,
                        need_minutes,
                        Factor.TIME,
                        time,
                        key,
                        None,
                    )
                )
        # Equal costs fall back to the field order, then the values (same types within a field).
        found.sort()
        return found

    def _horizons(self, h: int) -> tuple[Candidate, ...]:
        """The horizon changes from `h` weeks: at most two per band, kept per horizon."""
        found: list[Candidate] = []
        for bound in self.tables.bands:
            # The fit changes only where a band ends: just past it going up, at it going down.
            week = bound + 1 if bound >= h else bound
            if week != h and h / 2 <= week <= 2 * h:
                cost = HORIZON + abs(math.log2(week / h))
                # The fit is the band's: one delta per pair of bands.
                bands = (Factor.HORIZON, self.tables.band_of[h], self.tables.band_of[week])
                found.append((cost, 0, "horizon_weeks", h, week, Factor.HORIZON, h, week, bands))
        changes = self._horizon_changes[h] = tuple(found)
        return changes

    def _describe(self, candidate: Candidate, winner: VariantTables) -> Counterfactual:
        key = (candidate[2], candidate[3], candidate[4], winner.index)
        found = self._described.get(key)
        if found is None:
            found = self._word(candidate, winner)
            self._described.put(key, found)
        return found

    def _word(self, candidate: Candidate, winner: VariantTables) -> Counterfactual:
        _, _, name, current, suggested, *_ = candidate
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
        if name == "horizon_weeks":
            value = t.weeks(int(suggested))
        elif name == "hours_per_week":
            value = t.weekly_time(float(suggested), need=True)
        elif name == "minutes_per_session":
            value = t.minutes(int(suggested))
        else:
            value = str(suggested)
        text = t.render(template, variant=winner.grammar, value=value, label=label)
        return Counterfactual(name, current, suggested, winner.slug, text)


def _switches(
    urgent: int,
    relationship: RelationshipPreference,
    structure: StructurePreference,
    context: int,
) -> tuple[Candidate, ...]:
    """The categorical candidates; each keeps its delta under (factor, current key, new key)."""
    said_urgent = None if urgent == NOT_SAID else bool(urgent)
    found: list[Candidate] = [
        (URGENCY, 1, "urgent", said_urgent, value, Factor.URGENCY, urgent, int(value),
         (Factor.URGENCY, urgent, int(value)))
        for value in (True, False)
        if value is not said_urgent
    ]  # fmt: skip
    found += [
        (PREFERENCE, 4, "relationship_preference", relationship.value, p.value,
         Factor.RELATIONSHIP, relationship, p, (Factor.RELATIONSHIP, relationship, p))
        for p in RelationshipPreference
        if p is not relationship
    ]  # fmt: skip
    found += [
        (PREFERENCE, 5, "structure_preference", structure.value, p.value,
         Factor.STRUCTURE, structure, p, (Factor.STRUCTURE, structure, p))
        for p in StructurePreference
        if p is not structure
    ]  # fmt: skip
    said_yes, said_no = context & ((1 << BITS) - 1), context >> BITS
    for bit, name in enumerate(CONTEXT_FIELDS):
        flag = 1 << bit
        # Doing without something the person has raises no variant (every context fit falls or
        # stays), so it is never a plausible hint and is not searched.
        if not said_yes & flag:  # said not available, or not said: if it were available
            current = False if said_no & flag else None
            key = context_key(said_yes | flag, said_no & ~flag)
            field = f"context.{name}"
            found.append(
                (CONTEXT_ON, 6 + bit, field, current, True, Factor.CONTEXT, context, key,
                 (Factor.CONTEXT, context, key))
            )  # fmt: skip
    return tuple(found)
