"""The engine: situation -> ranked, explained recommendation. Pure and in-memory.

It composes the jobs, each in its own module: `tables` (everything precomputed from policy,
catalogue and texts), `scoring` (ranking and reasons), `growth` (the blended growth plan) and
`counterfactuals` (the smallest change that would change the answer).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from typing import Protocol, TypeVar

import msgspec

from service.cache import BoundedCache
from service.domain.content_files import Catalogue, LocaleTexts
from service.domain.recommendation.counterfactuals import CounterfactualSearch
from service.domain.recommendation.growth import GrowthPlanner
from service.domain.recommendation.input import InvalidSituation, Situation, parse_situation
from service.domain.recommendation.limits import MAX_BATCH, SCALE
from service.domain.recommendation.output import (
    BatchItem,
    Caution,
    Counterfactual,
    GrowthPlan,
    ItemProblem,
    Primary,
    PrimaryApproach,
    Recommendation,
    RecommendationSummary,
    SummaryBatchItem,
)
from service.domain.recommendation.policy import (
    Factor,
    RecommendationMessages,
    RecommendationPolicy,
)
from service.domain.recommendation.scoring import Scored, Scorer
from service.domain.recommendation.tables import (
    FACTOR_POSITION,
    GOALS_POSITION,
    Tables,
    shown_time_key,
    to_int,
)
from service.domain.vocabulary import BaseApproach

# Answers kept for single requests, one budget for every engine of the worker (all locales,
# content versions and organisation policies): the answer is a pure function of the situation,
# and callers repeat situations (a page view per employee). Bounded because situations are
# unbounded, and small because a cached answer costs about 5.5 KB of real memory (measured:
# 20,000 answers grew a worker by 110 MB; 2,000 hold 11 MB). Batch items are not cached: a
# nightly batch of thousands of new situations would only evict what page views repeat.
MAX_CACHED_RESULTS = 2_000
# What one cached answer holds, measured (RSS growth per cached answer, shipped content): a
# constant, because sizing each answer object by object (sys.getsizeof over its ranking) cost
# 5-10 us per put, and every answer has about the same shape (one entry per variant).
ANSWER_BYTES = 5_632
# Primaries' cautions with a time shortfall kept per engine, and what one costs (the cautions,
# their JSON and the key, estimated).
MAX_SHORTFALLS = 2_048
SHORTFALL_BYTES = 2_048
TIME_POSITION = FACTOR_POSITION[Factor.TIME]
_ENGINE_IDS = itertools.count()  # never reused, unlike id(): keys an engine's answers
Answer = TypeVar("Answer", Recommendation, RecommendationSummary)
Copied = TypeVar("Copied")


def shallow_copy(instance: Copied) -> Copied:
    """`copy.copy` of a plain instance, without copy's protocol (ten times faster)."""
    twin = object.__new__(type(instance))
    twin.__dict__.update(instance.__dict__)
    return twin


class Finish(Protocol):
    """What a caller does to each batch answer with the situation it was made from (the
    decision id, for one): the situation is parsed once, here."""

    def __call__(self, answer: Answer, situation: Situation, /) -> Answer: ...


def as_is(answer: Answer, _: Situation, /) -> Answer:
    return answer


