"""The recommendation service both doors call: the engine of the content version in service.

Scoring itself is pure (`engine`); this module only picks the engine for a locale
and turns raw request bodies into situations. Nothing about the person is stored or logged.
"""

from collections.abc import Sequence
from enum import StrEnum
from typing import Annotated

import msgspec

from service.domain.content import Snapshot
from service.domain.recommendation import (
    MAX_BATCH,
    BatchItem,
    FieldProblem,
    InvalidSituation,
    Recommendation,
    RecommendationPolicy,
    Situation,
    parse_situation,
)
from service.domain.recommendation.output import RecommendationSummary, SummaryBatchItem


class BatchRequest(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Up to 1,000 situations, each validated on its own: one bad item gets its own problem
    and never fails the others."""

    items: Annotated[list[Situation], msgspec.Meta(min_length=1, max_length=MAX_BATCH)]


class BatchResponse(msgspec.Struct, frozen=True, tag_field="detail", tag="full"):
    items: tuple[BatchItem, ...]


class SummaryBatchResponse(msgspec.Struct, frozen=True, tag_field="detail", tag="summary"):
    items: tuple[SummaryBatchItem, ...]


class BatchDetail(StrEnum):
    FULL = "full"  # every variant with its breakdown, reasons and cautions
    SUMMARY = "summary"  # primary, scores, growth plan and counterfactual only


class BatchTooLarge(InvalidSituation):
    def __init__(self, size: int) -> None:
        message = f"A batch holds at most {MAX_BATCH} situations; this one has {size}."
        super().__init__([FieldProblem("items", message)])


def recommend(snapshot: Snapshot, locale: str, raw: object) -> Recommendation:
    """Raises InvalidSituation naming every offending field, in the caller's locale."""
    engine = snapshot.engine(locale)
    return engine.recommend(parse_situation(raw, engine.messages))


def recommend_batch(
    snapshot: Snapshot, locale: str, raw: object, detail: BatchDetail = BatchDetail.FULL
) -> BatchResponse | SummaryBatchResponse:
    """One result or one problem per item; a bad item never fails the others."""
    answers = snapshot.engine(locale).recommend_batch(_batch_items(raw, snapshot, locale))
    if detail is BatchDetail.FULL:
        return BatchResponse(tuple(answers))
    return SummaryBatchResponse(
        tuple(
            SummaryBatchItem(
                a.index, None if a.result is None else RecommendationSummary.of(a.result), a.problem
            )
            for a in answers
        )
    )


def _batch_items(raw: object, snapshot: Snapshot, locale: str) -> Sequence[object]:
    texts = snapshot.engine(locale).messages.problems
    if not isinstance(raw, dict):
        raise InvalidSituation(
            [FieldProblem("body", texts.not_object.format(type=type(raw).__name__))]
        )
    problems = [
        FieldProblem(name, texts.unknown_field.format(field=name))
        for name in sorted(raw)
        if name != "items"
    ]
    items = raw.get("items")
    if "items" not in raw:
        problems.append(FieldProblem("items", texts.missing.format(field="items")))
    elif not isinstance(items, list):
        problems.append(FieldProblem("items", texts.wrong_type.format(expected="an array")))
    elif not items:
        problems.append(FieldProblem("items", texts.too_few.format(min=1)))
    elif len(items) > MAX_BATCH:
        raise BatchTooLarge(len(items))
    if problems:
        raise InvalidSituation(problems)
    assert isinstance(items, list)
    return items


def policy(snapshot: Snapshot) -> RecommendationPolicy:
    return snapshot.policy
