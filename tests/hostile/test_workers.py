"""A worker killed with SIGKILL is replaced; the other worker answers meanwhile."""

import asyncio
import contextlib
import os
import signal
import time

import httpx
import pytest

from tests.hostile.conftest import running

pytestmark = pytest.mark.slow


async def test_a_killed_worker_is_replaced_within_5_seconds(hostile_database: str) -> None:
    async with running(hostile_database, command="service", workers=2) as server:
        await server.wait_for_workers(2)
        first, second = server.workers()
        async with httpx.AsyncClient(base_url=server.base_url, timeout=2) as client:
            os.kill(first, signal.SIGKILL)
            killed_at = time.monotonic()
            failures = 0
            replacement = None
            while time.monotonic() - killed_at < 5:
                try:
                    failures += (await client.get("/v1/approaches")).status_code != 200
                except httpx.TransportError:
                    failures += 1
                now = set(server.workers()) - {first, second}
                if now and replacement is None:
                    replacement = now.pop()
                    print(
                        f"worker {first} replaced by {replacement} after "
                        f"{time.monotonic() - killed_at:.1f} s"
                    )
                await asyncio.sleep(0.05)
            assert server.process.poll() is None, server.log()[-2000:]
            assert failures == 0, "the surviving worker did not answer meanwhile"
            assert replacement is not None, "no new worker within 5 s"

            # Only the replacement is left: if it did not serve, nothing would.
            os.kill(second, signal.SIGKILL)
            await asyncio.sleep(0.5)
            answered = 0
            for _ in range(10):
                with contextlib.suppress(httpx.TransportError):
                    answered += (await client.get("/v1/approaches")).status_code == 200
            assert answered == 10
