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


async def response(reader: asyncio.StreamReader) -> bytes:
    """One HTTP/1.1 response: its head and its Content-Length body."""
    head = await reader.readuntil(b"\r\n\r\n")
    lengths = [line for line in head.lower().split(b"\r\n") if line.startswith(b"content-length")]
    body = await reader.readexactly(int(lengths[0].split(b":")[1])) if lengths else b""
    return head + body


async def slow_post(server: Server, path: str, key: str) -> tuple[bytes, float, int]:
    """POST a 1,000-byte body one byte every 0.25 s (250 s in all) until the server answers:
    its answer, how long it took, and how many of the body's bytes had been sent by then."""
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    started = time.monotonic()
    writer.write(
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: {key}\r\n"
        "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{".encode()
    )
    sent = 1

    async def trickle() -> None:
        nonlocal sent
        while sent < 1000:
            await asyncio.sleep(0.25)
            writer.write(b" ")
            await writer.drain()
            sent += 1

    sender = asyncio.create_task(trickle())
    try:
        # A bound on a hang only: 20 times the request timeout, and a tenth of the body.
        answer = await asyncio.wait_for(response(reader), timeout=20 * REQUEST_TIMEOUT_SECONDS)
        elapsed, sent_then = time.monotonic() - started, sent
    finally:
        sender.cancel()
        writer.close()
    return answer, elapsed, sent_then


@pytest.mark.parametrize("path", ["/graphql", "/v1/recommendations"])
async def test_a_slow_body_is_cut_by_the_request_timeout(
    production_server: Server, keys: dict[str, str], path: str
) -> None:
    answer, elapsed, sent = await slow_post(production_server, path, keys["recommend"])
    print(f"{path}: {answer[:40]!r} after {elapsed:.1f} s, {sent} of 1000 bytes sent")
    assert answer.startswith(b"HTTP/1.1 503"), answer
    assert b"request-timeout" in answer, answer
    assert sent < 1000  # cut while the body was still coming
    # Not before the timeout (a lower bound: a busy machine only makes it later).
    assert elapsed > REQUEST_TIMEOUT_SECONDS - 0.5
