"""A small HTTP server on 127.0.0.1 answering what a test sets per path (status, headers,
body), counting the requests: for issuers that misbehave (redirects, huge or non-JSON key
sets) and for counting key fetches."""

import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Stub:
    routes: dict[str, tuple[int, dict[str, str], bytes]] = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)
    base: str = ""

    def answer(
        self, path: str, body: bytes, status: int = 200, headers: dict[str, str] | None = None
    ) -> str:
        self.routes[path] = (status, {"content-type": "application/json"} | (headers or {}), body)
        return self.base + path


@contextmanager
def stub_server() -> Iterator[Stub]:
    stub = Stub()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            stub.hits[self.path] += 1
            status, headers, body = stub.routes.get(self.path, (404, {}, b"not found"))
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    stub.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield stub
    finally:
        server.shutdown()
        server.server_close()
