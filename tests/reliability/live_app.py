"""The service plus probe routes that need the database per request, for live-server tests.

`granian tests.reliability.live_app:app` builds it from the environment like `service.app:app`.
With PROBE_FOLDER set, it writes the X-Probe-Id of every request it begins to `started` there,
and `/v1/sleep-probe` stays in flight until a file `release` appears there: what the SIGTERM
test uses to know which requests the service had begun, without timing anything.
"""

import asyncio
import os
from pathlib import Path
from typing import Any

from litestar import Litestar, Request, get
from litestar.types import Receive, Scope, Send
from sqlalchemy import text

from service.app import create_app

AnyRequest = Request[Any, Any, Any]
HOLD_BOUND_SECONDS = 60  # a probe never waits for a test longer than this


@get("/v1/db-probe")
async def db_probe(request: AnyRequest) -> dict[str, int]:
    async with request.app.state.engine.connect() as connection:
        count = (await connection.execute(text("SELECT count(*) FROM locales"))).scalar_one()
    return {"locales": int(count)}


@get("/v1/db-slow-probe")
async def db_slow_probe(request: AnyRequest) -> dict[str, str]:
    async with request.app.state.engine.connect() as connection:
        await connection.execute(text("SELECT pg_sleep(3)"))
    return {"slept": "yes"}


class Hold:
    """One pooled connection held by `/v1/db-hold-probe` until `/v1/db-release-probe`."""

    held = asyncio.Event()
    released = asyncio.Event()


@get("/v1/db-hold-probe")
async def db_hold_probe(request: AnyRequest) -> dict[str, str]:
    async with request.app.state.engine.connect() as connection:
        await connection.execute(text("SELECT 1"))
        Hold.held.set()
        async with asyncio.timeout(HOLD_BOUND_SECONDS):
            await Hold.released.wait()
    Hold.held.clear()
    return {"held": "yes"}


@get("/v1/db-held-probe")
async def db_held_probe() -> dict[str, bool]:
    return {"held": Hold.held.is_set()}


@get("/v1/db-release-probe")
async def db_release_probe() -> dict[str, str]:
    Hold.released.set()
    return {"released": "yes"}


@get("/v1/sleep-probe")
async def sleep_probe() -> dict[str, str]:
    """In flight until the test creates PROBE_FOLDER/release (a file: after SIGTERM no
    request can reach the service to say so)."""
    release = Path(os.environ["PROBE_FOLDER"]) / "release"
    async with asyncio.timeout(HOLD_BOUND_SECONDS):
        while not release.exists():  # noqa: ASYNC110
            await asyncio.sleep(0.02)
    return {"slept": "yes"}


PROBES = (db_probe, db_slow_probe, db_hold_probe, db_held_probe, db_release_probe, sleep_probe)


def with_probes(app: Litestar) -> Litestar:
    for probe in PROBES:
        app.register(probe)
    return app


def recording_starts(app: Litestar, folder: Path) -> Any:
    """`app`, writing the X-Probe-Id of each HTTP request to `folder/started` as it begins."""
    started = folder / "started"

    async def asgi(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            probe_id = dict(scope["headers"]).get(b"x-probe-id")
            if probe_id:
                with started.open("ab") as log:
                    log.write(probe_id + b"\n")
        await app(scope, receive, send)

    return asgi


app: Any = with_probes(create_app())
if os.environ.get("PROBE_FOLDER"):
    app = recording_starts(app, Path(os.environ["PROBE_FOLDER"]))
