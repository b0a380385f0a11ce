"""A small closed-loop HTTP/1.1 load generator: the batch scenario's (each request a body of
never-seen situations, generated here) and the fallback where wrk is not installed.

`python -m bench.loadgen --url URL [--method POST --body-file F] --connections 32 --duration 5`
prints one JSON line with the same fields the wrk path yields. With `--batch-situations N
--first-index I`, every request carries N situations from `bench.situations`, numbered from I
on and never repeated within the process. Each connection is keep-alive
and sends its next request as soon as the previous answer is read, as wrk does. It runs in a
process of its own so that it never shares an interpreter with the server. Being Python, it
saturates sooner than wrk: its figures are a lower bound on what the server can do.
"""

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Callable
from urllib.parse import urlsplit

import msgspec


async def read_response(reader: asyncio.StreamReader) -> int:
    """Read one response (Content-Length or chunked body); return its status code."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split(b" ", 2)[1])
    length = 0
    chunked = False
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    if chunked:
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length:
        await reader.readexactly(length)
    return status


async def connection(
    host: str,
    port: int,
    request: Callable[[], bytes],
    deadline: float,
    latencies: list[float],
    errors: list[str],
) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.perf_counter() < deadline:
            message = request()  # built before the clock starts: it is the client's work
            started = time.perf_counter()
            writer.write(message)
            status = await read_response(reader)
            latencies.append(time.perf_counter() - started)
            if not 200 <= status < 400:
                errors.append(f"status {status}")
    except (OSError, asyncio.IncompleteReadError, ValueError) as error:
        errors.append(type(error).__name__)
    finally:
        writer.close()


def percentile(sorted_values: list[float], fraction: float) -> float:
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, int(fraction * len(sorted_values)))
    return sorted_values[index]


def batch_bodies(count: int, first_index: int) -> Callable[[], bytes]:
    """Bodies of `count` situations each, numbered on from `first_index`, never repeated."""
    from bench.situations import situations

    next_index = first_index

    def body() -> bytes:
        nonlocal next_index
        items = situations(next_index, count)
        next_index += count
        return msgspec.json.encode({"items": items})

    return body


async def run(
    url: str,
    method: str,
    body: bytes,
    headers: dict[str, str],
    connections: int,
    duration: float,
    bodies: Callable[[], bytes] | None = None,
) -> dict[str, float | int]:
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    head = [f"{method} {target} HTTP/1.1", f"Host: {host}:{port}"]
    head += [f"{name}: {value}" for name, value in headers.items()]

    def request() -> bytes:
        payload = bodies() if bodies is not None else body
        lines = [*head, f"Content-Length: {len(payload)}"] if payload else head
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + payload

    latencies: list[float] = []
    errors: list[str] = []
    started = time.perf_counter()
    deadline = started + duration
    await asyncio.gather(
        *(connection(host, port, request, deadline, latencies, errors) for _ in range(connections))
    )
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "seconds": elapsed,
        "rps": len(latencies) / elapsed,
        "p50_ms": percentile(latencies, 0.50) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
        "errors": len(errors),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--method", default="GET")
    parser.add_argument("--body-file")
    parser.add_argument("--header", action="append", default=[], help="Name: value")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--duration", type=float, default=5.0)
    parser.add_argument("--batch-situations", type=int, default=0)
    parser.add_argument("--first-index", type=int, default=0)
    args = parser.parse_args()
    body = open(args.body_file, "rb").read() if args.body_file else b""  # noqa: SIM115
    headers = dict(h.split(": ", 1) for h in args.header)
    try:
        import uvloop

        uvloop.install()
    except ImportError:
        pass
    bodies = (
        batch_bodies(args.batch_situations, args.first_index) if args.batch_situations else None
    )
    result = asyncio.run(
        run(args.url, args.method, body, headers, args.connections, args.duration, bodies)
    )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
