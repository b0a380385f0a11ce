"""The migrations go up, down and up again, and the models match them (no autogenerate diff),
on the run's PostgreSQL: the embedded one, and the server's in CI (`server_postgres`)."""

import asyncio

import asyncpg
import pytest
from alembic import command
from alembic.config import Config

from service.cli.database import migrate
from service.config import PROJECT_ROOT
from tests.conftest import empty_database

pytestmark = [pytest.mark.slow, pytest.mark.server_postgres]


def alembic_check(url: str) -> None:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    command.check(config)  # raises when the models and the migrations differ


async def tables(url: str) -> set[str]:
    connection = await asyncpg.connect(url)
    try:
        rows = await connection.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    finally:
        await connection.close()
    return {row["tablename"] for row in rows}


async def queue_tables(url: str) -> set[str]:
    """The job queue's tables, in their own schema (revision 0003)."""
    connection = await asyncpg.connect(url)
    try:
        rows = await connection.fetch(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'procrastinate'"
        )
    finally:
        await connection.close()
    return {row["tablename"] for row in rows}


async def test_upgrade_downgrade_upgrade_and_no_model_drift(server_url: str) -> None:
    async with empty_database(server_url, "mc_migrate") as url:
        await asyncio.to_thread(migrate, url)
        assert {"api_keys", "rate_limit_counters", "content_versions"} <= await tables(url)
        assert {"releases", "webhook_subscriptions", "webhook_events"} <= await tables(url)
        assert "procrastinate_jobs" in await queue_tables(url)
        await asyncio.to_thread(migrate, url, "base", True)
        assert await tables(url) <= {"alembic_version"}
        assert await queue_tables(url) == set()
        await asyncio.to_thread(migrate, url)
        assert {"api_keys", "rate_limit_counters"} <= await tables(url)
        await asyncio.to_thread(alembic_check, url)
