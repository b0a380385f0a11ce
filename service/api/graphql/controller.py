"""The GraphQL door over HTTP: `POST /graphql` and `GET /graphql`, the SDL at
`GET /graphql/schema.graphql`, and GraphiQL in development.

Which document a request runs (`GraphQLDoor.document`):
- by id: `documentId` (graphql-codegen's persisted documents) or
  `extensions.persistedQuery.sha256Hash` (Apollo): a shipped document
  (`persisted_queries.json`), one of the caller's organisation's trusted documents, or (secret
  keys) one its keys registered by the automatic persisted query protocol;
- by text: `query`, also registered for the organisation when it comes with its hash.
A publishable (browser) key runs only shipped and trusted documents, and so do the secret keys
of an organisation that chose "trusted documents only"; anything else is
`PERSISTED_QUERY_NOT_IN_LIST`. Every operation is costed before it runs (`cost.py`): over the
maximum is `QUERY_TOO_EXPENSIVE`, over the key's budget `BUDGET_EXHAUSTED`, and every answer
carries `extensions.cost`.

Our own Litestar controller rather than Strawberry's: it needs no dependency injection (which
hops to a thread on every request), encodes with msgspec, and answers from the response cache
(keyed by organisation too) before any GraphQL work is done.
"""

import hashlib
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec
from graphql import ExecutionResult, GraphQLError, OperationDefinitionNode, parse, validate
from litestar import Controller, Request, Response, get, post
from litestar.exceptions import NotFoundException
from strawberry import Schema
from strawberry.extensions import SchemaExtension
from strawberry.http.ides import get_graphql_ide_html
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types.graphql import OperationType

from service.api.common.conditional import body_etag, etag_matches
from service.api.common.json_limits import decode_json
from service.api.common.locale import negotiate
from service.api.graphql.context import GraphQLContext
from service.api.graphql.cost import CostAnalysis, CostBudget, CostReport
from service.api.graphql.errors import graphql_error, shape_error
from service.api.graphql.scalars import SCALARS
from service.api.graphql.schema import MAX_TOKENS, build_schema, rules_of
from service.api.graphql.validation import RequestTooLarge, check_request_size, variables_key
from service.cache import BoundedCache
from service.config import Environment, Settings
from service.domain.content import Snapshot
from service.domain.documents.service import OrganisationDocuments, TrustedDocuments
from service.domain.errors import ContentUnavailable, MalformedJSON
from service.domain.organisations.models import DEFAULT_ORGANISATION
from service.security.identity import Identity, identity_of
from service.security.scopes import Scope, access

logger = logging.getLogger("service.graphql")

AnyRequest = Request[Any, Any, Any]
JSON = "application/json"
MAX_BATCH = 10
MAX_CACHED_RESPONSES = 4096
MAX_REGISTERED_QUERIES = 10_000
GET_CACHE_CONTROL = "public, max-age=300"
SDL_MEDIA_TYPE = "text/plain; charset=utf-8"
PERSISTED_QUERIES_FILE = Path(__file__).with_name("persisted_queries.json")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def with_extensions(body: bytes, extensions: dict[str, Any]) -> bytes:
    """`body` (a JSON object, as msgspec encodes it) with an `extensions` member added last:
    cached answers are kept without it, since the cost report differs per request."""
    return body[:-1] + b',"extensions":' + msgspec.json.encode(extensions) + b"}"


