"""Command line: `python -m service <command>`. Run with `--help` for the list."""

import argparse
import asyncio
import contextlib
import json
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from enum import Enum
from pathlib import Path
from types import UnionType
from typing import Any, Union, get_args, get_origin

from service.config import PROJECT_ROOT, Settings, get_settings

logger = logging.getLogger("service")


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
            print(f"database at {args.revision}; content version {version}")
        else:
            migrate(url, args.revision, downgrade=True)
            print(f"database downgraded to {args.revision}")
    return 0


def cmd_content(_: argparse.Namespace) -> int:
    with database_url(get_settings()) as url:
        print(f"content version {load_content(url)}")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from granian import Granian
    from granian.constants import Interfaces, Loops

    settings = get_settings()
    with database_url(settings) as url:
        migrate(url)
        load_content(url)
        print(f"serving on http://{settings.host}:{settings.port} (OpenAPI: /schema/openapi.json)")
        if settings.service_env == "development":
            print(
                "development: /v1 and /graphql are open; production needs an API key: "
                "python -m service apikey create --name NAME --scope content:read --scope recommend"
            )
        Granian(
            "service.app:app",
            address=settings.host,
            port=settings.port,
            interface=Interfaces.ASGI,
            loop=Loops.uvloop,
            workers=args.workers or settings.workers,
            log_access=False,
        ).serve()
    return 0


def cmd_worker(_: argparse.Namespace) -> int:
    from service.webhooks.worker import run_standalone

    settings = get_settings()
    with database_url(settings) as url:
        asyncio.run(run_standalone(settings, url))
    return 0


def cmd_apikey(args: argparse.Namespace) -> int:
    from service.db import create_engine, session_factory
    from service.security.keys import create_key, list_keys, revoke_key

    async def run(url: str) -> list[str]:
        engine = create_engine(get_settings(), url)
        try:
            async with session_factory(engine)() as session, session.begin():
                if args.action == "create":
                    new = await create_key(session, args.name, args.scope)
                    scopes = ", ".join(new.record.scopes)
                    return [f"created key {new.record.id} ({args.name}; {scopes}):", new.key]
                if args.action == "revoke":
                    if not await revoke_key(session, args.id):
                        raise SystemExit(f"no active key with id {args.id}")
                    return [f"revoked key {args.id}"]
                return [
                    f"{key.id}  {'revoked' if key.revoked_at else 'active '}  "
                    f"{','.join(key.scopes):<30}  {key.name}"
                    for key in await list_keys(session)
                ]
        finally:
            await engine.dispose()

    with database_url(get_settings()) as url:
        migrate(url)
        lines = asyncio.run(run(url))  # printed after the commit: a shown key is a stored key
    print("\n".join(lines))
    return 0


def cmd_openapi(args: argparse.Namespace) -> int:
    from service.app import create_app

    document = create_app(
        Settings(database_url="postgresql://unused/unused")
    ).openapi_schema.to_schema()
    text = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    Path(args.output).write_text(text, encoding="utf-8")
    print(f"wrote {args.output}")
    from service.api.graphql.schema import GRAPHQL_SCHEMA_FILE, schema_sdl

    GRAPHQL_SCHEMA_FILE.write_text(schema_sdl(), encoding="utf-8")
    print(f"wrote {GRAPHQL_SCHEMA_FILE}")
    return 0


CONFIGURATION_DOC = PROJECT_ROOT / "docs" / "configuration.md"


def _setting_type(annotation: Any, metadata: list[Any]) -> str:
    optional = get_origin(annotation) in (Union, UnionType) and type(None) in get_args(annotation)
    if optional:
        annotation = next(a for a in get_args(annotation) if a is not type(None))
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        text = " | ".join(f"`{member.value}`" for member in annotation)
    else:
        text = {Path: "path"}.get(annotation, getattr(annotation, "__name__", str(annotation)))
    bounds = [
        f"{symbol} {getattr(item, attr)}"
        for item in metadata
        for attr, symbol in (("ge", ">="), ("gt", ">"), ("le", "<="), ("lt", "<"))
        if getattr(item, attr, None) is not None
    ]
    bounds += [f"pattern `{item.pattern}`" for item in metadata if getattr(item, "pattern", None)]
    return text + (f" ({', '.join(bounds)})" if bounds else "") + (", optional" if optional else "")


