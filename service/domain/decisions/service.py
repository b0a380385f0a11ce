"""What both doors call to recommend with a decision id, and to replay a past decision.

A recommendation is a pure function of (situation, policy, organisation policy, content,
locale); the engine is deterministic and every released version is archived, so a replay
rebuilds the engine of the version asked for and returns the same bytes. Nothing about the
person is stored: the decision id is a digest.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any, TypeVar
from urllib.parse import urlencode

import msgspec
from sqlalchemy.ext.asyncio import AsyncEngine

from service.cache import BoundedCache
from service.domain.bundle import StoredBundle
from service.domain.content import Snapshot, build_snapshot
from service.domain.decisions.history import fetch_archived
from service.domain.decisions.ids import (
    DecisionInputs,
    MalformedDecisionId,
    decision_id,
    differing_inputs,
)
from service.domain.errors import Conflict, InvalidParameter, NotFound
from service.domain.recommendation import Recommendation, Situation, parse_situation
from service.domain.recommendation import service as recommendations
from service.domain.recommendation.engine import Finish
from service.domain.recommendation.output import EncodedRecommendation, RecommendationSummary
from service.domain.recommendation.service import (
    BatchDetail,
    BatchResponse,
    SummaryBatchResponse,
)

POLICY_CARD_PATH = "/v1/recommendations/policy-card"
MAX_VERSION = 2**31 - 1  # PostgreSQL integer: content and organisation policy versions
# A past content version costs a few megabytes once built (views and one engine per locale).
REPLAY_VERSIONS = 4
REPLAY_BYTES = 256 * 1024 * 1024

Result = TypeVar("Result", bound=Recommendation | RecommendationSummary | EncodedRecommendation)


@dataclass(frozen=True, slots=True)
class Scope:
    """The organisation policy a recommendation is made under; `adjust` turns the released
    snapshot into the organisation's and `defaults` fills context the caller did not say."""

    version: int
    adjust: Callable[[Snapshot], Snapshot]
    defaults: Callable[[object], object]
    not_offered: tuple[str, ...] = ()  # variants the organisation does not offer


@lru_cache(maxsize=256)
def policy_card_link(locale: str, policy_version: str) -> str:
    return f"{POLICY_CARD_PATH}?{urlencode({'locale': locale, 'policy_version': policy_version})}"


def stamp(result: Result, situation: Situation, scope: Scope | None) -> Result:
    organisation_version = None if scope is None else scope.version
    inputs = DecisionInputs(
        situation,
        result.policy_version,
        organisation_version,
        result.content_version,
        result.locale,
    )
    return msgspec.structs.replace(
        result,
        organisation_policy_version=organisation_version,
        not_offered=() if scope is None else scope.not_offered,
        decision_id=decision_id(inputs),
        policy_card=policy_card_link(result.locale, result.policy_version),
    )


def recommend(
    snapshot: Snapshot, locale: str, raw: object, scope: Scope | None = None
) -> Recommendation:
    """The one recommendation both doors (and a replay) make: the engine's answer for the
    released `snapshot` under the organisation's policy `scope`, with its decision id and
    card link."""
    scoped = snapshot if scope is None else scope.adjust(snapshot)
    if scope is not None:
        raw = scope.defaults(raw)
    engine = scoped.engine(locale)
    situation = parse_situation(raw, engine.messages)
    return stamp(engine.recommend(situation), situation, scope)


def recommend_batch(
    snapshot: Snapshot,
    locale: str,
    raw: object,
    detail: BatchDetail = BatchDetail.FULL,
    scope: Scope | None = None,
) -> BatchResponse | SummaryBatchResponse:
    """Every answered item gets its decision id, exactly as a single call would give it."""
    scoped = snapshot if scope is None else scope.adjust(snapshot)
    return recommendations.recommend_batch(
        scoped, locale, _with_defaults(raw, scope), detail, _stamper(scope)
    )


def _with_defaults(raw: object, scope: Scope | None) -> object:
    if scope is not None and isinstance(raw, Mapping) and isinstance(raw.get("items"), list):
        return {**raw, "items": [scope.defaults(item) for item in raw["items"]]}
    return raw


def _stamper(scope: Scope | None) -> Finish:
    def finish(result: Result, situation: Situation) -> Result:
        return stamp(result, situation, scope)

    return finish


