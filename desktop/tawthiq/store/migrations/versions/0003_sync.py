"""Merging exports: judgements on possible duplicates (an entity like any other, kept in
the event log), and this laptop's record of the exports it wrote and merged.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "incident_pair",
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
        sa.Column("incident_a", sa.String(36)),
        sa.Column("incident_b", sa.String(36)),
        sa.Column("decision", sa.String(16)),
    )
    op.create_index("ix_pair_a", "incident_pair", ["incident_a"])
    op.create_index("ix_pair_b", "incident_pair", ["incident_b"])
    op.create_index("ix_incident_conflicts", "incident", ["n_conflicts"])
    op.create_table(
        "import_record",
        sa.Column("bundle_id", sa.String(36), primary_key=True),
        sa.Column("exporter", sa.String(36), nullable=False, index=True),
        sa.Column("created_hlc", sa.BigInteger, nullable=False),
        sa.Column("imported_hlc", sa.BigInteger, nullable=False),
        sa.Column("file_name", sa.Text, nullable=False),
        sa.Column("events_new", sa.Integer, nullable=False),
        sa.Column("events_known", sa.Integer, nullable=False),
    )
    op.create_table(
        "export_record",
        sa.Column("bundle_id", sa.String(36), primary_key=True),
        sa.Column("created_hlc", sa.BigInteger, nullable=False, index=True),
        sa.Column("heads", sa.Text, nullable=False),
        sa.Column("file_name", sa.Text, nullable=False),
    )


def downgrade() -> None:
    raise NotImplementedError("Tawthiq never downgrades a database: it would lose history")
