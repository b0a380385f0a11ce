"""Webhook documents of the API (REST only: webhooks are an administrator's concern)."""

from datetime import datetime
from typing import Annotated

import msgspec

EventName = Annotated[
    str, msgspec.Meta(description="content.released or policy.released", max_length=40)
]


class WebhookCreate(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """A new subscription: where to POST, and which events."""

    url: Annotated[
        str,
        msgspec.Meta(
            max_length=2000,
            description="https URL of the receiver (public addresses only).",
            examples=["https://lms.example.com/hooks/mentoring"],
        ),
    ]
    events: Annotated[tuple[EventName, ...], msgspec.Meta(min_length=1, max_length=10)]
    description: Annotated[str, msgspec.Meta(max_length=500)] = ""


class Webhook(msgspec.Struct, frozen=True):
    """A subscription. `status` is `failing` once a delivery exhausted its retries (with the
    reason); the next successful delivery makes it `active` again."""

    id: str
    url: str
    events: tuple[str, ...]
    description: str
    status: str
    failure_reason: str | None
    created_at: datetime


class CreatedWebhook(msgspec.Struct, frozen=True):
    """The new subscription and its signing secret: shown this once, never again."""

    id: str
    url: str
    events: tuple[str, ...]
    description: str
    status: str
    failure_reason: str | None
    created_at: datetime
    secret: Annotated[
        str, msgspec.Meta(description="Standard Webhooks secret (`whsec_...`); store it now.")
    ]


class WebhookPage(msgspec.Struct, frozen=True):
    items: tuple[Webhook, ...]
    next_cursor: str | None


class DeliveryAttempt(msgspec.Struct, frozen=True):
    """One attempt to deliver one event (`webhook_id` is the `webhook-id` header)."""

    delivery_id: int
    webhook_id: str
    event_type: str
    attempt: int
    attempted_at: datetime
    status_code: int | None
    duration_ms: int
    error: str | None
    next_retry_at: Annotated[
        datetime | None, msgspec.Meta(description="Null when delivered or given up.")
    ]
    delivery_status: Annotated[str, msgspec.Meta(description="pending, delivered or failed")]


class DeliveryPage(msgspec.Struct, frozen=True):
    items: tuple[DeliveryAttempt, ...]
    next_cursor: str | None


class PingSent(msgspec.Struct, frozen=True):
    webhook_id: Annotated[str, msgspec.Meta(description="The `webhook-id` the ping carries.")]
