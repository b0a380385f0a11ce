"""The embedded PostgreSQL (`pgserver`): a real PostgreSQL 16 with no system install, used when
no DATABASE_URL is configured. Its data folder survives restarts; stopping the service stops it."""

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path

logger = logging.getLogger("service.embedded")


@contextlib.contextmanager
def embedded_postgres(data_dir: Path) -> Iterator[str]:
    """Start (or reuse) the embedded server in `data_dir`; yield its URL; stop it on exit."""
    import pgserver  # imported here: production images never need it

    data_dir.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(data_dir, cleanup_mode="stop")  # type: ignore[attr-defined]
    logger.info("embedded PostgreSQL running in %s", data_dir)
    try:
        yield server.get_uri()
    finally:
        server.cleanup()
