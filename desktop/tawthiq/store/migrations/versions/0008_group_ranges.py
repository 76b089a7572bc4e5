"""Many reports, one incident, in lists: for each incident the lowest and highest killed
and injured figures the reports of its group gave (``store.group_ranges``), so the list
sorts and filters on them; filled from the rows already kept.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_COLUMNS = ("range_killed_min", "range_killed_max", "range_injured_min", "range_injured_max")


def upgrade() -> None:
    for name in _COLUMNS:
        op.add_column("incident", sa.Column(name, sa.Integer, nullable=True))
    op.create_index("ix_incident_range_killed", "incident", ["deleted", "range_killed_max"])
    op.create_index("ix_incident_range_injured", "incident", ["deleted", "range_injured_max"])
    from tawthiq.store import group_ranges

    with Session(bind=op.get_bind()) as session:  # joins the migration's transaction
        group_ranges.refresh_all(session)


def downgrade() -> None:
    op.drop_index("ix_incident_range_injured", "incident")
    op.drop_index("ix_incident_range_killed", "incident")
    with op.batch_alter_table("incident") as batch:
        for name in _COLUMNS:
            batch.drop_column(name)
