"""What a command prints: its own lines once, other libraries' chatter only at DEBUG.

The embedded PostgreSQL (pgserver) logs every initdb and pg_ctl call with its output, alembic
announces its plugins, and platformdirs warns about XDG_RUNTIME_DIR: useful when something
breaks, noise on a first start. Those records are demoted to DEBUG (`LOG_LEVEL=DEBUG` shows
them). The handler lives only while the command prepares: `serve` leaves it before granian
forks its workers, which install their own (an inherited one printed every line twice).
"""

import contextlib
import logging
from collections.abc import Iterator

FORMAT = "%(levelname)s %(name)s: %(message)s"
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


@contextlib.contextmanager
def startup_logging(level: str) -> Iterator[None]:
    """Log to stderr at `level` (chatter demoted) for as long as the block runs."""
    numeric = logging.getLevelNamesMapping()[level]
    handler = logging.StreamHandler()
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
