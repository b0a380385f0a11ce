"""What a client sees while PostgreSQL is stopped, restarted, slow or out of connections, and
when the server is told to stop under load.

The probe routes (tests/reliability/live_app.py) stand for any route that needs the database
per request (the content API itself reads from the in-memory snapshot); API key verification
is the real one. Nothing here asserts how long something took on the clock: a refusal is told
from a timeout by timeouts set far out of reach, and the order of events comes from the
service itself (what it began, what it holds).
"""

import asyncio
import contextlib
import itertools
import time
import uuid
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from service.app import create_app
from service.config import Settings
from service.db import async_url
from service.security.keys import create_key
from tests.reliability.conftest import PrivatePostgres, create_database, live_server
from tests.reliability.live_app import with_probes

pytestmark = pytest.mark.slow
PROBLEM = "application/problem+json"
# The service's database timeouts in the outage test: an answer that waited for one of them
# would take at least this long; a refused connection is answered in milliseconds.
OUT_OF_REACH_SECONDS = 60.0
LIVENESS_SECONDS = 60.0  # how long to wait for an event before calling it lost


@pytest.fixture(scope="module")
async def fault_url(private_postgres: PrivatePostgres) -> str:
    return await create_database(private_postgres, f"mc_fault_{uuid.uuid4().hex[:8]}")


async def started(app: Litestar) -> AsyncIterator[AsyncTestClient[Litestar]]:
    async with AsyncTestClient(app=app, base_url="http://testserver.local") as client:
        yield client


def assert_503_problem(response: Any) -> None:
    assert response.status_code == 503, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    assert int(response.headers["retry-after"]) > 0
    assert response.json()["status"] == 503
    assert "Traceback" not in response.text and "asyncpg" not in response.text


async def timed(client: Any, path: str, **kwargs: Any) -> tuple[Any, float]:
    started_at = time.perf_counter()
    response = await client.get(path, **kwargs)
    return response, time.perf_counter() - started_at


async def eventually(condition: Callable[[], Any], what: str) -> None:
    deadline = time.monotonic() + LIVENESS_SECONDS
    while not await condition():
        assert time.monotonic() < deadline, what
        await asyncio.sleep(0.05)


async def test_stopped_database(private_postgres: PrivatePostgres, fault_url: str) -> None:
    engine = create_async_engine(async_url(fault_url))
    async with AsyncSession(engine) as session, session.begin():
        known = (await create_key(session, "known", ["content:read"])).key
        unused = (await create_key(session, "never used", ["content:read"])).key
    settings = Settings(
        database_url=fault_url,
        service_env="production",
        content_poll_seconds=0.5,
        db_connect_timeout_seconds=OUT_OF_REACH_SECONDS,
        db_pool_timeout_seconds=OUT_OF_REACH_SECONDS,
        request_timeout_seconds=2 * OUT_OF_REACH_SECONDS,
        # The in-service webhook worker runs, as by default (on its own database here): its
        # shutdown after the outage is bounded (tests/webhooks/test_worker_stop.py).
        webhook_worker_in_service=True,
    )
    async for client in started(with_probes(create_app(settings))):
        key = {"X-API-Key": known}
        assert (await client.get("/v1/variants", headers=key)).status_code == 200  # table read
        assert (await client.get("/health/ready")).status_code == 200
        async with AsyncSession(engine) as session, session.begin():  # made after that read
            stranger = (await create_key(session, "made since", ["content:read"])).key
        await engine.dispose()
        # In a thread: the loop goes on reading what the server sends while it shuts down.
        await asyncio.to_thread(private_postgres.stop)
        try:
            # Each refusal comes from the refused connection, not from waiting out a timeout:
            # a quarter of the nearest one leaves a busy machine room a thousand times over.
            ready, elapsed = await timed(client, "/health/ready")
            assert_503_problem(ready)
            assert elapsed < OUT_OF_REACH_SECONDS / 4
            assert (await client.get("/health/live")).status_code == 200
            # Content comes from the last snapshot, for a key verified before the outage.
            variants, _ = await timed(client, "/v1/variants", headers=key)
            assert variants.status_code == 200 and variants.json()["items"]
            # Every key active at the last table read works, used before or not;
            unused_key = {"X-API-Key": unused}
            assert (await client.get("/v1/variants", headers=unused_key)).status_code == 200
            # a key made since cannot be verified: 503, neither 401 nor 500.
            unverifiable, elapsed = await timed(
                client, "/v1/variants", headers={"X-API-Key": stranger}
            )
            assert_503_problem(unverifiable)
            assert elapsed < OUT_OF_REACH_SECONDS / 4
            needs_database, elapsed = await timed(client, "/v1/db-probe", headers=key)
            assert_503_problem(needs_database)
            assert elapsed < OUT_OF_REACH_SECONDS / 4
        finally:
            await asyncio.to_thread(private_postgres.start)
        assert (await client.get("/v1/db-probe", headers=key)).status_code == 200
        assert (await client.get("/health/ready")).status_code == 200


