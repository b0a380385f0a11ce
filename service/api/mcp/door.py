"""The MCP door: `/mcp`, the Streamable HTTP transport of the official `mcp` SDK, stateless
(any replica answers any request) with one JSON answer per request.

It is one Litestar route like any other, declared `content:read`: the one admission
(`service/security/middleware.py`) has verified the API key or OAuth token, its organisation,
the rate limit and the timeout before a byte reaches the SDK. What the route cannot declare
is per tool: a `tools/call` of a tool that recommends asks admission (`Admission.require`)
before dispatch, so a key without `recommend` gets the same 403 `insufficient_scope` as
REST. Origin is checked as the MCP specification asks (a browser page of an origin the
service does not allow is refused, DNS rebinding included).
"""

import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any, cast

import mcp_types as types
import msgspec
from litestar import Litestar, asgi
from litestar.types import ASGIApp
from litestar.types import Receive as LitestarReceive
from litestar.types import Scope as LitestarScope
from litestar.types import Send as LitestarSend
from mcp.server import Server, ServerRequestContext
from mcp.server.streamable_http_manager import StreamableHTTPSessionManager
from mcp.shared.exceptions import MCPError
from starlette.types import Message, Receive, Scope, Send

from service.api.common.json_limits import JSONTooDeep, decode_json
from service.api.mcp import prompts, resources, tools
from service.config import Settings
from service.problems import ProblemError, classify, origin_not_allowed, problem
from service.security.identity import identity_of
from service.security.middleware import Admission, header, own_origin, request_origin
from service.security.scopes import Scope as AccessScope
from service.security.scopes import access

PATH = "/mcp"
SERVER_NAME = "mentoring-coaching"
INSTRUCTIONS = (
    "Content about mentoring versus coaching for professional growth, and explainable "
    "recommendations of which model fits an employee's situation, under the caller's "
    "organisation policy. Use `recommend` for 'what should this person do, and why'; "
    "`compare_approaches`, `get_variant` and `search_terms` to explain; `get_policy_card` for "
    "what a recommendation may and may not be used for; `replay` to make a past decision "
    "again. Answers are in the locale asked for (Accept-Language, or each tool's `locale`)."
)

Context = ServerRequestContext[Any, Any]
# JSON-RPC error code of a tool call the credential may not make (implementation-defined range).
FORBIDDEN = -32003

# The SDK logs a line or two per request at INFO (stateless transports starting and ending),
# and at DEBUG the messages themselves: a situation must never reach the logs. Its warnings
# and errors still do.
logging.getLogger("mcp").setLevel(logging.WARNING)


def caller_of(ctx: Context) -> tools.Caller:
    """The verified caller of the HTTP request that carries this MCP message."""
    if ctx.request is None:  # only HTTP reaches this server
        raise MCPError(types.INTERNAL_ERROR, "No HTTP request")
    scope = cast(LitestarScope, ctx.request.scope)
    return tools.Caller(
        Litestar.from_scope(scope).state, identity_of(scope), header(scope, b"accept-language")
    )


def _invalid(exc: Exception) -> MCPError:
    """A protocol-level refusal (unknown resource or prompt, bad arguments) with its problem."""
    found, _ = classify(exc)
    return MCPError(types.INVALID_PARAMS, found.detail, msgspec.to_builtins(found))


async def list_tools(ctx: Context, params: types.PaginatedRequestParams | None) -> Any:
    return types.ListToolsResult(tools=[tool.listed() for tool in tools.TOOLS.values()])


async def call_tool(ctx: Context, params: types.CallToolRequestParams) -> Any:
    tool = tools.TOOLS.get(params.name)
    if tool is None:
        raise MCPError(types.INVALID_PARAMS, f"Unknown tool: {params.name}")
    return await tools.call(tool, caller_of(ctx), params.arguments)


async def list_resources(ctx: Context, params: types.PaginatedRequestParams | None) -> Any:
    try:
        return resources.listed(caller_of(ctx).view(None))
    except MCPError:
        raise
    except Exception as exc:
        raise _invalid(exc) from None


async def list_resource_templates(ctx: Context, params: types.PaginatedRequestParams | None) -> Any:
    return resources.templates()


async def read_resource(ctx: Context, params: types.ReadResourceRequestParams) -> Any:
    try:
        return resources.read(caller_of(ctx).view(None), str(params.uri))
    except MCPError:
        raise
    except Exception as exc:
        raise _invalid(exc) from None


async def list_prompts(ctx: Context, params: types.PaginatedRequestParams | None) -> Any:
    return types.ListPromptsResult(prompts=[spec.prompt for spec in prompts.PROMPTS.values()])


async def get_prompt(ctx: Context, params: types.GetPromptRequestParams) -> Any:
    spec = prompts.PROMPTS.get(params.name)
    if spec is None:
        raise MCPError(types.INVALID_PARAMS, f"Unknown prompt: {params.name}")
    try:
        return spec.render(params.arguments)
    except Exception as exc:
        raise _invalid(exc) from None


