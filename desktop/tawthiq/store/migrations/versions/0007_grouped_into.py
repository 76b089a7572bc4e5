"""Many reports, one incident: a column for the registry field ``grouped_into`` (the
incident a documenter judged this one to be), so lists show each incident once.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("incident", sa.Column("grouped_into", sa.String(36), nullable=True))
    op.create_index("ix_incident_grouped_into", "incident", ["grouped_into"])


def downgrade() -> None:
    op.drop_index("ix_incident_grouped_into", "incident")
    with op.batch_alter_table("incident") as batch:
        batch.drop_column("grouped_into")
