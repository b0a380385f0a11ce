"""CPU per request in-process, production configuration: `python -m bench.requests_cpu [rounds]`.

The ASGI application is called directly (no server, no sockets, no load generator), with the
settings `make bench` gives the server: `SERVICE_ENV=production`, an API key on every request,
the access log on (written to /dev/null), metrics on, rate limits on but never refusing. Each
scenario is timed with `time.process_time` over a block of requests, and the blocks of the
service and of the bare Litestar ceiling (bench/ceilings.py, serving the same bytes) alternate,
so a ratio compares the two under the same load of the machine. It prints, per scenario, the
median CPU per request and the median ratio `bare / service` (the share of the ceiling the
service can reach when the server's own cost is left out: an upper bound of `make bench`'s
ratio). `DATABASE_URL` names the database; without it the embedded PostgreSQL serves one.
"""

import asyncio
import os
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

BLOCK = 400  # requests per timed block


def _environment(url: str) -> None:
    os.environ.update(
        DATABASE_URL=url,
        SERVICE_ENV="production",
        LOG_LEVEL="INFO",
        ACCESS_LOG="true",
        RATE_LIMIT_REQUESTS="10000000",
        GRAPHQL_COST_BUDGET="1000000000",
        RATE_LIMIT_WINDOW_SECONDS="60",
        LOAD_CONTENT_ON_START="false",
        DECISION_ID_KEYS="bench:bench-only-decision-id-key-not-a-secret-0001",
    )


ASGI = Callable[[dict[str, Any], Any, Any], Awaitable[None]]


def _scope(method: str, path: str, query: bytes, headers: list[tuple[bytes, bytes]]) -> Any:
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "scheme": "http",
        "server": ("127.0.0.1", 8000),
        "client": ("127.0.0.1", 40000),
        "root_path": "",
        "method": method,
        "path": path,
        "raw_path": path.encode(),
        "query_string": query,
        "headers": headers,
    }


async def _exchange(
    app: ASGI, method: str, target: str, headers: Any, body: bytes
) -> tuple[int, bytes]:
    """One request through `app`: the status and the body it answered."""
    path, _, query = target.partition("?")
    status = 0
    chunks: list[bytes] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(_scope(method, path, query.encode(), list(headers)), receive, send)
    return status, b"".join(chunks)


async def _call(app: ASGI, method: str, target: str, headers: Any, body: bytes) -> int:
    return (await _exchange(app, method, target, headers, body))[0]


async def _body(app: ASGI, method: str, target: str, headers: Any, body: bytes) -> bytes:
    return (await _exchange(app, method, target, headers, body))[1]


async def _lifespan(app: ASGI) -> Callable[[], Awaitable[None]]:
    inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    outbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    inbox.put_nowait({"type": "lifespan.startup"})
    task = asyncio.create_task(app({"type": "lifespan"}, inbox.get, outbox.put))
    started = await outbox.get()
    if started["type"] != "lifespan.startup.complete":
        raise RuntimeError(f"the service did not start: {started}")

    async def stop() -> None:
        inbox.put_nowait({"type": "lifespan.shutdown"})
        await outbox.get()
        await task

    return stop