class RequestError(Exception):
    """The request cannot be executed at all: answered with one GraphQL error and no data."""

    def __init__(
        self, message: str, code: str, status: int = 400, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.body = msgspec.json.encode({"errors": [graphql_error(message, code)]})
        self.status = status
        self.headers = headers or {}


def not_in_list(reason: str) -> RequestError:
    # 200 like PERSISTED_QUERY_NOT_FOUND: a well-formed request the policy refuses.
    return RequestError(reason, "PERSISTED_QUERY_NOT_IN_LIST", status=200)


class Operation(msgspec.Struct, frozen=True):
    """One GraphQL-over-HTTP request body (or one element of a batch)."""

    query: str | None = None
    variables: dict[str, Any] | None = None
    operation_name: str | None = msgspec.field(default=None, name="operationName")
    extensions: dict[str, Any] | None = None
    document_id: str | None = msgspec.field(default=None, name="documentId")


@dataclass
class Answer:
    body: bytes
    cacheable: bool  # no errors and nothing personal: safe to reuse and to revalidate
    status: int = 200
    etag: str | None = None  # of the answer without its cost report
    headers: dict[str, str] | None = None


@dataclass(frozen=True, slots=True)
class Kept:
    """A cached answer, without `extensions`, and what it costs each time it is sent."""

    body: bytes
    cost: int
    etag: str  # of `body`, computed once


@dataclass(frozen=True, slots=True)
class Caller:
    """Who sends the operation, as far as choosing its document goes."""

    identity: Identity | None
    organisation: str
    documents: OrganisationDocuments | None  # None: no key (development), not read yet

    @property
    def trusted_only(self) -> bool:
        """Publishable keys always; secret keys when their organisation chose it."""
        if self.identity is None:
            return False
        return self.identity.publishable or bool(self.documents and self.documents.trusted_only)

    def find(self, document_id: str) -> str | None:
        return self.documents.find(document_id) if self.documents is not None else None

    def trusts(self, text: str) -> bool:
        return self.documents is not None and self.documents.trusts(text)


@dataclass
class GraphQLDoor:
    """Everything the controller keeps between requests; one per application.

    Persisted queries are the shipped ones (`persisted_queries.json`, never forgotten) and the
    ones clients registered by the automatic persisted query protocol, per organisation (least
    recently used forgotten first: a client whose hash is forgotten resends the query, as the
    protocol asks). Trusted documents are the organisations' (`app.state.trusted_documents`).
    """

    schema: Schema
    sdl: str
    costs: CostAnalysis
    budget: CostBudget
    production: bool
    shipped: dict[str, str]
    # (organisation, sha256 of the document) -> the document
    registered: BoundedCache[tuple[str, str], str]
    max_registered_document: int
    # Keyed by a digest of (organisation, document, variables, operation name, locale) and the
    # content version, so a key is small whatever the client sends.
    responses: BoundedCache[tuple[bytes, int], Kept]
    executions: int = 0  # operations actually executed (not answered from the cache)

    @classmethod
    def create(cls, settings: Settings) -> "GraphQLDoor":
        production = settings.service_env == Environment.PRODUCTION
        shipped = json.loads(PERSISTED_QUERIES_FILE.read_text(encoding="utf-8"))
        for digest, query in shipped.items():
            if sha256(query) != digest:
                raise ValueError(f"{PERSISTED_QUERIES_FILE.name}: {digest} is not its query's hash")
        costs_holder: list[CostAnalysis] = []
        schema = build_schema(
            settings.graphql_document_cache_max_bytes, [cost_extension(costs_holder)]
        )
        sdl = str(schema) + "\n"
        parsers = {s.name: s.parse_value for s in SCALARS.values() if s.parse_value}
        costs_holder.append(CostAnalysis(sdl, parsers))
        return cls(
            schema=schema,
            sdl=sdl,
            costs=costs_holder[0],
            budget=CostBudget(
                settings.graphql_max_query_cost,
                settings.graphql_cost_budget,
                settings.rate_limit_window_seconds,
            ),
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
                sizeof=lambda kept: len(kept.body) + 64,
            ),
        )

    # -- trusted documents, checked when a manifest is registered -------------------------

    def check_document(self, text: str) -> str | None:
        """Why `text` could not run here (syntax, the schema, the limits, the cost with its
        variables' defaults), or None. Manifests are checked with it before they are stored."""
        try:
            document = parse(text, max_tokens=MAX_TOKENS)
        except GraphQLError as exc:
            return shape_error(exc).message
        errors = validate(self.costs.schema, document, rules_of())
        if errors:
            return shape_error(errors[0]).message
        names = [
            d.name.value if d.name else None
            for d in document.definitions
            if isinstance(d, OperationDefinitionNode)
        ]
        for name in names:
            cost = self.costs.cost(text, document, name, None)
            if cost > self.budget.maximum:
                return (
                    f"operation {name or 'anonymous'} costs {cost} points with its variables' "
                    f"defaults; one request may cost at most {self.budget.maximum}."
                )
        return None

    # -- which document a request runs -----------------------------------------------------

    def register(self, query: str, organisation: str = DEFAULT_ORGANISATION) -> str:
        """Remember a document for `organisation` by its hash (unless it is longer than the
        registration limit)."""
        digest = sha256(query)
        if digest not in self.shipped and len(query.encode()) <= self.max_registered_document:
            self.registered.put((organisation, digest), query)
        return digest

    def _by_id(self, caller: Caller, document_id: str) -> str | None:
        found = self.shipped.get(document_id) or caller.find(document_id)
        if found is None and not caller.trusted_only:
            found = self.registered.get((caller.organisation, document_id))
        return found

    def document(self, operation: Operation, caller: Caller) -> str:
        """The document text to run, or a RequestError saying why none may run."""
        persisted = (operation.extensions or {}).get("persistedQuery")
        if operation.document_id is not None:
            if operation.query is not None or persisted is not None:
                raise RequestError(
                    "Send a document by `documentId` or by `query`, not both.", "BAD_REQUEST"
                )
            found = self._by_id(caller, operation.document_id)
            if found is None:
                raise not_in_list(
                    f"No trusted document {operation.document_id[:128]!r} for this key's "
                    "organisation: register the manifest your build wrote (docs/graphql.md)."
                )
            return found
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
                found = self._by_id(caller, digest)
                if found is not None:
                    return found
                if caller.trusted_only:
                    raise not_in_list(
                        "This key runs only its organisation's trusted documents, and this "
                        "hash is not one of them: register the manifest your build wrote."
                    )
                # Apollo clients retry with the query text on this exact message and code.
                raise RequestError("PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND", 200)
            if not _SHA256.match(digest) or sha256(operation.query) != digest:
                raise RequestError("provided sha does not match query", "BAD_REQUEST")
        if operation.query is None or not operation.query.strip():
            raise RequestError("No GraphQL query found in the request.", "BAD_REQUEST")
        if caller.trusted_only:
            if sha256(operation.query) not in self.shipped and not caller.trusts(operation.query):
                who = (
                    "A publishable key"
                    if caller.identity is not None and caller.identity.publishable
                    else "This organisation's keys"
                )
                raise not_in_list(
                    f"{who} may run only the organisation's trusted documents, and this "
                    "document is not one of them: register the manifest your build wrote "
                    "(docs/graphql.md), or send the request from a server with a secret key."
                )
        elif persisted is not None:
            self.register(operation.query, caller.organisation)
        return operation.query

    # -- answering ---------------------------------------------------------------------------

    async def caller(self, request: AnyRequest, operation: Operation) -> Caller:
        identity = identity_of(request.scope)
        organisation = identity.organisation if identity is not None else DEFAULT_ORGANISATION
        documents = None
        by_id = operation.document_id is not None or bool(operation.extensions)
        if identity is not None or by_id:
            state = request.app.state
            trusted: TrustedDocuments = state.trusted_documents
            documents = await trusted.of(state.engine, organisation)
        return Caller(identity, organisation, documents)

    async def answer(self, operation: Operation, request: AnyRequest, get: bool) -> Answer:
        snapshot: Snapshot | None = request.app.state.content.snapshot
        accept_language = request.headers.get("accept-language")
        try:
            caller = await self.caller(request, operation)
            query = self.document(operation, caller)
        except RequestError as exc:
            report = await self.budget.report(0, identity_of(request.scope), request)
            return Answer(with_cost(exc.body, report), False, exc.status, headers=exc.headers)
        except ContentUnavailable as exc:  # the organisation's documents cannot be read
            error = RequestError(str(exc), "SERVICE_UNAVAILABLE", status=503)
            return Answer(error.body, cacheable=False, status=503, headers={"Retry-After": "5"})
        key = _cache_key(caller.organisation, query, operation, snapshot, accept_language)
        if key is not None:
            kept = self.responses.get(key)
            if kept is not None:
                report = await self.budget.admit(kept.cost, caller.identity, request)
                if report.refusal is not None:
                    return refused(report)
                return Answer(with_cost(kept.body, report), True, etag=kept.etag)
        self.executions += 1
        context = self._context(snapshot, accept_language, caller.identity, request)
        executed = await self._execute(query, operation, context, get)
        if isinstance(executed, Answer):
            return executed
        document, errors = executed
        report = context.cost or await self.budget.report(0, caller.identity, request)
        if report.refusal is not None:
            return refused(report)
        body = msgspec.json.encode(document)
        if errors or key is None or context.no_store:
            return Answer(with_cost(body, report), cacheable=False)
        kept = Kept(body, report.requested, body_etag(body))
        self.responses.put(key, kept)
        return Answer(with_cost(body, report), True, etag=kept.etag)

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

    def _context(
        self,
        snapshot: Snapshot | None,
        accept_language: str | None,
        identity: Identity | None,
        request: AnyRequest,
    ) -> GraphQLContext:
        context = GraphQLContext(snapshot, accept_language, identity=identity)
        context.sessions = request.app.state.sessions
        context.state = request.app.state
        budget = self.budget

        async def admit(cost: int) -> CostReport:
            context.cost = await budget.admit(cost, identity, request)
            return context.cost

        context.admit_cost = admit
        return context


