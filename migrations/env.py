"""Alembic environment: async engine, URL from the `sqlalchemy.url` option or DATABASE_URL."""

import asyncio
import os

from alembic import context
from sqlalchemy import pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine
from sqlmodel import SQLModel

# Each import registers its tables on SQLModel.metadata: content, release history, the release
# archive, organisations and their policies, API keys and rate limits, trusted issuers,
# webhooks.
import service.domain.decisions.models
import service.domain.documents.models
import service.domain.models
import service.domain.organisations.models
import service.domain.releases.models
import service.security.models
import service.security.trusted_issuers
import service.webhooks.models  # noqa: F401
from service.db import async_url

target_metadata = SQLModel.metadata


def _url() -> str:
    url = context.config.get_main_option("sqlalchemy.url") or os.environ.get("DATABASE_URL")
    if not url:
        raise SystemExit("DATABASE_URL is not set")
    return async_url(url)


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


async def _run_async() -> None:
    engine = create_async_engine(_url(), poolclass=pool.NullPool)
    async with engine.connect() as connection:
        await connection.run_sync(_run)
    await engine.dispose()


if context.is_offline_mode():
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(_run_async())