async def test_restart_under_load_fails_only_requests_sent_while_postgres_was_down(
    private_postgres: PrivatePostgres, fault_url: str, record_property: Any
) -> None:
    """Requests sent while PostgreSQL restarts may fail (as 503 problems); every one sent once
    it is back succeeds: the pool replaces the connections the restart broke."""
    phase = "before"
    results: list[tuple[str, int]] = []  # (the phase it was sent in, status)
    after_per_worker = 25
    async with (
        live_server(fault_url) as server,
        httpx.AsyncClient(base_url=server.base_url, timeout=LIVENESS_SECONDS) as client,
    ):

        async def load() -> None:
            sent_after = 0
            while sent_after < after_per_worker:
                sent_in = phase
                response = await client.get("/v1/db-probe")
                results.append((sent_in, response.status_code))
                if response.status_code != 200:
                    assert_503_problem(response)
                sent_after += sent_in == "after"
                await asyncio.sleep(0.002)

        workers = [asyncio.create_task(load()) for _ in range(8)]

        async def warmed_up() -> bool:
            return sum(status == 200 for _, status in results) >= 40  # connections pooled

        try:
            await eventually(warmed_up, "no answers before the restart")
            phase = "during"
            await asyncio.to_thread(private_postgres.restart)  # returns once it accepts again
            phase = "after"
            await asyncio.wait_for(asyncio.gather(*workers), timeout=LIVENESS_SECONDS)
        finally:
            for worker in workers:
                worker.cancel()
    during = [status for sent_in, status in results if sent_in == "during"]
    after = [status for sent_in, status in results if sent_in == "after"]
    failed = len(during) - during.count(200)
    record_property("restart_failed_share", failed / max(len(during), 1))
    print(
        f"\nrestart under load: {len(during)} requests sent during the restart, {failed} "
        f"failed (all 503 problems); {len(after)} sent after it, all answered 200"
    )
    assert after == [200] * len(after) and len(after) == 8 * after_per_worker


async def test_statement_timeout_and_exhausted_pool_end_as_503(fault_url: str) -> None:
    settings = {
        "db_statement_timeout_ms": "1000",  # the startup load must fit
        "db_pool_size": "1",
        "db_max_overflow": "0",
        "db_pool_timeout_seconds": "0.3",
        # Below SQLAlchemy's own pool timeout (30 s): a 503 that came from this one instead
        # would say request-timeout, so the code tells which timeout answered.
        "request_timeout_seconds": "10",
    }
    async with (
        live_server(fault_url, **settings) as server,
        httpx.AsyncClient(base_url=server.base_url, timeout=10) as client,
    ):
        # pg_sleep(3) would answer 200 after 3 s; the statement timeout (1 s) makes it a 503.
        slow = await client.get("/v1/db-slow-probe")
        assert_503_problem(slow)
        assert slow.json()["code"] == "database-unavailable"
        # The pool's one connection is held until released: a request that needs one gets a
        # 503 once the pool timeout passes, instead of waiting for it.
        holder = asyncio.create_task(client.get("/v1/db-hold-probe"))

        async def held() -> bool:
            return bool((await client.get("/v1/db-held-probe")).json()["held"])

        await eventually(held, "the hold probe never got the pool's connection")
        waiting = await client.get("/v1/db-probe")
        assert_503_problem(waiting)
        assert waiting.json()["code"] == "database-unavailable"
        assert (await client.get("/v1/db-release-probe")).status_code == 200
        assert (await holder).status_code == 200
        assert (await client.get("/v1/db-probe")).status_code == 200


