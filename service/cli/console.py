"""What a command prints: its own lines once, other libraries' chatter only at DEBUG.

The embedded PostgreSQL (pgserver) logs every initdb and pg_ctl call with its output, alembic
announces its plugins, and platformdirs warns about XDG_RUNTIME_DIR: useful when something
breaks, noise on a first start. Those records are demoted to DEBUG (`LOG_LEVEL=DEBUG` shows
them). The handler lives only while the command prepares: `serve` leaves it before granian
forks its workers, which install their own (an inherited one printed every line twice).
"""

import contextlib
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from service.config import Environment, Settings, get_settings

FORMAT = "%(levelname)s %(name)s: %(message)s"
# granian's own lines (`--log-config` in the image's command) as JSON, like ours.
GRANIAN_LOG_CONFIG = Path(__file__).with_name("granian_logging.json")
# Logger names (and their children) whose INFO records are chatter on a normal start.
CHATTY = ("pgserver", "alembic.runtime.plugins", "py.warnings")
# alembic.runtime.migration: only the migrations it runs are news.
ALEMBIC_MIGRATION = "alembic.runtime.migration"


def _chatty(record: logging.LogRecord) -> bool:
    if record.name == ALEMBIC_MIGRATION:
        return not record.getMessage().startswith(("Running upgrade", "Running downgrade"))
    return any(record.name == name or record.name.startswith(name + ".") for name in CHATTY)


class DemoteChatter(logging.Filter):
    """Turn other libraries' routine records into DEBUG ones (warnings and errors stay)."""

    def __init__(self, level: int) -> None:
        super().__init__()
        self.level = level

    def filter(self, record: logging.LogRecord) -> bool:
        routine = record.levelno < logging.WARNING or record.name == "py.warnings"
        if routine and _chatty(record):
            record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return record.levelno >= self.level


def granian_log_config() -> dict[str, Any]:
    config: dict[str, Any] = json.loads(GRANIAN_LOG_CONFIG.read_text(encoding="utf-8"))
    return config


def _production(settings: Settings) -> bool:
    return settings.service_env is Environment.PRODUCTION


def say(text: str) -> None:
    """A command's own result: printed, or in production one JSON log line like the others
    (the migration Job's output is collected with the pods' logs)."""
    if _production(get_settings()):
        logging.getLogger("service.cli").info(text)
    else:
        print(text)


@contextlib.contextmanager
def startup_logging(settings: Settings) -> Iterator[None]:
    """Log to stderr at LOG_LEVEL (chatter demoted), JSON lines in production, for as long
    as the block runs."""
    numeric = logging.getLevelNamesMapping()[settings.log_level]
    handler = logging.StreamHandler()
    if _production(settings):
        from service.observability.logs import JsonFormatter

        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(DemoteChatter(numeric))
    root = logging.getLogger()
    previous_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if numeric <= logging.DEBUG else logging.INFO)
    logging.captureWarnings(True)  # platformdirs' RuntimeDirWarning becomes a record
    try:
        yield
    finally:
        logging.captureWarnings(False)
        root.removeHandler(handler)
        root.setLevel(previous_level)
        handler.close()
