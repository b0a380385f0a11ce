"""A production server (granian) for the MCP door, and two organisations side by side: acme
with a published policy, globex without, each with a key that may recommend, and a key of
acme's that may only read."""

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from service.domain.organisations.service import ensure_organisation
from service.security.keys import create_key
from tests.reliability.conftest import LiveServer, live_server


@dataclass(frozen=True)
class Organisations:
    acme: str  # slug
    globex: str
    acme_key: str  # content:read and recommend
    globex_key: str
    reader_key: str  # acme, content:read only
    not_offered: str  # the variant acme's policy does not offer


SITUATION: dict[str, Any] = {
    "career_stage": "mid",
    "goals": ["specific_skill", "career_navigation"],
    "horizon_weeks": 26,
    "hours_per_week": 2,
    "minutes_per_session": 60,
}


@pytest.fixture(scope="session")
async def mcp_server(database_url: str, client: Any) -> AsyncIterator[LiveServer]:
    """`client` first: its start loads the content into the run's database."""
    async with live_server(
        database_url,
        "service.app:app",
        service_env="production",
        rate_limit_requests="0",
        auth_failures_per_minute="0",
        cors_origins="https://assistant.example",
        oauth_resource="https://api.example.com",  # tokens on: a 401 names the metadata
        log_level="WARNING",
    ) as started:
        yield started


@pytest.fixture(scope="session")
async def organisations(engine: AsyncEngine, mcp_server: LiveServer) -> Organisations:
    suffix = uuid.uuid4().hex[:6]
    acme, globex = f"acme-mcp-{suffix}", f"globex-mcp-{suffix}"
    async with AsyncSession(engine) as session, session.begin():
        keys = {}
        for name, org, scopes in (
            ("acme_admin", acme, ["admin"]),
            ("acme", acme, ["recommend", "content:read"]),
            ("reader", acme, ["content:read"]),
            ("globex", globex, ["recommend", "content:read"]),
        ):
            await ensure_organisation(session, org)
            keys[name] = (await create_key(session, f"mcp {name}", scopes, org)).key
    async with httpx.AsyncClient(base_url=mcp_server.base_url) as http:
        answer = await http.post(
            "/v1/recommendations", json=SITUATION, headers=bearer(keys["acme"])
        )
        top = answer.json()["ranking"][0]["variant"]
        path = f"/v1/organisations/{acme}/policy"
        admin = bearer(keys["acme_admin"])
        current = await http.get(path, headers=admin)
        published = await http.put(
            path,
            json={"weights": {"context": 2.0, "goals": 0.5}, "not_offered": [top]},
            headers={**admin, "If-Match": current.headers["etag"]},
        )
        assert published.status_code == 201, published.text
    return Organisations(acme, globex, keys["acme"], keys["globex"], keys["reader"], top)


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}
