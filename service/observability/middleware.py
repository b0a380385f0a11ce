"""One pure-ASGI middleware around the whole application: request id, metrics, access log
and (when configured) a server span.

It wraps Litestar's router from outside, so it also sees requests no route matched, and the
status it records is the final one, after the exception handlers. It never touches the body:
it only watches `http.response.start` go by.
"""

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from litestar.enums import ScopeType
from litestar.types import ASGIApp, HTTPScope, Message, Receive, Scope, Send

from service.observability.logs import write_access_line
from service.observability.metrics import UNMATCHED_ROUTE, RequestMetrics
from service.observability.request_id import HEADER, current_request_id, request_id_from
from service.observability.tracing import Tracing

if TYPE_CHECKING:
    from opentelemetry.trace import Tracer


class ObservabilityMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        tracing: Tracing,
        access_log: bool,
        response_headers: tuple[tuple[bytes, bytes], ...] = (),
    ) -> None:
        self.app = app
        self.response_headers = response_headers  # added to every response, with the id
        self.tracing = tracing
        self.access_log = access_log
        self.metrics = RequestMetrics()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:  # websockets pass through untouched
            await self.app(scope, receive, send)
            return
        request_id = request_id_from(scope["headers"])
        added = (*self.response_headers, (HEADER, request_id.encode("ascii")))
        status = 500  # what the server answers if the app raises before responding
        token = current_request_id.set(request_id)
        start = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", ()), *added]
            await send(message)

        tracer = self.tracing.tracer
        try:
            if tracer is None:
                await self.app(scope, receive, send_with_id)
            else:
                await self._traced(tracer, scope, receive, send_with_id, lambda: status)
        finally:
            seconds = time.perf_counter() - start
            # Litestar's router puts the matched template (`/v1/variants/{slug}`) in the scope;
            # never the raw path or the query string, which may carry personal data.
            route = scope.get("path_template") or UNMATCHED_ROUTE
            method = scope["method"]
            self.metrics.observe(method, route, status, seconds)
            if self.access_log:
                write_access_line(method, route, status, seconds, request_id)
            current_request_id.reset(token)

    async def _traced(
        self,
        tracer: "Tracer",
        scope: HTTPScope,
        receive: Receive,
        send: Send,
        status: Callable[[], int],
    ) -> None:
        from opentelemetry import propagate
        from opentelemetry.trace import SpanKind, Status, StatusCode

        carrier = {
            name.decode("latin-1"): value.decode("latin-1") for name, value in scope["headers"]
        }
        method = scope["method"]
        with tracer.start_as_current_span(
            method,
            context=propagate.extract(carrier),
            kind=SpanKind.SERVER,
            attributes={
                "http.request.method": method,
                "request.id": current_request_id.get() or "",
            },
        ) as span:
            try:
                await self.app(scope, receive, send)
            finally:
                route = scope.get("path_template") or UNMATCHED_ROUTE
                span.update_name(f"{method} {route}")
                span.set_attribute("http.route", route)
                span.set_attribute("http.response.status_code", status())
                if status() >= 500:
                    span.set_status(Status(StatusCode.ERROR))
