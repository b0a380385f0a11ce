"""The scoring engine: situation -> ranked, explained recommendation. Pure and in-memory.

Everything that depends only on (policy, catalogue, texts, messages) is computed once when the
`Engine` is built: for every variant and factor, a table from the factor's input key (a goal set
as a bit mask, a horizon band, a career stage, ...) to its contribution, its breakdown item and
its reasons. Scoring a situation is then eight table look-ups per variant, and the counterfactual
search re-adds one column of a table per candidate change.

Scores are integers in units of 1e-4 while computing: contributions are rounded once, the score is
their exact sum, so the breakdown always adds up and ties are real ties (broken by slug).
"""

from __future__ import annotations

import functools
import itertools
import math
import operator
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

from service.domain.content_files import Catalogue, CatalogueVariant, LocaleTexts
from service.domain.recommend_input import (
    HORIZON_WEEKS,
    HOURS_PER_WEEK,
    MINUTES_PER_SESSION,
    InvalidSituation,
    Situation,
    SituationContext,
    parse_situation,
)
from service.domain.recommend_output import (
    BatchItem,
    BreakdownItem,
    Caution,
    Counterfactual,
    GrowthPlan,
    GrowthTrack,
    ItemProblem,
    Primary,
    PrimaryApproach,
    RankedVariant,
    Reason,
    Recommendation,
    Scalar,
)
from service.domain.recommend_policy import (
    Factor,
    GoalTrack,
    RecommendationMessages,
    RecommendationPolicy,
)
from service.domain.vocabulary import (
    BaseApproach,
    CareerStage,
    Goal,
    Prerequisite,
    RelationshipPreference,
    StructurePreference,
)

SCALE = 10_000
MAX_BATCH = 1_000
WEEKS_PER_MONTH = 52 / 12
FACTORS = tuple(Factor)
FACTOR_POSITION = {factor: i for i, factor in enumerate(FACTORS)}
GOALS_POSITION = FACTOR_POSITION[Factor.GOALS]
CONTEXT_POSITION = FACTOR_POSITION[Factor.CONTEXT]
MAX_CACHED_TIME_COLUMNS = 20_000
MAX_CACHED_REASONS = 200_000
# Answers kept per engine. The answer is a pure function of the situation, and callers repeat
# situations (a page view per employee, nightly batches of similar profiles); bounded because
# situations are unbounded. An engine lives exactly as long as its content version.
MAX_CACHED_RESULTS = 20_000
TIE = 64  # room for the slug tie-break below the score in packed ranking keys
GOALS = tuple(Goal)
GOAL_BIT = {goal: 1 << i for i, goal in enumerate(GOALS)}
PREREQUISITES = tuple(Prerequisite)
CONTEXT_FIELDS = tuple(p.value for p in PREREQUISITES)  # SituationContext uses the same names
CATALOGUE_FIT_FLOOR = 0.8  # a goal or stage the catalogue lists must fit at least this well
# _keys reads the context flags in Prerequisite order.
assert SituationContext.__struct_fields__ == CONTEXT_FIELDS


def _to_int(value: float) -> int:
    """Round half up to units of 1e-4 (Python's round() would round half to even)."""
    return math.floor(value * SCALE + 0.5)


def _to_float(value: int) -> float:
    return round(value / SCALE, 4)


SCORES = [_to_float(i) for i in range(SCALE + 1)]  # every possible score, rounded once


@dataclass(frozen=True, slots=True, eq=False)  # identity hash: rows of entries key a cache
class Entry:
    """One factor of one variant for one input key: everything the response needs from it."""

    contribution: int
    fit: int
    loss: int  # weight - contribution: what this factor costs the variant
    item: BreakdownItem
    match: Reason | None  # the reason to cite when this factor drives the fit
    gap: Reason | None  # the reason to cite when this factor holds the variant back


