"""Evidence files: the materialised table of the ``evidence_file`` records (a photo, video,
recording or document attached to an incident or a report; its bytes are kept beside the
database under their SHA-256).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "evidence_file",
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
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("size", sa.BigInteger, nullable=True),
        sa.Column("media_type", sa.String(128), nullable=True),
        sa.Column("incident_id", sa.String(36), nullable=True),
        sa.Column("source_report_id", sa.String(36), nullable=True),
    )
    op.create_index("ix_evidence_incident", "evidence_file", ["incident_id"])
    op.create_index("ix_evidence_source", "evidence_file", ["source_report_id"])
    op.create_index("ix_evidence_sha256", "evidence_file", ["sha256"])


def downgrade() -> None:
    op.drop_index("ix_evidence_sha256", "evidence_file")
    op.drop_index("ix_evidence_source", "evidence_file")
    op.drop_index("ix_evidence_incident", "evidence_file")
    op.drop_table("evidence_file")
