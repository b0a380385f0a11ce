"""What both doors call to recommend with a decision id, and to replay a past decision.

A recommendation is a pure function of (situation, policy, organisation policy, content,
locale); the engine is deterministic and every released version is archived, so a replay
rebuilds the engine of the version asked for and returns the same bytes. Nothing about the
person is stored: the decision id is a digest.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any, Literal, TypeVar
from urllib.parse import urlencode

import msgspec
from sqlalchemy.ext.asyncio import AsyncEngine

from service.cache import BoundedCache
from service.domain.bundle import StoredBundle
from service.domain.content import Snapshot, build_snapshot
from service.domain.decisions.history import fetch_archived
from service.domain.decisions.ids import MAX_LENGTH as MAX_ID_LENGTH
from service.domain.decisions.ids import (
    DecisionInputs,
    MalformedDecisionId,
    decision_id,
    differing_inputs,
)
from service.domain.errors import Conflict, InvalidParameter, NotFound, TooManyRequests
from service.domain.recommendation import Recommendation, Situation, parse_situation
from service.domain.recommendation import service as recommendations
from service.domain.recommendation.adjustment import Adjustment, adjusted
from service.domain.recommendation.engine import Finish
from service.domain.recommendation.intake import IntakeQuestion
from service.domain.recommendation.intake import step as intake_step
from service.domain.recommendation.output import RecommendationSummary
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
REPLAY_BUILDS_PER_MINUTE = 20  # per caller; the setting of the same name
Caller = tuple[str | None, str | None]  # (organisation, key id): whose budget a build spends

Result = TypeVar("Result", bound=Recommendation | RecommendationSummary)


def _as_said(raw: object) -> object:
    return raw


@dataclass(frozen=True, slots=True)
class Scope:
    """Whose recommendation it is: the organisation of the key that asked (its decision ids
    carry it) and the policy it published, if any: `adjustment` is applied at scoring time
    over the released engine (None: as released) and `defaults` fills context the caller did
    not say."""

    organisation: str
    version: int | None = None  # its published policy version (None: nothing published)
    adjustment: Adjustment | None = None
    defaults: Callable[[object], object] = _as_said
    not_offered: tuple[str, ...] = ()  # variants the organisation does not offer


@lru_cache(maxsize=256)
def policy_card_link(locale: str, policy_version: str) -> str:
    return f"{POLICY_CARD_PATH}?{urlencode({'locale': locale, 'policy_version': policy_version})}"


def stamp(
    result: Result, situation: Situation, scope: Scope | None, claimed: str | None = None
) -> Result:
    """The answer with its organisation policy, variants not offered, card link and decision
    id: `claimed` (a replay's, already checked against these inputs) or a new one."""
    organisation_version = None if scope is None else scope.version
    inputs = DecisionInputs(
        None if scope is None else scope.organisation,
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
        decision_id=decision_id(inputs) if claimed is None else claimed,
        policy_card=policy_card_link(result.locale, result.policy_version),
    )


def recommend(
    snapshot: Snapshot, locale: str, raw: object, scope: Scope | None = None
) -> Recommendation:
    """The one recommendation both doors (and a replay) make: the engine's answer for the
    released `snapshot` under the organisation's policy `scope`, with its decision id and
    card link."""
    engine = snapshot.engine(locale)
    if scope is not None:
        raw = scope.defaults(raw)
        engine = adjusted(engine, scope.adjustment)
    situation = parse_situation(raw, engine.messages)
    return stamp(engine.recommend(situation), situation, scope)


class IntakeDone(msgspec.Struct, frozen=True, kw_only=True):
    """Nothing left to ask could change the primary: the recommendation, exactly as
    `POST /v1/recommendations` gives it for the same body (same decision id)."""

    done: Literal[True]
    recommendation: Recommendation


def _as_is(raw: object) -> object:
    return raw


def intake(
    snapshot: Snapshot, locale: str, raw: object, scope: Scope | None = None
) -> IntakeQuestion | IntakeDone:
    """The adaptive intake under the organisation's policy `scope`: the next question worth
    asking, or the recommendation `recommend` gives for the same body."""
    engine = snapshot.engine(locale)
    if scope is not None:
        engine = adjusted(engine, scope.adjustment)
    found = intake_step(engine, raw, _as_is if scope is None else scope.defaults)
    if isinstance(found, IntakeQuestion):
        return found
    return IntakeDone(done=True, recommendation=recommend(snapshot, locale, raw, scope))


def recommend_batch(
    snapshot: Snapshot,
    locale: str,
    raw: object,
    detail: BatchDetail = BatchDetail.FULL,
    scope: Scope | None = None,
) -> BatchResponse | SummaryBatchResponse:
    """Every answered item gets its decision id, exactly as a single call would give it."""
    return recommendations.recommend_batch(
        snapshot,
        locale,
        _with_defaults(raw, scope),
        detail,
        _stamper(scope),
        None if scope is None else scope.adjustment,
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
    decision_id: Annotated[str, msgspec.Meta(max_length=MAX_ID_LENGTH)] | None = None


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
    the version in service is used straight from memory.

    Building a past version costs about 100 ms of CPU (off the event loop), so: concurrent
    replays of one version wait for one build (single flight), and each caller (organisation
    and key) may start at most `builds_per_minute` builds a minute (`REPLAY_BUILDS_PER_MINUTE`);
    past that a replay that would build is a 429 before any work. A replay of a version already
    held costs no build and is never refused."""

    def __init__(
        self,
        max_versions: int = REPLAY_VERSIONS,
        max_bytes: int = REPLAY_BYTES,
        builds_per_minute: int = REPLAY_BUILDS_PER_MINUTE,
    ):
        self._archived: BoundedCache[int, _Archived] = BoundedCache(
            "replay_content_versions",
            max_entries=max_versions,
            max_bytes=max_bytes,
            sizeof=lambda archived: archived.size,
        )
        self._building: dict[int, asyncio.Future[_Archived]] = {}  # one per version in flight
        self.builds_per_minute = builds_per_minute
        # Per caller (organisation, key id): the minute and the builds started in it.
        self._budgets: BoundedCache[tuple[str | None, str | None], tuple[int, int]] = BoundedCache(
            "replay_build_budgets", max_entries=10_000, max_bytes=10_000
        )
        self.builds = 0  # builds started since the start (tests read it)

    @property
    def loaded_versions(self) -> int:
        """Past versions held now (the version in service is never among them)."""
        return len(self._archived)

    async def snapshot(
        self, engine: AsyncEngine, current: Snapshot, version: int, caller: Caller = (None, None)
    ) -> Snapshot:
        if version == current.version:
            return current
        archived = self._archived.get(version)
        if archived is not None:
            return archived.snapshot
        flight = self._building.get(version)
        if flight is None:
            self._spend(caller)  # 429 before any work
            flight = asyncio.get_running_loop().create_future()
            self._building[version] = flight
            try:
                built = await self._build(engine, version)
            except BaseException as exc:
                flight.set_exception(exc)
                flight.exception()  # retrieved: no "never retrieved" warning without waiters
                raise
            else:
                flight.set_result(built)
                self._archived.put(version, built)
            finally:
                del self._building[version]
            return built.snapshot
        return (await asyncio.shield(flight)).snapshot

    async def _build(self, engine: AsyncEngine, version: int) -> _Archived:
        self.builds += 1
        async with engine.connect() as connection:
            stored = await fetch_archived(connection, version)
        if stored is None:
            raise NotFound("archived content version", str(version))
        size = len(msgspec.json.encode(stored.bundle)) * _BUILD_GROWTH
        # Building takes about 100 ms of CPU: off the event loop.
        return _Archived(await asyncio.to_thread(build_archived, stored), size)

    def _spend(self, caller: Caller) -> None:
        """Count one build against the caller's budget of this minute, or refuse (429)."""
        if self.builds_per_minute <= 0:
            return
        now = time.time()
        minute = int(now // 60)
        found = self._budgets.get(caller)
        spent = found[1] if found is not None and found[0] == minute else 0
        if spent >= self.builds_per_minute:
            raise TooManyRequests(
                f"This key may replay at most {self.builds_per_minute} content versions that "
                "are not already loaded per minute; versions replayed recently do not count.",
                retry_after=max(1, 60 - int(now % 60)),
            )
        self._budgets.put(caller, (minute, spent + 1))

    async def replay(
        self,
        engine: AsyncEngine,
        current: Snapshot,
        request: ReplayRequest,
        scope: Scope | None = None,
        caller: Caller = (None, None),
    ) -> Recommendation:
        """The recommendation exactly as it was made; 409 (Conflict) when `decision_id` was
        given and some input differs from it, naming which. `caller` (organisation, key id)
        is charged a build when the content version is not held."""
        released = await self.snapshot(engine, current, request.content_version, caller)
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
        if (None if scope is None else scope.version) != request.organisation_policy_version:
            raise InvalidParameter(
                "organisation_policy_version",
                "This key's organisation has no such policy version.",
            )
        scoring = released.engine(request.locale)
        raw: object = request.situation
        if scope is not None:
            raw = scope.defaults(raw)
            scoring = adjusted(scoring, scope.adjustment)
        situation = parse_situation(raw, scoring.messages)
        if request.decision_id is not None:  # checked first: the answer then carries it
            _check_decision_id(request.decision_id, situation, request, scope)
        return stamp(scoring.recommend(situation), situation, scope, request.decision_id)


def _check_decision_id(
    claimed: str, situation: Situation, request: ReplayRequest, scope: Scope | None
) -> None:
    """Nothing when `claimed` was made from exactly these inputs (and this key's organisation);
    a 409 naming the inputs that differ; a 400 for an id this service did not issue (another
    format, a key it does not hold)."""
    inputs = DecisionInputs(
        None if scope is None else scope.organisation,
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
            "decision_id",
            "This is not a decision id this service issues (d2.<key id>.<nonce>.<six tags>).",
        ) from None
    if not differ:
        return
    names = ", ".join(differ)
    raise Conflict(
        "decision-mismatch",
        "Decision id does not match",
        f"The decision id was made from other inputs: {names} differ.",
        [(name, "Differs from the input this decision id was made from.") for name in differ],
    )
