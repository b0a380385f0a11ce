"""Start-up tasks shared by the CLI and the application: content load, migrations."""

import logging

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from service.domain.bundle import read_files, store

logger = logging.getLogger("service.bootstrap")


async def store_content_files(sessions: async_sessionmaker[AsyncSession]) -> int:
    """Load `content/` into PostgreSQL (idempotent) and return the content version in service."""
    bundle = read_files()
    async with sessions() as session, session.begin():
        version, changed = await store(session, bundle)
    logger.info("content version %s %s", version, "loaded" if changed else "unchanged")
    return version
