"""The engine's tables: for every variant and factor, a table from the factor's input key (a goal
set as a bit mask, a horizon in weeks, a career stage, the context flags said true and false,
...) to its contribution, its breakdown item and its reasons, already worded.

Everything that depends only on (policy, catalogue, texts, messages) is computed once when the
tables are built, so scoring a situation is eight look-ups per variant. Goal-set, horizon and
time columns are filled on first use (time is a free-form number, so its columns and entries
live in bounded caches).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import cast

import msgspec

from service.cache import BoundedCache
from service.domain.content_files import Catalogue, CatalogueVariant, LocaleTexts, Range
from service.domain.recommendation.input import Situation, SituationContext
from service.domain.recommendation.limits import HORIZON_WEEKS, SCALE
from service.domain.recommendation.output import BreakdownItem, Caution, Reason
from service.domain.recommendation.policy import (
    Factor,
    RecommendationMessages,
    RecommendationPolicy,
)
from service.domain.recommendation.wording import Name, Wording
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
# Time columns kept per engine: hours and minutes are free-form, so the keys are unbounded.
# Each locale has its own, so they are kept small (four locales: at most 16 MB by estimate).
MAX_CACHED_TIME_COLUMNS = 4_000
TIME_COLUMNS_BYTES = 2 * 1024 * 1024
TIE = 64  # room for the slug tie-break below the score in packed ranking keys
# Added to the packed key of every variant that can start (no prerequisite said unavailable):
# above any score, so a blocked variant ranks below every open one whatever its score.
STARTABLE = (SCALE + 1) * TIE
GOALS = tuple(Goal)
GOAL_BIT = {goal: 1 << i for i, goal in enumerate(GOALS)}
PREREQUISITES = tuple(Prerequisite)
PREREQUISITE_BIT = {p: 1 << i for i, p in enumerate(PREREQUISITES)}
CONTEXT_FIELDS = tuple(p.value for p in PREREQUISITES)  # SituationContext uses the same names
CATALOGUE_FIT_FLOOR = 0.8  # a goal or stage the catalogue lists must fit at least this well
# Tables.keys reads the context flags in Prerequisite order.
assert SituationContext.__struct_fields__ == CONTEXT_FIELDS


def to_int(value: float) -> int:
    """Round half up to units of 1e-4 (Python's round() would round half to even)."""
    return math.floor(value * SCALE + 0.5)


def to_float(value: int) -> float:
    return round(value / SCALE, 4)


# Identity equality and hash (eq=False): rows of entries key a cache. Not tracked by the
# cyclic collector (gc=False: immutable, never part of a cycle): the engine's lazily filled
# columns hold thousands, and a full collection scanned them all (output.py says why).
class Entry(msgspec.Struct, frozen=True, eq=False, gc=False):
    """One factor of one variant for one input key: everything the response needs from it."""

    contribution: int
    fit: int
    # weight - contribution: what this factor costs the variant; a prerequisite said unavailable
    # costs more than any factor (it blocks the variant), so it is the gap a reason names.
    loss: int
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
    grammar: Name
    goals: dict[int, Entry] = field(default_factory=dict)  # filled lazily: at most 2048 goal sets
    horizon: dict[int, Entry] = field(default_factory=dict)  # by week, filled lazily: <= 520
    urgency: list[Entry] = field(default_factory=list)  # [not urgent, urgent, not said]
    stage: dict[CareerStage, Entry] = field(default_factory=dict)
    relationship: dict[RelationshipPreference, Entry] = field(default_factory=dict)
    structure: dict[StructurePreference, Entry] = field(default_factory=dict)
    context: dict[int, Entry] = field(default_factory=dict)  # by context key (see context_key)
    cautions: dict[int, tuple[Caution, ...]] = field(default_factory=dict)  # by context key
    min_session: int = 0
    weekly_need: float = 0.0  # hours a week at the lowest cadence and shortest session
    coach_led: bool = False  # a coach leads it: a budget for an external coach is an option


@dataclass(frozen=True, slots=True)
class Keys:
    """The situation reduced to the table keys (what scoring actually depends on)."""

    goals: int
    horizon: int  # weeks
    urgent: int  # 0 not urgent, 1 urgent, 2 not said
    stage: CareerStage
    relationship: RelationshipPreference
    structure: StructurePreference
    context: int  # context_key of the flags said true and said false


@dataclass(frozen=True, slots=True)
class Column:
    """One factor's entries for one input key across all variants (in variant order)."""

    entries: tuple[Entry, ...]
    items: tuple[BreakdownItem, ...]
    scaled: tuple[int, ...]  # contributions * TIE, to add to packed ranking keys


def column(entries: tuple[Entry, ...], bonus: tuple[int, ...] | None = None) -> Column:
    """`bonus`: added to the packed keys (the context column's STARTABLE of open variants)."""
    scaled = tuple(e.contribution * TIE for e in entries)
    if bonus is not None:
        scaled = tuple(map(sum, zip(scaled, bonus, strict=True)))
    return Column(entries, tuple(e.item for e in entries), scaled)


BITS = len(PREREQUISITES)
NOT_SAID = 2  # the urgency key when urgency is not said


def context_key(said_yes: int, said_no: int) -> int:
    """One table key for the context flags: a bit mask of those said true and one of those said
    false; a flag in neither was not said."""
    return said_yes | (said_no << BITS)


CONTEXT_KEYS = tuple(
    context_key(yes, no) for yes in range(1 << BITS) for no in range(1 << BITS) if not yes & no
)


# Which reasons each horizon relation may word: a range that contains the horizon is a strength,
# one far off is a gap, a partial fit may be either.
HORIZON_REASONS = {
    "fits": ("match",),
    "partly_shorter": ("match", "gap"),
    "partly_longer": ("match", "gap"),
    "shorter": ("gap",),
    "longer": ("gap",),
}


def horizon_relation(duration: Range, weeks: int) -> str:
    """How a variant's usual length relates to a horizon (the HorizonTexts key): inside its
    range it fits; within a factor of two it partly fits; else it does not fit."""
    if duration.min <= weeks <= duration.max:
        return "fits"
    if weeks > duration.max:
        return "partly_shorter" if weeks <= 2 * duration.max else "shorter"
    return "partly_longer" if 2 * weeks >= duration.min else "longer"


def _column_size(value: Column) -> int:
    # The column's own tuples; its entries are shared with the per-variant time tables.
    return 3 * (56 + 8 * len(value.entries)) + 64


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
        self.wording = Wording(messages.locale)
        self._weeks: dict[float, str] = {}
        self._minutes: dict[float, str] = {}
        self._hours: dict[float, str] = {}
        check_alignment(policy, catalogue, texts)
        unnamed = {v.slug for v in catalogue.variants} - set(messages.names)
        if unnamed:
            raise ValueError(f"messages/{messages.locale}.yaml names: missing {sorted(unnamed)}")
        self.weights = {f: to_int(policy.factors[f].weight) for f in FACTORS}
        self.bands = policy.horizon_bands
        self.band_of = [self._band(week) for week in range(HORIZON_WEEKS[1] + 1)]
        records = sorted(catalogue.variants, key=lambda v: v.slug)  # index order = slug order
        self.variants = [self._build_variant(i, record) for i, record in enumerate(records)]
        if len(self.variants) >= TIE:
            raise ValueError(f"at most {TIE - 1} variants are supported")
        # Per context key, whether each variant can start: none of its prerequisites was said
        # to be unavailable. A blocked variant is never primary nor a growth-plan track.
        self.open = {
            key: tuple(not self.context_state(v, key)[0] for v in self.variants)
            for key in CONTEXT_KEYS
        }
        self.columns = self._build_columns()
        self._goal_columns: dict[int, Column] = {}  # at most 2048 goal sets
        # Context key per context said: each flag true, false or not said, 243 at most.
        self._context_keys: dict[SituationContext, int] = {}
        self._horizon_columns: dict[int, Column] = {}  # at most 520 weeks
        # Time entries, shared by every (hours, minutes) that reads the same.
        self._time_entries: BoundedCache[tuple[int, ...], Entry] = BoundedCache(
            f"recommendation_time_entries_{messages.locale}",
            max_entries=MAX_CACHED_TIME_COLUMNS * 4,
            max_bytes=TIME_COLUMNS_BYTES * 2,
            sizeof=lambda _: 400,
        )
        self._time_columns: BoundedCache[tuple[float, int], Column] = BoundedCache(
            f"recommendation_time_columns_{messages.locale}",
            max_entries=MAX_CACHED_TIME_COLUMNS,
            max_bytes=TIME_COLUMNS_BYTES,
            sizeof=_column_size,
        )
        self.by_approach = {
            a: [v.index for v in self.variants if v.base_approach is a] for a in BaseApproach
        }
        # Per context key, the variants of each approach that can start, and whether all can.
        self.open_by_approach = {
            key: {
                a: tuple(i for i in found if self.open[key][i])
                for a, found in self.by_approach.items()
            }
            for key in CONTEXT_KEYS
        }
        self.all_open = {key: all(self.open[key]) for key in CONTEXT_KEYS}
        # Per context key, every variant's cautions (in variant order).
        self.cautions = {key: tuple(v.cautions[key] for v in self.variants) for key in CONTEXT_KEYS}

    # -- texts --------------------------------------------------------------------------------

    def _band(self, week: int) -> int:
        for index, bound in enumerate(self.bands):
            if week <= bound:
                return index
        return len(self.bands)

    def labels(
        self, values: Sequence[str], labels: dict[Goal, str] | dict[Prerequisite, str]
    ) -> str:
        return self.wording.join([labels[value] for value in values])  # type: ignore[index]

    def render(self, template: str, **values: object) -> str:
        return self.wording.render(template, **values)

    def weeks(self, count: int) -> str:
        return self._unit(self._weeks, self.messages.units.weeks, count)

    def minutes(self, count: int) -> str:
        return self._unit(self._minutes, self.messages.units.minutes, count)

    def _unit(self, memo: dict[float, str], template: str, count: float) -> str:
        # Whole weeks (<= 520) and minutes (<= 480) and shown weekly times (< 60 minutes, or
        # tenths of an hour up to 40 hours) are finite: each phrase is rendered once.
        found = memo.get(count)
        if found is None:
            found = memo[count] = self.render(template, count=count)
        return found

    def weekly_time(self, hours: float, *, need: bool) -> str:
        """Weekly time as a person reads it: whole minutes below an hour, else hours to one
        decimal. A need rounds up and an amount someone has rounds down, so a shortfall never
        reads as "needs 7 minutes, you have 7 minutes"."""
        if hours < 1:
            minutes = hours * 60
            shown = math.ceil(minutes - 1e-9) if need else math.floor(minutes + 1e-9)
            return self.minutes(max(shown, 1))
        tenths = hours * 10
        shown_tenths = math.ceil(tenths - 1e-9) if need else math.floor(tenths + 1e-9)
        return self._unit(self._hours, self.messages.units.hours, shown_tenths / 10)

    # -- entries ------------------------------------------------------------------------------

    def _entry(
        self,
        v: VariantTables,
        factor: Factor,
        fit: float,
        text: Callable[[str], str | None] | None = None,
        *,
        blocked: bool = False,
    ) -> Entry:
        """A table entry; `text(kind)` words the "match" or "gap" reason (None: no reason)."""
        fit_int = to_int(fit)
        weight = self.weights[factor]
        contribution = (weight * fit_int + SCALE // 2) // SCALE
        item = BreakdownItem(factor, to_float(weight), to_float(fit_int), to_float(contribution))
        thresholds = self.policy.reason_thresholds
        match = gap = None
        if text is not None:
            if fit_int >= to_int(thresholds.match):
                match = self._reason(v, factor, "match", text("match"))
            elif fit_int < to_int(thresholds.gap):
                gap = self._reason(v, factor, "gap", text("gap"))
        loss = SCALE + 1 if blocked else weight - contribution
        return Entry(contribution, fit_int, loss, item, match, gap)

    def _reason(
        self, v: VariantTables, factor: Factor, kind: str, text: str | None
    ) -> Reason | None:
        if text is None:
            return None
        source = self.policy.factors[factor]
        term = v.record.term if factor is Factor.CONTEXT else None
        return Reason(
            code=f"{factor.value}.{kind}",
            factor=factor,
            text=text,
            aspect=source.aspect,
            topic=source.topic,
            term=term,
        )

    def _simple(self, factor: str, v: VariantTables, **values: object) -> Callable[[str], str]:
        """The match/gap wording of a factor whose texts are one sentence each."""
        texts = getattr(self.messages.reasons, factor)
        return lambda kind: self.render(getattr(texts, kind), variant=v.grammar, **values)

    def _build_variant(self, index: int, record: CatalogueVariant) -> VariantTables:
        policy, labels = self.policy, self.messages.labels
        profile = policy.variants[record.slug]
        name = self.texts.variants[record.slug].name
        grammar = self.messages.names.get(record.slug)
        v = VariantTables(
            index=index,
            slug=record.slug,
            name=name,
            base_approach=record.base_approach,
            record=record,
            grammar=Name(name)
            if grammar is None
            else Name(name, grammar.gender, grammar.plural, grammar.forms),
        )
        v.min_session = record.session_minutes.min
        v.weekly_need = (
            record.sessions_per_month.min * record.session_minutes.min / 60 / WEEKS_PER_MONTH
        )
        v.coach_led = record.slug in policy.coach_led
        urgency = labels.urgency
        v.urgency = [
            self._entry(
                v,
                Factor.URGENCY,
                profile.urgency.not_urgent,
                self._simple("urgency", v, urgency=urgency["not_urgent"]),
            ),
            self._entry(
                v,
                Factor.URGENCY,
                profile.urgency.urgent,
                self._simple("urgency", v, urgency=urgency["urgent"]),
            ),
            # Not said: the same neutral fit for every variant, and nothing to say about it.
            self._entry(v, Factor.URGENCY, policy.urgency_not_said),
        ]
        v.stage = {
            stage: self._stage_entry(v, stage, fit) for stage, fit in profile.career_stages.items()
        }
        shape_label = labels.relationship_shapes[record.relationship_shape]
        v.relationship = {
            pref: self._entry(
                v,
                Factor.RELATIONSHIP,
                row[record.relationship_shape],
                # No preference said: nothing to say about it (neutral in the text too).
                None
                if pref is RelationshipPreference.NO_PREFERENCE
                else self._simple(
                    "relationship",
                    v,
                    shape=shape_label,
                    preference=labels.relationship_preferences[pref],
                ),
            )
            for pref, row in policy.relationship_fit.items()
        }
        formality_label = labels.formalities[record.formality]
        v.structure = {
            pref: self._entry(
                v,
                Factor.STRUCTURE,
                row[record.formality],
                None
                if pref is StructurePreference.NO_PREFERENCE
                else self._simple(
                    "structure",
                    v,
                    formality=formality_label,
                    preference=labels.structure_preferences[pref],
                ),
            )
            for pref, row in policy.structure_fit.items()
        }
        for key in CONTEXT_KEYS:
            v.context[key] = self._context_entry(v, key)
            v.cautions[key] = self._cautions(v, key)
        return v

    def context_state(
        self, v: VariantTables, key: int
    ) -> tuple[list[Prerequisite], list[Prerequisite]]:
        """The variant's prerequisites the person said are not available, and those not said."""
        said_yes, said_no = key & ((1 << BITS) - 1), key >> BITS
        missing = [p for p in v.record.prerequisites if said_no & PREREQUISITE_BIT[p]]
        unknown = [
            p for p in v.record.prerequisites if not (said_yes | said_no) & PREREQUISITE_BIT[p]
        ]
        return missing, unknown

    def coach_budget(self, v: VariantTables, key: int) -> bool | None:
        """For a coach-led variant, what the person said of a budget for an external coach
        (None: not said); None for every other variant."""
        if not v.coach_led:
            return None
        bit = PREREQUISITE_BIT[Prerequisite.COACH_BUDGET]
        if key & bit:
            return True
        return False if (key >> BITS) & bit else None

    def _context_entry(self, v: VariantTables, key: int) -> Entry:
        """Fit: the lowest of what the variant needs (a prerequisite said unavailable blocks it;
        one not said is neutral; a coach-led variant without a budget for an external coach has
        the internal coaches' fit); a variant that needs nothing is neutral."""
        fits = self.policy.context
        missing, unknown = self.context_state(v, key)
        budget = self.coach_budget(v, key)
        needs = [fits.not_said if p in unknown else fits.all_met for p in v.record.prerequisites]
        if v.coach_led:
            needs.append(
                {True: fits.all_met, False: fits.internal_coach, None: fits.not_said}[budget]
            )
        fit = fits.unmet if missing else min(needs, default=fits.none_required)
        labels = self.messages.labels.prerequisites
        texts = self.messages.reasons.context
        text: Callable[[str], str | None] | None = None
        if missing or (v.record.prerequisites and not unknown):
            prerequisite = self.labels(missing or list(v.record.prerequisites), labels)
            text = self._simple("context", v, prerequisite=prerequisite)
        elif budget is True and not unknown:
            coach = self.render(texts.coach, variant=v.grammar)
            text = lambda kind: coach if kind == "match" else None  # noqa: E731
        return self._entry(v, Factor.CONTEXT, fit, text, blocked=bool(missing))

    def _cautions(self, v: VariantTables, key: int) -> tuple[Caution, ...]:
        """The source's cautions for the variant's approach, plus one per prerequisite the
        person said is missing or has not mentioned, and, for a coach-led variant, who can lead
        it when there is no budget for an external coach (or none was mentioned)."""
        texts = self.messages.cautions
        topic = self.policy.caution_topic
        found = [
            Caution(code, self.render(texts[code], variant=v.grammar, prerequisite=""), topic, None)
            for code in self.policy.cautions[v.base_approach]
        ]
        missing, unknown = self.context_state(v, key)
        labels = self.messages.labels.prerequisites
        for code, prerequisites in (
            ("prerequisite_missing", missing),
            ("prerequisite_unknown", unknown),
        ):
            for p in prerequisites:
                text = self.render(texts[code], variant=v.grammar, prerequisite=labels[p])
                found.append(Caution(code, text, None, v.record.term))
        budget = self.coach_budget(v, key)
        if v.coach_led and budget is not True:
            code = "internal_coach" if budget is False else "coach_unknown"
            label = labels[Prerequisite.COACH_BUDGET]
            text = self.render(texts[code], variant=v.grammar, prerequisite=label)
            found.append(Caution(code, text, None, v.record.term))
        return tuple(found)

    def _stage_entry(self, v: VariantTables, stage: CareerStage, fit: float) -> Entry:
        """ "The source pairs ..." only for a stage the source names for the variant (or, in a
        gap, when it names others); otherwise the sentence says the fit is an editorial
        judgement, and cites no topic."""
        named = self.policy.variants[v.slug].source_stages
        texts = self.messages.reasons.career_stage
        label = self.messages.labels.career_stages[stage]

        def text(kind: str) -> str:
            sourced = stage in named if kind == "match" else bool(named) and stage not in named
            template = getattr(texts, kind if sourced else f"editorial_{kind}")
            return self.render(template, variant=v.grammar, career_stage=label)

        entry = self._entry(v, Factor.CAREER_STAGE, fit, text)
        if stage in named or (named and fit < self.policy.reason_thresholds.gap):
            return entry
        return msgspec.structs.replace(  # an editorial judgement rests on no topic
            entry,
            match=None if entry.match is None else msgspec.structs.replace(entry.match, topic=None),
            gap=None if entry.gap is None else msgspec.structs.replace(entry.gap, topic=None),
        )

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
        text = self._simple(
            "goals", v, goals=self.labels(shown, self.messages.labels.goals), count=len(shown)
        )
        entry = v.goals[mask] = self._entry(v, Factor.GOALS, mean, text)
        return entry

    def _horizon_entry(self, v: VariantTables, weeks: int) -> Entry:
        """The horizon fit comes from the band; the reason says how the variant's usual length
        relates to this very horizon: fits, partly fits (and how), or does not fit."""
        entry = v.horizon.get(weeks)
        if entry is None:
            fit = self.policy.variants[v.slug].horizon[self.band_of[weeks]]
            d = v.record.duration_weeks
            relation = horizon_relation(d, weeks)
            template = getattr(self.messages.reasons.horizon, relation)
            # A strength never says "does not fit", a gap never says "fits": where the band fit
            # and the variant's own range disagree, the horizon is not named at all.
            allowed = HORIZON_REASONS[relation]
            wording = {
                "variant": v.grammar,
                "span": self.render(self.messages.units.week_range, min=d.min, max=d.max),
                "horizon": self.weeks(weeks),
                "covered": self.weeks(min(d.max, weeks)),
            }
            entry = v.horizon[weeks] = self._entry(
                v,
                Factor.HORIZON,
                fit,
                lambda kind: self.render(template, **wording) if kind in allowed else None,
            )
        return entry

    def _time_entry(self, v: VariantTables, hours: float, minutes: int) -> Entry:
        """Time fit: the binding constraint of session length and weekly time. A match is
        said only when both are covered; a gap names what is short, with the person's own
        amounts."""
        fit_int = time_fit(v.min_session, v.weekly_need, hours, minutes)
        thresholds = self.policy.reason_thresholds
        if to_int(thresholds.gap) <= fit_int < SCALE:
            key: tuple[int, ...] = (v.index, fit_int)  # no sentence: shared by every such time
        else:  # the sentence says what is short and quotes the person's minutes and time
            short = (minutes < v.min_session) + 2 * (hours < v.weekly_need)
            key = (v.index, fit_int, short, minutes, shown_time_key(hours))
        entry = self._time_entries.get(key)
        if entry is None:
            entry = self._build_time_entry(v, fit_int, hours, minutes)
            self._time_entries.put(key, entry)
        return entry

    def _build_time_entry(
        self, v: VariantTables, fit_int: int, hours: float, minutes: int
    ) -> Entry:
        def text(kind: str) -> str | None:
            if kind == "match":
                return self.time_sentence(v, hours, minutes) if fit_int == SCALE else None
            return self.time_sentence(v, hours, minutes)

        return self._entry(v, Factor.TIME, fit_int / SCALE, text)

    def time_sentence(self, v: VariantTables, hours: float, minutes: int) -> str:
        """What is short of the variant's time needs (sessions, weekly time, or both) with the
        person's own amounts, or that their time covers it."""
        texts = self.messages.reasons.time
        minutes_short = minutes < v.min_session
        hours_short = hours < v.weekly_need
        if minutes_short and hours_short:
            template = texts.short_both
        elif minutes_short or hours_short:
            template = texts.short_minutes if minutes_short else texts.short_hours
        else:
            template = texts.covered
        return self.render(
            template,
            variant=v.grammar,
            need_minutes=self.minutes(v.min_session),
            need_time=self.weekly_time(v.weekly_need, need=True),
            minutes=self.minutes(minutes),
            time=self.weekly_time(hours, need=False),
        )

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
        if factor is Factor.HORIZON:
            weeks = cast(int, key)
            found = self._horizon_columns.get(weeks)
            if found is None:
                entries = tuple(self._horizon_entry(v, weeks) for v in self.variants)
                found = self._horizon_columns[weeks] = column(entries)
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
        """The columns of the factors with few keys; goals, horizon and time fill on first use."""
        vs = self.variants
        return {
            Factor.URGENCY: {u: column(tuple(v.urgency[u] for v in vs)) for u in (0, 1, NOT_SAID)},
            Factor.CAREER_STAGE: {st: column(tuple(v.stage[st] for v in vs)) for st in CareerStage},
            Factor.RELATIONSHIP: {
                p: column(tuple(v.relationship[p] for v in vs)) for p in RelationshipPreference
            },
            Factor.STRUCTURE: {
                p: column(tuple(v.structure[p] for v in vs)) for p in StructurePreference
            },
            Factor.CONTEXT: {
                k: column(
                    tuple(v.context[k] for v in vs),
                    tuple(STARTABLE if can else 0 for can in self.open[k]),
                )
                for k in CONTEXT_KEYS
            },
        }

    def keys(self, s: Situation) -> Keys:
        goals = 0
        for goal in s.goals:
            goals |= GOAL_BIT[goal]
        context = self._context_keys.get(s.context)
        if context is None:
            context = self._context_keys[s.context] = _context_key_of(s.context)
        urgent = NOT_SAID if s.urgent is None else int(s.urgent)
        return Keys(
            goals,
            min(max(s.horizon_weeks, 1), HORIZON_WEEKS[1]),
            urgent,
            s.career_stage,
            s.relationship_preference,
            s.structure_preference,
            context,
        )


def _context_key_of(c: SituationContext) -> int:
    said_yes = said_no = 0
    flags = (c.senior_learns_from_juniors, c.sponsors_available, c.peers_available,
             c.coach_budget, c.ai_acceptable)  # fmt: skip
    for bit, flag in enumerate(flags):
        if flag is True:
            said_yes |= 1 << bit
        elif flag is False:
            said_no |= 1 << bit
    return context_key(said_yes, said_no)


def shown_time_key(hours: float) -> int:
    """What `Tables.weekly_time(hours, need=False)` shows, as an int: whole minutes below an
    hour, else tenths of an hour (offset so the two never collide)."""
    if hours < 1:
        return math.floor(hours * 60 + 1e-9)
    return 1_000_000 + math.floor(hours * 10 + 1e-9)


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
