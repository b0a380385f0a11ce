"""REST for decisions you can prove later: replay, the released policy versions, the policy card.

Thin: parse, call `service/domain/decisions`, shape the response.
"""

from datetime import UTC, datetime
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.params import FromPath, Parameter

from service.api.rest.content import Cursor, Limit
from service.api.rest.docs import example_snapshot, ok, problems
from service.api.rest.http import JSON, hashed_response, request_locale, snapshot
from service.api.rest.organisations import caller_organisation
from service.api.rest.recommendations import (
    EXAMPLE_SITUATION,
    _body_operation,
    _example_recommendation,
    _json_body,
)
from service.domain.content import DEFAULT_LIMIT, paginate
from service.domain.decisions import card, history
from service.domain.decisions import service as decisions
from service.domain.errors import NotFound
from service.domain.recommendation import Recommendation
from service.security.identity import identity_of
from service.security.scopes import Scope, access

AnyRequest = Request[Any, Any, Any]
HISTORY_CACHE_CONTROL = "public, max-age=60"


_EXAMPLE_RELEASE = history.PolicyRelease(
    "2026-12-r2", datetime(2026, 12, 1, tzinfo=UTC), "Truthful explanations.", True
)


def _example_replay() -> dict[str, Any]:
    current = example_snapshot()
    return {
        "situation": EXAMPLE_SITUATION,
        "policy_version": current.policy.version,
        "content_version": current.version,
        "locale": "en",
        "decision_id": _example_recommendation().decision_id,
    }


class DecisionController(Controller):
    path = "/v1/recommendations"
    opt = access(Scope.RECOMMEND)
    tags = ["Recommendations"]

    @post(
        "/replay",
        operation_id="ReplayRecommendation",
        summary="Make a past recommendation again, byte for byte",
        description="Give the situation and the versions a recommendation named (its "
        "`policy_version`, `content_version`, `locale` and, for an organisation's keys, "
        "`organisation_policy_version`): the answer is exactly the bytes the original call "
        "returned, for any version the service has released. With `decision_id`, an id made "
        "from other inputs is a 409 naming the inputs that differ. Nothing is stored. A past "
        "content version not held in memory is loaded and built (concurrent replays of it "
        "share one build); each key may start `REPLAY_BUILDS_PER_MINUTE` such builds a "
        "minute, then 429 with `Retry-After`.",
        status_code=200,
        operation_class=_body_operation(
            "ReplayRequest",
            _example_replay(),
            "A recommendation made earlier",
            "The situation and the versions a recommendation named.",
        ),
        responses={
            200: ok(
                Recommendation,
                "The replayed recommendation",
                _example_recommendation(),
            ),
            **problems(400, 404, 409, 413, 422, 503, resource="archived content version"),
        },
    )
    async def replay(self, request: AnyRequest) -> Response[bytes]:
        # Decoded as the recommendation endpoints decode: depth-bounded, `26.0` read as 26.
        body = decisions.parse_replay(await _json_body(request))
        engine = request.app.state.engine
        scope = await request.app.state.organisation_policies.scope_at(
            engine, caller_organisation(request), body.organisation_policy_version
        )
        identity = identity_of(request.scope)
        caller = (None, None) if identity is None else (identity.organisation, identity.key_id)
        result = await request.app.state.replayer.replay(
            engine, snapshot(request.app.state), body, scope, caller
        )
        return Response(
            content=msgspec.json.encode(result),
            media_type=JSON,
            headers={"Content-Language": result.locale, "Cache-Control": "no-store"},
        )

    @get(
        "/policies",
        operation_id="ListRecommendationPolicies",
        summary="Every released policy version, oldest first, with its release date and changelog",
        responses={
            200: ok(
                history.PolicyReleasePage,
                "Policy versions",
                history.PolicyReleasePage((_EXAMPLE_RELEASE,), None),
            ),
            **problems(400, 503),
        },
    )
    async def policies(
        self, request: AnyRequest, limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None
    ) -> Response[bytes]:
        current = snapshot(request.app.state)
        async with request.app.state.engine.connect() as connection:
            releases = await history.policy_releases(connection, current.policy.version)
        page = history.PolicyReleasePage(*paginate(releases, limit, cursor))
        return hashed_response(request, msgspec.json.encode(page), HISTORY_CACHE_CONTROL)

    @get(
        "/policies/{version:str}",
        operation_id="GetRecommendationPolicyVersion",
        summary="One released policy version: its document as released, date and changelog",
        responses={
            200: ok(
                history.PolicyVersion,
                "A policy version",
                history.PolicyVersion(
                    **msgspec.structs.asdict(_EXAMPLE_RELEASE),
                    policy=msgspec.to_builtins(example_snapshot().policy),
                ),
            ),
            **problems(400, 404, 503, resource="policy version"),
        },
    )
    async def policy_version(self, request: AnyRequest, version: FromPath[str]) -> Response[bytes]:
        current = snapshot(request.app.state)
        async with request.app.state.engine.connect() as connection:
            found = await history.policy_version(connection, version, current.policy.version)
        if found is None:
            raise NotFound("policy version", version)
        return hashed_response(request, msgspec.json.encode(found), HISTORY_CACHE_CONTROL)

    @get(
        "/policy-card",
        operation_id="GetRecommendationPolicyCard",
        summary="The policy card: intended use, inputs, factors and weights, limits, evidence",
        description="Instructions for use of the recommendation for HR and integrators: "
        "intended purpose and users, what it must not be used for (promotion, dismissal), the "
        'inputs and how each is used (the "not said" rule), the factors and their weights, '
        "known limitations and failure modes, the evaluation figures the test suite produced, "
        "data handling and human-oversight guidance. In en, es, fr and de (`Accept-Language` "
        "or `locale`); for the policy in service, or any released `policy_version`. Every "
        "recommendation links here (`policy_card`, and a `Link` header).",
        responses={
            200: ok(
                card.PolicyCard,
                "The English card",
                card.build_card(example_snapshot().policy, "en", card.committed_evidence()),
            ),
            **problems(400, 404, 503, resource="policy version"),
        },
    )
    async def policy_card(
        self,
        request: AnyRequest,
        locale: Annotated[
            str | None, Parameter(description="en, es, fr or de; else Accept-Language.")
        ] = None,
        policy_version: Annotated[
            str | None,
            Parameter(description="A released policy version; the one in service by default."),
        ] = None,
    ) -> Response[bytes]:
        current = snapshot(request.app.state)
        code = request_locale(request, current, locale)
        policy = current.policy
        if policy_version is not None and policy_version != policy.version:
            async with request.app.state.engine.connect() as connection:
                policy = await history.released_policy(connection, policy_version, "policy_version")
        body = request.app.state.policy_cards.encoded(policy, code)
        response = hashed_response(request, body, HISTORY_CACHE_CONTROL)
        response.headers["Content-Language"] = code
        response.headers["Vary"] = "Accept-Language"
        return response
