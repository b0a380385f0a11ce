"""`db upgrade|downgrade`, `content load`, and the database every command uses: DATABASE_URL, or
the embedded PostgreSQL for as long as the command runs."""

import argparse
import asyncio
import contextlib
import os
from collections.abc import Iterator

from service.cli.console import say
from service.config import PROJECT_ROOT, Settings, get_settings


@contextlib.contextmanager
def database_url(settings: Settings) -> Iterator[str]:
    """The configured DATABASE_URL, or the embedded PostgreSQL's for as long as we run."""
    if settings.database_url:
        yield settings.database_url
        return
    from service.embedded import embedded_postgres

    with embedded_postgres(settings.embedded_pg_dir) as url:
        os.environ["DATABASE_URL"] = url  # granian's workers inherit it
        get_settings.cache_clear()
        yield url


def migrate(url: str, revision: str = "head", downgrade: bool = False) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if downgrade:
        command.downgrade(config, revision)
    else:
        command.upgrade(config, revision)


def load_content(url: str) -> int:
    from service.bootstrap import store_content_files
    from service.db import create_engine, session_factory

    async def run() -> int:
        engine = create_engine(get_settings(), url)
        try:
            return await store_content_files(session_factory(engine))
        finally:
            await engine.dispose()

    return asyncio.run(run())


def cmd_db(args: argparse.Namespace) -> int:
    settings = get_settings()
    with database_url(settings) as url:
        if args.action == "upgrade":
            migrate(url, args.revision)
            version = load_content(url)
            say(f"database at {args.revision}; content version {version}")
        else:
            migrate(url, args.revision, downgrade=True)
            say(f"database downgraded to {args.revision}")
    return 0


def cmd_content(_: argparse.Namespace) -> int:
    with database_url(get_settings()) as url:
        say(f"content version {load_content(url)}")
    return 0
