"""`apikey create|list|revoke`: keys are shown once, at creation, after they are committed."""

import argparse
import asyncio

from service.cli.database import database_url, migrate
from service.config import get_settings


def _check_create(args: argparse.Namespace) -> None:
    from service.security.keys import PUBLISHABLE_SCOPES, normalise_origin

    if args.publishable != bool(args.origin):
        raise SystemExit("a publishable key needs --origin (and only a publishable key has one)")
    if not args.publishable and not args.scope:
        raise SystemExit("a secret key needs at least one --scope")
    if args.publishable and not set(args.scope) <= PUBLISHABLE_SCOPES:
        raise SystemExit("a publishable key's scopes must be among content:read, recommend")
    for origin in args.origin:
        try:
            normalise_origin(origin)
        except ValueError as exc:
            raise SystemExit(str(exc)) from None


def cmd_apikey(args: argparse.Namespace) -> int:
    from service.db import create_engine, session_factory
    from service.domain.organisations.service import ensure_organisation
    from service.security.keys import create_key, list_keys, revoke_key

    if args.action == "create":  # refuse a bad command before touching the database
        _check_create(args)

    async def run(url: str) -> list[str]:
        engine = create_engine(get_settings(), url)
        try:
            async with session_factory(engine)() as session, session.begin():
                if args.action == "create":
                    await ensure_organisation(session, args.org)
                    try:
                        new = await create_key(
                            session, args.name, args.scope, args.org, args.origin
                        )
                    except ValueError as exc:
                        raise SystemExit(str(exc)) from None
                    scopes = ", ".join(new.record.scopes)
                    origins = "; origins " + " ".join(new.record.origins) if args.origin else ""
                    return [
                        f"created {new.record.kind} key {new.record.id} "
                        f"({args.name}; {scopes}; org {args.org}{origins}):",
                        new.key,
                    ]
                if args.action == "revoke":
                    if not await revoke_key(session, args.id):
                        raise SystemExit(f"no active key with id {args.id}")
                    return [f"revoked key {args.id}"]
                return [
                    f"{key.id}  {'revoked' if key.revoked_at else 'active '}  "
                    f"{key.kind:<11}  {key.organisation:<16}  {','.join(key.scopes):<30}  "
                    f"{key.name}{'  ' + ' '.join(key.origins) if key.origins else ''}"
                    for key in await list_keys(session)
                ]
        finally:
            await engine.dispose()

    with database_url(get_settings()) as url:
        migrate(url)
        lines = asyncio.run(run(url))  # printed after the commit: a shown key is a stored key
    print("\n".join(lines))
    return 0
