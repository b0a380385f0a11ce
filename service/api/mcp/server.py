"""The binding to the official `mcp` SDK: its low-level `Server` with the tools, resources and
prompts, behind its stateless Streamable HTTP transport (one JSON answer per request).

Imported by the door on the first MCP request, not with the application: the SDK and its
protocol models weigh about 17 MiB of each worker's memory, which a deployment whose clients
never use MCP does not pay.
"""

import logging
from typing import Any, cast

import mcp_types as types
import msgspec
from litestar import Litestar
from litestar.types import Scope as LitestarScope
from mcp.server import Server, ServerRequestContext
from mcp.server.streamable_http_manager import StreamableHTTPSessionManager
from mcp.shared.exceptions import MCPError

from service.api.mcp import prompts, resources, tools
from service.api.mcp.schemas import input_schema
from service.problems import classify
from service.security.identity import identity_of
from service.security.middleware import header

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


def listed(tool: tools.Tool) -> types.Tool:
    return types.Tool(
        name=tool.name,
        title=tool.title,
        description=tool.description,
        input_schema=input_schema(tool.arguments),
        annotations=types.ToolAnnotations(
            title=tool.title,
            read_only_hint=True,
            destructive_hint=False,
            idempotent_hint=True,
            open_world_hint=False,
        ),
    )


TOOL_LIST = types.ListToolsResult(tools=[listed(tool) for tool in tools.TOOLS.values()])


def _result(value: object, is_error: bool = False) -> types.CallToolResult:
    """Structured content, and its JSON text for clients that read only text."""
    body = msgspec.json.encode(value)
    return types.CallToolResult(
        content=[types.TextContent(type="text", text=body.decode())],
        structured_content=msgspec.json.decode(body),
        is_error=is_error,
    )


def _invalid(exc: Exception) -> MCPError:
    """A protocol-level refusal (unknown resource, bad prompt arguments) with its problem."""
    found, _ = classify(exc)
    return MCPError(types.INVALID_PARAMS, found.detail, msgspec.to_builtins(found))


async def list_tools(ctx: Context, params: types.PaginatedRequestParams | None) -> Any:
    return TOOL_LIST


async def call_tool(ctx: Context, params: types.CallToolRequestParams) -> Any:
    tool = tools.TOOLS.get(params.name)
    if tool is None:
        raise MCPError(types.INVALID_PARAMS, f"Unknown tool: {params.name}")
    try:
        return _result(await tool.run(caller_of(ctx), params.arguments))
    except Exception as exc:
        # The problem REST would answer (`classify`: 400, 404, 409, 422, 503, never a 500 for
        # bad input), as a tool error the assistant can read and correct.
        return _result(classify(exc)[0], is_error=True)


async def list_resources(ctx: Context, params: types.PaginatedRequestParams | None) -> Any:
    try:
        return resources.listed(caller_of(ctx).view(None))
    except Exception as exc:
        raise _invalid(exc) from None


async def list_resource_templates(ctx: Context, params: types.PaginatedRequestParams | None) -> Any:
    return resources.templates()


async def read_resource(ctx: Context, params: types.ReadResourceRequestParams) -> Any:
    try:
        return resources.read(caller_of(ctx).view(None), str(params.uri))
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


def transport(version: str) -> StreamableHTTPSessionManager:
    """The SDK's stateless transport around the server. No SDK host/origin check: the door
    checks Origin against the service's own list, and Host is the ingress's business."""
    server: Server[Any] = Server(
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
    return StreamableHTTPSessionManager(
        server, json_response=True, stateless=True, security_settings=None
    )
