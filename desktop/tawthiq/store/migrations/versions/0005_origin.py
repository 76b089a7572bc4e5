"""Where each value came from (format 2): the event's ``origin`` (a person, the extractor,
an import of another format) and, per incident, the fields whose value shown was
suggested by the extractor and not checked. Events written before keep no origin.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("event", sa.Column("origin", sa.String(16), nullable=True))
    op.add_column("incident", sa.Column("unchecked", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("incident") as batch:
        batch.drop_column("unchecked")
    with op.batch_alter_table("event") as batch:
        batch.drop_column("origin")
