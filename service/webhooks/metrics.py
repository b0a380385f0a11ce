"""Delivery metrics, served by `GET /metrics` of the process that delivers (the service; a
standalone `python -m service worker` has no HTTP server, so its attempts are in the delivery
log only)."""

from prometheus_client import Counter, Histogram

ATTEMPTS = Counter(
    "webhook_delivery_attempts",
    "Webhook delivery attempts, by event type and outcome (delivered, retrying, failed: the "
    "last attempt failed too).",
    ["event_type", "outcome"],
)
ATTEMPT_DURATION = Histogram(
    "webhook_delivery_attempt_duration_seconds",
    "Time of one delivery attempt, from the address check to the answer.",
    buckets=(0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)
