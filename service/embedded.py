"""The embedded PostgreSQL (`pgserver`): a real PostgreSQL 16 with no system install, used when
no DATABASE_URL is configured. Its data folder survives restarts; stopping the service stops it.

pgserver shares one server between the processes that use a data folder (`make run` and a
`python -m service apikey create` beside it): each adds its pid to `.handle_pids.json` in the
folder, and the one that leaves the list empty stops the server. It never drops the pid of a
process that died without leaving (SIGKILL, an OOM kill), so after one such death no later exit
was ever the last and the server ran on, orphaned. Dead pids are dropped here, under pgserver's
own lock, before it counts.
"""

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

logger = logging.getLogger("service.embedded")


@contextlib.contextmanager
def embedded_postgres(data_dir: Path) -> Iterator[str]:
    """Start (or reuse) the embedded server in `data_dir`; yield its URL; stop it on exit
    unless another living process still uses it."""
    import pgserver  # imported here: production images never need it

    data_dir.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(data_dir, cleanup_mode="stop")  # type: ignore[attr-defined]
    try:
        logger.info("embedded PostgreSQL running in %s", data_dir)
        yield server.get_uri()
    finally:
        forget_dead_users(server)
        server.cleanup()


def forget_dead_users(server: Any) -> list[int]:
    """Drop the pids of processes that no longer run from the server's list of users (a
    zombie, killed but not yet reaped by its parent, is dead); the pids kept."""
    import fasteners
    import psutil

    def alive(pid: int) -> bool:
        try:
            return bool(psutil.Process(pid).status() != psutil.STATUS_ZOMBIE)
        except psutil.NoSuchProcess:
            return False

    with fasteners.InterProcessLock(type(server).lock_path):  # the lock pgserver counts under
        users = server.global_process_id_list
        known: list[int] = users.get()
        living = [pid for pid in known if alive(pid)]
        if living != known:
            logger.info("embedded PostgreSQL: dropped dead users %s", set(known) - set(living))
            users.put(living)
    return living
