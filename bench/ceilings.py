"""The ceilings: two bare apps that serve the same bytes as the service, on the same server.

- `litestar_app`: a bare Litestar app (no middleware, no logging) with `GET /ceiling` answering
  the bytes of a service GET and `POST /ceiling` reading the body and answering the bytes of a
  service POST. Its rate is what the framework and server cost: the targets are ratios to it.
- `raw_app`: the same two answers from a plain ASGI callable, which shows what granian alone
  costs.

The bytes come from the files named by `BENCH_CEILING_GET_FILE` and `BENCH_CEILING_POST_FILE`
(the harness saves real answers of the service there). `python -m bench.ceilings litestar PORT`
serves one with granian exactly as `python -m service run` serves the service (ASGI, uvloop,
one worker, granian's access log off).
"""

import os
import sys
from pathlib import Path
from typing import Any

from litestar import Litestar, Request, Response, get, post
from litestar.types import Receive, Scope, Send

GET_BODY = Path(os.environ.get("BENCH_CEILING_GET_FILE", "/dev/null")).read_bytes() or b"{}"
POST_BODY = Path(os.environ.get("BENCH_CEILING_POST_FILE", "/dev/null")).read_bytes() or b"{}"
PATH = "/ceiling"


@get(PATH, sync_to_thread=False)
def ceiling_get() -> Response[bytes]:
    return Response(content=GET_BODY, media_type="application/json")


@post(PATH, status_code=200)
async def ceiling_post(request: Request[Any, Any, Any]) -> Response[bytes]:
    await request.body()  # read it, as a real POST handler must
    return Response(content=POST_BODY, media_type="application/json")


litestar_app = Litestar(route_handlers=[ceiling_get, ceiling_post], logging_config=None)


def _start(body: bytes) -> dict[str, Any]:
    return {
        "type": "http.response.start",
        "status": 200,
        "headers": [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ],
    }


_GET_START, _POST_START = _start(GET_BODY), _start(POST_BODY)


async def raw_app(scope: Scope, receive: Receive, send: Send) -> None:
    if scope["type"] == "lifespan":
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})  # type: ignore[typeddict-item]
        await send({"type": "lifespan.shutdown.complete"})  # type: ignore[typeddict-item]
        return
    if scope["type"] != "http":
        return
    if scope["method"] == "POST":
        more = True
        while more:
            message = await receive()
            more = message.get("more_body", False)
        await send(_POST_START)  # type: ignore[arg-type]
        await send({"type": "http.response.body", "body": POST_BODY})
    else:
        await send(_GET_START)  # type: ignore[arg-type]
        await send({"type": "http.response.body", "body": GET_BODY})


def serve(which: str, port: int) -> None:
    from granian import Granian
    from granian.constants import Interfaces, Loops

    Granian(
        f"bench.ceilings:{which}_app",
        address="127.0.0.1",
        port=port,
        interface=Interfaces.ASGI,
        loop=Loops.uvloop,
        workers=1,
        log_access=False,
    ).serve()


if __name__ == "__main__":
    serve(sys.argv[1], int(sys.argv[2]))
