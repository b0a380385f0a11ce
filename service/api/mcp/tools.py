"""The MCP tools: each one hop from the core, making the calls the REST controllers make.

`recommend` is `POST /v1/recommendations` (`organisation_scope`, then
`domain.decisions.service.recommend`), `replay` is `POST /v1/recommendations/replay`, the
content tools read the snapshot's `LocaleView` as `GET /v1/...` does. Every answer carries the
content version it was read from and the locale it is in. Nothing here imports the MCP SDK
(`server.py` binds these to it, loaded on the first MCP request).
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import msgspec
from litestar.datastructures import State

from service.api.common.json_limits import JSON_NUMBERS, JSONTooDeep, decode_json
from service.api.common.locale import current_snapshot, resolve_locale
from service.api.common.paging import page
from service.api.common.recommending import organisation_scope
from service.api.mcp.schemas import (
    CompareArguments,
    GetPolicyCardArguments,
    GetVariantArguments,
    Locale,
    RecommendArguments,
    SearchTermsArguments,
)
from service.domain.content import LocaleView, Snapshot
from service.domain.decisions import history
from service.domain.decisions import service as decisions
from service.domain.decisions.service import ReplayRequest
from service.domain.errors import InvalidParameter
from service.domain.recommendation import Recommendation
from service.domain.schemas import Aspect, Term, Variant
from service.observability.metrics import record_recommendation
from service.security.identity import Identity
from service.security.scopes import Scope

Arguments = TypeVar("Arguments", bound=msgspec.Struct)


@dataclass(frozen=True, slots=True)
class Caller:
    """What a tool needs of its HTTP request, read once by the door."""

    state: State
    identity: Identity | None  # None: development without a key
    accept_language: str | None

    @property
    def snapshot(self) -> Snapshot:
        return current_snapshot(self.state.content.snapshot)

    def locale(self, current: Snapshot, explicit: str | None) -> str:
        return resolve_locale(current, explicit, self.accept_language)

    def view(self, explicit: str | None) -> LocaleView:
        current = self.snapshot
        return current.view(self.locale(current, explicit))


class ApproachSummary(msgspec.Struct, frozen=True):
    slug: str
    name: str
    summary: str
    complement: str


class Comparison(msgspec.Struct, frozen=True):
    content_version: int
    locale: str
    approaches: tuple[ApproachSummary, ...]
    aspects: tuple[Aspect, ...]


class TermResults(msgspec.Struct, frozen=True):
    content_version: int
    locale: str
    items: tuple[Term, ...]
    next_cursor: str | None


class VariantAnswer(msgspec.Struct, frozen=True):
    content_version: int
    locale: str
    variant: Variant


class PolicyCardAnswer(msgspec.Struct, frozen=True):
    content_version: int
    locale: str
    card: msgspec.Raw


def arguments(raw: dict[str, Any] | None, kind: type[Arguments]) -> Arguments:
    """The tool's arguments, checked against the type its schema was written from; the first
    offending argument is named as REST names a parameter (400 `invalid-parameter`)."""
    try:
        return msgspec.convert(raw or {}, kind)
    except msgspec.ValidationError as exc:
        message = str(exc)
        where = message.rpartition("$.")[2].rstrip("`") if "$." in message else "arguments"
        raise InvalidParameter(where.split("[")[0].split(".")[0], message) from None


def as_json(value: object) -> object:
    """A JSON value as a JSON body decodes (`26.0` is 26), depth-bounded as REST bodies are."""
    try:
        return decode_json(msgspec.json.encode(value), JSON_NUMBERS)
    except JSONTooDeep as exc:
        raise InvalidParameter("arguments", str(exc)) from None


class _RecommendEnvelope(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """`recommend`'s arguments with the situation left raw: the core checks it, naming every
    offending field in the caller's locale (422 `invalid-situation`), exactly as REST does."""

    situation: Any = None
    locale: Locale = None


async def recommend(caller: Caller, raw: dict[str, Any] | None) -> Recommendation:
    given = arguments(raw, _RecommendEnvelope)
    current = caller.snapshot
    locale = caller.locale(current, given.locale)
    scope = await organisation_scope(caller.state, caller.identity)
    result = decisions.recommend(current, locale, as_json(given.situation), scope)
    record_recommendation(result.primary.variant)
    return result


async def replay(caller: Caller, raw: dict[str, Any] | None) -> Recommendation:
    body = decisions.parse_replay(as_json(raw or {}))
    state = caller.state
    organisation = None if caller.identity is None else caller.identity.organisation
    scope = await state.organisation_policies.scope_at(
        state.engine, organisation, body.organisation_policy_version
    )
    result: Recommendation = await state.replayer.replay(state.engine, caller.snapshot, body, scope)
    return result