def _setting_default(value: Any) -> str:
    if value is None:
        return "unset"
    if isinstance(value, Path) and value.is_relative_to(PROJECT_ROOT):
        return f"`{value.relative_to(PROJECT_ROOT)}` (in the project folder)"
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, bool):
        value = str(value).lower()
    return f"`{value}`" if value != "" else "empty"


def configuration_markdown() -> str:
    """docs/configuration.md, generated from the Settings class (a test keeps it current)."""
    rows = [
        " | ".join(
            [
                f"| `{name.upper()}`",
                _setting_type(field.annotation, field.metadata).replace("|", "\\|"),
                _setting_default(field.default),
                (field.description or "").replace("|", "\\|") + " |",
            ]
        )
        for name, field in Settings.model_fields.items()
    ]
    return "\n".join(
        [
            "# Configuration",
            "",
            "<!-- Generated by `python -m service config-docs` (`make docs`) from",
            "     service/config.py; do not edit by hand. -->",
            "",
            "Every setting comes from an environment variable (names are case-insensitive). An",
            "invalid value stops the start with one line per setting, for example",
            "`invalid setting PORT: Input should be less than or equal to 65535`, and exit code 1.",
            "",
            "| Variable | Type | Default | Description |",
            "|---|---|---|---|",
            *rows,
            "",
        ]
    )


def cmd_config_docs(args: argparse.Namespace) -> int:
    text = configuration_markdown()
    if args.check:
        if CONFIGURATION_DOC.read_text(encoding="utf-8") != text:
            raise SystemExit(f"{CONFIGURATION_DOC} is stale: run `make docs`")
        return 0
    CONFIGURATION_DOC.write_text(text, encoding="utf-8")
    print(f"wrote {CONFIGURATION_DOC}")
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m service", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True)

    db = commands.add_parser("db", help="migrate the schema (upgrade also loads the content)")
    db.add_argument("action", choices=["upgrade", "downgrade"])
    db.add_argument("revision", nargs="?", default=None, help="default: head / base")
    db.set_defaults(handler=cmd_db)

    content = commands.add_parser("content", help="load content/ into PostgreSQL (idempotent)")
    content.add_argument("action", choices=["load"])
    content.set_defaults(handler=cmd_content)

    run = commands.add_parser(
        "run", help="serve with granian (embedded PostgreSQL if no DATABASE_URL)"
    )
    run.add_argument("--workers", type=int, default=None)
    run.set_defaults(handler=cmd_run)

    worker = commands.add_parser(
        "worker", help="deliver webhooks only (the service also does it unless told not to)"
    )
    worker.set_defaults(handler=cmd_worker)

    openapi = commands.add_parser("openapi", help="write the OpenAPI document")
    openapi.add_argument("--output", default=str(PROJECT_ROOT / "openapi" / "openapi.json"))
    openapi.set_defaults(handler=cmd_openapi)

    config_docs = commands.add_parser(
        "config-docs", help="write docs/configuration.md from the settings class"
    )
    config_docs.add_argument("--check", action="store_true", help="fail if the file is stale")
    config_docs.set_defaults(handler=cmd_config_docs)

    apikey = commands.add_parser("apikey", help="create, list or revoke API keys")
    apikey_actions = apikey.add_subparsers(dest="action", required=True)
    create = apikey_actions.add_parser("create", help="print a new key (shown once, last line)")
    create.add_argument("--name", required=True, help="who the key is for")
    create.add_argument(
        "--scope",
        action="append",
        required=True,
        choices=["content:read", "recommend", "admin"],
        help="repeat for several scopes; admin grants all",
    )
    apikey_actions.add_parser("list", help="list keys (never their secrets)")
    revoke = apikey_actions.add_parser("revoke", help="revoke a key by its id")
    revoke.add_argument("id")
    apikey.set_defaults(handler=cmd_apikey)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    args = parser().parse_args(argv)
    if args.command == "db" and args.revision is None:
        args.revision = "head" if args.action == "upgrade" else "base"
    return int(args.handler(args))


if __name__ == "__main__":
    sys.exit(main())
