"""OpenTelemetry traces, only when OTEL_EXPORTER_OTLP_ENDPOINT is set.

Unset, nothing is imported from the SDK and no tracer provider is installed: the request
middleware sees `tracer is None` and skips all tracing work.
"""

import logging
from typing import TYPE_CHECKING

from service.config import Settings

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.trace import Tracer

logger = logging.getLogger("service.tracing")


class Tracing:
    """Starts the exporter in each worker (lifespan start) and flushes it at shutdown."""

    def __init__(self, settings: Settings) -> None:
        self.endpoint = settings.otel_exporter_otlp_endpoint
        self.service_name = settings.otel_service_name
        self.tracer: Tracer | None = None
        self._provider: TracerProvider | None = None

    def start(self) -> None:
        if not self.endpoint or self._provider is not None:
            return
        from opentelemetry import trace
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor

        provider = TracerProvider(resource=Resource.create({"service.name": self.service_name}))
        # The exporter appends /v1/traces only to the endpoint it reads from the environment
        # itself; we pass the setting explicitly, so we append it.
        exporter = OTLPSpanExporter(endpoint=self.endpoint.rstrip("/") + "/v1/traces")
        provider.add_span_processor(BatchSpanProcessor(exporter))
        if isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider):
            trace.set_tracer_provider(provider)  # so that other code's spans join ours
        self._provider = provider
        self.tracer = provider.get_tracer("service")
        logger.info("exporting traces to %s", self.endpoint)

    def shutdown(self) -> None:
        if self._provider is not None:
            self.tracer = None
            self._provider.shutdown()  # flushes the spans still queued
            self._provider = None