async def measure(url: str, key: str, rounds: int) -> None:
    import msgspec

    from bench.scenarios import (
        LOCALES,
        SERVICE_SCREEN_OPERATION,
        catalogue_from,
        persisted_get_path,
        varied_service_bodies,
    )
    from bench.situations import situation
    from service.app import create_app
    from service.config import Settings
    from service.garbage_collection import settle_after_start

    settings = Settings()  # not get_settings(): cached before the environment
    app: Any = create_app(settings)
    stop = await _lifespan(app)
    settle_after_start(settings.gc_young_threshold, settings.gc_middle_threshold)()
    keyed = [(b"host", b"127.0.0.1"), (b"authorization", f"Bearer {key}".encode())]
    posted = [*keyed, (b"content-type", b"application/json")]
    repeated = msgspec.json.encode(situation(1))
    # Bodies that vary are built before any timing (a block must time the service only).
    needed = (rounds + 1) * BLOCK + 100
    fresh = iter([msgspec.json.encode(situation(10_000_000 + i)) for i in range(needed)])
    terms = {
        locale: await _body(app, "GET", f"/v1/terms?limit=100&locale={locale}", keyed, b"")
        for locale in LOCALES
    }
    searches = iter(varied_service_bodies(catalogue_from(terms))(0, needed))
    picker = persisted_get_path(SERVICE_SCREEN_OPERATION, {"locale": "en"})
    scenarios: dict[str, Callable[[], Awaitable[int]]] = {
        "GET /v1/variants": lambda: _call(app, "GET", "/v1/variants", keyed, b""),
        "GET /v1/terms?q=reverse+mentoring": lambda: _call(
            app, "GET", "/v1/terms?q=reverse+mentoring", keyed, b""
        ),
        "GET /v1/export": lambda: _call(app, "GET", "/v1/export", keyed, b""),
        "POST /v1/recommendations (repeated)": lambda: _call(
            app, "POST", "/v1/recommendations", posted, repeated
        ),
        "POST /v1/recommendations (never-seen)": lambda: _call(
            app,
            "POST",
            "/v1/recommendations",
            posted,
            next(fresh),
        ),
        "POST /graphql GlossarySearch (varied)": lambda: _call(
            app, "POST", "/graphql", posted, next(searches)
        ),
        "GET /graphql VariantPicker (repeated)": lambda: _call(app, "GET", picker, keyed, b""),
    }
    bodies: dict[str, bytes] = {}
    for name, call in scenarios.items():
        for _ in range(50):
            status = await call()
            if status != 200:
                raise RuntimeError(f"{name}: status {status}")
    get_body = await _body(app, "GET", "/v1/variants", keyed, b"")
    post_body = await _body(app, "POST", "/v1/recommendations", posted, repeated)
    bodies["get"], bodies["post"] = get_body, post_body
    bare = _bare_app(bodies)
    ceilings = {
        "GET": lambda: _call(bare, "GET", "/ceiling", [(b"host", b"127.0.0.1")], b""),
        "POST": lambda: _call(bare, "POST", "/ceiling", [(b"host", b"127.0.0.1")], repeated),
    }
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in scenarios}
    for _ in range(rounds):
        for name, call in scenarios.items():
            ceiling = ceilings[name.split()[0]]  # GraphQL: against the same method's ceiling
            ours = await _block(call)
            theirs = await _block(ceiling)
            results[name].append((ours, theirs))
    await stop()
    print(f"CPU per request in-process, production configuration, {rounds} rounds of {BLOCK}")
    print(f"{'scenario':<40} {'service us':>11} {'bare us':>8} {'bare/service':>13}")
    for name, pairs in results.items():
        ours = statistics.median(p[0] for p in pairs)
        theirs = statistics.median(p[1] for p in pairs)
        ratio = statistics.median(p[1] / p[0] for p in pairs)
        print(f"{name:<40} {ours:>11.1f} {theirs:>8.1f} {ratio:>13.2f}")


def _bare_app(bodies: dict[str, bytes]) -> ASGI:
    directory = Path(os.environ.get("TMPDIR", "/tmp"))
    for name, body in bodies.items():
        (directory / f"requests-cpu-{name}.json").write_bytes(body)
    os.environ["BENCH_CEILING_GET_FILE"] = str(directory / "requests-cpu-get.json")
    os.environ["BENCH_CEILING_POST_FILE"] = str(directory / "requests-cpu-post.json")
    from bench.ceilings import litestar_app

    return litestar_app  # type: ignore[return-value]


async def _block(call: Callable[[], Awaitable[int]]) -> float:
    started = time.process_time()
    statuses = {await call() for _ in range(BLOCK)}
    if statuses != {200}:
        raise RuntimeError(f"statuses {statuses}: every request must be answered with 200")
    return (time.process_time() - started) / BLOCK * 1e6


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    from bench.database import create_api_key, database

    with database() as url:
        key = create_api_key(url)
        _environment(url)
        devnull = os.open(os.devnull, os.O_WRONLY)
        saved = os.dup(2)
        os.dup2(devnull, 2)  # the access log, as a server's stderr would take it
        try:
            asyncio.run(measure(url, key, rounds))
        finally:
            os.dup2(saved, 2)


if __name__ == "__main__":
    main()
