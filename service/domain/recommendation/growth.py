"""The growth plan: a mentoring track for the growth goals beside a coaching track for the skill
goals ("Integrating Mentoring and Coaching"), only when the situation asks for both."""

from __future__ import annotations

import operator

from service.cache import BoundedCache
from service.domain.recommendation.input import Situation
from service.domain.recommendation.output import GrowthPlan, GrowthTrack
from service.domain.recommendation.policy import Factor, GoalTrack
from service.domain.recommendation.scoring import Scored
from service.domain.recommendation.tables import (
    GOAL_BIT,
    GOALS_POSITION,
    WEEKS_PER_MONTH,
    Tables,
    VariantTables,
    shown_time_key,
)
from service.domain.vocabulary import BaseApproach, Goal, Prerequisite

# Plan sentences kept per engine: goal lists (ordered goals of one track), and what a plan
# says about the horizon (per mentor, coach and horizon). Sizes estimated: the string and key.
MAX_GOAL_LISTS = 2_048
GOAL_LIST_BYTES = 256
MAX_HORIZON_SENTENCES = 4_096
HORIZON_SENTENCES_BYTES = 512


class GrowthPlanner:
    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        locale = tables.messages.locale
        tracks = tables.policy.goal_tracks
        self._growth_goals = frozenset(
            g for g, track in tracks.items() if track is GoalTrack.GROWTH
        )
        self._skill_goals = frozenset(g for g, track in tracks.items() if track is GoalTrack.SKILL)
        self._goal_lists: BoundedCache[tuple[Goal, ...], str] = BoundedCache(
            f"recommendation_goal_lists_{locale}",
            max_entries=MAX_GOAL_LISTS,
            max_bytes=MAX_GOAL_LISTS * GOAL_LIST_BYTES,
            sizeof=lambda _: GOAL_LIST_BYTES,
        )
        self._about_horizon: BoundedCache[tuple[int, ...], tuple[str, ...]] = BoundedCache(
            f"recommendation_plan_horizons_{locale}",
            max_entries=MAX_HORIZON_SENTENCES,
            max_bytes=MAX_HORIZON_SENTENCES * HORIZON_SENTENCES_BYTES,
            sizeof=lambda _: HORIZON_SENTENCES_BYTES,
        )
        # At most variants x 243 context keys.
        self._about_context: dict[tuple[int, int], tuple[str, ...]] = {}
        # What a plan says about time: per tracks, session lengths, load and the person's time.
        self._about_time: BoundedCache[tuple[int, ...], tuple[str, ...]] = BoundedCache(
            f"recommendation_plan_times_{locale}",
            max_entries=MAX_HORIZON_SENTENCES,
            max_bytes=MAX_HORIZON_SENTENCES * HORIZON_SENTENCES_BYTES,
            sizeof=lambda _: HORIZON_SENTENCES_BYTES,
        )

    def plan(self, s: Situation, scored: Scored) -> GrowthPlan | None:
        t = self.tables
        growth = tuple(filter(self._growth_goals.__contains__, s.goals))  # in C, goals' order
        skill = tuple(filter(self._skill_goals.__contains__, s.goals))
        if not growth or not skill:
            return None
        # Each track's variant is judged on the track's goals: every variant's packed key
        # (a variant that can start above any that cannot, slug tie-break included: the lower
        # index wins) without the situation's goal column. Summed in C.
        judged = list(map(operator.sub, scored.packed, scored.columns[GOALS_POSITION].scaled))
        can_start = t.open_by_approach[scored.keys.context]
        mentor = self._best_for(can_start[BaseApproach.MENTORING], growth, judged)
        coach = self._best_for(can_start[BaseApproach.COACHING], skill, judged)
        if mentor is None or coach is None:  # a blocked track is never planned
            return None
        m_track = _track(mentor, growth, s, long_term=True)
        c_track = _track(coach, skill, s, long_term=False)
        load = _load(m_track, c_track)
        if load / 60 / WEEKS_PER_MONTH > s.hours_per_week:
            # Over the weekly budget at typical cadence: fall back to each model's lowest.
            m_track = _track(mentor, growth, s, long_term=True, lowest=True)
            c_track = _track(coach, skill, s, long_term=False, lowest=True)
            load = _load(m_track, c_track)
        texts = t.messages.growth_plan
        sentences = [
            t.render(
                texts.summary,
                growth_variant=mentor.grammar,
                growth_goals=self._goal_list(growth),
                growth_weeks=m_track.duration_weeks,
                growth_count=len(growth),
                skill_variant=coach.grammar,
                skill_goals=self._goal_list(skill),
                skill_weeks=c_track.duration_weeks,
                skill_count=len(skill),
            ),
            *self._horizon_sentences(mentor, coach, m_track, c_track, s.horizon_weeks),
            *self._context_sentences(mentor, scored.keys.context),
            *self._context_sentences(coach, scored.keys.context),
        ]
        if (
            m_track.session_minutes < mentor.min_session
            or c_track.session_minutes < coach.min_session
            or load / 60 / WEEKS_PER_MONTH > s.hours_per_week
        ):
            sentences += self._time_sentences(mentor, coach, m_track, c_track, s, load)
        summary = " ".join(sentences)
        return GrowthPlan(summary, t.policy.growth_plan_topic, (m_track, c_track))

    def _goal_list(self, goals: tuple[Goal, ...]) -> str:
        """The goals' labels joined as a list ("a, b and c"): Babel's list formatting is the
        slowest step of a plan, and people name the same few goal lists."""
        found = self._goal_lists.get(goals)
        if found is None:
            found = self.tables.labels(goals, self.tables.messages.labels.goals)
            self._goal_lists.put(goals, found)
        return found

    def _horizon_sentences(
        self, mentor: VariantTables, coach: VariantTables, m: GrowthTrack, c: GrowthTrack, h: int
    ) -> tuple[str, ...]:
        """What the plan says about the tracks' lengths against the horizon; one tuple per
        (mentor, coach, their weeks, horizon), finite: weeks derive from the horizon."""
        key = (mentor.index, coach.index, m.duration_weeks, c.duration_weeks, h)
        found = self._about_horizon.get(key)
        if found is not None:
            return found
        t = self.tables
        texts = t.messages.growth_plan
        sentences = []
        horizon = t.weeks(h)
        for v, track in ((mentor, m), (coach, c)):
            # A model's usual span may not match the horizon: say so rather than stretch it.
            weeks = t.weeks(track.duration_weeks)
            if track.duration_weeks > h:
                sentences.append(
                    t.render(
                        texts.runs_past_horizon, variant=v.grammar, weeks=weeks, horizon=horizon
                    )
                )
        if m.duration_weeks < h:
            weeks = t.weeks(m.duration_weeks)
            sentences.append(
                t.render(texts.another_cycle, variant=mentor.grammar, weeks=weeks, horizon=horizon)
            )
        found = tuple(sentences)
        self._about_horizon.put(key, found)
        return found

    def _context_sentences(self, v: VariantTables, context: int) -> tuple[str, ...]:
        """A plan never pairs a track with a prerequisite nobody confirmed, or a coach nobody
        named, without a word. One tuple per (variant, context key): finite, kept."""
        found = self._about_context.get((v.index, context))
        if found is not None:
            return found
        t = self.tables
        texts = t.messages.growth_plan
        prerequisites = t.messages.labels.prerequisites
        missing, unknown = t.context_state(v, context)
        sentences = [
            t.render(template, variant=v.grammar, prerequisite=t.labels(named, prerequisites))
            for template, named in ((texts.needs, missing), (texts.confirm, unknown))
            if named
        ]
        budget = t.coach_budget(v, context)
        if v.coach_led and budget is not True:
            code = "internal_coach" if budget is False else "coach_unknown"
            label = prerequisites[Prerequisite.COACH_BUDGET]
            sentences.append(
                t.render(t.messages.cautions[code], variant=v.grammar, prerequisite=label)
            )
        found = self._about_context[v.index, context] = tuple(sentences)
        return found

    def _time_sentences(
        self,
        mentor: VariantTables,
        coach: VariantTables,
        m: GrowthTrack,
        c: GrowthTrack,
        s: Situation,
        load: int,
    ) -> tuple[str, ...]:
        """A track whose sessions are shorter than its model's shortest, and two tracks that
        together need more weekly time (`load`, minutes a month) than the person has, are said,
        with the person's own amounts (kept per tracks and time: bounded)."""
        load_hours = load / 60 / WEEKS_PER_MONTH
        short = [
            v for v, track in ((mentor, m), (coach, c)) if track.session_minutes < v.min_session
        ]
        over = load_hours > s.hours_per_week
        key = (mentor.index, coach.index, m.session_minutes, c.session_minutes, load,
               shown_time_key(s.hours_per_week))  # fmt: skip
        found = self._about_time.get(key)
        if found is None:
            t = self.tables
            texts = t.messages.reasons.time
            minutes = t.minutes(s.minutes_per_session)
            sentences = [
                t.render(
                    texts.short_minutes,
                    variant=v.grammar,
                    need_minutes=t.minutes(v.min_session),
                    minutes=minutes,
                )
                for v in short
            ]
            if over:
                sentences.append(
                    t.render(
                        t.messages.shortfall.plan_load,
                        need_time=t.weekly_time(load_hours, need=True),
                        time=t.weekly_time(s.hours_per_week, need=False),
                    )
                )
            found = tuple(sentences)
            self._about_time.put(key, found)
        return found

    def _best_for(
        self, candidates: tuple[int, ...], goals: tuple[Goal, ...], judged: list[int]
    ) -> VariantTables | None:
        """Of `candidates` (one approach's variants that can start: no prerequisite said
        unavailable), the one that scores best with this track's goals added to its `judged`
        key; None when there is none (every one is blocked)."""
        if not candidates:
            return None
        t = self.tables
        mask = 0
        for goal in goals:
            mask |= GOAL_BIT[goal]
        with_track = list(map(operator.add, judged, t.column_of(Factor.GOALS, mask).scaled))
        return t.variants[max(candidates, key=with_track.__getitem__)]


def _load(m: GrowthTrack, c: GrowthTrack) -> int:
    """Minutes a month the two tracks need together."""
    return m.cadence_per_month * m.session_minutes + c.cadence_per_month * c.session_minutes


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
    return GrowthTrack(v.slug, v.name, v.base_approach, goals, cadence, minutes, weeks)