def build_server(version: str) -> Server[Any]:
    return Server(
        SERVER_NAME,
        version=version,
        title="Mentoring & Coaching",
        instructions=INSTRUCTIONS,
        on_list_tools=list_tools,
        on_call_tool=call_tool,
        on_list_resources=list_resources,
        on_list_resource_templates=list_resource_templates,
        on_read_resource=read_resource,
        on_list_prompts=list_prompts,
        on_get_prompt=get_prompt,
    )


def called_tools(body: bytes) -> list[tuple[Any, str]]:
    """(request id, tool name) of each tool a JSON-RPC body calls (a single message, or a batch
    as the 2025-03-26 revision allowed). Anything unreadable calls none: the SDK refuses it."""
    try:
        decoded = decode_json(body)
    except (msgspec.DecodeError, JSONTooDeep):
        return []
    messages = decoded if isinstance(decoded, list) else [decoded]
    called = []
    for message in messages:
        if isinstance(message, dict) and message.get("method") == "tools/call":
            params = message.get("params")
            name = params.get("name") if isinstance(params, dict) else None
            if isinstance(name, str):
                called.append((message.get("id"), name))
    return called


async def refuse_call(refusal: ProblemError, request_id: Any, send: Send) -> None:
    """Admission's refusal of a tool call, with its HTTP status and headers (403 with
    `WWW-Authenticate: Bearer error="insufficient_scope"`), framed as the JSON-RPC error an
    MCP client reads (its message is the problem's detail, its data the problem)."""
    found = refusal.problem
    error = {"code": FORBIDDEN, "message": found.detail, "data": msgspec.to_builtins(found)}
    body = msgspec.json.encode({"jsonrpc": "2.0", "id": request_id, "error": error})
    headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
    headers += [(k.lower().encode(), v.encode()) for k, v in refusal.headers.items()]
    await send({"type": "http.response.start", "status": found.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class McpDoor:
    """The SDK's stateless transport, its lifespan, and what the door checks before it."""

    def __init__(self, settings: Settings, version: str = "1.0.0") -> None:
        self.server = build_server(version)
        # No SDK host/origin check: the door checks Origin against the service's own list,
        # and Host is the ingress's business (the SDK's list would pin one host name).
        self.manager = StreamableHTTPSessionManager(
            self.server, json_response=True, stateless=True, security_settings=None
        )
        origins = [origin.lower() for origin in settings.cors_origin_list]
        own = own_origin(settings.public_base_url)
        self.origins = frozenset([*origins, *([own] if own else [])])
        self.max_body_bytes = settings.request_max_body_bytes

    @contextlib.asynccontextmanager
    async def lifespan(self, _: Litestar) -> AsyncIterator[None]:
        async with self.manager.run():
            yield

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] != "POST":
            # Stateless: no stream to open with GET, no session to end with DELETE.
            raise ProblemError(
                problem(
                    405,
                    "method-not-allowed",
                    "Method not allowed",
                    "The MCP endpoint is stateless: send each JSON-RPC message with POST.",
                ),
                {"Allow": "POST"},
            )
        checked = cast(LitestarScope, scope)
        origin = request_origin(checked)
        if origin is not None and origin not in self.origins:
            raise origin_not_allowed(
                f"Requests from the origin {origin} are not allowed (MCP DNS-rebinding "
                "protection); set CORS_ORIGINS to let a web page call the MCP endpoint."
            )
        body, rest = await self._body(receive)
        admission: Admission = Litestar.from_scope(checked).state.admission
        for request_id, name in called_tools(body):
            try:
                admission.require(checked, tools.needs_of(name))
            except ProblemError as refusal:
                await refuse_call(refusal, request_id, send)
                return
        await self.manager.handle_request(scope, _replay(body, rest, receive), send)

    async def _body(self, receive: Receive) -> tuple[bytes, list[Message]]:
        """The whole request body (bounded as every body is), and any message after it."""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return b"".join(chunks), [message]
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body_bytes:
                raise ProblemError(
                    problem(
                        413,
                        "payload-too-large",
                        "Request body too large",
                        f"The body exceeds {self.max_body_bytes} bytes.",
                    )
                )
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks), []


def _replay(body: bytes, rest: list[Message], receive: Receive) -> Receive:
    pending: list[Message] = [{"type": "http.request", "body": body, "more_body": False}, *rest]

    async def replayed() -> Message:
        return pending.pop(0) if pending else await receive()

    return replayed


def mcp_route(door: McpDoor) -> ASGIApp:
    """`/mcp` as a Litestar ASGI route, declared like any other route."""

    @asgi(PATH, opt=access(AccessScope.CONTENT_READ), copy_scope=False, name="mcp")
    async def mcp_endpoint(
        scope: LitestarScope, receive: LitestarReceive, send: LitestarSend
    ) -> None:
        await door(cast(Scope, scope), cast(Receive, receive), cast(Send, send))

    return mcp_endpoint  # type: ignore[return-value]