@dataclass(slots=True)
class VariantTables:
    index: int
    slug: str
    name: str
    base_approach: BaseApproach
    record: CatalogueVariant
    goals: dict[int, Entry] = field(default_factory=dict)  # filled lazily: 2048 goal sets
    horizon: list[Entry] = field(default_factory=list)  # by band
    urgency: list[Entry] = field(default_factory=list)  # [not urgent, urgent]
    stage: dict[CareerStage, Entry] = field(default_factory=dict)
    relationship: dict[RelationshipPreference, Entry] = field(default_factory=dict)
    structure: dict[StructurePreference, Entry] = field(default_factory=dict)
    context: list[Entry] = field(default_factory=list)  # by prerequisite bit mask
    cautions: list[tuple[Caution, ...]] = field(default_factory=list)  # by prerequisite mask
    time: dict[int, Entry] = field(default_factory=dict)  # by fit, filled lazily
    min_session: int = 0
    weekly_need: float = 0.0  # hours a week at the lowest cadence and shortest session


@dataclass(frozen=True, slots=True)
class Keys:
    """The situation reduced to the table keys (what scoring actually depends on)."""

    goals: int
    band: int
    urgent: int
    stage: CareerStage
    relationship: RelationshipPreference
    structure: StructurePreference
    context: int


@dataclass(frozen=True, slots=True)
class Column:
    """One factor's entries for one input key across all variants (in variant order)."""

    entries: tuple[Entry, ...]
    contributions: tuple[int, ...]
    items: tuple[BreakdownItem, ...]
    scaled: tuple[int, ...]  # contributions * TIE, to add to packed ranking keys


# A single-field change the counterfactual search may suggest:
# (cost, order, field, current value, suggested value, factor it moves, new table key).
# Tuples sort by cost, then by a stable field order, with no further ties.
Candidate = tuple[float, int, str, Scalar, Scalar, Factor, object]


