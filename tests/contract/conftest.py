"""A live production server (keys required) on 127.0.0.1 and API keys for it, shared by the
contract and SDK tests."""

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from service.domain.organisations.models import DEFAULT_ORGANISATION
from service.domain.organisations.service import ensure_organisation
from service.security.keys import create_key
from tests.reliability.conftest import LiveServer, live_server

MakeKey = Callable[..., Awaitable[str]]


@pytest.fixture(scope="session")
def make_session_key(engine: AsyncEngine) -> MakeKey:
    """Create and commit a key that the live servers read through their own connections."""

    async def make(
        *scopes: str, name: str = "contract client", organisation: str = DEFAULT_ORGANISATION
    ) -> str:
        async with AsyncSession(engine) as session, session.begin():
            await ensure_organisation(session, organisation)
            return (await create_key(session, name, scopes, organisation)).key

    return make


@pytest.fixture(scope="session")
async def production_server(database_url: str, client: Any) -> AsyncIterator[LiveServer]:
    """Keys required, no rate limits (schemathesis sends thousands of requests with one key,
    and a wrong one to each operation).
    `client` first: its start loads the content into the run's database."""
    async with live_server(
        database_url,
        "service.app:app",
        service_env="production",
        rate_limit_requests="0",
        # The authentication checks send a wrong key to every operation: past 20 a minute
        # from one address they would meet the failed-authentication limit (429) instead.
        auth_failures_per_minute="0",
        oauth_resource="https://api.example.com",  # its RFC 9728 metadata answers
        log_level="WARNING",
    ) as started:
        yield started
