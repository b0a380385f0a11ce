"""The GraphQL door over HTTP: `POST /graphql` and `GET /graphql`, with automatic persisted
queries, a response cache, ETags on GET, batching with a limit, and GraphiQL in development.

Our own Litestar controller rather than Strawberry's: it needs no dependency injection (which
hops to a thread on every request), encodes with msgspec, and answers from the response cache
before any GraphQL work is done.
"""

import hashlib
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.exceptions import NotFoundException
from strawberry import Schema
from strawberry.http.ides import get_graphql_ide_html
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types.graphql import OperationType

from service.api.common.answered import keep
from service.api.common.conditional import body_etag, etag_matches
from service.api.common.json_limits import JSONTooDeep, decode_json
from service.api.common.locale import negotiate
from service.api.graphql.context import GraphQLContext
from service.api.graphql.errors import graphql_error, shape_error
from service.api.graphql.schema import build_schema
from service.api.graphql.validation import RequestTooLarge, check_request_size, variables_key
from service.cache import BoundedCache
from service.config import Environment, Settings
from service.domain.content import Snapshot
from service.security.identity import Identity, identity_of
from service.security.scopes import Scope, access

logger = logging.getLogger("service.graphql")

AnyRequest = Request[Any, Any, Any]
JSON = "application/json"
MAX_BATCH = 10
MAX_CACHED_RESPONSES = 4096
MAX_REGISTERED_QUERIES = 10_000
GET_CACHE_CONTROL = "public, max-age=300"
# A GET that sends only these is kept (api/common/answered.py) for its repeats.
GET_PARAMETERS = frozenset({"query", "operationName", "variables", "extensions"})
PERSISTED_QUERIES_FILE = Path(__file__).with_name("persisted_queries.json")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class RequestError(Exception):
    """The request cannot be executed at all: answered with one GraphQL error and no data."""

    def __init__(self, message: str, code: str, status: int = 400) -> None:
        super().__init__(message)
        self.body = msgspec.json.encode({"errors": [graphql_error(message, code)]})
        self.status = status


class Operation(msgspec.Struct, frozen=True):
    """One GraphQL-over-HTTP request body (or one element of a batch)."""

    query: str | None = None
    variables: dict[str, Any] | None = None
    operation_name: str | None = msgspec.field(default=None, name="operationName")
    extensions: dict[str, Any] | None = None


@dataclass
class Answer:
    body: bytes
    cacheable: bool  # no errors and nothing personal: safe to reuse and to let CDNs keep
    status: int = 200


