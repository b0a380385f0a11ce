"""`apikey create|list|revoke`: keys are shown once, at creation, after they are committed."""

import argparse
import asyncio

from service.cli.database import database_url, migrate
from service.config import get_settings


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
