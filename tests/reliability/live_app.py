"""The service plus probe routes that need the database per request, for live-server tests.

`granian tests.reliability.live_app:app` builds it from the environment like `service.app:app`.
"""

import asyncio
from typing import Any

from litestar import Litestar, Request, get
from sqlalchemy import text

from service.app import create_app

AnyRequest = Request[Any, Any, Any]


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


@get("/v1/db-hold-probe")
async def db_hold_probe(request: AnyRequest) -> dict[str, str]:
    async with request.app.state.engine.connect() as connection:
        await connection.execute(text("SELECT 1"))
        await asyncio.sleep(1.5)  # keeps a pooled connection busy
    return {"held": "yes"}


@get("/v1/sleep-probe")
async def sleep_probe() -> dict[str, str]:
    await asyncio.sleep(0.3)  # a request that is surely in flight when SIGTERM arrives
    return {"slept": "yes"}


PROBES = (db_probe, db_slow_probe, db_hold_probe, sleep_probe)


def with_probes(app: Litestar) -> Litestar:
    for probe in PROBES:
        app.register(probe)
    return app


app = with_probes(create_app())
