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
    RecommendationMessages,
    RecommendationPolicy,
    Situation,
    parse_situation,
)
from service.domain.recommendation.adjustment import Adjustment, adjusted
from service.domain.recommendation.engine import Finish, as_is
from service.domain.recommendation.input import json_type, wording
from service.domain.recommendation.output import SummaryBatchItem


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
    def __init__(self, size: int, messages: RecommendationMessages) -> None:
        text = wording(messages.locale).render(
            messages.problems.too_many_items, max=MAX_BATCH, count=size
        )
        super().__init__([FieldProblem("items", text)], messages)
        self.title = messages.problems.too_many_items_title


def recommend(snapshot: Snapshot, locale: str, raw: object) -> Recommendation:
    """Raises InvalidSituation naming every offending field, in the caller's locale."""
    engine = snapshot.engine(locale)
    return engine.recommend(parse_situation(raw, engine.messages))


def recommend_batch(
    snapshot: Snapshot,
    locale: str,
    raw: object,
    detail: BatchDetail = BatchDetail.FULL,
    finish: Finish = as_is,
    adjustment: Adjustment | None = None,
) -> BatchResponse | SummaryBatchResponse:
    """One result or one problem per item; a bad item never fails the others. `finish` is
    applied to each answer with its parsed situation; `adjustment` is an organisation's."""
    engine = adjusted(snapshot.engine(locale), adjustment)
    items = _batch_items(raw, snapshot, locale)
    if detail is BatchDetail.FULL:
        return BatchResponse(tuple(engine.recommend_batch(items, finish)))
    return SummaryBatchResponse(tuple(engine.recommend_batch_summary(items, finish)))


def _batch_items(raw: object, snapshot: Snapshot, locale: str) -> Sequence[object]:
    messages = snapshot.engine(locale).messages
    texts = messages.problems

    def text(template: str, **values: object) -> str:
        return wording(messages.locale).render(template, **values)

    if not isinstance(raw, dict):
        kind = texts.type_names[json_type(raw)]
        raise InvalidSituation([FieldProblem("body", text(texts.not_object, type=kind))], messages)
    problems = [
        FieldProblem(name, text(texts.unknown_field, field=name))
        for name in sorted(raw)
        if name != "items"
    ]
    items = raw.get("items")
    if "items" not in raw:
        problems.append(FieldProblem("items", text(texts.missing, field="items")))
    elif not isinstance(items, list):
        problems.append(
            FieldProblem("items", text(texts.wrong_type, expected=texts.type_names["list"]))
        )
    elif not items:
        problems.append(FieldProblem("items", text(texts.too_few, min=1)))
    elif len(items) > MAX_BATCH:
        raise BatchTooLarge(len(items), messages)
    if problems:
        raise InvalidSituation(problems, messages)
    assert isinstance(items, list)
    return items


def policy(snapshot: Snapshot) -> RecommendationPolicy:
    return snapshot.policy
