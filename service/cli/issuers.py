"""`issuer add|list|remove|history`: the identity providers whose OAuth access tokens act for
an organisation (docs/oauth.md). Changes are recorded in the organisation's issuer history as
made by `cli`, like those made through `/v1/organisations/{organisation}/issuers`."""

import argparse
import asyncio
import re

from service.cli.database import database_url, migrate
from service.config import get_settings

CHANGED_BY = "cli"


def cmd_issuer(args: argparse.Namespace) -> int:
    from service.db import create_engine, session_factory
    from service.domain.errors import DomainError
    from service.domain.organisations.service import ensure_organisation
    from service.security import trusted_issuers as issuers
    from service.security.issuers import OutboundPolicy

    settings = get_settings()

    async def run(url: str) -> list[str]:
        engine = create_engine(settings, url)
        try:
            if args.action == "add":  # the keys are read before anything is written
                policy = OutboundPolicy(tuple(settings.oauth_issuer_network_list))
                body = issuers.IssuerCreate(args.issuer, args.jwks_uri)
                jwks_uri, discovered = await issuers.keys_source(
                    body, policy, settings.oauth_algorithm_list
                )
            async with session_factory(engine)() as session, session.begin():
                if args.action == "add":
                    await ensure_organisation(session, args.org)
                    added = await issuers.add(
                        session, args.org, args.issuer, jwks_uri, discovered, CHANGED_BY
                    )
                    source = "discovered" if added.discovered else "given"
                    return [
                        f"org {args.org} trusts {added.issuer} (id {added.id}); "
                        f"keys at {added.jwks_uri} ({source})"
                    ]
                if args.action == "remove":
                    is_id = re.fullmatch(r"[0-9a-f]{16}", args.id) is not None
                    wanted = args.id if is_id else issuers.issuer_id(args.id)
                    await issuers.remove(session, args.org, wanted, CHANGED_BY)
                    return [f"org {args.org} no longer trusts issuer {args.id}"]
                if args.action == "history":
                    return [
                        f"{change.changed_at:%Y-%m-%d %H:%M:%S}  {change.action:<7}  "
                        f"{change.changed_by:<16}  {change.issuer}"
                        for change in await issuers.history(await session.connection(), args.org)
                    ]
                return [
                    f"{found.id}  {found.issuer}  {found.jwks_uri}"
                    for found in await issuers.list_for(session, args.org)
                ]
        except (DomainError, ValueError) as exc:
            raise SystemExit(str(exc)) from None
        finally:
            await engine.dispose()

    with database_url(settings) as url:
        migrate(url)
        lines = asyncio.run(run(url))  # printed after the commit
    print("\n".join(lines))
    return 0
