"""The engine's tables: for every variant and factor, a table from the factor's input key (a goal
set as a bit mask, a horizon band, a career stage, ...) to its contribution, its breakdown item
and its reasons.

Everything that depends only on (policy, catalogue, texts, messages) is computed once when the
tables are built, so scoring a situation is eight look-ups per variant. Goal-set and time columns
are filled on first use (time is a free-form number, so its columns live in a bounded cache).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

from service.cache import BoundedCache
from service.domain.content_files import Catalogue, CatalogueVariant, LocaleTexts
from service.domain.recommendation.input import Situation, SituationContext
from service.domain.recommendation.limits import HORIZON_WEEKS, SCALE
from service.domain.recommendation.output import BreakdownItem, Caution, Reason
from service.domain.recommendation.policy import (
    Factor,
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

WEEKS_PER_MONTH = 52 / 12
FACTORS = tuple(Factor)
FACTOR_POSITION = {factor: i for i, factor in enumerate(FACTORS)}
GOALS_POSITION = FACTOR_POSITION[Factor.GOALS]
CONTEXT_POSITION = FACTOR_POSITION[Factor.CONTEXT]
# Time columns kept per engine: hours and minutes are free-form, so the keys are unbounded.
MAX_CACHED_TIME_COLUMNS = 20_000
TIME_COLUMNS_BYTES = 16 * 1024 * 1024
TIE = 64  # room for the slug tie-break below the score in packed ranking keys
GOALS = tuple(Goal)
GOAL_BIT = {goal: 1 << i for i, goal in enumerate(GOALS)}
PREREQUISITES = tuple(Prerequisite)
CONTEXT_FIELDS = tuple(p.value for p in PREREQUISITES)  # SituationContext uses the same names
CATALOGUE_FIT_FLOOR = 0.8  # a goal or stage the catalogue lists must fit at least this well
# Tables.keys reads the context flags in Prerequisite order.
assert SituationContext.__struct_fields__ == CONTEXT_FIELDS


def to_int(value: float) -> int:
    """Round half up to units of 1e-4 (Python's round() would round half to even)."""
    return math.floor(value * SCALE + 0.5)


def to_float(value: int) -> float:
    return round(value / SCALE, 4)


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
    goals: dict[int, Entry] = field(default_factory=dict)  # filled lazily: at most 2048 goal sets
    horizon: list[Entry] = field(default_factory=list)  # by band
    urgency: list[Entry] = field(default_factory=list)  # [not urgent, urgent]
    stage: dict[CareerStage, Entry] = field(default_factory=dict)
    relationship: dict[RelationshipPreference, Entry] = field(default_factory=dict)
    structure: dict[StructurePreference, Entry] = field(default_factory=dict)
    context: list[Entry] = field(default_factory=list)  # by prerequisite bit mask
    cautions: list[tuple[Caution, ...]] = field(default_factory=list)  # by prerequisite mask
    time: dict[int, Entry] = field(default_factory=dict)  # by fit: at most SCALE + 1 entries
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


def column(entries: tuple[Entry, ...]) -> Column:
    return Column(
        entries,
        tuple(e.contribution for e in entries),
        tuple(e.item for e in entries),
        tuple(e.contribution * TIE for e in entries),
    )


def _column_size(value: Column) -> int:
    # The column's own tuples; its entries are shared with the per-variant time tables.
    return 4 * (56 + 8 * len(value.entries)) + 64


class Tables:
    """Built once per (policy, catalogue, locale texts, messages)."""

    def __init__(
        self,
        policy: RecommendationPolicy,
        catalogue: Catalogue,
        texts: LocaleTexts,
        messages: RecommendationMessages,
    ) -> None:
        self.policy = policy
        self.messages = messages
        self.texts = texts
        check_alignment(policy, catalogue, texts)
        self.weights = {f: to_int(policy.factors[f].weight) for f in FACTORS}
        self.bands = policy.horizon_bands
        self._band_of = [self._band(week) for week in range(HORIZON_WEEKS[1] + 1)]
        records = sorted(catalogue.variants, key=lambda v: v.slug)  # index order = slug order
        self.variants = [self._build_variant(i, record) for i, record in enumerate(records)]
        if len(self.variants) >= TIE:
            raise ValueError(f"at most {TIE - 1} variants are supported")
        self.columns = self._build_columns()
        self._goal_columns: dict[int, Column] = {}  # at most 2048 goal sets
        self._time_columns: BoundedCache[tuple[float, int], Column] = BoundedCache(
            f"recommendation_time_columns_{messages.locale}",
            max_entries=MAX_CACHED_TIME_COLUMNS,
            max_bytes=TIME_COLUMNS_BYTES,
            sizeof=_column_size,
        )
        self.by_approach = {
            a: [v.index for v in self.variants if v.base_approach is a] for a in BaseApproach
        }
        self.unmet_context = to_int(policy.context.unmet)
        # Situation context flags (in Prerequisite order) -> bit mask, for all 32 combinations.
        self._context_mask = {
            tuple(bool(mask & (1 << bit)) for bit in range(len(PREREQUISITES))): mask
            for mask in range(1 << len(PREREQUISITES))
        }

    # -- texts --------------------------------------------------------------------------------

    def _band(self, week: int) -> int:
        for index, bound in enumerate(self.bands):
            if week <= bound:
                return index
        return len(self.bands)

    def _band_label(self, band: int) -> str:
        texts = self.messages.horizon_bands
        if band == 0:
            return texts.first.format(max=self.bands[0])
        if band == len(self.bands):
            return texts.last.format(min=self.bands[-1])
        return texts.middle.format(min=self.bands[band - 1] + 1, max=self.bands[band])

    def labels(
        self, values: Sequence[str], labels: dict[Goal, str] | dict[Prerequisite, str]
    ) -> str:
        words = [labels[value] for value in values]  # type: ignore[index]
        fmt = self.messages.list_format
        if len(words) <= 1:
            return "".join(words)
        return fmt.separator.join(words[:-1]) + fmt.last + words[-1]

    def decimal(self, number: float, digits: int = 2) -> str:
        return format(round(number, digits), "g").replace(".", self.messages.decimal_separator)

    # -- entries ------------------------------------------------------------------------------

    def _entry(self, v: VariantTables, factor: Factor, fit: float, **fields: object) -> Entry:
        """A table entry; `fields` fill the reason templates besides the variant name."""
        fit_int = to_int(fit)
        weight = self.weights[factor]
        contribution = (weight * fit_int + SCALE // 2) // SCALE
        item = BreakdownItem(factor, to_float(weight), to_float(fit_int), to_float(contribution))
        thresholds = self.policy.reason_thresholds
        match = gap = None
        if fit_int >= to_int(thresholds.match):
            match = self._reason(v, factor, "match", fields)
        elif fit_int < to_int(thresholds.gap):
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
        prerequisite = self.labels(shown, self.messages.labels.prerequisites)
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
            v, Factor.GOALS, mean, goals=self.labels(shown, self.messages.labels.goals)
        )
        v.goals[mask] = entry
        return entry

    def _time_entry(self, v: VariantTables, hours: float, minutes: int) -> Entry:
        fit_int = time_fit(v.min_session, v.weekly_need, hours, minutes)
        entry = v.time.get(fit_int)
        if entry is None:
            entry = self._entry(
                v,
                Factor.TIME,
                fit_int / SCALE,
                session_minutes=v.min_session,
                hours_per_week=self.decimal(max(v.weekly_need, 0.1), digits=1),
            )
            v.time[fit_int] = entry
        return entry

    # -- columns ------------------------------------------------------------------------------

    def column_of(self, factor: Factor, key: object) -> Column:
        """Every variant's entry for one factor and input key, in variant order."""
        if factor is Factor.GOALS:
            mask = cast(int, key)
            found = self._goal_columns.get(mask)
            if found is None:
                entries = tuple(self._goals_entry(v, mask) for v in self.variants)
                found = self._goal_columns[mask] = column(entries)
            return found
        if factor is Factor.TIME:
            hours, minutes = cast(tuple[float, int], key)
            found = self._time_columns.get((hours, minutes))
            if found is None:
                entries = tuple(self._time_entry(v, hours, minutes) for v in self.variants)
                found = column(entries)
                self._time_columns.put((hours, minutes), found)
            return found
        return self.columns[factor][key]

    def _build_columns(self) -> dict[Factor, dict[object, Column]]:
        """The columns of the factors with few keys; goals and time columns fill on first use."""
        vs = self.variants
        bands = range(len(self.bands) + 1)
        return {
            Factor.HORIZON: {b: column(tuple(v.horizon[b] for v in vs)) for b in bands},
            Factor.URGENCY: {u: column(tuple(v.urgency[u] for v in vs)) for u in (0, 1)},
            Factor.CAREER_STAGE: {st: column(tuple(v.stage[st] for v in vs)) for st in CareerStage},
            Factor.RELATIONSHIP: {
                p: column(tuple(v.relationship[p] for v in vs)) for p in RelationshipPreference
            },
            Factor.STRUCTURE: {
                p: column(tuple(v.structure[p] for v in vs)) for p in StructurePreference
            },
            Factor.CONTEXT: {
                m: column(tuple(v.context[m] for v in vs)) for m in range(1 << len(PREREQUISITES))
            },
        }

    def keys(self, s: Situation) -> Keys:
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


def time_fit(min_session: int, weekly_need: float, hours: float, minutes: int) -> int:
    """Time fit: the binding constraint of session length and weekly time, as a share of need."""
    return to_int(min(1.0, minutes / min_session, hours / weekly_need))


def check_alignment(policy: RecommendationPolicy, catalogue: Catalogue, texts: LocaleTexts) -> None:
    """Fail fast when the policy and the catalogue disagree about the variants."""
    problems: list[str] = []
    slugs = {v.slug for v in catalogue.variants}
    if slugs != set(policy.variants):
        problems.append(f"policy variants {sorted(policy.variants)} != catalogue {sorted(slugs)}")
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