async def compare_approaches(caller: Caller, raw: dict[str, Any] | None) -> Comparison:
    given = arguments(raw, CompareArguments)
    view = caller.view(given.locale)
    aspects = view.aspects if given.aspects is None else tuple(map(view.aspect, given.aspects))
    approaches = tuple(
        ApproachSummary(a.slug, a.name, a.summary, a.complement) for a in view.approaches
    )
    return Comparison(view.content_version, view.locale, approaches, aspects)


async def search_terms(caller: Caller, raw: dict[str, Any] | None) -> TermResults:
    given = arguments(raw, SearchTermsArguments)
    view = caller.view(given.locale)
    items, next_cursor = page(view.search_terms(given.q), given.limit, given.cursor)
    return TermResults(view.content_version, view.locale, items, next_cursor)


async def get_variant(caller: Caller, raw: dict[str, Any] | None) -> VariantAnswer:
    given = arguments(raw, GetVariantArguments)
    view = caller.view(given.locale)
    return VariantAnswer(view.content_version, view.locale, view.variant(given.slug))


async def get_policy_card(caller: Caller, raw: dict[str, Any] | None) -> PolicyCardAnswer:
    given = arguments(raw, GetPolicyCardArguments)
    current = caller.snapshot
    locale = caller.locale(current, given.locale)
    policy = current.policy
    if given.policy_version is not None and given.policy_version != policy.version:
        async with caller.state.engine.connect() as connection:
            policy = await history.released_policy(
                connection, given.policy_version, "policy_version"
            )
    card = caller.state.policy_cards.encoded(policy, locale)
    return PolicyCardAnswer(current.version, locale, msgspec.Raw(card))


@dataclass(frozen=True, slots=True)
class Tool:
    name: str
    title: str
    description: str
    arguments: type[msgspec.Struct]
    run: Callable[[Caller, dict[str, Any] | None], Awaitable[msgspec.Struct]]
    needs: frozenset[str] = frozenset()  # scopes beyond the route's `content:read`


TOOLS: dict[str, Tool] = {
    tool.name: tool
    for tool in (
        Tool(
            "recommend",
            "Recommend mentoring, coaching, a variant or a blend",
            "Recommend, for one employee's situation, mentoring, coaching, one of their variants "
            "or a blend, under the caller's organisation policy. Returns every variant ranked "
            "with a score in [0, 1], a per-factor breakdown, reasons and cautions tied to the "
            "content, a growth plan where the situation spans both approaches, the smallest "
            "change that would change the top variant (counterfactual), and a `decision_id` "
            "with the versions it was made under (pass them to `replay` to make it again). "
            "Texts are in the requested locale. Ask the person for what the situation needs "
            "(career stage, goals, horizon, time) rather than guessing. Needs the `recommend` "
            "scope. The same call as POST /v1/recommendations.",
            RecommendArguments,
            recommend,
            frozenset({Scope.RECOMMEND}),
        ),
        Tool(
            "replay",
            "Make a past recommendation again",
            "Make a past recommendation again, byte for byte: give the situation and the "
            "versions the recommendation named (`policy_version`, `content_version`, `locale`, "
            "and `organisation_policy_version` for an organisation's keys). With `decision_id`, "
            "an id made from other inputs is an error naming the inputs that differ. Needs the "
            "`recommend` scope. The same call as POST /v1/recommendations/replay.",
            ReplayRequest,
            replay,
            frozenset({Scope.RECOMMEND}),
        ),
        Tool(
            "compare_approaches",
            "Compare mentoring and coaching",
            "What mentoring and what coaching say on each comparison aspect (duration, focus, "
            "relationship, ...), with a summary of each approach; all aspects, or the ones "
            "named. Carries the content version it was read from.",
            CompareArguments,
            compare_approaches,
        ),
        Tool(
            "search_terms",
            "Search the glossary",
            "Search the glossary of mentoring and coaching terms (names, synonyms and "
            "definitions; stemmed, accent-insensitive, typo-tolerant), best match first, one "
            "page at a time. The same search as GET /v1/terms?q=.",
            SearchTermsArguments,
            search_terms,
        ),
        Tool(
            "get_variant",
            "Get a model variant",
            "One mentoring or coaching model variant (for example `reverse-mentoring`, "
            "`peer-coaching`) with its structured attributes: base approach, relationship shape, "
            "formality, career stages, goals, time it asks for, prerequisites. Variant slugs "
            "appear in a recommendation's ranking and in the `mentoring-coaching://variants/` "
            "resources.",
            GetVariantArguments,
            get_variant,
        ),
        Tool(
            "get_policy_card",
            "Get the recommendation policy card",
            "The policy card of the recommendation, for HR: intended use and what it must not "
            "be used for, the inputs and how each is used, the factors and their weights, known "
            "limits, evaluation figures and human-oversight guidance. For the policy in service "
            "or a released `policy_version`.",
            GetPolicyCardArguments,
            get_policy_card,
        ),
    )
}


def needs_of(name: str) -> frozenset[str]:
    """The scopes a tool needs beyond the route's (the door asks admission before dispatch)."""
    tool = TOOLS.get(name)
    return frozenset() if tool is None else tool.needs
