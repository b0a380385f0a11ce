"""Metrics, logs with request ids, and traces: `Observability(settings).install(app)`.

Recommendation endpoints count their answers with
`service.observability.metrics.record_recommendation(top_variant_slug)`.
"""

import asyncio
import contextlib
from collections.abc import AsyncIterator

from litestar import Litestar

from service.config import Settings
from service.observability.logs import configure_logging, flush_logs_periodically
from service.observability.metrics import (
    flush_metrics_periodically,
    metrics_endpoint,
    record_recommendation,
)
from service.observability.middleware import ObservabilityMiddleware
from service.observability.tracing import Tracing

__all__ = ["Observability", "metrics_endpoint", "record_recommendation"]


class Observability:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.tracing = Tracing(settings)
        configure_logging(settings)

    @contextlib.asynccontextmanager
    async def lifespan(self, _: Litestar) -> AsyncIterator[None]:
        """Tracing and the log flusher start in each worker process; both flush at the end."""
        self.tracing.start()
        flushers = [
            asyncio.create_task(flush_logs_periodically()),
            asyncio.create_task(flush_metrics_periodically()),
        ]
        try:
            yield
        finally:
            for flusher in flushers:
                flusher.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await flusher
            self.tracing.shutdown()

    def install(
        self, app: Litestar, response_headers: tuple[tuple[bytes, bytes], ...] = ()
    ) -> Litestar:
        # Outside Litestar's router and exception handlers (where its own OpenTelemetry
        # plugin goes), so that unmatched routes and handled errors are seen with their
        # final status.
        app.asgi_handler = ObservabilityMiddleware(
            app.asgi_handler, self.tracing, self.settings.access_log, response_headers
        )
        return app
