"""A webhook receiver on 127.0.0.1 that verifies every signature with `standardwebhooks`.

It runs in a thread of the test process, can answer 2xx, 503, or hold a request (to be
interrupted by a killed sender), and can go down and come back up on the same port.
"""

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from tools.machine import free_port


@dataclass
class Received:
    path: str
    webhook_id: str
    payload: Any  # None when the signature did not verify
    verified: bool
    at: float


@dataclass
class Receiver:
    secrets: dict[str, str] = field(default_factory=dict)  # path -> signing secret
    mode: str = "ok"  # ok | fail | hold
    port: int = field(default_factory=free_port)
    received: list[Received] = field(default_factory=list)
    holding: threading.Event = field(default_factory=threading.Event)
    _server: ThreadingHTTPServer | None = None
    _release: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def for_path(self, path: str) -> list[Received]:
        return [r for r in self.received if r.path == path]

    def start(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", "0"))
                body = self.rfile.read(length).decode()
                headers = {k.lower(): v for k, v in self.headers.items()}
                secret = receiver.secrets.get(self.path, "")
                try:
                    payload = Webhook(secret).verify(body, headers)
                    verified = True
                except (WebhookVerificationError, ValueError):
                    payload, verified = None, False
                receiver.received.append(
                    Received(
                        self.path, headers.get("webhook-id", ""), payload, verified, time.time()
                    )
                )
                if receiver.mode == "hold":
                    receiver.holding.set()
                    receiver._release.wait(60)
                status = 503 if receiver.mode == "fail" else 204
                self.send_response(status)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        ThreadingHTTPServer.allow_reuse_address = True
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self._release.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        self._release = threading.Event()


def payloads(records: list[Received], event_type: str) -> list[Any]:
    return [r.payload for r in records if r.payload and r.payload["type"] == event_type]