class Engine:
    """Built once per (policy, catalogue, locale texts, messages); thread-safe for reads."""

    def __init__(
        self,
        policy: RecommendationPolicy,
        catalogue: Catalogue,
        texts: LocaleTexts,
        messages: RecommendationMessages,
        content_version: int,
    ) -> None:
        self.policy = policy
        self.messages = messages
        self.texts = texts
        self.content_version = content_version
        self.locale = messages.locale
        self._check_alignment(policy, catalogue, texts)
        self._weights = {f: _to_int(policy.factors[f].weight) for f in FACTORS}
        self._bands = policy.horizon_bands
        self._band_of = [self._band(week) for week in range(HORIZON_WEEKS[1] + 1)]
        records = sorted(catalogue.variants, key=lambda v: v.slug)  # index order = slug order
        self._variants = [self._build_variant(i, record) for i, record in enumerate(records)]
        self._columns = self._build_columns()
        # Counterfactual steps for time: the smallest values that meet some variant's need.
        self._hour_steps = sorted(
            {
                need
                for v in self._variants
                if (need := math.ceil(v.weekly_need * 4) / 4) <= HOURS_PER_WEEK[1]
            }
        )
        self._minute_steps = sorted(
            {v.min_session for v in self._variants if v.min_session <= MINUTES_PER_SESSION[1]}
        )
        self._reasons_of: dict[tuple[Entry, ...], tuple[Reason, ...]] = {}
        self._results: dict[Situation, Recommendation] = {}
        self._by_approach = {
            a: [v.index for v in self._variants if v.base_approach is a] for a in BaseApproach
        }
        self._unmet_context = _to_int(policy.context.unmet)
        # Situation context flags (in Prerequisite order) -> bit mask, for all 32 combinations.
        self._context_mask = {
            tuple(bool(mask & (1 << bit)) for bit in range(len(PREREQUISITES))): mask
            for mask in range(1 << len(PREREQUISITES))
        }
        if len(self._variants) >= TIE:
            raise ValueError(f"at most {TIE - 1} variants are supported")

    # -- construction -------------------------------------------------------------------------

    @staticmethod
    def _check_alignment(
        policy: RecommendationPolicy, catalogue: Catalogue, texts: LocaleTexts
    ) -> None:
        """Fail fast when the policy and the catalogue disagree about the variants."""
        problems: list[str] = []
        slugs = {v.slug for v in catalogue.variants}
        if slugs != set(policy.variants):
            problems.append(
                f"policy variants {sorted(policy.variants)} != catalogue {sorted(slugs)}"
            )
        if not slugs <= set(texts.variants):
            problems.append(f"locale texts lack variants {sorted(slugs - set(texts.variants))}")
        for record in catalogue.variants:
            profile = policy.variants.get(record.slug)
            if profile is None:
                continue
            weak_goals = [g for g in record.goals if profile.goals.get(g, 0) < CATALOGUE_FIT_FLOOR]
            weak_stages = [
                s for s in record.career_stages if profile.career_stages[s] < CATALOGUE_FIT_FLOOR
            ]
            fits = profile.horizon
            rising = all(a <= b for a, b in itertools.pairwise(fits))
            falling = all(a >= b for a, b in itertools.pairwise(fits))
            # "Extended period, often months or years" vs "Limited period, usually weeks or
            # months": a longer horizon never favours coaching over mentoring.
            if (record.base_approach is BaseApproach.MENTORING and not rising) or (
                record.base_approach is BaseApproach.COACHING and not falling
            ):
                problems.append(f"{record.slug}: horizon fits must not move against its approach")
            if weak_goals or weak_stages:
                problems.append(
                    f"{record.slug}: catalogue goals/stages fit weakly: {weak_goals + weak_stages}"
                )
        if problems:
            raise ValueError("policy does not match the catalogue: " + "; ".join(problems))

    def _band(self, week: int) -> int:
        for index, bound in enumerate(self._bands):
            if week <= bound:
                return index
        return len(self._bands)

    def _band_label(self, band: int) -> str:
        texts = self.messages.horizon_bands
        if band == 0:
            return texts.first.format(max=self._bands[0])
        if band == len(self._bands):
            return texts.last.format(min=self._bands[-1])
        return texts.middle.format(min=self._bands[band - 1] + 1, max=self._bands[band])

    def _entry(self, v: VariantTables, factor: Factor, fit: float, **fields: object) -> Entry:
        """A table entry; `fields` fill the reason templates besides the variant name."""
        fit_int = _to_int(fit)
        weight = self._weights[factor]
        contribution = (weight * fit_int + SCALE // 2) // SCALE
        item = BreakdownItem(factor, _to_float(weight), _to_float(fit_int), _to_float(contribution))
        thresholds = self.policy.reason_thresholds
        match = gap = None
        if fit_int >= _to_int(thresholds.match):
            match = self._reason(v, factor, "match", fields)
        elif fit_int < _to_int(thresholds.gap):
            gap = self._reason(v, factor, "gap", fields)
        return Entry(contribution, fit_int, weight - contribution, item, match, gap)

    def _reason(
        self, v: VariantTables, factor: Factor, kind: str, fields: dict[str, object]
    ) -> Reason:
        texts = self.messages.reasons[factor]
        template = texts.match if kind == "match" else texts.gap
        source = self.policy.factors[factor]
        term = v.record.term if factor is Factor.CONTEXT else None
        return Reason(
            code=f"{factor.value}.{kind}",
            factor=factor,
            text=template.format(variant=v.name, **fields),
            aspect=source.aspect,
            topic=source.topic,
            term=term,
        )

    def _labels(
        self, values: Sequence[str], labels: dict[Goal, str] | dict[Prerequisite, str]
    ) -> str:
        words = [labels[value] for value in values]  # type: ignore[index]
        fmt = self.messages.list_format
        if len(words) <= 1:
            return "".join(words)
        return fmt.separator.join(words[:-1]) + fmt.last + words[-1]

    def _build_variant(self, index: int, record: CatalogueVariant) -> VariantTables:
        policy, labels = self.policy, self.messages.labels
        profile = policy.variants[record.slug]
        v = VariantTables(
            index=index,
            slug=record.slug,
            name=self.texts.variants[record.slug].name,
            base_approach=record.base_approach,
            record=record,
        )
        v.min_session = record.session_minutes.min
        v.weekly_need = (
            record.sessions_per_month.min * record.session_minutes.min / 60 / WEEKS_PER_MONTH
        )
        weeks = {"min_weeks": record.duration_weeks.min, "max_weeks": record.duration_weeks.max}
        v.horizon = [
            self._entry(v, Factor.HORIZON, fit, horizon_band=self._band_label(band), **weeks)
            for band, fit in enumerate(profile.horizon)
        ]
        v.urgency = [
            self._entry(
                v, Factor.URGENCY, profile.urgency.not_urgent, urgency=labels.urgency["not_urgent"]
            ),
            self._entry(
                v, Factor.URGENCY, profile.urgency.urgent, urgency=labels.urgency["urgent"]
            ),
        ]
        v.stage = {
            stage: self._entry(
                v, Factor.CAREER_STAGE, fit, career_stage=labels.career_stages[stage]
            )
            for stage, fit in profile.career_stages.items()
        }
        shape_label = labels.relationship_shapes[record.relationship_shape]
        v.relationship = {
            pref: self._entry(
                v,
                Factor.RELATIONSHIP,
                row[record.relationship_shape],
                shape=shape_label,
                preference=labels.relationship_preferences[pref],
            )
            for pref, row in policy.relationship_fit.items()
        }
        formality_label = labels.formalities[record.formality]
        v.structure = {
            pref: self._entry(
                v,
                Factor.STRUCTURE,
                row[record.formality],
                formality=formality_label,
                preference=labels.structure_preferences[pref],
            )
            for pref, row in policy.structure_fit.items()
        }
        for mask in range(1 << len(PREREQUISITES)):
            v.context.append(self._context_entry(v, mask))
            v.cautions.append(self._cautions(v, mask))
        return v

    def _context_entry(self, v: VariantTables, mask: int) -> Entry:
        needed = v.record.prerequisites
        fits = self.policy.context
        missing = [p for p in needed if not mask & (1 << PREREQUISITES.index(p))]
        if not needed:
            fit = fits.none_required
        elif missing:
            fit = fits.unmet
        else:
            fit = fits.all_met
        shown = missing or list(needed)
        prerequisite = self._labels(shown, self.messages.labels.prerequisites)
        return self._entry(v, Factor.CONTEXT, fit, prerequisite=prerequisite)

    def _cautions(self, v: VariantTables, mask: int) -> tuple[Caution, ...]:
        """The source's cautions for the variant's approach, plus each missing prerequisite."""
        texts = self.messages.cautions
        topic = self.policy.caution_topic
        found = [
            Caution(code, texts[code].format(variant=v.name, prerequisite=""), topic, None)
            for code in self.policy.cautions[v.base_approach]
        ]
        for prerequisite in v.record.prerequisites:
            if not mask & (1 << PREREQUISITES.index(prerequisite)):
                label = self.messages.labels.prerequisites[prerequisite]
                text = texts["prerequisite_missing"].format(variant=v.name, prerequisite=label)
                found.append(Caution("prerequisite_missing", text, None, v.record.term))
        return tuple(found)

    def _goals_entry(self, v: VariantTables, mask: int) -> Entry:
        """Goal fit = mean fit over the requested goals; built on first use (2,048 goal sets)."""
        entry = v.goals.get(mask)
        if entry is not None:
            return entry
        goals = [g for g in GOALS if mask & GOAL_BIT[g]]
        fits = self.policy.variants[v.slug].goals
        mean = sum(fits.get(g, 0.0) for g in goals) / len(goals)
        thresholds = self.policy.reason_thresholds
        # Name the goals the variant serves well in a match, and those it barely serves in a gap.
        served = [g for g in goals if fits.get(g, 0.0) >= thresholds.match]
        unserved = [g for g in goals if fits.get(g, 0.0) < thresholds.gap]
        shown = served if mean >= thresholds.match else unserved or goals
        entry = self._entry(
            v, Factor.GOALS, mean, goals=self._labels(shown, self.messages.labels.goals)
        )
        v.goals[mask] = entry
        return entry

    def _decimal(self, number: float, digits: int = 2) -> str:
        return format(round(number, digits), "g").replace(".", self.messages.decimal_separator)

    def _time_entry(self, v: VariantTables, hours: float, minutes: int) -> Entry:
        fit_int = _time_fit(v.min_session, v.weekly_need, hours, minutes)
        entry = v.time.get(fit_int)
        if entry is None:
            entry = self._entry(
                v,
                Factor.TIME,
                fit_int / SCALE,
                session_minutes=v.min_session,
                hours_per_week=self._decimal(max(v.weekly_need, 0.1), digits=1),
            )
            v.time[fit_int] = entry
        return entry

    def _column_of(self, factor: Factor, key: object) -> Column:
        """Every variant's entry for one factor and input key, in variant order."""
        columns = self._columns[factor]
        column = columns.get(key)
        if column is None:
            if factor is Factor.GOALS:
                entries = tuple(self._goals_entry(v, key) for v in self._variants)  # type: ignore[arg-type]
            elif factor is Factor.TIME:
                if len(columns) > MAX_CACHED_TIME_COLUMNS:  # free-form numbers: keep it bounded
                    columns.clear()
                hours, minutes = cast(tuple[float, int], key)
                entries = tuple(self._time_entry(v, hours, minutes) for v in self._variants)
            else:
                raise KeyError(f"no {factor} column for {key!r}")
            column = _column(entries)
            columns[key] = column
        return column

    def _build_columns(self) -> dict[Factor, dict[object, Column]]:
        """The columns of the factors with few keys; goals and time columns fill on first use."""
        vs = self._variants
        bands = range(len(self._bands) + 1)
        return {
            Factor.GOALS: {},
            Factor.HORIZON: {b: _column(tuple(v.horizon[b] for v in vs)) for b in bands},
            Factor.URGENCY: {u: _column(tuple(v.urgency[u] for v in vs)) for u in (0, 1)},
            Factor.CAREER_STAGE: {
                st: _column(tuple(v.stage[st] for v in vs)) for st in CareerStage
            },
            Factor.RELATIONSHIP: {
                p: _column(tuple(v.relationship[p] for v in vs)) for p in RelationshipPreference
            },
            Factor.STRUCTURE: {
                p: _column(tuple(v.structure[p] for v in vs)) for p in StructurePreference
            },
            Factor.TIME: {},
            Factor.CONTEXT: {
                m: _column(tuple(v.context[m] for v in vs)) for m in range(1 << len(PREREQUISITES))
            },
        }

    # -- scoring ------------------------------------------------------------------------------

    def _keys(self, s: Situation) -> Keys:
        goals = 0
        for goal in s.goals:
            goals |= GOAL_BIT[goal]
        c = s.context
        context = self._context_mask[
            (c.senior_learns_from_juniors, c.sponsors_available, c.peers_available,
             c.coach_budget, c.ai_acceptable)
        ]  # fmt: skip
        band = self._band_of[min(max(s.horizon_weeks, 0), HORIZON_WEEKS[1])]
        return Keys(
            goals,
            band,
            int(s.urgent),
            s.career_stage,
            s.relationship_preference,
            s.structure_preference,
            context,
        )

    def recommend(self, situation: Situation) -> Recommendation:
        result = self._results.get(situation)
        if result is None:
            if len(self._results) >= MAX_CACHED_RESULTS:
                self._results.clear()
            result = self._results[situation] = self._recommend(situation)
        return result

    def _recommend(self, situation: Situation) -> Recommendation:
        k = self._keys(situation)
        column = self._column_of
        table = self._columns
        columns = (  # same order as FACTORS
            column(Factor.GOALS, k.goals),
            table[Factor.HORIZON][k.band],
            table[Factor.URGENCY][k.urgent],
            table[Factor.CAREER_STAGE][k.stage],
            table[Factor.RELATIONSHIP][k.relationship],
            table[Factor.STRUCTURE][k.structure],
            column(Factor.TIME, (situation.hours_per_week, situation.minutes_per_session)),
            table[Factor.CONTEXT][k.context],
        )
        # Transposing columns into per-variant rows and summing them runs in C (zip, map, sum).
        totals = list(map(sum, zip(*[c.contributions for c in columns], strict=True)))
        rows = list(zip(*[c.entries for c in columns], strict=True))
        items = list(zip(*[c.items for c in columns], strict=True))
        # Score and slug packed into one int (variants are in slug order, the lower index wins a
        # tie), so ranking and the counterfactual compare plain ints.
        packed = [t * TIE + (TIE - 1 - i) for i, t in enumerate(totals)]
        order = sorted(range(len(rows)), key=packed.__getitem__, reverse=True)
        variants = self._variants
        reasons = self._reasons_of
        if len(reasons) > MAX_CACHED_REASONS:
            reasons.clear()
        ranking = []
        for rank, i in enumerate(order, start=1):
            row = rows[i]
            # The same row of entries always yields the same reasons: pick them once.
            why = reasons.get(row)
            if why is None:
                why = reasons[row] = _reasons(row)
            v = variants[i]
            ranking.append(
                RankedVariant(
                    rank,
                    v.slug,
                    v.name,
                    v.base_approach,
                    SCORES[totals[i]],
                    items[i],
                    why,
                    v.cautions[k.context],
                )
            )
        plan = self._growth_plan(situation, k, rows, totals)
        return Recommendation(
            policy_version=self.policy.version,
            content_version=self.content_version,
            locale=self.locale,
            primary=self._primary(variants[order[0]], plan),
            ranking=tuple(ranking),
            growth_plan=plan,
            counterfactual=self._counterfactual(situation, k, columns, packed, order),
        )

    def _primary(self, top: VariantTables, plan: GrowthPlan | None) -> Primary:
        if plan is not None or top.base_approach is BaseApproach.HYBRID:
            approach = PrimaryApproach.BLEND
        else:
            approach = PrimaryApproach(top.base_approach.value)
        headline = self.messages.headlines[approach.value].format(variant=top.name)
        return Primary(approach, top.slug, headline)

    # -- growth plan --------------------------------------------------------------------------

    def _growth_plan(
        self, s: Situation, k: Keys, rows: list[tuple[Entry, ...]], totals: list[int]
    ) -> GrowthPlan | None:
        """A mentoring track for the growth goals beside a coaching track for the skill goals
        ("Integrating Mentoring and Coaching"), only when the situation asks for both."""
        tracks = self.policy.goal_tracks
        growth = tuple(g for g in s.goals if tracks[g] is GoalTrack.GROWTH)
        skill = tuple(g for g in s.goals if tracks[g] is GoalTrack.SKILL)
        if not growth or not skill:
            return None
        mentor = self._best_for(BaseApproach.MENTORING, growth, k, rows, totals)
        coach = self._best_for(BaseApproach.COACHING, skill, k, rows, totals)
        m_track = self._track(mentor, growth, s, long_term=True)
        c_track = self._track(coach, skill, s, long_term=False)
        load = sum(t.cadence_per_month * t.session_minutes for t in (m_track, c_track))
        if load / 60 / WEEKS_PER_MONTH > s.hours_per_week:
            # Over the weekly budget at typical cadence: fall back to each model's lowest.
            m_track = self._track(mentor, growth, s, long_term=True, lowest=True)
            c_track = self._track(coach, skill, s, long_term=False, lowest=True)
        labels = self.messages.labels.goals
        summary = self.messages.growth_plan_summary.format(
            growth_variant=mentor.name,
            growth_goals=self._labels(growth, labels),
            growth_weeks=m_track.duration_weeks,
            skill_variant=coach.name,
            skill_goals=self._labels(skill, labels),
            skill_weeks=c_track.duration_weeks,
        )
        return GrowthPlan(summary, self.policy.growth_plan_topic, (m_track, c_track))

    def _best_for(
        self,
        approach: BaseApproach,
        goals: tuple[Goal, ...],
        k: Keys,
        rows: list[tuple[Entry, ...]],
        totals: list[int],
    ) -> VariantTables:
        """The variant of one approach that scores best when judged on this track's goals,
        preferring one that can start (its prerequisites are available)."""
        mask = 0
        for goal in goals:
            mask |= GOAL_BIT[goal]
        track_goals = self._column_of(Factor.GOALS, mask).contributions
        unmet = self._unmet_context
        candidates = self._by_approach[approach]
        assert candidates, f"the catalogue has no {approach} variant"
        best = max(
            candidates,
            key=lambda i: (
                rows[i][CONTEXT_POSITION].fit != unmet
                or not self._variants[i].record.prerequisites,
                totals[i] - rows[i][GOALS_POSITION].contribution + track_goals[i],
                -i,
            ),
        )
        return self._variants[best]

    @staticmethod
    def _track(
        v: VariantTables,
        goals: tuple[Goal, ...],
        s: Situation,
        *,
        long_term: bool,
        lowest: bool = False,
    ) -> GrowthTrack:
        r = v.record
        duration = r.duration_weeks
        if long_term:  # mentoring runs through the horizon, within the model's usual span
            weeks = min(max(s.horizon_weeks, duration.min), duration.max)
        else:  # coaching works "within a defined timeline": its typical length, inside the horizon
            weeks = max(min(s.horizon_weeks, duration.typical), duration.min)
        cadence = r.sessions_per_month.min if lowest else r.sessions_per_month.typical
        minutes = min(r.session_minutes.typical, s.minutes_per_session)
        return GrowthTrack(v.slug, v.name, v.base_approach, goals, cadence, minutes, 0, weeks)

    # -- counterfactual -----------------------------------------------------------------------

    def _candidates(self, s: Situation, k: Keys) -> list[Candidate]:
        """Single-field changes to what a person or organisation can change, cheapest first.
        Cost: numbers by doublings (|log2(new/old)|), categories and switches 1 each."""
        found = list(self._switches(k.urgent, k.relationship, k.structure, k.context))
        h = s.horizon_weeks
        bounds = self._bands
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
                found.append(
                    (
                        math.log2(need / hours),
                        2,
                        "hours_per_week",
                        hours,
                        need,
                        Factor.TIME,
                        (need, minutes),
                    )
                )
        for need_minutes in self._minute_steps:
            if minutes < need_minutes:
                found.append(
                    (
                        math.log2(need_minutes / minutes),
                        3,
                        "minutes_per_session",
                        minutes,
                        need_minutes,
                        Factor.TIME,
                        (hours, need_minutes),
                    )
                )
        found.sort()
        return found

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - the engine lives as long as its policy
    def _switches(
        self,
        urgent: int,
        relationship: RelationshipPreference,
        structure: StructurePreference,
        context: int,
    ) -> tuple[Candidate, ...]:
        """The categorical candidates (cost 1), which depend on few keys and are cached."""
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
        return tuple(found)

    def _counterfactual(
        self,
        s: Situation,
        k: Keys,
        columns: tuple[Column, ...],
        packed: list[int],
        order: list[int],
    ) -> Counterfactual | None:
        """The cheapest candidate change that puts another variant first. A change moves one
        factor, so its effect is that factor's new column minus its current one."""
        if len(order) < 2:
            return None
        top = order[0]
        gap = (packed[top] - packed[order[1]]) // TIE
        for candidate in self._candidates(s, k):
            factor = candidate[5]
            # One factor moves at most its weight up for a rival and down for the leader.
            if gap > 2 * self._weights[factor]:
                continue
            current = columns[FACTOR_POSITION[factor]].scaled
            new = self._column_of(factor, candidate[6]).scaled
            trial = list(map(operator.sub, map(operator.add, packed, new), current))  # C speed
            best = max(trial)
            if best != trial[top]:
                return self._describe(candidate, self._variants[TIE - 1 - best % TIE])
        return None

    def _describe(self, candidate: Candidate, winner: VariantTables) -> Counterfactual:
        _, _, name, current, suggested, _, _ = candidate
        texts, labels = self.messages.counterfactual, self.messages.labels
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
        value = self._decimal(suggested) if isinstance(suggested, float) else suggested
        text = template.format(variant=winner.name, value=value, label=label)
        return Counterfactual(name, current, suggested, winner.slug, text)

    # -- batch --------------------------------------------------------------------------------

    def recommend_batch(self, items: Sequence[object]) -> list[BatchItem]:
        """Each raw item gets its recommendation or its own 422 problem; none fails the rest."""
        if len(items) > MAX_BATCH:
            raise ValueError(f"a batch holds at most {MAX_BATCH} situations")
        out: list[BatchItem] = []
        for index, raw in enumerate(items):
            try:
                situation = parse_situation(raw, self.messages)
            except InvalidSituation as exc:
                out.append(BatchItem(index, None, self.problem(exc)))
            else:
                out.append(BatchItem(index, self.recommend(situation), None))
        return out

    def problem(self, exc: InvalidSituation) -> ItemProblem:
        texts = self.messages.problems
        fields = ", ".join(dict.fromkeys(p.field for p in exc.problems))
        detail = texts.detail.format(count=len(exc.problems), fields=fields)
        return ItemProblem(422, texts.title, detail, tuple(exc.problems))


def _time_fit(min_session: int, weekly_need: float, hours: float, minutes: int) -> int:
    """Time fit: the binding constraint of session length and weekly time, as a share of need."""
    return _to_int(min(1.0, minutes / min_session, hours / weekly_need))


def _column(entries: tuple[Entry, ...]) -> Column:
    return Column(
        entries,
        tuple(e.contribution for e in entries),
        tuple(e.item for e in entries),
        tuple(e.contribution * TIE for e in entries),
    )


def _reasons(row: tuple[Entry, ...]) -> tuple[Reason, ...]:
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
