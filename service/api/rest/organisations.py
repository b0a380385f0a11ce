"""REST for organisation policies: publish with If-Match, read the current one, page history.

Only keys of the organisation see it (another organisation's key gets 404, as if it did not
exist); publishing needs the organisation's `admin` key.
"""

from dataclasses import dataclass
from typing import Any

import msgspec
from litestar import Controller, HttpMethod, Request, Response, get, put, route
from litestar.openapi.spec import Example, OpenAPIMediaType, Operation, Reference, RequestBody
from litestar.params import FromPath

from service.api.rest.content import Cursor, Limit
from service.api.rest.docs import ok, problems
from service.api.rest.http import JSON, hashed_response, snapshot
from service.domain.content import DEFAULT_LIMIT
from service.domain.errors import NotFound
from service.domain.organisations import service as organisations
from service.domain.organisations.policy import OrganisationPolicyDocument
from service.problems import problem
from service.security.identity import identity_of
from service.security.scopes import Scope, access

AnyRequest = Request[Any, Any, Any]
EXAMPLE_DOCUMENT = OrganisationPolicyDocument(
    weights={"context": 2.0},  # type: ignore[dict-item]
    not_offered=("ai-powered-coaching",),
    context_defaults={"coach_budget": False},  # type: ignore[dict-item]
    note="No external coaches in 2027; AI tools are not approved.",
)
EXAMPLE = organisations.PublishedPolicy("acme", 3, EXAMPLE_DOCUMENT, "3f9a1c2b7d4e", None)


def caller_organisation(request: AnyRequest) -> str | None:
    identity = identity_of(request.scope)
    return None if identity is None else identity.organisation


def _member(request: AnyRequest, organisation: FromPath[str]) -> str:
    """The key id of a caller of this organisation; another organisation's key learns nothing
    (a 404, as if the organisation did not exist)."""
    identity = identity_of(request.scope)
    if identity is None:
        return "development"
    if identity.organisation != organisation:
        raise NotFound("organisation", organisation)
    return identity.key_id


@dataclass
class _PolicyBody(Operation):
    def __post_init__(self) -> None:
        self.request_body = RequestBody(
            required=True,
            description="The organisation's adjustments; everything left out stays as released.",
            content={
                JSON: OpenAPIMediaType(
                    schema=Reference("#/components/schemas/OrganisationPolicyDocument"),
                    examples={"acme": Example(value=msgspec.to_builtins(EXAMPLE_DOCUMENT))},
                )
            },
        )


def _answer(published: organisations.PublishedPolicy, status: int = 200) -> Response[bytes]:
    return Response(
        content=msgspec.json.encode(published),
        status_code=status,
        media_type=JSON,
        headers={"ETag": published.etag, "Cache-Control": "no-cache"},
    )


class OrganisationController(Controller):
    path = "/v1/organisations/{organisation:str}/policy"
    # Reading needs `recommend` (the policy shapes recommendations); publishing needs `admin`;
    # both only for the key's own organisation (`_member`).
    opt = access(Scope.RECOMMEND)
    tags = ["Organisations"]

    @route("/", http_method=HttpMethod.OPTIONS, include_in_schema=False, status_code=204)
    async def allowed_methods(self) -> Response[None]:
        # Litestar's automatic OPTIONS answer names only the first handler's method when two
        # handlers share a path; this one (first by name, so Litestar adds none) names both.
        return Response(content=None, status_code=204, headers={"Allow": "GET, OPTIONS, PUT"})

    @get(
        "/",
        operation_id="GetOrganisationPolicy",
        summary="The organisation's current policy (version 0: nothing published yet)",
        description="Its `ETag` is what `PUT` needs in `If-Match`.",
        responses={
            200: ok(organisations.PublishedPolicy, "Acme", EXAMPLE),
            **problems(400, 404, 503, resource="organisation"),
        },
    )
    async def current(self, request: AnyRequest, organisation: FromPath[str]) -> Response[bytes]:
        _member(request, organisation)
        async with request.app.state.engine.connect() as connection:
            published = await organisations.current_policy(connection, organisation)
        return _answer(published)

    @put(
        "/",
        operation_id="PublishOrganisationPolicy",
        summary="Publish a new version of the organisation's policy",
        description="Weights (a multiplier of 0.5 to 2 per factor, scaled back to a sum of 1), "
        "variants not offered (never recommended, and listed in every answer) and context "
        "defaults (replace what a caller did not say, never what it said). Needs a key of "
        "this organisation (another organisation's key gets 404) and `If-Match` with the "
        "current ETag: 428 without it, 412 when another publication came first (checked "
        "before anything else). Every version is kept, with the key and time, up to 10,000 "
        "per organisation (then 409).",
        status_code=201,
        operation_class=_PolicyBody,
        opt=access(Scope.ADMIN),
        responses={
            201: ok(organisations.PublishedPolicy, "Published", EXAMPLE, "Published"),
            **problems(
                400,
                404,
                409,
                412,
                428,
                503,
                resource="organisation",
                answers={
                    409: problem(
                        409,
                        "policy-versions-exhausted",
                        "Too many policy versions",
                        "An organisation keeps at most 10,000 policy versions.",
                    )
                },
            ),
        },
    )
    async def publish(self, request: AnyRequest, organisation: FromPath[str]) -> Response[bytes]:
        key_id = _member(request, organisation)
        # Before reading or checking the body: a refused PUT costs no work.
        if_match = organisations.require_if_match(request.headers.get("if-match"))
        document = organisations.parse_document(await request.json())
        organisations.check_document(snapshot(request.app.state), document)
        async with request.app.state.sessions() as session, session.begin():
            published = await organisations.publish(
                session, organisation, document, if_match, key_id
            )
        request.app.state.organisation_policies.remember(published)
        return _answer(published, 201)

    @get(
        "/history",
        operation_id="ListOrganisationPolicyVersions",
        summary="Every published version of the organisation's policy, newest first",
        responses={
            200: ok(
                organisations.PublishedPolicyPage,
                "Acme",
                organisations.PublishedPolicyPage((EXAMPLE,), None),
            ),
            **problems(400, 404, 503, resource="organisation"),
        },
    )
    async def history(
        self,
        request: AnyRequest,
        organisation: FromPath[str],
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[bytes]:
        _member(request, organisation)
        async with request.app.state.engine.connect() as connection:
            page = await organisations.history(connection, organisation, limit, cursor)
        return hashed_response(request, msgspec.json.encode(page), "no-cache")
