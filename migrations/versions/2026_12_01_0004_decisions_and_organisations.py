"""release archive, organisations and organisation policies

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 08:30:00

Re-chain after 0003 (releases and webhooks) when both are on main: only `down_revision` changes.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Archived versions and published organisation policies are evidence: PostgreSQL itself
# refuses to change or delete them.
IMMUTABLE = ("recommendation_policies", "released_bundles", "policy_changelog")
APPEND_ONLY = ("organisation_policies",)


def _forbid_changes(table: str) -> None:
    op.execute(
        f"CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION forbid_change()"
    )


def upgrade() -> None:
    op.execute(
        """
        CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '% is immutable: released versions are never changed or deleted',
                TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
        END $$
        """
    )
    op.create_table(
        "released_bundles",
        sa.Column("content_version", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("policy_version", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("checksum", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("document", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column(
            "released_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["content_version"],
            ["content_versions.version"],
            name=op.f("fk_released_bundles_content_version_content_versions"),
        ),
        sa.ForeignKeyConstraint(
            ["policy_version"],
            ["recommendation_policies.version"],
            name=op.f("fk_released_bundles_policy_version_recommendation_policies"),
        ),
        sa.PrimaryKeyConstraint("content_version", name=op.f("pk_released_bundles")),
    )
    op.create_table(
        "policy_changelog",
        sa.Column("policy_version", sa.Text(), nullable=False),
        sa.Column("line", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["policy_version"],
            ["recommendation_policies.version"],
            name=op.f("fk_policy_changelog_policy_version_recommendation_policies"),
        ),
        sa.PrimaryKeyConstraint("policy_version", name=op.f("pk_policy_changelog")),
    )
    op.create_table(
        "organisations",
        sa.Column("slug", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("slug", name=op.f("pk_organisations")),
    )
    op.execute("INSERT INTO organisations (slug, name) VALUES ('default', 'Default organisation')")
    # Every existing key joins `default` through the server default: no key is lost or changed.
    op.add_column(
        "api_keys",
        sa.Column("organisation", sa.Text(), server_default="default", nullable=False),
    )
    op.create_foreign_key(
        op.f("fk_api_keys_organisation_organisations"),
        "api_keys",
        "organisations",
        ["organisation"],
        ["slug"],
    )
    op.create_table(
        "organisation_policies",
        sa.Column("organisation", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("document", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("published_by", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column(
            "published_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["organisation"],
            ["organisations.slug"],
            name=op.f("fk_organisation_policies_organisation_organisations"),
        ),
        sa.PrimaryKeyConstraint("organisation", "version", name=op.f("pk_organisation_policies")),
    )
    for table in IMMUTABLE + APPEND_ONLY:
        _forbid_changes(table)


def downgrade() -> None:
    # Only the organisation column goes from api_keys: every key keeps working after a
    # downgrade, and an upgrade puts them all in `default` again.
    for table in IMMUTABLE + APPEND_ONLY:
        op.execute(f"DROP TRIGGER {table}_immutable ON {table}")
    op.drop_table("organisation_policies")
    op.drop_constraint(op.f("fk_api_keys_organisation_organisations"), "api_keys", "foreignkey")
    op.drop_column("api_keys", "organisation")
    op.drop_table("organisations")
    op.drop_table("policy_changelog")
    op.drop_table("released_bundles")
    op.execute("DROP FUNCTION forbid_change()")
