"""REST controllers for recommendations: parse the body, ask the core, shape the response."""

from collections import Counter
from dataclasses import dataclass
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.openapi.spec import Example, OpenAPIMediaType, Operation, Reference, RequestBody
from litestar.params import Parameter

from service.api.common.json_limits import JSON_NUMBERS, decode_json
from service.api.common.recommending import organisation_scope
from service.api.rest.docs import answer_of, example_id, example_snapshot, ok, problems
from service.api.rest.http import JSON, hashed_response, request_locale, snapshot
from service.cache import BoundedCache
from service.domain.decisions import ids as decision_ids
from service.domain.decisions import service as decisions
from service.domain.decisions.service import IntakeDone
from service.domain.recommendation import MAX_BATCH, Recommendation, RecommendationPolicy
from service.domain.recommendation import service as recommendations
from service.domain.recommendation.intake import IntakeQuestion
from service.domain.recommendation.service import BatchDetail, BatchResponse, SummaryBatchResponse
from service.garbage_collection import give_back_freed_memory
from service.observability.metrics import record_recommendation
from service.problems import Problem
from service.security.identity import identity_of
from service.security.scopes import Scope, access

AnyRequest = Request[Any, Any, Any]
POLICY_CACHE_CONTROL = "public, max-age=300"

EXAMPLE_SITUATION: dict[str, Any] = {
    "career_stage": "early",
    "goals": ["career_navigation", "specific_skill"],
    "horizon_weeks": 52,
    "urgent": False,
    "hours_per_week": 2,
    "minutes_per_session": 60,
    "relationship_preference": "no_preference",
    "structure_preference": "no_preference",
    "context": {"coach_budget": True},
}
INTAKE_EXAMPLE: dict[str, Any] = {
    "goals": ["career_navigation", "specific_skill"],
    "horizon_weeks": 52,
}
# A situation the core refuses: an unknown career stage and a repeated goal.
INVALID_SITUATION: dict[str, Any] = {
    **EXAMPLE_SITUATION,
    "career_stage": "earl",
    "goals": ["specific_skill", "specific_skill"],
}


def _body_operation(schema: str, example: Any, summary: str, description: str) -> type[Operation]:
    """An Operation whose request body is a schema we document ourselves: the handler reads
    the raw body so that it can name every offending field, not only the first."""

    @dataclass
    class WithBody(Operation):
        def __post_init__(self) -> None:
            self.request_body = RequestBody(
                required=True,
                description=description,
                content={
                    JSON: OpenAPIMediaType(
                        schema=Reference(f"#/components/schemas/{schema}"),
                        examples={example_id(summary): Example(summary=summary, value=example)},
                    )
                },
            )

    return WithBody


async def _json_body(request: AnyRequest) -> object:
    return _parsed(await request.body())


def _parsed(raw: bytes) -> object:
    if not raw.strip():
        return None  # an empty body is an invalid situation (422), not malformed JSON
    return decode_json(raw, JSON_NUMBERS)


def _localized_headers(locale: str, card: str) -> dict[str, str]:
    return {
        "Content-Language": locale,
        "Vary": "Accept-Language",
        "Cache-Control": "no-store",
        "Link": f'<{card}>; rel="describedby"',  # the policy card: how to use the answer
    }


def _localized(locale: str, body: bytes, card: str) -> Response[bytes]:
    return Response(content=body, media_type=JSON, headers=_localized_headers(locale, card))


def _example_batch() -> object:
    with decision_ids.examples():
        return decisions.recommend_batch(
            example_snapshot(),
            "en",
            {"items": [EXAMPLE_SITUATION, INVALID_SITUATION]},
            BatchDetail.SUMMARY,
        )


def _example_recommendation() -> Recommendation:
    with decision_ids.examples():
        return decisions.recommend(example_snapshot(), "en", EXAMPLE_SITUATION)


def _invalid_situation() -> Problem:
    return answer_of(lambda: recommendations.recommend(example_snapshot(), "en", INVALID_SITUATION))


