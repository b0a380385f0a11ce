"""REST for an organisation's trusted GraphQL documents (scope `admin`, the organisation's own
keys only: another organisation's key gets 404, as if it did not exist).

A front-end build writes a manifest (graphql-codegen's `persisted-documents.json`, or Apollo's
persisted query manifest); its admin key registers it by name with `PUT .../manifests/{name}`
(again: replaced); the organisation's keys then run those documents by id, and its
publishable keys run nothing else. Every change, listing and reading is recorded in the
organisation's history (`GET .../history`).
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import msgspec
from litestar import Controller, Request, Response, delete, get, put
from litestar.openapi.spec import Example, OpenAPIMediaType, Operation, RequestBody, Schema
from litestar.openapi.spec.enums import OpenAPIType
from litestar.params import FromPath, JSONBody

from service.api.rest.content import Cursor, Limit
from service.api.rest.docs import ok, problems
from service.api.rest.http import JSON, hashed_response
from service.api.rest.webhooks import allow_every_method
from service.domain.content import DEFAULT_LIMIT, paginate
from service.domain.documents import service as documents
from service.domain.documents.manifest import (
    APOLLO_FORMAT,
    CODEGEN_FORMAT,
    TrustedDocument,
    parse_manifest,
)
from service.domain.errors import NotFound
from service.security.identity import identity_of
from service.security.scopes import Scope, access

AnyRequest = Request[Any, Any, Any]
NO_STORE = {"Cache-Control": "no-store"}
_AT = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)
_QUERY = "query ContentVersion { contentVersion }"
_ID = "1bc6fa4597c655e6a88772e242c1a7175bad8dfb60d4be815324fa9e1ae2a1df"
EXAMPLE_CODEGEN = {_ID: _QUERY}
EXAMPLE_APOLLO = {
    "format": APOLLO_FORMAT,
    "version": 1,
    "operations": [{"id": _ID, "name": "ContentVersion", "type": "query", "body": _QUERY}],
}
EXAMPLE_MANIFEST = documents.ManifestSummary(
    "web", CODEGEN_FORMAT, 1, "3f" * 32, "3f9a1c2b7d4e", _AT
)
EXAMPLE_SUMMARY = documents.DocumentsSummary("acme", 1, False, (EXAMPLE_MANIFEST,))


class ModeChange(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    trusted_only: bool


def _member(request: AnyRequest, organisation: str) -> str:
    """The acting key's id; another organisation's key learns nothing (404)."""
    identity = identity_of(request.scope)
    if identity is None:
        return "development"
    if identity.organisation != organisation:
        raise NotFound("organisation", organisation)
    return identity.key_id


async def _refresh(request: AnyRequest, organisation: str) -> None:
    """This replica's copy, read again at once (the others within a few seconds)."""
    state = request.app.state
    await state.trusted_documents.refresh(state.engine, organisation)


@dataclass
class _ManifestBody(Operation):
    def __post_init__(self) -> None:
        codegen = Schema(
            type=OpenAPIType.OBJECT,
            title="persisted-documents.json (graphql-codegen client preset)",
            additional_properties=Schema(type=OpenAPIType.STRING),
        )
        operation = Schema(
            type=OpenAPIType.OBJECT,
            required=["id", "body"],
            properties={
                "id": Schema(type=OpenAPIType.STRING),
                "name": Schema(type=OpenAPIType.STRING),
                "type": Schema(type=OpenAPIType.STRING, enum=["query", "mutation", "subscription"]),
                "body": Schema(type=OpenAPIType.STRING),
            },
        )
        apollo = Schema(
            type=OpenAPIType.OBJECT,
            title="Apollo persisted query manifest",
            required=["format", "version", "operations"],
            properties={
                "format": Schema(type=OpenAPIType.STRING, const=APOLLO_FORMAT),
                "version": Schema(type=OpenAPIType.INTEGER, const=1),
                "operations": Schema(type=OpenAPIType.ARRAY, items=operation),
            },
        )
        self.request_body = RequestBody(
            required=True,
            description="The manifest the front-end build wrote, as it wrote it.",
            content={
                JSON: OpenAPIMediaType(
                    schema=Schema(one_of=[apollo, codegen]),
                    examples={
                        "codegen": Example(value=EXAMPLE_CODEGEN),
                        "apollo": Example(value=EXAMPLE_APOLLO),
                    },
                )
            },
        )


