"""Start-up tasks shared by the CLI and the application: content load, migrations."""

import logging

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from service.domain.bundle import Bundle, read_files, store
from service.webhooks.outbox import publish_release

logger = logging.getLogger("service.bootstrap")


async def store_and_publish(session: AsyncSession, bundle: Bundle) -> tuple[int, bool]:
    """`bundle.store`, and a new release's webhook events into the outbox, in the caller's
    transaction: the content and its announcement commit or roll back together."""
    version, changed = await store(session, bundle)
    if changed:
        await publish_release(session, version)
    return version, changed


async def store_content_files(sessions: async_sessionmaker[AsyncSession]) -> int:
    """Load `content/` into PostgreSQL (idempotent) and return the content version in service."""
    bundle = read_files()
    async with sessions() as session, session.begin():
        version, changed = await store_and_publish(session, bundle)
    logger.info("content version %s %s", version, "loaded" if changed else "unchanged")
    return version
