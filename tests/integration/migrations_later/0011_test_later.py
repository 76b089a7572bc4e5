"""A later schema revision that exists only for tests: the app must migrate up to it.

Revision ID: 0011_test
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_test"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("incident") as batch:
        batch.add_column(
            sa.Column("test_later_flag", sa.Integer, nullable=False, server_default="7")
        )


def downgrade() -> None:
    raise NotImplementedError