class TrustedDocumentController(Controller):
    path = "/v1/organisations/{organisation:str}/trusted-documents"
    opt = access(Scope.ADMIN)
    tags = ["Organisations"]
    # OPTIONS names every method of a path with several handlers (Litestar names the first's).
    before_request = staticmethod(allow_every_method)

    @get(
        "/",
        operation_id="ListTrustedDocumentManifests",
        summary="The organisation's trusted-document manifests and whether its secret keys run "
        "only them",
        description="Recorded in the organisation's history. Its `ETag` is what changing the "
        "mode (`PUT`) needs in `If-Match`.",
        responses={
            200: ok(documents.DocumentsSummary, "Acme", EXAMPLE_SUMMARY),
            **problems(400, 404, 503, resource="organisation"),
        },
    )
    async def list_manifests(
        self, request: AnyRequest, organisation: FromPath[str]
    ) -> Response[bytes]:
        actor = _member(request, organisation)
        async with request.app.state.sessions() as session, session.begin():
            found = await documents.summary(session, organisation, actor)
        headers = {"ETag": found.etag, **NO_STORE}
        return Response(content=msgspec.json.encode(found), media_type=JSON, headers=headers)

    @put(
        "/",
        operation_id="SetTrustedDocumentsMode",
        summary="Let the organisation's secret keys run only its trusted documents, or any",
        description="Publishable keys always run only trusted documents. Needs `If-Match` "
        "with the listing's current `ETag` (428 without it, 412 when something changed since).",
        status_code=200,
        responses={
            200: ok(documents.DocumentsSummary, "Acme", EXAMPLE_SUMMARY),
            **problems(400, 404, 412, 428, 503, resource="organisation"),
        },
    )
    async def set_mode(
        self, request: AnyRequest, organisation: FromPath[str], data: JSONBody[ModeChange]
    ) -> Response[bytes]:
        actor = _member(request, organisation)
        if_match = request.headers.get("if-match")
        async with request.app.state.sessions() as session, session.begin():
            found = await documents.set_trusted_only(
                session, organisation, data.trusted_only, actor, if_match
            )
        await _refresh(request, organisation)
        headers = {"ETag": found.etag, **NO_STORE}
        return Response(content=msgspec.json.encode(found), media_type=JSON, headers=headers)

    @put(
        "/manifests/{manifest:str}",
        operation_id="RegisterTrustedDocumentManifest",
        summary="Register a manifest of trusted documents (or replace the one of that name)",
        description="The body is the manifest as the build wrote it: graphql-codegen's "
        "`persisted-documents.json` (`{id: document}`) or Apollo's persisted query manifest. "
        "Every document is checked against the schema, the limits and the maximum cost; an id "
        "shaped like a SHA-256 digest must be its document's. 201 when new, 200 when it "
        "replaced one.",
        operation_class=_ManifestBody,
        status_code=200,
        responses={
            200: ok(documents.ManifestSummary, "Replaced", EXAMPLE_MANIFEST),
            201: ok(documents.ManifestSummary, "Registered", EXAMPLE_MANIFEST, "Registered"),
            **problems(400, 404, 409, 413, 503, resource="organisation"),
        },
    )
    async def register(
        self, request: AnyRequest, organisation: FromPath[str], manifest: FromPath[str]
    ) -> Response[bytes]:
        actor = _member(request, organisation)
        documents.check_name(manifest)
        parsed = parse_manifest(
            await request.body(), await request.json(), request.app.state.graphql.check_document
        )
        async with request.app.state.sessions() as session, session.begin():
            summary, created = await documents.register(
                session, organisation, manifest, parsed, actor
            )
        await _refresh(request, organisation)
        return Response(
            content=msgspec.json.encode(summary),
            status_code=201 if created else 200,
            media_type=JSON,
            headers=NO_STORE,
        )

    @get(
        "/manifests/{manifest:str}",
        operation_id="GetTrustedDocumentManifest",
        summary="One manifest with its documents (recorded in the organisation's history)",
        responses={
            200: ok(
                documents.ManifestDetail,
                "Web",
                documents.ManifestDetail(
                    "web",
                    CODEGEN_FORMAT,
                    "3f" * 32,
                    "3f9a1c2b7d4e",
                    _AT,
                    (TrustedDocument(_ID, _QUERY),),
                ),
            ),
            **problems(400, 404, 503, resource="organisation"),
        },
    )
    async def get_manifest(
        self, request: AnyRequest, organisation: FromPath[str], manifest: FromPath[str]
    ) -> Response[bytes]:
        actor = _member(request, organisation)
        async with request.app.state.sessions() as session, session.begin():
            found = await documents.manifest(session, organisation, manifest, actor)
        return Response(content=msgspec.json.encode(found), media_type=JSON, headers=NO_STORE)

    @delete(
        "/manifests/{manifest:str}",
        operation_id="RemoveTrustedDocumentManifest",
        summary="Remove a manifest: its documents no longer run by id",
        responses=problems(400, 404, 503, resource="organisation"),
    )
    async def remove(
        self, request: AnyRequest, organisation: FromPath[str], manifest: FromPath[str]
    ) -> None:
        actor = _member(request, organisation)
        async with request.app.state.sessions() as session, session.begin():
            await documents.remove(session, organisation, manifest, actor)
        await _refresh(request, organisation)

    @get(
        "/history",
        operation_id="ListTrustedDocumentEvents",
        summary="Who registered, replaced, removed, listed or read the trusted documents, and "
        "when; newest first",
        responses={
            200: ok(
                documents.DocumentsEventPage,
                "Acme",
                documents.DocumentsEventPage(
                    (
                        documents.DocumentsEvent(
                            2, documents.REGISTERED, "web", 1, "3f" * 32, "3f9a1c2b7d4e", _AT
                        ),
                    ),
                    None,
                ),
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
            events = await documents.history(connection, organisation)
        page = documents.DocumentsEventPage(*paginate(events, limit, cursor))
        return hashed_response(request, msgspec.json.encode(page), "no-store")