@dataclass
class GraphQLDoor:
    """Everything the controller keeps between requests; one per application.

    Persisted queries are the shipped ones (`persisted_queries.json`, never forgotten) and the
    ones clients registered by the automatic persisted query protocol (least recently used
    forgotten first: a client whose hash is forgotten resends the query, as the protocol asks).
    """

    schema: Schema
    production: bool
    shipped: dict[str, str]
    registered: BoundedCache[str, str]
    max_registered_document: int
    # Keyed by a digest of (document, variables, operation name, locale) and the content
    # version, so a key is small whatever the client sends; the value is the response.
    responses: BoundedCache[tuple[bytes, int], bytes]
    executions: int = 0  # operations actually executed (not answered from the cache)

    @classmethod
    def create(cls, settings: Settings) -> "GraphQLDoor":
        production = settings.service_env == Environment.PRODUCTION
        shipped = json.loads(PERSISTED_QUERIES_FILE.read_text(encoding="utf-8"))
        for digest, query in shipped.items():
            if sha256(query) != digest:
                raise ValueError(f"{PERSISTED_QUERIES_FILE.name}: {digest} is not its query's hash")
        schema = build_schema(production, settings.graphql_document_cache_max_bytes)
        return cls(
            schema=schema,
            production=production,
            shipped=shipped,
            registered=BoundedCache(
                "graphql_persisted_queries",
                max_entries=MAX_REGISTERED_QUERIES,
                max_bytes=settings.persisted_queries_max_bytes,
                sizeof=lambda query: len(query.encode()),
            ),
            max_registered_document=settings.persisted_query_max_bytes,
            responses=BoundedCache(
                "graphql_responses",
                max_entries=MAX_CACHED_RESPONSES,
                max_bytes=settings.graphql_response_cache_max_bytes,
                sizeof=len,
            ),
        )

    def register(self, query: str) -> str:
        """Remember a document by its hash (unless it is longer than the registration limit)."""
        digest = sha256(query)
        if digest not in self.shipped and len(query.encode()) <= self.max_registered_document:
            self.registered.put(digest, query)
        return digest

    def persisted(self, digest: str) -> str | None:
        return self.shipped.get(digest) or self.registered.get(digest)

    def _document(self, operation: Operation) -> str:
        """The query text to run, applying the automatic persisted query protocol."""
        persisted = (operation.extensions or {}).get("persistedQuery")
        if persisted is not None:
            if not isinstance(persisted, dict):
                persisted = {}  # refused just below, as a malformed extension
            digest = persisted.get("sha256Hash")
            if persisted.get("version", 1) != 1 or not isinstance(digest, str):
                raise RequestError(
                    "persistedQuery needs `version: 1` and a `sha256Hash`.",
                    "PERSISTED_QUERY_NOT_SUPPORTED",
                )
            if operation.query is None:
                known = self.persisted(digest)
                if known is None:
                    # Apollo clients retry with the query text on this exact message and code.
                    raise RequestError(
                        "PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND", status=200
                    )
                return known
            if not _SHA256.match(digest) or sha256(operation.query) != digest:
                raise RequestError("provided sha does not match query", "BAD_REQUEST")
        if operation.query is None or not operation.query.strip():
            raise RequestError("No GraphQL query found in the request.", "BAD_REQUEST")
        if self.production:
            if self.persisted(sha256(operation.query)) is None:
                # 200 like PERSISTED_QUERY_NOT_FOUND: a well-formed request the policy refuses.
                raise RequestError(
                    "Only registered (persisted) queries are accepted in production.",
                    "PERSISTED_QUERY_NOT_IN_LIST",
                    status=200,
                )
        elif persisted is not None:
            self.register(operation.query)
        return operation.query

    async def answer(
        self,
        operation: Operation,
        snapshot: Snapshot | None,
        accept_language: str | None,
        get: bool,
        identity: Identity | None = None,
        request: AnyRequest | None = None,
    ) -> Answer:
        try:
            query = self._document(operation)
        except RequestError as exc:
            return Answer(exc.body, cacheable=False, status=exc.status)
        key = _cache_key(query, operation, snapshot, accept_language)
        if key is not None:
            cached = self.responses.get(key)
            if cached is not None:
                return Answer(cached, cacheable=True)
        self.executions += 1
        context = self._context(snapshot, accept_language, identity, request)
        executed = await self._execute(query, operation, context, get)
        if isinstance(executed, Answer):
            return executed
        document, errors = executed
        body = msgspec.json.encode(document)
        if errors or key is None or context.no_store:
            return Answer(body, cacheable=False)
        self.responses.put(key, body)
        return Answer(body, cacheable=True)

    async def _execute(
        self, query: str, operation: Operation, context: GraphQLContext, get: bool
    ) -> tuple[dict[str, Any], bool] | Answer:
        """Strawberry's execution: the response document and whether it holds errors, or the
        answer refusing the operation."""
        try:
            result = await self.schema.execute(
                query,
                variable_values=operation.variables,
                context_value=context,
                operation_name=operation.operation_name,
                # GET is for reading only, so that caches and crawlers can never change state.
                allowed_operation_types=(
                    {OperationType.QUERY} if get else {OperationType.QUERY, OperationType.MUTATION}
                ),
            )
        except InvalidOperationTypeError as exc:
            message = exc.as_http_error_reason("GET" if get else "POST")
            return Answer(RequestError(message, "BAD_REQUEST").body, cacheable=False, status=400)
        except CannotGetOperationTypeError as exc:
            message = exc.as_http_error_reason()
            return Answer(RequestError(message, "BAD_REQUEST").body, cacheable=False, status=400)
        document: dict[str, Any] = {"data": result.data}
        if result.errors:
            document["errors"] = [shape_error(error).formatted for error in result.errors]
        return document, bool(result.errors)

    @staticmethod
    def _context(
        snapshot: Snapshot | None,
        accept_language: str | None,
        identity: Identity | None,
        request: AnyRequest | None,
    ) -> GraphQLContext:
        context = GraphQLContext(snapshot, accept_language, identity=identity)
        if request is not None:
            context.sessions = request.app.state.sessions
            context.state = request.app.state
        return context


def _cache_key(
    query: str, operation: Operation, snapshot: Snapshot | None, accept_language: str | None
) -> tuple[bytes, int] | None:
    """The response cache's key, or None without a snapshot (nothing is kept then)."""
    if snapshot is None:
        return None
    locale = negotiate(accept_language, snapshot.locales)
    return _response_key(query, operation, locale), snapshot.version