def with_cost(body: bytes, report: CostReport) -> bytes:
    return with_extensions(body, {"cost": report.extension()})


def refused(report: CostReport) -> Answer:
    """The answer to an operation its cost does not allow (no resolver ran)."""
    error = report.error()
    assert error is not None
    body = msgspec.json.encode({"errors": [error.formatted]})
    if report.budget is not None and not report.budget.allowed:
        retry = str(report.budget.reset_seconds)
        return Answer(with_cost(body, report), False, 429, headers={"Retry-After": retry})
    return Answer(with_cost(body, report), cacheable=False)


def cost_extension(holder: list[CostAnalysis]) -> type[SchemaExtension]:
    """Costs each operation once it is valid, before it executes: over the maximum or over
    the key's budget, execution is skipped and the refusal is the result."""

    class CostGuard(SchemaExtension):
        async def on_execute(self) -> Any:  # an async generator, as Strawberry allows
            execution = self.execution_context
            context = execution.context
            if isinstance(context, GraphQLContext) and context.admit_cost is not None:
                assert execution.graphql_document is not None and execution.query is not None
                cost = holder[0].cost(
                    execution.query,
                    execution.graphql_document,
                    execution.operation_name,
                    execution.variables,
                )
                report = await context.admit_cost(cost)
                refusal = report.error()
                if refusal is not None:
                    execution.result = ExecutionResult(data=None, errors=[refusal])
            yield

    return CostGuard


