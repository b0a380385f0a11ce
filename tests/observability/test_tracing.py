"""Traces: exported to the configured OTLP endpoint; nothing at all without one.

Each case runs the service in its own process: a tracer provider is process-wide.
"""

import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from typing import ClassVar

import pytest
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

from service.config import PROJECT_ROOT

pytestmark = pytest.mark.slow  # a Python process per case
CLIENT_SCRIPT = """
import sys
from litestar.testing import TestClient
from opentelemetry import trace
from service.app import app

with TestClient(app) as client:
    response = client.get(
        "/v1/variants/classic-mentoring",
        headers={
            "X-Request-ID": "span-test-1",
            "traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        },
    )
    assert response.status_code == 200, response.text
    print(type(trace.get_tracer_provider()).__name__)
    print("opentelemetry.sdk.trace" in sys.modules)
"""


class Collector(http.server.BaseHTTPRequestHandler):
    received: ClassVar[list[tuple[str, bytes]]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.received.append((self.path, body))
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.end_headers()

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture
def collector() -> Iterator[tuple[str, list[tuple[str, bytes]]]]:
    received: ClassVar[list[tuple[str, bytes]]] = []
    handler = type("RecordingCollector", (Collector,), {"received": received})
    server = http.server.HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", received
    finally:
        server.shutdown()
        server.server_close()


def serve_one_request(database_url: str, **env: str) -> list[str]:
    environment = {**os.environ, "DATABASE_URL": database_url, "LOAD_CONTENT_ON_START": "true"}
    environment.pop("OTEL_EXPORTER_OTLP_ENDPOINT", None)
    result = subprocess.run(
        [sys.executable, "-c", CLIENT_SCRIPT],
        cwd=PROJECT_ROOT,
        env={**environment, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


async def test_a_request_exports_a_server_span(
    database_url: str, collector: tuple[str, list[tuple[str, bytes]]]
) -> None:
    endpoint, received = collector
    serve_one_request(database_url, OTEL_EXPORTER_OTLP_ENDPOINT=endpoint)
    assert received and all(path == "/v1/traces" for path, _ in received)
    spans = [
        span
        for _, body in received
        for resource_spans in ExportTraceServiceRequest.FromString(body).resource_spans
        for scope_spans in resource_spans.scope_spans
        for span in scope_spans.spans
    ]
    (span,) = [s for s in spans if s.name == "GET /v1/variants/{slug}"]
    attributes = {a.key: a.value for a in span.attributes}
    assert attributes["http.route"].string_value == "/v1/variants/{slug}"
    assert attributes["http.response.status_code"].int_value == 200
    assert attributes["request.id"].string_value == "span-test-1"
    # The caller's trace continues: same trace id, its span as parent.
    assert span.trace_id.hex() == "0af7651916cd43dd8448eb211c80319c"
    assert span.parent_span_id.hex() == "b7ad6b7169203331"


async def test_without_an_endpoint_no_tracer_provider_is_installed(database_url: str) -> None:
    provider, sdk_imported = serve_one_request(database_url)
    assert provider == "ProxyTracerProvider"
    assert sdk_imported == "False"
