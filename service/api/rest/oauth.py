"""RFC 9728 protected-resource metadata: what an OAuth client needs to know to call this
service with an access token (docs/oauth.md). Open: it is read before any token exists.

It names no authorisation server: each organisation trusts its own identity providers, and
one organisation's are none of another's business (nor of an anonymous reader's).
"""

from typing import Any

import msgspec
from litestar import Controller, Request, Response, get

from service.api.rest.docs import ok, problems
from service.api.rest.http import JSON
from service.domain.errors import NotFound
from service.security.scopes import Scope, open_access
from service.security.tokens import METADATA_PATH

RESOURCE_NAME = "Mentoring & Coaching API"
DOCUMENTATION = "https://mentoring-coaching.example/docs/oauth"
CACHE_CONTROL = "public, max-age=3600"


class ProtectedResourceMetadata(msgspec.Struct, frozen=True):
    """RFC 9728 §2: `resource` is the `aud` access tokens must name."""

    resource: str
    scopes_supported: tuple[str, ...]
    bearer_methods_supported: tuple[str, ...]
    resource_name: str
    resource_documentation: str


def metadata(resource: str) -> ProtectedResourceMetadata:
    return ProtectedResourceMetadata(
        resource=resource,
        scopes_supported=tuple(scope.value for scope in Scope),
        bearer_methods_supported=("header",),
        resource_name=RESOURCE_NAME,
        resource_documentation=DOCUMENTATION,
    )


_EXAMPLE = metadata("https://api.example.com")


class ProtectedResourceController(Controller):
    path = METADATA_PATH
    tags = ["OAuth"]
    opt = open_access()

    @get(
        "",
        operation_id="GetProtectedResourceMetadata",
        summary="How to call this service with an OAuth access token (RFC 9728)",
        description="`resource` is the audience a token must name (request it with "
        "`resource=` from your identity provider, RFC 8707) and `scopes_supported` the scopes "
        "it may carry. 404 when the service accepts API keys only.",
        responses={
            200: ok(ProtectedResourceMetadata, "Metadata", _EXAMPLE),
            **problems(404, resource="protected resource"),
        },
    )
    async def protected_resource(self, request: Request[Any, Any, Any]) -> Response[bytes]:
        tokens = request.app.state.admission.tokens
        if tokens.resource is None:
            raise NotFound("protected resource", "oauth-protected-resource")
        return Response(
            content=msgspec.json.encode(metadata(tokens.resource)),
            media_type=JSON,
            headers={"Cache-Control": CACHE_CONTROL},
        )
