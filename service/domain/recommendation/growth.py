"""The growth plan: a mentoring track for the growth goals beside a coaching track for the skill
goals ("Integrating Mentoring and Coaching"), only when the situation asks for both."""

from __future__ import annotations

import operator

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
)
from service.domain.vocabulary import BaseApproach, Goal


class GrowthPlanner:
    def __init__(self, tables: Tables) -> None:
        self.tables = tables

    def plan(self, s: Situation, scored: Scored) -> GrowthPlan | None:
        t = self.tables
        tracks = t.policy.goal_tracks
        growth = tuple(g for g in s.goals if tracks[g] is GoalTrack.GROWTH)
        skill = tuple(g for g in s.goals if tracks[g] is GoalTrack.SKILL)
        if not growth or not skill:
            return None
        mentor = self._best_for(BaseApproach.MENTORING, growth, scored)
        coach = self._best_for(BaseApproach.COACHING, skill, scored)
        m_track = _track(mentor, growth, s, long_term=True)
        c_track = _track(coach, skill, s, long_term=False)
        load = sum(track.cadence_per_month * track.session_minutes for track in (m_track, c_track))
        if load / 60 / WEEKS_PER_MONTH > s.hours_per_week:
            # Over the weekly budget at typical cadence: fall back to each model's lowest.
            m_track = _track(mentor, growth, s, long_term=True, lowest=True)
            c_track = _track(coach, skill, s, long_term=False, lowest=True)
        texts = t.messages.growth_plan
        labels = t.messages.labels.goals
        sentences = [
            t.render(
                texts.summary,
                growth_variant=mentor.grammar,
                growth_goals=t.labels(growth, labels),
                growth_weeks=m_track.duration_weeks,
                growth_count=len(growth),
                skill_variant=coach.grammar,
                skill_goals=t.labels(skill, labels),
                skill_weeks=c_track.duration_weeks,
                skill_count=len(skill),
            )
        ]
        horizon = t.weeks(s.horizon_weeks)
        for v, track in ((mentor, m_track), (coach, c_track)):
            # A model's usual span may not match the horizon: say so rather than stretch it.
            weeks = t.weeks(track.duration_weeks)
            if track.duration_weeks > s.horizon_weeks:
                sentences.append(
                    t.render(
                        texts.runs_past_horizon, variant=v.grammar, weeks=weeks, horizon=horizon
                    )
                )
        if m_track.duration_weeks < s.horizon_weeks:
            weeks = t.weeks(m_track.duration_weeks)
            sentences.append(
                t.render(texts.another_cycle, variant=mentor.grammar, weeks=weeks, horizon=horizon)
            )
        prerequisites = t.messages.labels.prerequisites
        for v in (mentor, coach):
            # A plan never pairs a track with a missing prerequisite without a word.
            missing, unknown = t.context_state(v, scored.keys.context)
            for template, found in ((texts.needs, missing), (texts.confirm, unknown)):
                if found:
                    label = t.labels(found, prerequisites)
                    sentences.append(t.render(template, variant=v.grammar, prerequisite=label))
        summary = " ".join(sentences)
        return GrowthPlan(summary, t.policy.growth_plan_topic, (m_track, c_track))

    def _best_for(
        self, approach: BaseApproach, goals: tuple[Goal, ...], scored: Scored
    ) -> VariantTables:
        """The variant of one approach that scores best when judged on this track's goals,
        preferring one that can start (its prerequisites are available)."""
        t = self.tables
        mask = 0
        for goal in goals:
            mask |= GOAL_BIT[goal]
        track_goals = t.column_of(Factor.GOALS, mask).scaled
        columns = scored.columns
        # Judged on this track's goals: the packed score (slug tie-break included, the lower
        # index wins) with the situation's goal column swapped for the track's, plus a bonus
        # above any score for a variant that can start. Summed in C for every variant.
        judged = list(
            map(
                operator.add,
                map(operator.sub, scored.packed, columns[GOALS_POSITION].scaled),
                map(operator.add, track_goals, t.startable[scored.keys.context]),
            )
        )
        candidates = t.by_approach[approach]
        assert candidates, f"the catalogue has no {approach} variant"
        return t.variants[max(candidates, key=judged.__getitem__)]


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