class Engine:
    """Built once per (policy, catalogue, locale texts, messages) and content version.

    Not thread-safe: a read fills the engine's caches (answers, reasons, goal and time columns).
    Each granian worker runs one event loop and uses its engines from that loop's thread only.
    """

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
        self.tables = Tables(policy, catalogue, texts, messages)
        self._scorer = Scorer(self.tables)
        self._planner = GrowthPlanner(self.tables)
        self._counterfactuals = CounterfactualSearch(self.tables)
        self._headlines: dict[tuple[str, int, int], str] = {}
        self._match = to_int(policy.reason_thresholds.match)
        # Per goal set (bit mask, at most 2,048), the variants built for it (goal fit >= match).
        self._built_for: dict[int, tuple[int, ...]] = {}
        # The primary's cautions with its time shortfall, per primary, context key, amounts
        # and alternative: bounded (times are free-form).
        self._shortfalls: BoundedCache[tuple[object, ...], tuple[Caution, ...]]
        self._shortfalls = BoundedCache(
            f"recommendation_shortfalls_{self.locale}",
            max_entries=MAX_SHORTFALLS,
            max_bytes=MAX_SHORTFALLS * SHORTFALL_BYTES,
            sizeof=lambda _: SHORTFALL_BYTES,
        )
        self._id: object = next(_ENGINE_IDS)

    @property
    def key(self) -> object:
        """What keys this engine's answers: never reused, unlike id()."""
        return self._id

    def over(self, tables: Tables, scorer: Scorer, key: object) -> Engine:
        """This engine over other tables of the same content (an organisation's adjustment,
        `adjustment.py`): every text cache shared (they are keyed by the variants' `index`),
        what depends on the tables' variants or weights its own, and its answers under `key`."""
        view = shallow_copy(self)
        view.tables = tables
        view._scorer = scorer
        view._planner = shallow_copy(self._planner)
        view._planner.tables = tables
        view._counterfactuals = self._counterfactuals.over(tables)
        view._built_for = {}
        view._id = key
        return view

    def recommend(self, situation: Situation) -> Recommendation:
        key = (self._id, situation)
        result = ANSWERS.get(key)
        if result is None:
            result = self._recommend(situation)
            ANSWERS.put(key, result)
        return result

    def scored(self, situation: Situation) -> Scored:
        """The situation's packed ranking keys and order, without wording anything (the
        intake reads them to decide what could still change the primary)."""
        return self._scorer.score(situation)

    def primary(self, situation: Situation) -> Primary:
        """The answer's `primary` alone: no ranking, reasons or counterfactual."""
        scored = self._scorer.score(situation)
        return self._primary(scored, self._planner.plan(situation, scored), situation)

    def _recommend(self, situation: Situation) -> Recommendation:
        scored = self._scorer.score(situation)
        primary, plan, counterfactual = self._outline(situation, scored)
        ranked = self._scorer.ranking(scored)
        shortfall = self._shortfall(situation, scored)
        if shortfall is not None:  # the primary's time falls short: its cautions say so
            first = msgspec.structs.replace(ranked[0], cautions=shortfall)
            ranked = (first, *ranked[1:])
        return Recommendation(
            policy_version=self.policy.version,
            content_version=self.content_version,
            locale=self.locale,
            primary=primary,
            ranking=ranked,
            growth_plan=plan,
            counterfactual=counterfactual,
        )

    def _shortfall(self, s: Situation, scored: Scored) -> tuple[Caution, ...] | None:
        """The primary's cautions with one more, `time_short`, when the person's sessions or
        weekly time fall short of what it needs: the shortfall with the person's own amounts,
        and the best-ranked model that fits their time (kept: bounded)."""
        t = self.tables
        order, key = scored.order, scored.keys.context
        top = t.variants[order[0]]
        minutes_short = s.minutes_per_session < top.min_session
        hours_short = s.hours_per_week < top.weekly_need
        if not minutes_short and not hours_short:
            return None
        time = scored.columns[TIME_POSITION].entries
        can_start = t.open[key]
        alternative = next(
            (i for i in order[1:] if can_start[i] and time[i].fit == SCALE), -1
        )  # open variants come first: the first that fits
        # Keyed by the variants' index (shared with the views of adjustment.py), not position.
        shown = -1 if alternative < 0 else t.variants[alternative].index
        memo = (top.index, key, minutes_short, hours_short, s.minutes_per_session,
                shown_time_key(s.hours_per_week), shown)  # fmt: skip
        found = self._shortfalls.get(memo)
        if found is None:
            text = t.time_sentence(top, s.hours_per_week, s.minutes_per_session)
            if alternative >= 0:
                alt = t.variants[alternative]
                text += " " + t.render(self.messages.shortfall.alternative, variant=alt.grammar)
            caution = Caution("time_short", text, None, None)
            found = (*t.cautions[key][order[0]], caution)
            self._shortfalls.put(memo, found)
        return found

    def _summary(self, situation: Situation) -> RecommendationSummary:
        """What `RecommendationSummary.of(self._recommend(situation))` gives, without wording
        the reasons and cautions of every variant only to drop them."""
        scored = self._scorer.score(situation)
        primary, plan, counterfactual = self._outline(situation, scored)
        return RecommendationSummary(
            self.policy.version,
            self.content_version,
            self.locale,
            primary,
            self._scorer.scores_ranking(scored),
            plan,
            counterfactual,
        )

    def _outline(
        self, situation: Situation, scored: Scored
    ) -> tuple[Primary, GrowthPlan | None, Counterfactual | None]:
        plan = self._planner.plan(situation, scored)
        primary = self._primary(scored, plan, situation)
        return primary, plan, self._counterfactuals.find(situation, scored)

    def _primary(self, scored: Scored, plan: GrowthPlan | None, s: Situation) -> Primary:
        t = self.tables
        top = t.variants[scored.order[0]]
        if plan is not None or top.base_approach is BaseApproach.HYBRID:
            approach = PrimaryApproach.BLEND
        else:
            approach = PrimaryApproach(top.base_approach.value)
        # The headline follows the primary's usual length, the horizon and the urgency: no
        # "long-term growth" for a model that runs a few weeks or a horizon shorter than
        # `long_term_weeks`, "help now" only when urgent.
        texts = getattr(self.messages.headlines, approach.value)
        long_term = self.policy.long_term_weeks
        if top.record.duration_weeks.typical >= long_term:
            template = texts.long if s.horizon_weeks >= long_term else texts.beyond_horizon
        elif s.urgent:
            template = texts.urgent
        else:
            template = texts.short
        # Every variant built for the goals blocked: only when something was said unavailable.
        blocked = -1 if t.all_open[scored.keys.context] else self._blocked_best(scored)
        # Finite: templates x variants x variants; by index, as the adjusted views share it.
        key = (template, top.index, -1 if blocked < 0 else t.variants[blocked].index)
        headline = self._headlines.get(key)
        if headline is None:
            headline = t.render(template, variant=top.grammar)
            if blocked >= 0:  # every variant built for the goals is blocked: say so first
                v = t.variants[blocked]
                missing, _ = t.context_state(v, scored.keys.context)
                prerequisite = t.labels(missing, self.messages.labels.prerequisites)
                note = t.render(self.messages.headlines.blocked, variant=v.grammar,
                                prerequisite=prerequisite)  # fmt: skip
                headline = f"{note} {headline}"
            self._headlines[key] = headline
        return Primary(approach, top.slug, headline)

    def _blocked_best(self, scored: Scored) -> int:
        """The best-scoring variant built for the goals (goal fit at least the match threshold)
        when every such variant is blocked; -1 otherwise."""
        key = scored.keys.context
        goals = scored.keys.goals
        built_for = self._built_for.get(goals)
        if built_for is None:
            entries = scored.columns[GOALS_POSITION].entries
            built_for = tuple(i for i, e in enumerate(entries) if e.fit >= self._match)
            self._built_for[goals] = built_for
        can_start = self.tables.open[key]
        if not built_for or any(can_start[i] for i in built_for):
            return -1
        return max(built_for, key=scored.packed.__getitem__)

    # -- batch --------------------------------------------------------------------------------

    def recommend_batch(self, items: Sequence[object], finish: Finish = as_is) -> list[BatchItem]:
        """Each raw item gets its recommendation or its own 422 problem; none fails the rest."""
        return [BatchItem(*answer) for answer in self._each(items, self._batch_answer, finish)]

    def recommend_batch_summary(
        self, items: Sequence[object], finish: Finish = as_is
    ) -> list[SummaryBatchItem]:
        """`recommend_batch` in summary detail: what `RecommendationSummary.of` keeps."""
        answers = self._each(items, self._batch_summary, finish)
        return [SummaryBatchItem(*answer) for answer in answers]

    def _batch_answer(self, situation: Situation) -> Recommendation:
        # An answer a single request cached is reused; a batch item's is not kept.
        cached = ANSWERS.get((self._id, situation))
        return self._recommend(situation) if cached is None else cached

    def _batch_summary(self, situation: Situation) -> RecommendationSummary:
        cached = ANSWERS.get((self._id, situation))
        return self._summary(situation) if cached is None else RecommendationSummary.of(cached)

    def _each(
        self, items: Sequence[object], answer: Callable[[Situation], Answer], finish: Finish
    ) -> Iterator[tuple[int, Answer | None, ItemProblem | None]]:
        if len(items) > MAX_BATCH:
            raise ValueError(f"a batch holds at most {MAX_BATCH} situations")
        for index, raw in enumerate(items):
            try:
                situation = parse_situation(raw, self.messages)
            except InvalidSituation as exc:
                yield index, None, self.problem(exc)
            else:
                yield index, finish(answer(situation), situation), None

    def problem(self, exc: InvalidSituation) -> ItemProblem:
        return ItemProblem(422, exc.title, exc.detail, tuple(exc.problems))


# Answers of single requests, by engine (or adjusted view) and situation; each holds about
# ANSWER_BYTES (its texts are shared with the tables; measured with tracemalloc: 4,047 bytes).
ANSWERS: BoundedCache[tuple[object, Situation], Recommendation] = BoundedCache(
    "recommendation_answers",
    max_entries=MAX_CACHED_RESULTS,
    max_bytes=MAX_CACHED_RESULTS * ANSWER_BYTES,
    sizeof=lambda _: ANSWER_BYTES,
)
