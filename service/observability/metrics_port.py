"""`METRICS_PORT`: `GET /metrics` on a listener of its own, apart from the API's port.

The chart's Ingress routes the API's port only, so metrics never leave the cluster; its
ServiceMonitor scrapes this port. Every granian worker listens here from its lifespan, with
SO_REUSEPORT: with WORKERS > 1 a scrape reaches one of them, as `/metrics` on the API's port
did (docs/operations.md, "Metrics"). HTTP/1.1 is parsed by h11; one request per connection.
"""

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from functools import partial
from http import HTTPStatus

import h11
from litestar import Litestar
from litestar.datastructures import State

from service.config import Settings
from service.observability.metrics import EXPOSITION_MEDIA_TYPE, exposition

MAX_REQUEST_HEAD_BYTES = 8192
READ_SECONDS = 5.0


async def _read_request(reader: asyncio.StreamReader, connection: h11.Connection) -> object:
    event = connection.next_event()
    while event is h11.NEED_DATA:
        connection.receive_data(await reader.read(4096))
        event = connection.next_event()
    return event


async def _answer(state: State, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    connection = h11.Connection(h11.SERVER, max_incomplete_event_size=MAX_REQUEST_HEAD_BYTES)
    try:
        async with asyncio.timeout(READ_SECONDS):
            request = await _read_request(reader, connection)
        if not isinstance(request, h11.Request):
            return  # closed, or not HTTP: nothing to answer
        path = request.target.split(b"?", 1)[0]
        if request.method in (b"GET", b"HEAD") and path == b"/metrics":
            status, media_type, body = 200, EXPOSITION_MEDIA_TYPE, exposition(state)
        else:
            status, media_type, body = 404, "text/plain", b"Only GET /metrics is served here.\n"
        headers = [
            ("content-type", media_type),
            ("content-length", str(len(body))),
            ("cache-control", "no-store"),
            ("connection", "close"),
        ]
        response = h11.Response(
            status_code=status, headers=headers, reason=HTTPStatus(status).phrase.encode()
        )
        writer.write(connection.send(response) or b"")
        if request.method != b"HEAD":
            writer.write(connection.send(h11.Data(data=body)) or b"")
        writer.write(connection.send(h11.EndOfMessage()) or b"")
        await writer.drain()
    except (TimeoutError, h11.RemoteProtocolError, ConnectionError):
        pass  # a slow, malformed or vanished client gets no answer
    finally:
        writer.close()
        with contextlib.suppress(ConnectionError):
            await writer.wait_closed()


def metrics_listener(settings: Settings) -> Callable[[Litestar], AbstractAsyncContextManager[None]]:
    """A lifespan step: listen on METRICS_PORT while the application runs (0: nothing)."""

    @contextlib.asynccontextmanager
    async def listening(app: Litestar) -> AsyncIterator[None]:
        if not settings.metrics_port:
            yield
            return
        server = await asyncio.start_server(
            partial(_answer, app.state), settings.host, settings.metrics_port, reuse_port=True
        )
        try:
            yield
        finally:
            server.close()
            await server.wait_closed()

    return listening