async def test_sigterm_under_load_completes_requests_in_flight(
    fault_url: str, record_property: Any, tmp_path: Path
) -> None:
    """Every request the service had begun is answered in full, and none with an error.

    A connection still in the kernel's accept queue at the instant of SIGTERM never reached
    the service and is dropped with the listening socket (in Kubernetes the pod leaves the
    Service's endpoints before SIGTERM, see the chart's preStop): a request may fail only if
    the service never began it. The service logs each request it begins (live_app.py), and
    the slow requests stay in flight until the test releases them, after the signal.
    """
    outcomes: dict[str, str] = {}  # request id -> "ok", a status, or the transport error
    ids = (str(n) for n in itertools.count())
    slow_ids: set[str] = set()
    async with live_server(fault_url, probe_folder=str(tmp_path)) as server:
        # A new connection per request, so that no request rides an idle keep-alive connection
        # the draining server closes (a client race, not a lost request).
        limits = httpx.Limits(max_keepalive_connections=0)
        async with (
            httpx.AsyncClient(
                base_url=server.base_url, timeout=LIVENESS_SECONDS, limits=limits
            ) as client,
            contextlib.AsyncExitStack() as stack,
        ):

            async def load(path: str) -> None:
                while True:
                    probe_id = next(ids)
                    if path == "/v1/sleep-probe":
                        slow_ids.add(probe_id)
                    try:
                        response = await client.get(path, headers={"X-Probe-Id": probe_id})
                    except httpx.ConnectError:
                        return  # the listening socket is closed: the server is draining
                    except httpx.TransportError as exc:
                        outcomes[probe_id] = type(exc).__name__
                        continue
                    outcomes[probe_id] = (
                        "ok" if response.status_code == 200 else str(response.status_code)
                    )

            def begun() -> list[str]:
                started = tmp_path / "started"
                return started.read_text().split() if started.exists() else []

            paths = ["/v1/sleep-probe"] * 4 + ["/v1/variants"] * 2
            workers = [asyncio.create_task(load(path)) for path in paths]
            stack.callback(lambda: [worker.cancel() for worker in workers])

            async def slow_ones_in_flight() -> bool:  # they wait for the release
                return len(slow_ids & set(begun())) >= 4

            await eventually(slow_ones_in_flight, "the slow requests did not begin")
            in_flight = set(begun()) - set(outcomes)  # the slow ones, and any other
            server.process.terminate()  # SIGTERM

            async def refusing() -> bool:
                try:
                    await client.get("/health/live")
                except httpx.TransportError:  # refused, or dropped from the accept queue
                    return True
                return False

            await eventually(refusing, "the server kept accepting after SIGTERM")
            (tmp_path / "release").touch()
            await asyncio.wait_for(asyncio.gather(*workers), timeout=LIVENESS_SECONDS)
            assert await asyncio.to_thread(server.process.wait, LIVENESS_SECONDS) is not None
    begun_ids = set(begun())
    answered = {i: o for i, o in outcomes.items() if o == "ok" or o.isdigit()}
    dropped = {i: o for i, o in outcomes.items() if i not in answered}
    record_property("sigterm_requests", len(outcomes))
    print(
        f"\nSIGTERM under load: {len(outcomes)} requests, {len(in_flight)} in the service's "
        f"hands at the signal, {len(dropped)} dropped before it began them"
    )
    assert len(in_flight & slow_ids) == 4
    assert {outcomes.get(i) for i in in_flight} == {"ok"}, in_flight  # completed
    assert set(answered.values()) == {"ok"}, answered  # no error answered
    assert not begun_ids & set(dropped), dropped  # only what it never began is lost
