"""Many reports, one incident, in lists: for each incident the lowest and highest killed
and injured figures the reports of its group gave (``store.group_ranges``), so the list
sorts and filters on them, and the incident it is shown as when it is part of another's
group (``shown_as``, ``store.groups``), so lists show a group once; filled from the rows
already kept.

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
# the list's filters by date and governorate count from these indexes alone: with shown_as
# in them they still do (a count of 100k incidents: 72 ms without it, 12 ms with)
_WIDENED = {
    "ix_incident_gov_date": ["deleted", "governorate", "date_start"],
    "ix_incident_date": ["deleted", "date_start"],
}


def upgrade() -> None:
    for name in _COLUMNS:
        op.add_column("incident", sa.Column(name, sa.Integer, nullable=True))
    op.create_index("ix_incident_range_killed", "incident", ["deleted", "range_killed_max"])
    op.create_index("ix_incident_range_injured", "incident", ["deleted", "range_injured_max"])
    op.add_column("incident", sa.Column("shown_as", sa.String(36), nullable=True))
    op.create_index("ix_incident_shown_as", "incident", ["shown_as"])  # a group's members
    for name, columns in _WIDENED.items():
        op.drop_index(name, "incident")
        op.create_index(name, "incident", [*columns, "shown_as"])
    from tawthiq.store import group_ranges

    with Session(bind=op.get_bind()) as session:  # joins the migration's transaction
        group_ranges.refresh_all(session)


def downgrade() -> None:
    for name, columns in _WIDENED.items():
        op.drop_index(name, "incident")
        op.create_index(name, "incident", columns)
    op.drop_index("ix_incident_shown_as", "incident")
    op.drop_index("ix_incident_range_injured", "incident")
    op.drop_index("ix_incident_range_killed", "incident")
    with op.batch_alter_table("incident") as batch:
        for name in (*_COLUMNS, "shown_as"):
            batch.drop_column(name)
