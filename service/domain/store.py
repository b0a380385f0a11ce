"""Keeps the content snapshot in step with PostgreSQL on every replica, without restarts.

LISTEN/NOTIFY tells a replica at once that a load changed the content; a periodic check of the
version is the safety net for a lost notification or a dropped listening connection.
"""

import asyncio
import contextlib
import logging

import asyncpg
from sqlalchemy.ext.asyncio import AsyncEngine

from service.domain.bundle import NOTIFY_CHANNEL, current_version, fetch
from service.domain.content import Snapshot, build_snapshot

logger = logging.getLogger("service.content")


class ContentStore:
    def __init__(self) -> None:
        self.snapshot: Snapshot | None = None
        self._lock = asyncio.Lock()

    async def refresh(self, engine: AsyncEngine) -> bool:
        """Load the content version in service if it differs from ours. True when it changed."""
        async with self._lock, engine.connect() as connection:
            version = await current_version(connection)
            if version is None or (self.snapshot and self.snapshot.version == version):
                return False
            stored = await fetch(connection)
        if stored is None:
            return False
        self.snapshot = build_snapshot(stored)
        logger.info("content version %s in service", stored.version)
        return True

    async def watch(self, engine: AsyncEngine, dsn: str, poll_seconds: float) -> None:
        """Run until cancelled: refresh on every notification and every `poll_seconds`."""
        wake = asyncio.Event()
        listener: asyncpg.Connection | None = None
        try:
            while True:
                if listener is None or listener.is_closed():
                    listener = await self._listen(dsn, wake)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(wake.wait(), timeout=poll_seconds)
                wake.clear()
                try:
                    await self.refresh(engine)
                except Exception as exc:  # keep serving the last snapshot; try again later
                    logger.warning("content refresh failed: %s", type(exc).__name__)
        finally:
            if listener is not None and not listener.is_closed():
                await listener.close(timeout=1)

    @staticmethod
    async def _listen(dsn: str, wake: asyncio.Event) -> asyncpg.Connection | None:
        try:
            connection = await asyncpg.connect(dsn, timeout=3)
            await connection.add_listener(NOTIFY_CHANNEL, lambda *_: wake.set())
            return connection
        except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
            logger.warning("content listener unavailable, polling only: %s", type(exc).__name__)
            return None
