"""publishable api keys: a key kind and the browser origins it is bound to

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 11:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("api_keys", sa.Column("kind", sa.Text(), server_default="secret", nullable=False))
    op.add_column(
        "api_keys",
        sa.Column("origins", sa.ARRAY(sa.Text()), server_default="{}", nullable=False),
    )
    # A publishable key lives in web pages: it must name where (and only secret keys may
    # have no origin); PostgreSQL holds the rule for any writer, not only the CLI.
    op.create_check_constraint(
        op.f("ck_api_keys_kind_and_origins"),
        "api_keys",
        "(kind = 'secret' AND cardinality(origins) = 0) "
        "OR (kind = 'publishable' AND cardinality(origins) > 0 "
        "AND scopes <@ ARRAY['content:read', 'recommend']::text[])",
    )


def downgrade() -> None:
    op.drop_constraint(op.f("ck_api_keys_kind_and_origins"), "api_keys", type_="check")
    op.drop_column("api_keys", "origins")
    op.drop_column("api_keys", "kind")
