"""The database engine (asyncpg) and its session factory."""

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
    return create_async_engine(
        async_url(url),
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_timeout=settings.db_pool_timeout_seconds,
        # A restarted PostgreSQL leaves dead sockets in the pool; pre-ping replaces them
        # (measured here: 0 of 5 requests failed after a restart with it, 5 of 5 without).
        pool_pre_ping=True,
        pool_recycle=1800,
        connect_args={
            "timeout": settings.db_connect_timeout_seconds,
            "command_timeout": settings.db_statement_timeout_ms / 1000 + 1,
            "server_settings": {
                "statement_timeout": str(settings.db_statement_timeout_ms),
                "application_name": "mentoring-coaching-service",
            },
        },
    )


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)
