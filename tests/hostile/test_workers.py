"""A worker killed with SIGKILL is replaced; the other worker answers meanwhile."""

import asyncio
import os
import signal
import time
from pathlib import Path

import httpx
import pytest

from tests.hostile.conftest import running

pytestmark = pytest.mark.slow
LIVENESS_SECONDS = 60  # how long to wait for an event before calling it lost (not a speed)


def is_alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


async def test_a_killed_worker_is_replaced_while_the_other_answers(hostile_database: str) -> None:
    async with running(
        # As the chart runs it: the content is loaded once, not by every (re)started worker.
        hostile_database,
        command="service",
        workers=2,
        load_content_on_start="false",
    ) as server:
        await server.wait_until_started(2)  # both serving before one is killed
        first, second = server.workers()
        # A new connection per request: each one is free to reach either worker.
        fresh = httpx.Limits(max_keepalive_connections=0)
        async with httpx.AsyncClient(
            base_url=server.base_url, timeout=LIVENESS_SECONDS, limits=fresh
        ) as client:
            os.kill(first, signal.SIGKILL)
            killed_at = time.monotonic()
            # Connections the kernel had already handed to the killed worker die with it (each
            # worker listens on its own SO_REUSEPORT socket); half a second after its death,
            # every new one must reach the other worker, until a new worker replaces it.
            while is_alive(first):
                assert time.monotonic() - killed_at < LIVENESS_SECONDS, "SIGKILL did not kill"
                await asyncio.sleep(0.01)
            await asyncio.sleep(0.5)
            failures: list[str] = []
            replacement = None
            answered = 0
            while replacement is None or answered < 20:
                assert time.monotonic() - killed_at < LIVENESS_SECONDS, "no new worker"
                at = f"{time.monotonic() - killed_at:.2f} s"
                answered += 1
                try:
                    response = await client.get("/v1/approaches")
                    if response.status_code != 200:
                        failures.append(f"{at}: {response.status_code} {response.text[:200]}")
                except httpx.TransportError as exc:
                    failures.append(f"{at}: {exc!r}")
                now = set(server.workers()) - {first, second}
                if now and replacement is None:
                    replacement = now.pop()
                    print(
                        f"worker {first} replaced by {replacement} after "
                        f"{time.monotonic() - killed_at:.1f} s"
                    )
                await asyncio.sleep(0.05)
            assert server.process.poll() is None, server.log()[-2000:]
            assert not failures, failures

        # The replacement serves: once it has started, it alone answers when the other dies.
        await server.wait_until_started(3, within_seconds=LIVENESS_SECONDS)
        serving_after = time.monotonic() - killed_at
        print(f"the replacement serves {serving_after:.1f} s after the kill")
        os.kill(second, signal.SIGKILL)
        killed_at = time.monotonic()
        while is_alive(second):
            assert time.monotonic() - killed_at < LIVENESS_SECONDS, "SIGKILL did not kill"
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.5)
        outcomes: list[str] = []
        async with httpx.AsyncClient(base_url=server.base_url, timeout=LIVENESS_SECONDS) as client:
            for _ in range(10):
                try:
                    outcomes.append(str((await client.get("/v1/approaches")).status_code))
                except httpx.TransportError as exc:
                    outcomes.append(repr(exc))
        assert outcomes == ["200"] * 10, (outcomes, server.log()[-1500:])
