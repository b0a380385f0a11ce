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

import asyncio
import contextlib
import importlib
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlsplit

import msgspec
from litestar import Litestar, asgi
from litestar.types import (
    ASGIApp,
    HTTPRequestEvent,
    HTTPResponseStartEvent,
    HTTPScope,
    Receive,
    ReceiveMessage,
    Scope,
    Send,
)

from service.api.common.json_limits import decode_json
from service.api.mcp import tools
from service.config import Environment, Settings
from service.domain.errors import MalformedJSON
from service.problems import ProblemError, origin_not_allowed, problem
from service.security.middleware import Admission, own_origin, request_origin
from service.security.scopes import Scope as AccessScope
from service.security.scopes import access

if TYPE_CHECKING:
    from mcp.server.streamable_http_manager import StreamableHTTPSessionManager

PATH = "/mcp"
LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})
# JSON-RPC error code of a tool call the credential may not make (implementation-defined range).
FORBIDDEN = -32003


def called_tools(body: bytes) -> list[tuple[Any, str]]:
    """(request id, tool name) of each tool a JSON-RPC body calls (a single message, or a batch
    as the 2025-03-26 revision allowed). Anything unreadable calls none: the SDK refuses it."""
    try:
        decoded = decode_json(body)
    except MalformedJSON:  # too deep too
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
    start: HTTPResponseStartEvent = {
        "type": "http.response.start",
        "status": found.status,
        "headers": headers,
    }
    await send(start)
    await send({"type": "http.response.body", "body": body, "more_body": False})


class McpDoor:
    """What the door checks before the SDK, and the SDK's transport, started on first use."""

    def __init__(self, settings: Settings, version: str = "1.0.0") -> None:
        self.version = version
        origins = [origin.lower() for origin in settings.cors_origin_list]
        own = own_origin(settings.public_base_url)
        self.origins = frozenset([*origins, *([own] if own else [])])
        # `make run` on a laptop: pages of the machine itself (the MCP Inspector's) may call.
        self.loopback = settings.service_env != Environment.PRODUCTION
        self.max_body_bytes = settings.request_max_body_bytes
        self._transport: StreamableHTTPSessionManager | None = None
        self._starting = asyncio.Lock()
        self._stop = asyncio.Event()
        self._running: asyncio.Task[None] | None = None

    @contextlib.asynccontextmanager
    async def lifespan(self, _: Litestar) -> AsyncIterator[None]:
        try:
            yield
        finally:
            self._stop.set()
            if self._running is not None:
                await self._running

    async def transport(self) -> "StreamableHTTPSessionManager":
        """The SDK's transport, imported and started by the first MCP request (the SDK is
        about 17 MiB of a worker's memory: only workers that serve MCP pay it)."""
        if self._transport is None:
            async with self._starting:
                if self._transport is None:
                    # The import takes a few hundred milliseconds: off the event loop.
                    server = await asyncio.to_thread(
                        importlib.import_module, "service.api.mcp.server"
                    )
                    transport: StreamableHTTPSessionManager = server.transport(self.version)
                    ready = asyncio.Event()
                    self._running = asyncio.create_task(self._run(transport, ready))
                    await ready.wait()
                    if self._running.done():
                        await self._running  # it failed to start: raise its error
                    self._transport = transport
        return self._transport

    async def _run(self, transport: "StreamableHTTPSessionManager", ready: asyncio.Event) -> None:
        """Holds the transport's task group (and the SDK's lifespan) until shutdown."""
        try:
            async with transport.run():
                ready.set()
                await self._stop.wait()
        finally:
            ready.set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if cast(HTTPScope, scope)["method"] != "POST":
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
        origin = request_origin(scope)
        if origin is not None and not self.allows(origin):
            raise origin_not_allowed(
                f"Requests from the origin {origin} are not allowed (MCP DNS-rebinding "
                "protection); set CORS_ORIGINS to let a web page call the MCP endpoint."
            )
        body, rest = await self._body(receive)
        admission: Admission = Litestar.from_scope(scope).state.admission
        for request_id, name in called_tools(body):
            try:
                admission.require(scope, tools.needs_of(name))
            except ProblemError as refusal:
                await refuse_call(refusal, request_id, send)
                return
        transport = await self.transport()
        replayed = _replay(body, rest, receive)
        await transport.handle_request(cast(Any, scope), cast(Any, replayed), cast(Any, send))

    def allows(self, origin: str) -> bool:
        if origin in self.origins:
            return True
        parts = urlsplit(origin)
        return self.loopback and parts.scheme == "http" and parts.hostname in LOOPBACK

    async def _body(self, receive: Receive) -> tuple[bytes, list[ReceiveMessage]]:
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


def _replay(body: bytes, rest: list[ReceiveMessage], receive: Receive) -> Receive:
    whole: HTTPRequestEvent = {"type": "http.request", "body": body, "more_body": False}
    pending: list[ReceiveMessage] = [whole, *rest]

    async def replayed() -> ReceiveMessage:
        return pending.pop(0) if pending else await receive()

    return replayed


def mcp_route(door: McpDoor) -> ASGIApp:
    """`/mcp` as a Litestar ASGI route, declared like any other route."""

    @asgi(PATH, opt=access(AccessScope.CONTENT_READ), copy_scope=False, name="mcp")
    async def mcp_endpoint(scope: Scope, receive: Receive, send: Send) -> None:
        await door(scope, receive, send)

    return mcp_endpoint  # type: ignore[return-value]
