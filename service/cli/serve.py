"""`run`: migrate, load the content, print where the service answers, then serve with granian."""

import argparse
import contextlib
import signal
from types import FrameType

from service.cli.console import granian_log_config, startup_logging
from service.cli.database import database_url, load_content, migrate
from service.config import Environment, Settings, get_settings

KEY_COMMAND = "python -m service apikey create --name NAME --scope content:read --scope recommend"


def first_screen(settings: Settings) -> str:
    """What a newcomer needs on starting: where it answers, where the docs are, keys."""
    base = f"http://{settings.host}:{settings.port}"
    if settings.service_env == Environment.DEVELOPMENT:
        keys = f"not needed in development; production needs one:\n    {KEY_COMMAND}"
        graphql = f"{base}/graphql (GraphiQL in a browser)"
    else:
        keys = f"required; create one with:\n    {KEY_COMMAND}"
        graphql = f"{base}/graphql"
    return "\n".join(
        [
            f"Mentoring & Coaching API ({settings.service_env}) serving on {base}",
            f"  API docs:  {base}/schema/openapi.json",
            f"  GraphQL:   {graphql}",
            f"  Try:       curl {base}/v1/variants",
            f"  API keys:  {keys}",
            "  Stop:      Ctrl+C",
        ]
    )


def _exit_on_sigterm(signum: int, _: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def cmd_run(args: argparse.Namespace) -> int:
    from granian import Granian
    from granian.constants import Interfaces, Loops

    settings = get_settings()
    # Until granian sets its own handlers (it stops its workers on SIGINT or SIGTERM, then
    # returns), a SIGTERM unwinds like Ctrl-C does, so the embedded PostgreSQL stops with us.
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    with contextlib.ExitStack() as database:
        with startup_logging(settings):
            url = database.enter_context(database_url(settings))
            migrate(url)
            load_content(url)
        production = settings.service_env is Environment.PRODUCTION
        # Outside the start-up logging: granian's workers configure their own handler, and
        # an inherited one would print every line a second time. In production every line
        # is JSON: no first screen (granian's JSON line says where it listens).
        if not production:
            print(first_screen(get_settings()), flush=True)
        Granian(
            "service.app:app",
            address=settings.host,
            port=settings.port,
            interface=Interfaces.ASGI,
            loop=Loops.uvloop,
            workers=args.workers or settings.workers,
            # A worker that dies (OOM kill, segfault) is replaced; the others keep serving.
            respawn_failed_workers=True,
            respawn_interval=1.0,
            log_access=False,
            log_dictconfig=granian_log_config() if production else None,
        ).serve()
    return 0
