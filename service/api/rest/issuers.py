"""REST for an organisation's trusted issuers: the identity providers whose OAuth access tokens
act for it (docs/oauth.md). Scope `admin`, the caller's own organisation only (another
organisation's credential gets 404, as if it did not exist); every change is kept in the
organisation's issuer history with who made it.
"""

from datetime import UTC, datetime
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, delete, get, post
from litestar.params import FromPath, JSONBody, Parameter

from service.api.rest.content import Cursor, Limit
from service.api.rest.docs import ok, problems
from service.api.rest.http import JSON
from service.api.rest.webhooks import allow_every_method
from service.domain.content import DEFAULT_LIMIT, paginate
from service.domain.errors import NotFound
from service.problems import problem
from service.security import trusted_issuers as issuers
from service.security.identity import identity_of
from service.security.scopes import Scope, access
from service.security.tokens import TokenVerifier

AnyRequest = Request[Any, Any, Any]
IssuerId = Annotated[
    str, Parameter(max_length=16, description="The trusted issuer's `id` (from the list).")
]
NO_STORE = {"Cache-Control": "no-store"}
_TIME = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)
_EXAMPLE = issuers.Issuer(
    issuers.issuer_id("https://login.acme.example/"),
    "https://login.acme.example/",
    "https://login.acme.example/.well-known/jwks.json",
    True,
    "3f9a1c2b7d4e",
    _TIME,
)
_REFUSED = problem(
    400,
    "invalid-parameter",
    "Invalid parameter: issuer",
    "https://login.acme.example/.well-known/openid-configuration answered HTTP 404.",
)
_TAKEN = problem(
    409,
    "issuer-already-trusted",
    "Issuer already trusted",
    "This organisation already trusts this issuer; remove it first to change it.",
)
_CHANGE = issuers.IssuerChange(
    "added", _EXAMPLE.issuer, _EXAMPLE.jwks_uri, _EXAMPLE.added_by, _EXAMPLE.added_at
)


def _member(request: AnyRequest, organisation: str) -> str:
    """Who is changing the organisation's issuers (a key id, a token's client); a caller of
    another organisation learns nothing (404)."""
    identity = identity_of(request.scope)
    if identity is None:
        return "development"
    if identity.organisation != organisation:
        raise NotFound("organisation", organisation)
    return identity.key_id


def _json(value: Any, status_code: int = 200) -> Response[bytes]:
    return Response(
        content=msgspec.json.encode(value),
        status_code=status_code,
        media_type=JSON,
        headers=NO_STORE,
    )


def _tokens(request: AnyRequest) -> TokenVerifier:
    verifier: TokenVerifier = request.app.state.admission.tokens
    return verifier


class IssuerController(Controller):
    path = "/v1/organisations/{organisation:str}/issuers"
    tags = ["Organisations"]
    opt = access(Scope.ADMIN)
    before_request = staticmethod(allow_every_method)

    @get(
        "",
        operation_id="ListTrustedIssuers",
        summary="The identity providers whose access tokens act for the organisation",
        responses={
            200: ok(issuers.IssuerPage, "One issuer", issuers.IssuerPage((_EXAMPLE,), None)),
            **problems(400, 404, 503, resource="organisation"),
        },
    )
    async def list_issuers(
        self,
        request: AnyRequest,
        organisation: FromPath[str],
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[bytes]:
        _member(request, organisation)
        async with request.app.state.engine.connect() as connection:
            found = await issuers.list_for(connection, organisation)
        return _json(issuers.IssuerPage(*paginate(found, limit, cursor)))

    @post(
        "",
        operation_id="TrustIssuer",
        summary="Trust an identity provider: its access tokens will act for the organisation",
        description="`issuer` is the exact `iss` of its tokens. Its signing keys are read at "
        "`jwks_uri`, or, without one, at the `jwks_uri` of its metadata (OpenID Connect "
        "Discovery, then RFC 8414), which must name the same issuer. The keys are read now: "
        "an issuer whose keys cannot be read, or hold no key of an accepted algorithm, is "
        "refused (400). An issuer is trusted by one organisation at most (409), and an "
        f"organisation trusts at most {issuers.MAX_ISSUERS_PER_ORGANISATION}.",
        status_code=201,
        responses={
            201: ok(issuers.Issuer, "Trusted", _EXAMPLE, "Trusted"),
            **problems(
                400,
                404,
                409,
                413,
                503,
                resource="organisation",
                answers={400: _REFUSED, 409: _TAKEN},
            ),
        },
    )
    async def trust_issuer(
        self,
        request: AnyRequest,
        organisation: FromPath[str],
        data: JSONBody[issuers.IssuerCreate],
    ) -> Response[bytes]:
        changed_by = _member(request, organisation)
        tokens = _tokens(request)
        jwks_uri, discovered = await issuers.keys_source(
            data, tokens.keys.policy, tokens.algorithms
        )
        async with request.app.state.sessions() as session, session.begin():
            added = await issuers.add(
                session, organisation, data.issuer, jwks_uri, discovered, changed_by
            )
        tokens.directory.changed()
        return _json(added, 201)

    @delete(
        "/{issuer_id:str}",
        operation_id="DistrustIssuer",
        summary="Stop trusting an identity provider (its tokens are refused from then on)",
        description="Takes effect at once on the replica that answers, and on the others "
        "within `API_KEY_CACHE_SECONDS`.",
        status_code=204,
        responses=problems(400, 404, 503, resource="trusted issuer"),
    )
    async def distrust_issuer(
        self, request: AnyRequest, organisation: FromPath[str], issuer_id: IssuerId
    ) -> None:
        changed_by = _member(request, organisation)
        async with request.app.state.sessions() as session, session.begin():
            await issuers.remove(session, organisation, issuer_id, changed_by)
        _tokens(request).directory.changed()

    @get(
        "/history",
        operation_id="ListTrustedIssuerChanges",
        summary="Every issuer the organisation trusted or stopped trusting, newest first",
        responses={
            200: ok(
                issuers.IssuerChangePage,
                "One addition",
                issuers.IssuerChangePage((_CHANGE,), None),
            ),
            **problems(400, 404, 503, resource="organisation"),
        },
    )
    async def issuer_history(
        self,
        request: AnyRequest,
        organisation: FromPath[str],
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[bytes]:
        _member(request, organisation)
        async with request.app.state.engine.connect() as connection:
            changes = await issuers.history(connection, organisation)
        return _json(issuers.IssuerChangePage(*paginate(changes, limit, cursor)))
