"""Tables for API keys and the shared rate-limit counters (alembic revision 0002)."""

from datetime import datetime

from sqlalchemy import ARRAY, BigInteger, Column, DateTime, ForeignKey, Text, func
from sqlmodel import Field, SQLModel

import service.domain.organisations.models  # noqa: F401  (the table keys refer to)


class ApiKey(SQLModel, table=True):
    """A client's key. Only a hash of its secret is stored; the key is shown once, at creation.

    The key a client sends is `mck_<id>_<secret>`: `id` is public and finds the row, the secret
    is compared against `secret_hash` in constant time.
    """

    __tablename__ = "api_keys"
    id: str = Field(primary_key=True, max_length=16)
    name: str = Field(max_length=200)
    scopes: list[str] = Field(sa_column=Column(ARRAY(Text), nullable=False))
    secret_hash: str = Field(max_length=64)
    created_at: datetime | None = Field(
        default=None,
        sa_column=Column(DateTime(timezone=True), nullable=False, server_default=func.now()),
    )
    revoked_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    # Whose key it is (revision 0004): recommendations made with it use that organisation's
    # policy. Keys made before organisations existed belong to `default`.
    organisation: str = Field(
        default="default",
        sa_column=Column(
            Text, ForeignKey("organisations.slug"), nullable=False, server_default="default"
        ),
    )
    # Revision 0005: `publishable` keys are meant for web pages (content:read and recommend
    # only) and are accepted only from `origins` (`https://hr.example.com`); `secret` keys
    # have none.
    kind: str = Field(
        default="secret",
        sa_column=Column(Text, nullable=False, server_default="secret"),
    )
    origins: list[str] = Field(
        default_factory=list,
        sa_column=Column(ARRAY(Text), nullable=False, server_default="{}"),
    )


class RateLimitCounter(SQLModel, table=True):
    """Requests granted to one subject (a key or an address) in one fixed window, all replicas."""

    __tablename__ = "rate_limit_counters"
    subject: str = Field(primary_key=True, max_length=80)
    window_start: int = Field(sa_column=Column(BigInteger, primary_key=True))
    granted: int
