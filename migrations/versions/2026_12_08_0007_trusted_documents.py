"""trusted GraphQL documents per organisation: manifests, the secret keys' mode, the history

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-08 09:00:00

The history is append-only: PostgreSQL refuses to change or delete its rows (`forbid_change`
of revision 0004), as it does for published organisation policies.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _organisation(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["organisation"],
        ["organisations.slug"],
        name=op.f(f"fk_{table}_organisation_organisations"),
    )


def upgrade() -> None:
    op.create_table(
        "trusted_document_manifests",
        sa.Column("organisation", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("format", sa.Text(), nullable=False),
        sa.Column("documents", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("sha256", sa.Text(), nullable=False),
        sa.Column("registered_by", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column(
            "registered_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        _organisation("trusted_document_manifests"),
        sa.PrimaryKeyConstraint("organisation", "name", name=op.f("pk_trusted_document_manifests")),
    )
    op.create_table(
        "trusted_document_settings",
        sa.Column("organisation", sa.Text(), nullable=False),
        sa.Column("trusted_only", sa.Boolean(), nullable=False),
        _organisation("trusted_document_settings"),
        sa.PrimaryKeyConstraint("organisation", name=op.f("pk_trusted_document_settings")),
    )
    op.create_table(
        "trusted_document_events",
        sa.Column("organisation", sa.Text(), nullable=False),
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("manifest", sa.Text(), nullable=True),
        sa.Column("documents", sa.Integer(), nullable=True),
        sa.Column("sha256", sa.Text(), nullable=True),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column(
            "at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        _organisation("trusted_document_events"),
        sa.PrimaryKeyConstraint("organisation", "number", name=op.f("pk_trusted_document_events")),
    )
    op.execute(
        "CREATE TRIGGER trusted_document_events_immutable BEFORE UPDATE OR DELETE ON "
        "trusted_document_events FOR EACH ROW EXECUTE FUNCTION forbid_change()"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER trusted_document_events_immutable ON trusted_document_events")
    op.drop_table("trusted_document_events")
    op.drop_table("trusted_document_settings")
    op.drop_table("trusted_document_manifests")
