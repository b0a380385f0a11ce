"""`trusted-documents register|list|remove|mode`: an organisation's trusted GraphQL documents,
from the manifest file a front-end build wrote, straight into the service's database.

The same checks and the same history as `PUT /v1/organisations/{org}/trusted-documents/...`
(an admin key's way); the history records the command line as `cli`.
"""

import argparse
import asyncio
from pathlib import Path
from typing import Any

from service.cli.arguments import organisation_slug
from service.cli.database import database_url, migrate
from service.config import get_settings

ACTOR = "cli"


def add_parser(commands: Any) -> None:
    """The `trusted-documents` command, on the root parser's subcommands."""
    parser = commands.add_parser(
        "trusted-documents",
        help="register, list or remove an organisation's trusted GraphQL documents",
    )
    actions = parser.add_subparsers(dest="action", required=True)
    register = actions.add_parser(
        "register",
        help="register a manifest (graphql-codegen's persisted-documents.json or Apollo's "
        "persisted query manifest) under a name, replacing one of that name",
    )
    register.add_argument("file", type=Path, help="the manifest file the build wrote")
    register.add_argument("--name", required=True, help="the manifest's name, e.g. web")
    listing = actions.add_parser("list", help="the organisation's manifests and mode")
    remove = actions.add_parser("remove", help="remove a manifest by its name")
    remove.add_argument("--name", required=True)
    mode = actions.add_parser(
        "mode", help="whether the organisation's secret keys run only its trusted documents"
    )
    mode.add_argument("choice", choices=["trusted-only", "any-document"])
    for action in (register, listing, remove, mode):
        action.add_argument(
            "--org", type=organisation_slug, required=True, help="the organisation (its slug)"
        )
    parser.set_defaults(handler=cmd_trusted_documents)


def cmd_trusted_documents(args: argparse.Namespace) -> int:
    from service.api.common.json_limits import decode_json
    from service.api.graphql.controller import GraphQLDoor
    from service.db import create_engine, session_factory
    from service.domain.documents import service as documents
    from service.domain.documents.manifest import parse_manifest
    from service.domain.errors import DomainError

    settings = get_settings()
    parsed = None
    if args.action == "register":  # refuse a bad manifest before touching the database
        door = GraphQLDoor.create(settings)
        try:
            raw = args.file.read_bytes()
            parsed = parse_manifest(raw, decode_json(raw), door.check_document)
        except OSError as exc:
            raise SystemExit(f"{args.file}: {exc.strerror}") from None
        except DomainError as exc:
            raise SystemExit(f"{args.file}: {exc}") from None

    async def run(url: str) -> list[str]:
        engine = create_engine(settings, url)
        try:
            async with session_factory(engine)() as session, session.begin():
                if parsed is not None:
                    summary, created = await documents.register(
                        session, args.org, args.name, parsed, ACTOR
                    )
                    verb = "registered" if created else "replaced"
                    return [
                        f"{verb} manifest {summary.name} of {args.org}: {summary.documents} "
                        f"documents ({summary.format}, sha256 {summary.sha256})"
                    ]
                if args.action == "remove":
                    await documents.remove(session, args.org, args.name, ACTOR)
                    return [f"removed manifest {args.name} of {args.org}"]
                if args.action == "mode":
                    current = await documents.summary(session, args.org, ACTOR)
                    found = await documents.set_trusted_only(
                        session, args.org, args.choice == "trusted-only", ACTOR, current.etag
                    )
                else:
                    found = await documents.summary(session, args.org, ACTOR)
                secret_keys = "trusted documents only" if found.trusted_only else "any document"
                lines = [f"{found.organisation}: secret keys run {secret_keys}"]
                lines += [
                    f"{m.name:<20} {m.documents:>5} documents  {m.format:<36} "
                    f"{m.registered_by:<16} {m.registered_at:%Y-%m-%d %H:%M}"
                    for m in found.manifests
                    if m.registered_at is not None
                ]
                return lines
        except DomainError as exc:
            raise SystemExit(str(exc)) from None
        finally:
            await engine.dispose()

    with database_url(settings) as url:
        migrate(url)
        lines = asyncio.run(run(url))  # printed after the commit
    print("\n".join(lines))
    return 0
