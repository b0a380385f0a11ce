"""REST controllers for recommendations: parse the body, ask the core, shape the response."""

from dataclasses import dataclass
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.openapi.spec import Example, OpenAPIMediaType, Operation, Reference, RequestBody
from litestar.params import Parameter

from service.api.common.scopes import Scope, requires
from service.api.problems import ProblemError, problem
from service.api.rest.docs import example_snapshot, ok, problems
from service.api.rest.http import JSON, hashed_response, request_locale, snapshot
from service.domain.recommendation import MAX_BATCH, Recommendation, RecommendationPolicy
from service.domain.recommendation import service as recommendations
from service.domain.recommendation.service import BatchDetail, BatchResponse, SummaryBatchResponse
from service.observability.metrics import record_recommendation

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


def _body_operation(schema: str, example: Any, description: str) -> type[Operation]:
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
                        examples={"situation": Example(summary=description, value=example)},
                    )
                },
            )

    return WithBody


async def _json_body(request: AnyRequest) -> object:
    raw = await request.body()
    if not raw.strip():
        return None  # an empty body is an invalid situation (422), not malformed JSON
    try:
        return msgspec.json.decode(raw)
    except msgspec.DecodeError:
        raise ProblemError(
            problem(400, "malformed-json", "Malformed JSON", "The request body is not valid JSON.")
        ) from None


def _localized(request: AnyRequest, locale: str, body: bytes) -> Response[bytes]:
    return Response(
        content=body,
        media_type=JSON,
        headers={
            "Content-Language": locale,
            "Vary": "Accept-Language",
            "Cache-Control": "no-store",
        },
    )


def _example_recommendation() -> Recommendation:
    return recommendations.recommend(example_snapshot(), "en", EXAMPLE_SITUATION)


class RecommendationController(Controller):
    path = "/v1/recommendations"
    tags = ["Recommendations"]
    guards = [requires(Scope.RECOMMEND)]

    @post(
        "/",
        operation_id="CreateRecommendation",
        summary="Recommend mentoring, coaching, a variant or a blend for one situation",
        description="Every model variant ranked with a score in [0, 1], a per-factor breakdown "
        "that adds up to it, reasons and cautions tied to the content, a growth plan where the "
        "situation spans both approaches, and the smallest change that would change the top "
        "variant. The same input under the same policy gives the same bytes.",
        status_code=200,
        operation_class=_body_operation("Situation", EXAMPLE_SITUATION, "An early-career employee"),
        responses={
            200: ok(Recommendation, "Early career, long horizon", _example_recommendation()),
            **problems(400, 401, 403, 413, 422, 429, 503),
        },
    )
    async def create(self, request: AnyRequest) -> Response[bytes]:
        current = snapshot(request.app.state)
        locale = request_locale(request, current, request.query_params.get("locale"))
        result = recommendations.recommend(current, locale, await _json_body(request))
        record_recommendation(result.primary.variant)
        return _localized(request, locale, msgspec.json.encode(result))

    @post(
        "/batch",
        operation_id="CreateRecommendationBatch",
        summary=f"Recommend for up to {MAX_BATCH} situations at once",
        description="Each item gets its result or its own problem; one bad item never fails "
        f"the others. More than {MAX_BATCH} items is 413.",
        status_code=200,
        operation_class=_body_operation(
            "BatchRequest", {"items": [EXAMPLE_SITUATION]}, "One situation in a batch"
        ),
        responses={
            200: ok(
                BatchResponse | SummaryBatchResponse,  # type: ignore[arg-type]
                "One situation, detail=summary",
                recommendations.recommend_batch(
                    example_snapshot(), "en", {"items": [EXAMPLE_SITUATION]}, BatchDetail.SUMMARY
                ),
            ),
            **problems(400, 401, 403, 413, 422, 429, 503),
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
        current = snapshot(request.app.state)
        locale = request_locale(request, current, request.query_params.get("locale"))
        body = await _json_body(request)
        result = recommendations.recommend_batch(current, locale, body, detail)
        for item in result.items:
            if item.result is not None:
                record_recommendation(item.result.primary.variant)
        return _localized(request, locale, msgspec.json.encode(result))

    @get(
        "/policy",
        operation_id="GetRecommendationPolicy",
        summary="The scoring policy in service: factor weights and variant profiles",
        responses={
            200: ok(RecommendationPolicy, "Policy", example_snapshot().policy),
            **problems(401, 403, 429, 503),
        },
    )
    async def policy(self, request: AnyRequest) -> Response[bytes]:
        current = snapshot(request.app.state)
        return hashed_response(
            request, msgspec.json.encode(recommendations.policy(current)), POLICY_CACHE_CONTROL
        )