def _batch_too_large() -> Problem:
    too_many = {"items": [EXAMPLE_SITUATION] * (MAX_BATCH + 1)}
    return answer_of(lambda: recommendations.recommend_batch(example_snapshot(), "en", too_many))


# A repeated situation is answered with the bytes of the first: parsing, the engine's (kept)
# answer, its decision id and encoding 20 KB of JSON cost about 150 us of CPU. Kept by the
# exact request body, per organisation and its policy version (two organisations never share
# an answer), content version and locale.
MAX_KEPT_ANSWERS = 128
MAX_KEPT_BYTES = 3 * 1024 * 1024  # a full answer is about 21 KB
MAX_KEPT_SITUATION_BYTES = 2048  # a situation is about 300 bytes; longer bodies are not kept

# content version, locale, organisation, its policy version, request body
AnswerKey = tuple[int, str, str | None, int | None, bytes]


@dataclass(frozen=True, slots=True)
class KeptAnswer:
    body: bytes
    top_variant: str  # for the recommendations metric
    policy_card: str


def kept_answers() -> BoundedCache[AnswerKey, KeptAnswer]:
    """One per application (`app.state.recommendations`)."""
    return BoundedCache(
        "recommendation_responses",
        max_entries=MAX_KEPT_ANSWERS,
        max_bytes=MAX_KEPT_BYTES,
        sizeof=lambda answer: len(answer.body) + MAX_KEPT_SITUATION_BYTES,
    )


