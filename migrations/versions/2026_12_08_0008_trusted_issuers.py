"""organisations' trusted issuers (OAuth access tokens) and the history of their changes

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-08 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "trusted_issuers",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("issuer", sa.Text(), nullable=False),
        sa.Column("organisation", sa.Text(), nullable=False),
        sa.Column("jwks_uri", sa.Text(), nullable=False),
        sa.Column("discovered", sa.Boolean(), nullable=False),
        sa.Column("added_by", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column(
            "added_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["organisation"],
            ["organisations.slug"],
            name=op.f("fk_trusted_issuers_organisation_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trusted_issuers")),
        sa.UniqueConstraint("issuer", name=op.f("uq_trusted_issuers_issuer")),
    )
    op.create_index(op.f("ix_trusted_issuers_organisation"), "trusted_issuers", ["organisation"])
    op.create_table(
        "trusted_issuer_changes",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("organisation", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("issuer", sa.Text(), nullable=False),
        sa.Column("jwks_uri", sa.Text(), nullable=False),
        sa.Column("changed_by", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column(
            "changed_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["organisation"],
            ["organisations.slug"],
            name=op.f("fk_trusted_issuer_changes_organisation_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trusted_issuer_changes")),
    )
    op.create_index(
        op.f("ix_trusted_issuer_changes_organisation"), "trusted_issuer_changes", ["organisation"]
    )
    # The history is evidence, like published organisation policies (forbid_change: 0004).
    op.execute(
        "CREATE TRIGGER trusted_issuer_changes_immutable BEFORE UPDATE OR DELETE ON "
        "trusted_issuer_changes FOR EACH ROW EXECUTE FUNCTION forbid_change()"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER trusted_issuer_changes_immutable ON trusted_issuer_changes")
    op.drop_index(
        op.f("ix_trusted_issuer_changes_organisation"), table_name="trusted_issuer_changes"
    )
    op.drop_table("trusted_issuer_changes")
    op.drop_index(op.f("ix_trusted_issuers_organisation"), table_name="trusted_issuers")
    op.drop_table("trusted_issuers")
