"""webhook subscriptions belong to an organisation; a subscription's pings are indexed

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Every existing subscription joins `default` (the organisation of every key made before
    # organisations existed); later ones name theirs, so the default goes again.
    op.add_column(
        "webhook_subscriptions",
        sa.Column("organisation", sa.Text(), server_default="default", nullable=False),
    )
    op.alter_column("webhook_subscriptions", "organisation", server_default=None)
    op.create_foreign_key(
        op.f("fk_webhook_subscriptions_organisation_organisations"),
        "webhook_subscriptions",
        "organisations",
        ["organisation"],
        ["slug"],
    )
    op.create_index(
        op.f("ix_webhook_subscriptions_organisation"), "webhook_subscriptions", ["organisation"]
    )
    op.create_index(
        "ix_webhook_events_subscription_id_created_at",
        "webhook_events",
        ["subscription_id", "created_at"],
    )


def downgrade() -> None:
    op.drop_index("ix_webhook_events_subscription_id_created_at", table_name="webhook_events")
    op.drop_index(op.f("ix_webhook_subscriptions_organisation"), table_name="webhook_subscriptions")
    op.drop_constraint(
        op.f("fk_webhook_subscriptions_organisation_organisations"),
        "webhook_subscriptions",
        type_="foreignkey",
    )
    op.drop_column("webhook_subscriptions", "organisation")
