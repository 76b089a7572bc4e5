"""A column for the registry field ``munition_remnants`` (unexploded or remnant munitions
reported at the site), to filter the incident list by it.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("incident", sa.Column("munition_remnants", sa.Boolean, nullable=True))
    op.create_index("ix_incident_munition_remnants", "incident", ["deleted", "munition_remnants"])


def downgrade() -> None:
    op.drop_index("ix_incident_munition_remnants", "incident")
    with op.batch_alter_table("incident") as batch:
        batch.drop_column("munition_remnants")
