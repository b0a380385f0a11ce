"""Accept-Language headers are parsed up to a bound; a slow body on `/graphql` is cut by the
request timeout like any REST request."""

import asyncio
import time

import httpx
import pytest

from service.api.common.locale import negotiate
from tests.hostile.conftest import REQUEST_TIMEOUT_SECONDS, Server

pytestmark = pytest.mark.slow

HUGE_ACCEPT_LANGUAGE = ",".join(f"x{n % 10}-a" for n in range(120_000)) + ",es"  # ~ 700 KB


def test_a_huge_accept_language_costs_next_to_nothing() -> None:
    header = HUGE_ACCEPT_LANGUAGE[:234_000]
    started = time.process_time()
    for n in range(20):
        negotiate(header + str(n), ("en", "es"))  # distinct: no memoised answer
    per_header = (time.process_time() - started) / 20
    print(f"{len(header)} bytes: {per_header * 1000:.2f} ms of CPU each")
    assert per_header < 0.005
    # The cap keeps what a real browser sends.
    assert negotiate("es-MX,es;q=0.9,en;q=0.8", ("en", "es")) == "es"
    assert negotiate("fr;q=0.9, es;q=0.8", ("en", "es")) == "es"


async def test_a_huge_accept_language_is_answered(
    production_server: Server, keys: dict[str, str]
) -> None:
    async with httpx.AsyncClient(base_url=production_server.base_url, timeout=10) as client:
        response = await client.get(
            "/v1/approaches",
            headers={"X-API-Key": keys["read"], "Accept-Language": HUGE_ACCEPT_LANGUAGE[:60_000]},
        )
    assert response.status_code == 200
    assert response.headers["content-language"] == "en"  # `es` is past what is parsed


async def slow_post(server: Server, path: str, key: str, seconds: float) -> tuple[bytes, float]:
    """POST a 1,000-byte body one byte every 0.25 s; the status line and how long it took."""
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    started = time.monotonic()
    writer.write(
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: {key}\r\n"
        "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{".encode()
    )

    async def trickle() -> None:
        while time.monotonic() - started < seconds:
            writer.write(b" ")
            await writer.drain()
            await asyncio.sleep(0.25)

    sender = asyncio.create_task(trickle())
    try:
        status = await asyncio.wait_for(reader.readline(), timeout=seconds)
    finally:
        sender.cancel()
        writer.close()
    return status, time.monotonic() - started


@pytest.mark.parametrize("path", ["/graphql", "/v1/recommendations"])
async def test_a_slow_body_is_cut_by_the_request_timeout(
    production_server: Server, keys: dict[str, str], path: str
) -> None:
    status, elapsed = await slow_post(
        production_server, path, keys["recommend"], REQUEST_TIMEOUT_SECONDS + 5
    )
    print(f"{path}: {status!r} after {elapsed:.1f} s")
    assert status.startswith(b"HTTP/1.1 503"), status
    assert REQUEST_TIMEOUT_SECONDS - 0.5 < elapsed < REQUEST_TIMEOUT_SECONDS + 2
