"""Production-mode applications on the run's database, and keys committed for them."""

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from service.app import create_app
from service.config import Settings
from service.security.keys import create_key

MakeKey = Callable[..., Awaitable[str]]


@pytest.fixture
def make_key(engine: AsyncEngine) -> MakeKey:
    """Create and commit a key (the application reads it through its own connections)."""

    async def make(*scopes: str, name: str = "test client") -> str:
        async with AsyncSession(engine) as session, session.begin():
            return (await create_key(session, name, scopes)).key

    return make


def production_settings(database_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": database_url,
        "service_env": "production",
        "load_content_on_start": False,  # the session-wide app loaded it already
        "content_poll_seconds": 60,
        "public_base_url": "http://testserver.local",  # the test client's own origin
    }
    return Settings(**(values | overrides))


async def started(app: Litestar) -> AsyncIterator[AsyncTestClient[Litestar]]:
    async with AsyncTestClient(app=app, base_url="http://testserver.local") as client:
        yield client


@pytest.fixture
async def production(
    database_url: str, client: AsyncTestClient[Litestar]
) -> AsyncIterator[AsyncTestClient[Litestar]]:
    """A production application (keys required). `client` first: it loads the content."""
    async for started_client in started(create_app(production_settings(database_url))):
        yield started_client


@contextlib.asynccontextmanager
async def in_this_loop(app: Litestar) -> AsyncIterator[Litestar]:
    """The application started in the test's own event loop, for requests sent with
    `httpx.ASGITransport` (which can set the client's address). AsyncTestClient starts the
    application in a thread of its own: its database connections must never be used from
    the test's loop."""
    inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    outbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    inbox.put_nowait({"type": "lifespan.startup"})
    task = asyncio.create_task(app({"type": "lifespan"}, inbox.get, outbox.put))  # type: ignore[arg-type]
    started = await outbox.get()
    assert started["type"] == "lifespan.startup.complete", started
    try:
        yield app
    finally:
        inbox.put_nowait({"type": "lifespan.shutdown"})
        await outbox.get()
        await task