def _response_key(query: str, operation: Operation, locale: str) -> bytes:
    """What a cached answer depends on besides the content version, digested to 32 bytes.

    Only the variables the operation declares count: unused ones cannot split the cache.
    """
    name = operation.operation_name
    digest = hashlib.blake2b(digest_size=32)
    for part in (
        query.encode(),
        variables_key(sha256(query), query, name, operation.variables),
        (operation.operation_name or "").encode(),
        locale.encode(),
    ):
        digest.update(len(part).to_bytes(8, "big"))  # unambiguous boundaries between parts
        digest.update(part)
    return digest.digest()


def _operation(raw: Any) -> Operation:
    try:
        operation = msgspec.convert(raw, Operation)
        check_request_size(operation.query, operation.variables)
    except msgspec.ValidationError as exc:
        raise RequestError(f"Invalid GraphQL request: {exc}.", "BAD_REQUEST") from None
    except RequestTooLarge as exc:
        raise RequestError(str(exc), exc.code) from None
    return operation


def _decode(text: str | bytes, what: str) -> Any:
    try:
        return decode_json(text)
    except msgspec.DecodeError:
        raise RequestError(f"{what} is not valid JSON.", "BAD_REQUEST") from None
    except JSONTooDeep as exc:
        raise RequestError(f"{what}: {exc}", "BAD_REQUEST") from None


def _error_response(exc: RequestError) -> Response[bytes]:
    return Response(content=exc.body, status_code=exc.status, media_type=JSON)


def graphql_controller(door: GraphQLDoor) -> type[Controller]:
    """A controller class bound to `door` (each application has its own, with its caches)."""

    class GraphQLController(Controller):
        path = "/graphql"
        include_in_schema = False
        # Every operation reads content; fields that need more declare it (`permissions.py`).
        # The door lets tests and benchmarks read its counters.
        opt = {**access(Scope.CONTENT_READ), "graphql_door": door}

        @post("", status_code=200, include_in_schema=False)
        async def query_via_post(self, request: AnyRequest) -> Response[bytes]:
            snapshot = request.app.state.content.snapshot
            accept_language = request.headers.get("accept-language")
            identity = identity_of(request.scope)
            try:
                payload = _decode(await request.body(), "The request body")
                if isinstance(payload, list):
                    if not payload or len(payload) > MAX_BATCH:
                        raise RequestError(
                            f"A batch holds 1 to {MAX_BATCH} operations; "
                            f"this one holds {len(payload)}.",
                            "BATCH_LIMIT_EXCEEDED",
                        )
                    operations = [_operation(item) for item in payload]
                    answers = [
                        await door.answer(op, snapshot, accept_language, False, identity, request)
                        for op in operations
                    ]
                    body = b"[" + b",".join(a.body for a in answers) + b"]"
                    return Response(content=body, media_type=JSON)
                answer = await door.answer(
                    _operation(payload), snapshot, accept_language, False, identity, request
                )
            except RequestError as exc:
                return _error_response(exc)
            return Response(content=answer.body, status_code=answer.status, media_type=JSON)

        @get("", include_in_schema=False)
        async def query_via_get(self, request: AnyRequest) -> Response[bytes | str]:
            params = request.query_params
            if "query" not in params and "extensions" not in params:
                accept = request.headers.get("accept", "")
                if door.production or "text/html" not in accept:
                    raise NotFoundException("GraphiQL is not served here; POST your queries.")
                return Response(content=get_graphql_ide_html("graphiql"), media_type="text/html")
            try:
                operation = _operation(
                    {
                        "query": params.get("query"),
                        "operationName": params.get("operationName"),
                        "variables": _decode(params["variables"], "`variables`")
                        if params.get("variables")
                        else None,
                        "extensions": _decode(params["extensions"], "`extensions`")
                        if params.get("extensions")
                        else None,
                    }
                )
            except RequestError as exc:
                return Response(content=exc.body, status_code=exc.status, media_type=JSON)
            snapshot = request.app.state.content.snapshot
            answer = await door.answer(
                operation,
                snapshot,
                request.headers.get("accept-language"),
                get=True,
                identity=identity_of(request.scope),
                request=request,
            )
            if not answer.cacheable:
                return Response(
                    content=answer.body,
                    status_code=answer.status,
                    media_type=JSON,
                    headers={"Cache-Control": "no-store"},
                )
            etag = body_etag(answer.body)
            headers = {
                "ETag": etag,
                "Cache-Control": GET_CACHE_CONTROL,
                "Vary": "Accept-Language",
            }
            if snapshot is not None and params.keys() <= GET_PARAMETERS:
                keep(request, snapshot.version, etag, headers, answer.body)  # for repeats
            if etag_matches(request.headers.get("if-none-match"), etag):
                return Response(content=b"", status_code=304, headers=headers)
            return Response(content=answer.body, media_type=JSON, headers=headers)

    return GraphQLController