class RecommendationController(Controller):
    path = "/v1/recommendations"
    tags = ["Recommendations"]
    opt = access(Scope.RECOMMEND)

    @post(
        "/",
        opt=access(Scope.RECOMMEND, browser=True),  # what the embedded recommender calls
        operation_id="CreateRecommendation",
        summary="Recommend mentoring, coaching, a variant or a blend for one situation",
        description="Every model variant ranked with a score in [0, 1], a per-factor breakdown "
        "that adds up to it, reasons and cautions tied to the content, a growth plan where the "
        "situation spans both approaches, and the smallest change that would change the top "
        "variant. The same input under the same policy gives the same bytes.",
        status_code=200,
        operation_class=_body_operation(
            "Situation",
            EXAMPLE_SITUATION,
            "An early-career employee",
            "The employee's situation. Nothing in it is stored or logged.",
        ),
        responses={
            200: ok(Recommendation, "Early career, long horizon", _example_recommendation()),
            **problems(400, 413, 422, 503, invalid=_invalid_situation),
        },
    )
    async def create(self, request: AnyRequest) -> Response[bytes]:
        state = request.app.state
        current = snapshot(state)
        locale = request_locale(request, current, request.query_params.get("locale"))
        identity = identity_of(request.scope)
        scope = await organisation_scope(state, identity)
        raw = await request.body()
        key: AnswerKey | None = None
        if len(raw) <= MAX_KEPT_SITUATION_BYTES:
            organisation = None if identity is None else identity.organisation
            version = None if scope is None else scope.version
            key = (current.version, locale, organisation, version, raw)
        kept: BoundedCache[AnswerKey, KeptAnswer] = state.recommendations
        answer = kept.get(key) if key else None
        if answer is None:
            result = decisions.recommend(current, locale, _parsed(raw), scope)
            answer = KeptAnswer(
                msgspec.json.encode(result), result.primary.variant, result.policy_card
            )
            if key is not None:
                kept.put(key, answer)
        record_recommendation(answer.top_variant)
        return _localized(locale, answer.body, answer.policy_card)

    @post(
        "/intake",
        opt=access(Scope.RECOMMEND, browser=True),  # the embedded recommender asks through it
        operation_id="CreateRecommendationIntake",
        summary="The next question worth asking, or the recommendation once none is left",
        description="Send what is known so far (any subset of the situation's fields, each "
        "validated as in `POST /v1/recommendations`; a context flag sent as null, or a "
        "preference sent as `no_preference`, counts as answered: not sure). Required fields "
        "are asked first, then an optional signal only while some answer to the signals not yet "
        "asked could still change the primary recommendation under the organisation's policy. "
        "`done: true` carries exactly the answer `POST /v1/recommendations` gives for the same "
        "body (with a decision id of its own, which replays like any). Stateless: nothing is "
        "stored.",
        status_code=200,
        operation_class=_body_operation(
            "IntakeSituation",
            INTAKE_EXAMPLE,
            "Goals and horizon known",
            "What is known so far; `{}` to start. Nothing in it is stored or logged.",
        ),
        responses={
            200: ok(
                IntakeQuestion | IntakeDone,  # type: ignore[arg-type]
                "The next question",
                decisions.intake(example_snapshot(), "en", INTAKE_EXAMPLE),
            ),
            **problems(400, 413, 422, 503, invalid=_invalid_situation),
        },
    )
    async def intake(self, request: AnyRequest) -> Response[bytes]:
        state = request.app.state
        current = snapshot(state)
        locale = request_locale(request, current, request.query_params.get("locale"))
        scope = await organisation_scope(state, identity_of(request.scope))
        answer = decisions.intake(current, locale, await _json_body(request), scope)
        if isinstance(answer, IntakeDone):
            record_recommendation(answer.recommendation.primary.variant)
            card = answer.recommendation.policy_card
        else:
            card = decisions.policy_card_link(locale, current.policy.version)
        return _localized(locale, msgspec.json.encode(answer), card)

    @post(
        "/batch",
        after_response=give_back_freed_memory,  # a full batch's answer is about 20 MB
        operation_id="CreateRecommendationBatch",
        summary=f"Recommend for up to {MAX_BATCH} situations at once",
        description="Each item gets its result or its own problem (`problem.status` 422 with "
        "the item's field errors); one bad item never fails the others, so each item is only "
        f"checked by the server. More than {MAX_BATCH} items, or a malformed envelope, is 422.",
        status_code=200,
        operation_class=_body_operation(
            "BatchRequest",
            {"items": [EXAMPLE_SITUATION, INVALID_SITUATION]},
            "A valid and an invalid situation",
            f"Up to {MAX_BATCH} situations, each answered on its own.",
        ),
        responses={
            200: ok(
                BatchResponse | SummaryBatchResponse,  # type: ignore[arg-type]
                "A valid and an invalid situation, detail=summary",
                _example_batch(),
            ),
            **problems(400, 413, 422, 503, invalid=_batch_too_large),
        },
    )
    async def create_batch(
        self,
        request: AnyRequest,
        detail: Annotated[
            BatchDetail,
            Parameter(
                description="`full`: every variant with breakdown, reasons and cautions "
                "(about 20 KB a situation). `summary`: primary, scores, growth plan and "
                "counterfactual (about 1.5 KB)."
            ),
        ] = BatchDetail.FULL,
    ) -> Response[bytes]:
        state = request.app.state
        current = snapshot(state)
        locale = request_locale(request, current, request.query_params.get("locale"))
        body = await _json_body(request)
        scope = await organisation_scope(state, identity_of(request.scope))
        result = decisions.recommend_batch(current, locale, body, detail, scope)
        answered = (item.result for item in result.items if item.result is not None)
        tops = Counter(answer.primary.variant for answer in answered)
        for top_variant, count in tops.items():
            record_recommendation(top_variant, count)
        card = decisions.policy_card_link(locale, current.policy.version)
        return _localized(locale, msgspec.json.encode(result), card)

    @get(
        "/policy",
        operation_id="GetRecommendationPolicy",
        summary="The scoring policy in service: factor weights and variant profiles",
        responses={
            200: ok(RecommendationPolicy, "Policy", example_snapshot().policy),
            **problems(503),
        },
    )
    async def policy(self, request: AnyRequest) -> Response[bytes]:
        current = snapshot(request.app.state)
        return hashed_response(
            request, msgspec.json.encode(recommendations.policy(current)), POLICY_CACHE_CONTROL
        )