def _cache_key(
    organisation: str,
    query: str,
    operation: Operation,
    snapshot: Snapshot | None,
    accept_language: str | None,
) -> tuple[bytes, int] | None:
    """The response cache's key, or None without a snapshot (nothing is kept then)."""
    if snapshot is None:
        return None
    locale = negotiate(accept_language, snapshot.locales)
    return _response_key(organisation, query, operation, locale), snapshot.version


def _response_key(organisation: str, query: str, operation: Operation, locale: str) -> bytes:
    """What a cached answer depends on besides the content version, digested to 32 bytes.

    The organisation counts whatever the document: no answer is shared between organisations.
    Only the variables the operation declares count: unused ones cannot split the cache.
    """
    name = operation.operation_name
    digest = hashlib.blake2b(digest_size=32)
    for part in (
        organisation.encode(),
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
    except MalformedJSON as exc:
        raise RequestError(f"{what}: {exc}", "BAD_REQUEST") from None


def _response(answer: Answer, extra: dict[str, str] | None = None) -> Response[bytes]:
    headers = {**(answer.headers or {}), **(extra or {})}
    return Response(
        content=answer.body, status_code=answer.status, media_type=JSON, headers=headers
    )


def _get_parameters(params: Any) -> Iterator[tuple[str, Any]]:
    for name in ("query", "operationName", "documentId"):
        if params.get(name) is not None:
            yield name, params.get(name)
    for name in ("variables", "extensions"):
        if params.get(name):
            yield name, _decode(params[name], f"`{name}`")


def graphql_controller(door: GraphQLDoor) -> type[Controller]:
    """A controller class bound to `door` (each application has its own, with its caches)."""

    class GraphQLController(Controller):
        path = "/graphql"
        include_in_schema = False
        # Every operation reads content; fields that need more declare it (`permissions.py`).
        # Publishable keys too: the controller runs only trusted documents for them.
        # The door lets tests and benchmarks read its counters.
        opt = {**access(Scope.CONTENT_READ, browser=True), "graphql_door": door}

        @post("", status_code=200, include_in_schema=False)
        async def query_via_post(self, request: AnyRequest) -> Response[bytes]:
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
                    answers = [await door.answer(op, request, False) for op in operations]
                    body = b"[" + b",".join(a.body for a in answers) + b"]"
                    return Response(content=body, media_type=JSON)
                answer = await door.answer(_operation(payload), request, False)
            except RequestError as exc:
                report = await door.budget.report(0, identity_of(request.scope), request)
                return Response(
                    content=with_cost(exc.body, report), status_code=exc.status, media_type=JSON
                )
            return _response(answer)

        @get("", include_in_schema=False)
        async def query_via_get(self, request: AnyRequest) -> Response[bytes]:
            params = request.query_params
            if not {"query", "extensions", "documentId"} & params.keys():
                accept = request.headers.get("accept", "")
                if door.production or "text/html" not in accept:
                    raise NotFoundException(
                        "GraphiQL is not served here; POST your queries (the schema is at "
                        "/graphql/schema.graphql)."
                    )
                page = get_graphql_ide_html("graphiql").encode()
                return Response(content=page, media_type="text/html")
            try:
                operation = _operation(dict(_get_parameters(params)))
            except RequestError as exc:
                report = await door.budget.report(0, identity_of(request.scope), request)
                return Response(
                    content=with_cost(exc.body, report), status_code=exc.status, media_type=JSON
                )
            answer = await door.answer(operation, request, get=True)
            if not answer.cacheable or answer.etag is None:
                return _response(answer, {"Cache-Control": "no-store"})
            # Weak: the cost report in the body changes with every request, the data does not.
            etag = f"W/{answer.etag}"
            headers = {"ETag": etag, "Cache-Control": GET_CACHE_CONTROL, "Vary": "Accept-Language"}
            if etag_matches(request.headers.get("if-none-match"), answer.etag):
                return Response(content=b"", status_code=304, headers=headers)
            return _response(answer, headers)

        @get(
            "/schema.graphql",
            include_in_schema=False,
            # For codegen from a build machine or a developer's: a secret key.
            opt=access(Scope.CONTENT_READ),
        )
        async def schema_sdl(self, request: AnyRequest) -> Response[str]:
            etag = body_etag(door.sdl.encode())
            headers = {"ETag": etag, "Cache-Control": "public, max-age=300"}
            if etag_matches(request.headers.get("if-none-match"), etag):
                return Response(content="", status_code=304, headers=headers)
            return Response(content=door.sdl, media_type=SDL_MEDIA_TYPE, headers=headers)

    return GraphQLController
