"""A production server with a small rate limit, and API keys for the SDKs' live runs."""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest

from tests.contract.conftest import MakeKey, make_session_key
from tests.reliability.conftest import LiveServer, live_server

__all__ = ["make_session_key"]  # a fixture these tests use

# Small enough that a test reaches it in well under a second with one key, large enough for
# a whole SDK run (about forty requests) with another.
RATE_LIMIT = 100


@dataclass(frozen=True)
class Keys:
    full: str  # content:read and recommend
    read_only: str  # content:read only: recommendations are 403
    burner: str  # spent until 429
    admin: str  # admin of the default organisation: webhooks, publishing its policy


@pytest.fixture(scope="session")
async def sdk_server(database_url: str, client: Any) -> AsyncIterator[LiveServer]:
    async with live_server(
        database_url,
        "service.app:app",
        service_env="production",
        rate_limit_requests=str(RATE_LIMIT),
        rate_limit_window_seconds="60",
        oauth_resource="https://api.example.com",  # its RFC 9728 metadata answers
        log_level="WARNING",
    ) as started:
        yield started


@pytest.fixture
async def keys(make_session_key: MakeKey) -> Keys:
    return Keys(
        full=await make_session_key("content:read", "recommend", name="sdk"),
        read_only=await make_session_key("content:read", name="sdk read-only"),
        burner=await make_session_key("content:read", name="sdk burner"),
        admin=await make_session_key("admin", name="sdk admin"),
    )
