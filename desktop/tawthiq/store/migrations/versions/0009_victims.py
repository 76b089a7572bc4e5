"""Victims by name: a table materialised from the ``victim`` events (the incident each
belongs to, status, whether named publicly, the person they are in another incident and
the forms of their names a search compares).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "victim",
        sa.Column("num", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(36), nullable=False, unique=True),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("deleted", sa.Boolean, nullable=False),
        sa.Column("n_conflicts", sa.Integer, nullable=False),
        sa.Column("revisions", sa.Integer, nullable=False),
        sa.Column("created_hlc", sa.BigInteger, nullable=False),
        sa.Column("updated_hlc", sa.BigInteger, nullable=False),
        sa.Column("created_by", sa.Text, nullable=False),
        sa.Column("updated_by", sa.Text, nullable=False),
        sa.Column("incident_id", sa.String(36)),
        sa.Column("status", sa.String(16)),
        sa.Column("public", sa.Boolean, nullable=False),
        sa.Column("same_person_as", sa.String(36)),
        sa.Column("name_key", sa.Text, nullable=False),
    )
    op.create_index("ix_victim_incident", "victim", ["incident_id", "deleted"])
    op.create_index("ix_victim_same_person", "victim", ["same_person_as"])


def downgrade() -> None:
    raise NotImplementedError("Tawthiq never downgrades a database: it would lose history")
