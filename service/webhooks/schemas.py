"""Webhook documents of the API (REST only: webhooks are an administrator's concern)."""

from datetime import datetime
from typing import Annotated, Literal

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
    """A subscription. `status` is `failing` once a release event exhausted its retries (with
    the reason); the next successful delivery, a ping's included, makes it `active` again. A
    failed ping changes nothing: it is attempted once and shows in the delivery log."""

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


AttemptOutcome = Literal["delivered", "retrying", "failed"]
DeliveryStatus = Literal["pending", "delivered", "failed"]


class DeliveryAttempt(msgspec.Struct, frozen=True):
    """One attempt to deliver one event (`webhook_id` is the `webhook-id` header). `outcome` is
    this attempt's; `delivery_status` is the whole delivery's now, after all its attempts."""

    delivery_id: int
    webhook_id: str
    event_type: str
    attempt: int
    attempted_at: datetime
    status_code: int | None
    duration_ms: int
    error: str | None
    next_retry_at: Annotated[
        datetime | None,
        msgspec.Meta(description="When the next attempt is due; null when delivered or given up."),
    ]
    outcome: Annotated[
        AttemptOutcome,
        msgspec.Meta(
            description="This attempt: `delivered` (the receiver answered 2xx), `retrying` "
            "(it failed and another attempt is due at `next_retry_at`) or `failed` (it failed "
            "and was the last: retries exhausted, or a ping, which is never retried)."
        ),
    ]
    delivery_status: Annotated[
        DeliveryStatus,
        msgspec.Meta(
            description="The delivery as a whole, now: `pending` (an attempt is due), "
            "`delivered` (one of its attempts delivered) or `failed` (none did, and none is "
            "due). Not this attempt's: see `outcome`."
        ),
    ]


class DeliveryPage(msgspec.Struct, frozen=True):
    items: tuple[DeliveryAttempt, ...]
    next_cursor: str | None


class PingSent(msgspec.Struct, frozen=True):
    webhook_id: Annotated[str, msgspec.Meta(description="The `webhook-id` the ping carries.")]
