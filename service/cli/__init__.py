"""Command line: `python -m service <command>`. Run with `--help` for the list.

One module per job: `database` (migrations, content load, the embedded PostgreSQL), `serve`
(the server and its first screen), `apikeys`, `issuers` (OAuth identity providers),
`trusted_documents` (an organisation's trusted GraphQL documents), `documents` (the OpenAPI
document, the GraphQL SDL and docs/configuration.md: generated on request, never as a side
effect of a start), `console` (what a start prints).
"""

import argparse
from collections.abc import Sequence

from service.cli import apikeys, database, documents, issuers, serve, trusted_documents, worker
from service.cli.arguments import organisation_slug
from service.cli.console import startup_logging
from service.config import PROJECT_ROOT, get_settings


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m service", description=__doc__.splitlines()[0])
    commands = root.add_subparsers(dest="command", required=True)

    db = commands.add_parser("db", help="migrate the schema (upgrade also loads the content)")
    db.add_argument("action", choices=["upgrade", "downgrade"])
    db.add_argument("revision", nargs="?", default=None, help="default: head / base")
    db.set_defaults(handler=database.cmd_db)

    content = commands.add_parser("content", help="load content/ into PostgreSQL (idempotent)")
    content.add_argument("action", choices=["load"])
    content.set_defaults(handler=database.cmd_content)

    run = commands.add_parser(
        "run", help="serve with granian (embedded PostgreSQL if no DATABASE_URL)"
    )
    run.add_argument("--workers", type=int, default=None)
    run.set_defaults(handler=serve.cmd_run)

    deliver = commands.add_parser(
        "worker", help="deliver webhooks only (the service also does it unless told not to)"
    )
    deliver.set_defaults(handler=worker.cmd_worker)

    openapi = commands.add_parser("openapi", help="write the OpenAPI document")
    openapi.add_argument("--output", default=str(PROJECT_ROOT / "openapi" / "openapi.json"))
    openapi.set_defaults(handler=documents.cmd_openapi)

    config_docs = commands.add_parser(
        "config-docs", help="write docs/configuration.md from the settings class"
    )
    config_docs.add_argument("--check", action="store_true", help="fail if the file is stale")
    config_docs.set_defaults(handler=documents.cmd_config_docs)

    apikey = commands.add_parser("apikey", help="create, list or revoke API keys")
    apikey_actions = apikey.add_subparsers(dest="action", required=True)
    create = apikey_actions.add_parser("create", help="print a new key (shown once, last line)")
    create.add_argument("--name", required=True, help="who the key is for")
    create.add_argument(
        "--scope",
        action="append",
        default=[],
        choices=["content:read", "recommend", "admin"],
        help="repeat for several scopes; admin grants all (required for a secret key; a "
        "publishable key gets content:read and recommend)",
    )
    create.add_argument(
        "--publishable",
        action="store_true",
        help="a key for web pages (the embeddable recommender): content:read and recommend "
        "only, accepted only from its --origin(s)",
    )
    create.add_argument(
        "--origin",
        action="append",
        default=[],
        help="with --publishable, repeat for each page origin (https://hr.example.com)",
    )
    create.add_argument(
        "--org",
        type=organisation_slug,
        default="default",
        help="the organisation the key belongs to (created if new); its policy applies",
    )
    apikey_actions.add_parser("list", help="list keys (never their secrets)")
    revoke = apikey_actions.add_parser("revoke", help="revoke a key by its id")
    revoke.add_argument("id")
    apikey.set_defaults(handler=apikeys.cmd_apikey)

    issuer = commands.add_parser(
        "issuer", help="trust, list or remove an organisation's OAuth identity providers"
    )
    issuer_actions = issuer.add_subparsers(dest="action", required=True)
    add = issuer_actions.add_parser(
        "add", help="trust an issuer: its access tokens act for the organisation"
    )
    add.add_argument(
        "--org", type=organisation_slug, required=True, help="the organisation (created if new)"
    )
    add.add_argument("--issuer", required=True, help="the exact `iss` of its access tokens")
    add.add_argument(
        "--jwks-uri",
        default=None,
        help="where its signing keys are (default: the jwks_uri of its discovery document)",
    )
    for name, text in (
        ("list", "the organisation's trusted issuers"),
        ("history", "every issuer the organisation trusted or stopped trusting, newest first"),
    ):
        listing = issuer_actions.add_parser(name, help=text)
        listing.add_argument("--org", type=organisation_slug, required=True)
    remove = issuer_actions.add_parser("remove", help="stop trusting an issuer")
    remove.add_argument("--org", type=organisation_slug, required=True)
    remove.add_argument("id", help="the issuer's id (from `list`) or its `iss`")
    issuer.set_defaults(handler=issuers.cmd_issuer)
    trusted_documents.add_parser(commands)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "db" and args.revision is None:
        args.revision = "head" if args.action == "upgrade" else "base"
    if args.command in ("openapi", "config-docs", "run"):
        return int(args.handler(args))  # `run` sets up its own start-up logging
    with startup_logging(get_settings()):
        return int(args.handler(args))
