"""The in-service worker stops within its bound, whatever its job queue does: a shutdown after
a database outage once waited for ever (the pod's SIGTERM with it)."""

import asyncio
from typing import Any

import pytest

from service.config import Settings
from service.webhooks.worker import InServiceWorker

pytestmark = pytest.mark.slow  # waits out the worker's grace period (about 4.5 s a case)


class StuckQueue:
    """A job queue whose worker ignores cancellation and whose close does not return until
    released: what an outage left behind."""

    def __init__(self) -> None:
        self.released = asyncio.Event()
        self.closing = False

    async def open_async(self) -> None:
        return None

    async def run_worker_async(self, **_: Any) -> None:
        while not self.released.is_set():
            try:
                await self.released.wait()
            except asyncio.CancelledError:
                continue  # swallowed, as a worker stuck in its own shutdown would

    async def close_async(self) -> None:
        self.closing = True
        await self.released.wait()


@pytest.mark.parametrize("stuck_in", ["worker", "close"])
async def test_a_stuck_queue_does_not_hold_the_shutdown(stuck_in: str) -> None:
    settings = Settings(webhook_timeout_seconds=0.5)
    queue = StuckQueue()
    worker = InServiceWorker(queue, settings)  # type: ignore[arg-type]
    await worker.start()
    if stuck_in == "close":
        queue.released.set()  # the worker stops; only the close hangs
        await asyncio.sleep(0)
        queue.released.clear()
    try:
        # Without the bound stop() never returns; 60 s only ends such a hang (not a speed check).
        await asyncio.wait_for(worker.stop(), 60)
        assert queue.closing == (stuck_in == "close")
    finally:
        queue.released.set()  # let what is left finish, so the test's loop can close
        await asyncio.sleep(0.01)
