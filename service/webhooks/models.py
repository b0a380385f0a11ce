"""Tables of the webhooks (alembic revision 0003): subscriptions, the event outbox, one delivery
per (event, subscription) and the log of every attempt. Revision 0006: every subscription
belongs to an organisation (those made before belong to `default`)."""

from datetime import datetime
from typing import Any

from sqlalchemy import (
    ARRAY,
    BigInteger,
    Column,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

# The organisations' table, which subscriptions refer to (its module sets the naming
# convention first).
import service.domain.organisations.models  # noqa: F401


def _created_at() -> Any:
    return Field(
        default=None,
        sa_column=Column(DateTime(timezone=True), nullable=False, server_default=func.now()),
    )


def _optional_time() -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))


def _cascade(target: str) -> Any:
    return Field(sa_column_args=[ForeignKey(target, ondelete="CASCADE")], index=True)


class WebhookSubscription(SQLModel, table=True):
    __tablename__ = "webhook_subscriptions"
    id: str = Field(primary_key=True, max_length=40)
    # Whose subscription it is: only that organisation's keys list, read, ping or delete it.
    organisation: str = Field(
        sa_column=Column(Text, ForeignKey("organisations.slug"), nullable=False, index=True)
    )
    url: str = Field(max_length=2000)
    events: list[str] = Field(sa_column=Column(ARRAY(Text), nullable=False))
    description: str = Field(max_length=500)
    # Needed in clear to sign; never returned after creation.
    secret: str = Field(max_length=100)
    status: str = Field(max_length=16)  # active | failing
    failure_reason: str | None = Field(default=None, max_length=1000)
    created_at: datetime | None = _created_at()
    failing_since: datetime | None = _optional_time()


class WebhookEvent(SQLModel, table=True):
    """The outbox: written in the transaction that causes the event; its id is `webhook-id`."""

    __tablename__ = "webhook_events"
    # A subscription's pings, newest first: the ping limit counts them, retention trims them.
    __table_args__ = (
        Index("ix_webhook_events_subscription_id_created_at", "subscription_id", "created_at"),
    )
    id: str = Field(primary_key=True, max_length=40)
    type: str = Field(max_length=40)
    payload: dict[str, Any] = Field(sa_column=Column(JSONB, nullable=False))
    # Set for a ping: the one subscription it goes to. Unset: every subscriber of `type`.
    subscription_id: str | None = Field(
        default=None,
        sa_column_args=[ForeignKey("webhook_subscriptions.id", ondelete="CASCADE")],
    )
    created_at: datetime | None = _created_at()


class WebhookDelivery(SQLModel, table=True):
    __tablename__ = "webhook_deliveries"
    __table_args__ = (UniqueConstraint("event_id", "subscription_id"),)
    id: int | None = Field(default=None, sa_column=Column(BigInteger, Identity(), primary_key=True))
    event_id: str = Field(sa_column_args=[ForeignKey("webhook_events.id", ondelete="CASCADE")])
    subscription_id: str = _cascade("webhook_subscriptions.id")
    status: str = Field(max_length=16)  # pending | delivered | failed
    attempts: int = 0
    created_at: datetime | None = _created_at()


class WebhookAttempt(SQLModel, table=True):
    __tablename__ = "webhook_attempts"
    id: int | None = Field(default=None, sa_column=Column(BigInteger, Identity(), primary_key=True))
    delivery_id: int = Field(
        sa_column=Column(
            BigInteger,
            ForeignKey("webhook_deliveries.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        )
    )
    subscription_id: str = _cascade("webhook_subscriptions.id")
    attempted_at: datetime | None = _created_at()
    status_code: int | None = None
    duration_ms: int
    error: str | None = Field(default=None, max_length=1000)
    next_retry_at: datetime | None = _optional_time()
