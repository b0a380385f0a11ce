"""Liveness (never touches the database) and readiness (does)."""

import asyncio
from typing import Any

import msgspec
from litestar import Controller, Request, Response, get
from sqlalchemy import text

from service.api.rest.docs import ok, problems
from service.api.rest.http import hashed_response
from service.domain.schemas import Health
from service.problems import ProblemError, problem, unavailable
from service.security.scopes import open_access

READY_TIMEOUT_SECONDS = 1.5
NO_STORE = "no-store"
DB_DOWN = problem(503, "database-unavailable", "Not ready", "PostgreSQL cannot be reached.")
NO_CONTENT = problem(503, "content-unavailable", "Not ready", "No content is loaded yet.")


def _not_ready(code: str, detail: str) -> ProblemError:
    return unavailable(code, detail, title="Not ready", headers={"Cache-Control": NO_STORE})


class HealthController(Controller):
    path = "/health"
    tags = ["Health"]
    opt = open_access()  # probes carry no key

    @get(
        "/live",
        operation_id="GetLiveness",
        summary="The process is up (never touches the database)",
        description="For a liveness probe: 200 while the process answers; no key needed.",
        responses={200: ok(Health, "Alive", Health("ok"))},
    )
    async def live(self, request: Request[Any, Any, Any]) -> Response[bytes]:
        content = request.app.state.content.snapshot
        version = content.version if content else None
        return hashed_response(request, msgspec.json.encode(Health("ok", version)), NO_STORE)

    @get(
        "/ready",
        operation_id="GetReadiness",
        summary="The service can reach PostgreSQL and has content",
        description="For a readiness probe: 200 with the content version, 503 while the "
        "database cannot be reached or no content is loaded; no key needed.",
        responses={
            200: ok(Health, "Ready", Health("ready", 1)),
            **problems(503, answers={503: DB_DOWN}),
        },
    )
    async def ready(self, request: Request[Any, Any, Any]) -> Response[bytes]:
        state = request.app.state
        try:
            async with asyncio.timeout(READY_TIMEOUT_SECONDS), state.engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
        except Exception:
            raise _not_ready("database-unavailable", "PostgreSQL cannot be reached.") from None
        if state.content.snapshot is None:
            raise _not_ready("content-unavailable", "No content is loaded yet.")
        body = msgspec.json.encode(Health("ready", state.content.snapshot.version))
        return hashed_response(request, body, NO_STORE)