class ReplayRequest(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The inputs of a past recommendation, as its answer named them."""

    situation: dict[str, Any]
    policy_version: Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
    content_version: Annotated[int, msgspec.Meta(ge=1, le=MAX_VERSION)]
    locale: Annotated[str, msgspec.Meta(max_length=35)]
    organisation_policy_version: Annotated[int, msgspec.Meta(ge=1, le=MAX_VERSION)] | None = None
    decision_id: Annotated[str, msgspec.Meta(max_length=100)] | None = None


def parse_replay(body: object) -> ReplayRequest:
    """The replay request from a decoded JSON body (the door decodes, with its limits)."""
    try:
        return msgspec.convert(body, ReplayRequest)
    except msgspec.ValidationError as exc:
        field = str(exc).rpartition("$.")[2].rstrip("`") if "$." in str(exc) else "body"
        raise InvalidParameter(field.split("[")[0].split(".")[0], str(exc)) from None


class _Archived(msgspec.Struct, frozen=True):
    snapshot: Snapshot
    size: int  # estimated bytes: the archived document's JSON length times the build's growth


# What a built snapshot weighs against its archived JSON (views, engines, tables), measured
# roughly on the shipped content; the cache's byte bound is an estimate, its entry bound exact.
_BUILD_GROWTH = 8


def build_archived(stored: StoredBundle) -> Snapshot:
    """An archived content version, built for replay; a version whose policy or messages this
    engine can no longer read (archived before a format change, such as the message templates
    policy 2026-12-r3 added) is a clear 400, never a 500."""
    try:
        return build_snapshot(stored)
    except ValueError as exc:  # msgspec's validation errors are ValueErrors too
        raise InvalidParameter(
            "content_version",
            f"Content version {stored.version} predates this engine's format and can no longer "
            f"be replayed: {exc}",
        ) from None


class Replayer:
    """Past content versions, loaded from the archive on demand and kept least recently used;
    the version in service is used straight from memory."""

    def __init__(self, max_versions: int = REPLAY_VERSIONS, max_bytes: int = REPLAY_BYTES):
        self._archived: BoundedCache[int, _Archived] = BoundedCache(
            "replay_content_versions",
            max_entries=max_versions,
            max_bytes=max_bytes,
            sizeof=lambda archived: archived.size,
        )

    @property
    def loaded_versions(self) -> int:
        """Past versions held now (the version in service is never among them)."""
        return len(self._archived)

    async def snapshot(self, engine: AsyncEngine, current: Snapshot, version: int) -> Snapshot:
        if version == current.version:
            return current
        archived = self._archived.get(version)
        if archived is None:
            async with engine.connect() as connection:
                stored = await fetch_archived(connection, version)
            if stored is None:
                raise NotFound("archived content version", str(version))
            size = len(msgspec.json.encode(stored.bundle)) * _BUILD_GROWTH
            # Building takes tens of milliseconds: off the event loop.
            archived = _Archived(await asyncio.to_thread(build_archived, stored), size)
            self._archived.put(version, archived)
        return archived.snapshot

    async def replay(
        self,
        engine: AsyncEngine,
        current: Snapshot,
        request: ReplayRequest,
        scope: Scope | None = None,
    ) -> Recommendation:
        """The recommendation exactly as it was made; 409 (Conflict) when `decision_id` was
        given and some input differs from it, naming which."""
        released = await self.snapshot(engine, current, request.content_version)
        if request.policy_version != released.policy.version:
            raise InvalidParameter(
                "policy_version",
                f"Content version {request.content_version} was released with policy "
                f"version {released.policy.version!r}, not {request.policy_version!r}.",
                [released.policy.version],
            )
        if request.locale not in released.views:
            raise InvalidParameter(
                "locale",
                f"Content version {request.content_version} has no locale {request.locale!r}.",
                released.locales,
            )
        if (scope is None) != (request.organisation_policy_version is None):
            raise InvalidParameter(
                "organisation_policy_version",
                "This key's organisation has no such policy version.",
            )
        result = recommend(released, request.locale, request.situation, scope)
        if request.decision_id is not None:
            _check_decision_id(request.decision_id, result, released, request, scope)
        return result


def _check_decision_id(
    claimed: str,
    result: Recommendation,
    snapshot: Snapshot,
    request: ReplayRequest,
    scope: Scope | None,
) -> None:
    if claimed == result.decision_id:
        return
    raw = request.situation if scope is None else scope.defaults(request.situation)
    situation = parse_situation(raw, snapshot.engine(request.locale).messages)
    inputs = DecisionInputs(
        situation,
        request.policy_version,
        None if scope is None else scope.version,
        request.content_version,
        request.locale,
    )
    try:
        differ = differing_inputs(claimed, inputs)
    except MalformedDecisionId:
        raise InvalidParameter(
            "decision_id", "This is not a decision id this service issues (d1.<five digests>)."
        ) from None
    names = ", ".join(differ)
    raise Conflict(
        "decision-mismatch",
        "Decision id does not match",
        f"The decision id was made from other inputs: {names} differ.",
        [(name, "Differs from the input this decision id was made from.") for name in differ],
    )
