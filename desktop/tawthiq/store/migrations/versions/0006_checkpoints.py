"""Checkpoints and trust decisions in the log (format 2): each commit's signed checkpoint
(its root) and the chain heads it covers, the latest checkpoint received from each other
laptop, and the materialised table of the ``device_trust`` records.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "checkpoint",
        sa.Column("number", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("public_key", sa.String(64), nullable=False),
        sa.Column("hlc", sa.BigInteger, nullable=False),
        sa.Column("devices", sa.Integer, nullable=False),
        sa.Column("events", sa.BigInteger, nullable=False),
        sa.Column("root", sa.String(64), nullable=False),
        sa.Column("previous", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("signature", sa.Text, nullable=False),
    )
    op.create_table(
        "checkpoint_head",
        sa.Column("number", sa.BigInteger, primary_key=True),
        sa.Column("device_id", sa.String(36), primary_key=True),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_index("ix_checkpoint_head_device", "checkpoint_head", ["device_id", "number"])
    op.create_table(
        "received_checkpoint",
        sa.Column("device_id", sa.String(36), primary_key=True),
        sa.Column("number", sa.BigInteger, nullable=False),
        sa.Column("hlc", sa.BigInteger, nullable=False),
        sa.Column("heads", sa.Text, nullable=False),
        sa.Column("root", sa.String(64), nullable=False),
        sa.Column("previous", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("signature", sa.Text, nullable=False),
        sa.Column("received_hlc", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "device_trust",
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
        sa.Column("device", sa.String(36), nullable=True),
        sa.Column("public_key", sa.String(64), nullable=True),
    )
    op.create_index("ix_device_trust_device", "device_trust", ["device"])


def downgrade() -> None:
    op.drop_index("ix_device_trust_device", "device_trust")
    op.drop_table("device_trust")
    op.drop_table("received_checkpoint")
    op.drop_index("ix_checkpoint_head_device", "checkpoint_head")
    op.drop_table("checkpoint_head")
    op.drop_table("checkpoint")
