"""The engine: situation -> ranked, explained recommendation. Pure and in-memory.

It composes the jobs, each in its own module: `tables` (everything precomputed from policy,
catalogue and texts), `scoring` (ranking and reasons), `growth` (the blended growth plan) and
`counterfactuals` (the smallest change that would change the answer).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from typing import Protocol, TypeVar

from service.cache import BoundedCache
from service.domain.content_files import Catalogue, LocaleTexts
from service.domain.recommendation.counterfactuals import CounterfactualSearch
from service.domain.recommendation.growth import GrowthPlanner
from service.domain.recommendation.input import InvalidSituation, Situation, parse_situation
from service.domain.recommendation.limits import MAX_BATCH
from service.domain.recommendation.output import (
    BatchItem,
    Counterfactual,
    EncodedBatchItem,
    EncodedRecommendation,
    GrowthPlan,
    ItemProblem,
    Primary,
    PrimaryApproach,
    Recommendation,
    RecommendationSummary,
    SummaryBatchItem,
)
from service.domain.recommendation.policy import RecommendationMessages, RecommendationPolicy
from service.domain.recommendation.scoring import Scored, Scorer
from service.domain.recommendation.tables import Tables, VariantTables
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
_ENGINE_IDS = itertools.count()  # never reused, unlike id(): keys an engine's answers
Answer = TypeVar("Answer", Recommendation, RecommendationSummary, EncodedRecommendation)
Full = TypeVar("Full", Recommendation, EncodedRecommendation)


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
        self._headlines: dict[tuple[str, str], str] = {}
        self._id = next(_ENGINE_IDS)

    def recommend(self, situation: Situation) -> Recommendation:
        key = (self._id, situation)
        result = ANSWERS.get(key)
        if not isinstance(result, Recommendation):  # not cached, or cached encoded
            result = self._recommend(situation)
            ANSWERS.put(key, result)
        return result

    def recommend_encoded(self, situation: Situation) -> Recommendation | EncodedRecommendation:
        """`recommend` for a response to encode: the same bytes, encoded in less time
        (breakdowns and cautions come encoded). Either kind of cached answer serves."""
        key = (self._id, situation)
        result = ANSWERS.get(key)
        if result is None:
            result = self._encoded(situation)
            ANSWERS.put(key, result)
        return result

    def _recommend(self, situation: Situation) -> Recommendation:
        return self._full(situation, Recommendation, self._scorer.ranking)

    def _encoded(self, situation: Situation) -> EncodedRecommendation:
        return self._full(situation, EncodedRecommendation, self._scorer.encoded_ranking)

    def _full(
        self,
        situation: Situation,
        kind: Callable[..., Full],
        ranking: Callable[[Scored], tuple[object, ...]],
    ) -> Full:
        scored = self._scorer.score(situation)
        primary, plan, counterfactual = self._outline(situation, scored)
        return kind(
            policy_version=self.policy.version,
            content_version=self.content_version,
            locale=self.locale,
            primary=primary,
            ranking=ranking(scored),
            growth_plan=plan,
            counterfactual=counterfactual,
        )

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
        primary = self._primary(self.tables.variants[scored.order[0]], plan, situation)
        return primary, plan, self._counterfactuals.find(situation, scored)

    def _primary(self, top: VariantTables, plan: GrowthPlan | None, s: Situation) -> Primary:
        if plan is not None or top.base_approach is BaseApproach.HYBRID:
            approach = PrimaryApproach.BLEND
        else:
            approach = PrimaryApproach(top.base_approach.value)
        # The headline follows the primary's usual length and the person's urgency: no
        # "long-term growth" for a model that runs a few weeks, "help now" only when urgent.
        texts = getattr(self.messages.headlines, approach.value)
        if top.record.duration_weeks.typical >= self.policy.long_term_weeks:
            template = texts.long
        elif s.urgent:
            template = texts.urgent
        else:
            template = texts.short
        key = (template, top.slug)  # finite: headline templates x variants
        headline = self._headlines.get(key)
        if headline is None:
            headline = self._headlines[key] = self.tables.render(template, variant=top.grammar)
        return Primary(approach, top.slug, headline)

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

    def recommend_batch_encoded(
        self, items: Sequence[object], finish: Finish = as_is
    ) -> list[EncodedBatchItem]:
        """`recommend_batch` for encoding only: the rankings' breakdowns and cautions come
        already encoded, and the response encodes to the same bytes in less time. Answers cached
        by single requests are not looked up: batches are mostly situations never seen."""
        answers = self._each(items, self._encoded, finish)
        return [EncodedBatchItem(*answer) for answer in answers]

    def _batch_answer(self, situation: Situation) -> Recommendation:
        # An answer a single request cached is reused; a batch item's is not kept.
        cached = ANSWERS.get((self._id, situation))
        return cached if isinstance(cached, Recommendation) else self._recommend(situation)

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


# Either kind of answer, the same bytes once encoded: a `Recommendation` (GraphQL reads it) or
# an `EncodedRecommendation` (REST encodes it); both hold about ANSWER_BYTES (their encoded parts
# are shared with the tables: measured with tracemalloc, 4,047 and 4,047 bytes per answer).
ANSWERS: BoundedCache[tuple[int, Situation], Recommendation | EncodedRecommendation] = BoundedCache(
    "recommendation_answers",
    max_entries=MAX_CACHED_RESULTS,
    max_bytes=MAX_CACHED_RESULTS * ANSWER_BYTES,
    sizeof=lambda _: ANSWER_BYTES,
)
