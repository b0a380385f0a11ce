"""`worker`: deliver webhooks only, until SIGTERM (the service delivers them too unless
`WEBHOOK_WORKER_IN_SERVICE=false`)."""

import argparse
import asyncio

from service.cli.database import database_url
from service.config import get_settings


def cmd_worker(_: argparse.Namespace) -> int:
    from service.webhooks.worker import run_standalone

    settings = get_settings()
    with database_url(settings) as url:
        asyncio.run(run_standalone(settings, url))
    return 0
