"""Initial schema: event log, devices, signed chain heads, materialised tables, search.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from tawthiq.store.sqlite_search import PG_VECTOR

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _materialised(name: str, *extra: sa.Column[object]) -> None:
    op.create_table(
        name,
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
        *extra,
    )


def _fts(table: str) -> None:
    """An external-content FTS5 index over ``table.search_text``, kept current by triggers."""
    fts = f"{table}_fts"
    op.execute(
        f"CREATE VIRTUAL TABLE {fts} USING fts5(search_text, content='{table}', "
        "content_rowid='num', tokenize='unicode61 remove_diacritics 2', prefix='2 3')"
    )
    op.execute(
        f"CREATE TRIGGER {table}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, search_text) VALUES (new.num, new.search_text); END"
    )
    op.execute(
        f"CREATE TRIGGER {table}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES('delete', old.num, old.search_text);"
        " END"
    )
    op.execute(
        f"CREATE TRIGGER {table}_au AFTER UPDATE OF search_text ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES('delete', old.num, old.search_text);"
        f" INSERT INTO {fts}(rowid, search_text) VALUES (new.num, new.search_text); END"
    )


def upgrade() -> None:
    op.create_table(
        "event",
        sa.Column("event_id", sa.String(36), primary_key=True),
        sa.Column("entity", sa.String(32), nullable=False),
        sa.Column("entity_id", sa.String(36), nullable=False),
        sa.Column("field", sa.String(64), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("parents", sa.Text, nullable=False),
        sa.Column("hlc", sa.BigInteger, nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("signature", sa.Text, nullable=True),
        sa.UniqueConstraint("device_id", "seq", name="uq_event_device_seq"),
    )
    op.create_index("ix_event_entity", "event", ["entity_id", "field"])
    op.create_table(
        "device",
        sa.Column("device_id", sa.String(36), primary_key=True),
        sa.Column("public_key", sa.String(64), nullable=False),
        sa.Column("first_seen_hlc", sa.BigInteger, nullable=False),
        sa.Column("trusted", sa.Boolean, nullable=False),
    )
    op.create_table(
        "chain_head",
        sa.Column("device_id", sa.String(36), primary_key=True),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("signature", sa.Text, nullable=False),
    )
    _materialised(
        "incident",
        sa.Column("title", sa.Text),
        sa.Column("date_start", sa.String(10)),
        sa.Column("date_end", sa.String(10)),
        sa.Column("governorate", sa.String(64)),
        sa.Column("place_name", sa.Text),
        sa.Column("incident_type", sa.String(64)),
        sa.Column("perpetrators", sa.Text),
        sa.Column("status", sa.String(16)),
        sa.Column("killed_min", sa.Integer),
        sa.Column("killed_max", sa.Integer),
        sa.Column("injured_min", sa.Integer),
        sa.Column("injured_max", sa.Integer),
        sa.Column("search_text", sa.Text, nullable=False),
    )
    op.create_index("ix_incident_gov_date", "incident", ["deleted", "governorate", "date_start"])
    op.create_index("ix_incident_date", "incident", ["deleted", "date_start"])
    op.create_index("ix_incident_type", "incident", ["incident_type"])
    op.create_index("ix_incident_status", "incident", ["status"])
    _materialised(
        "source_report",
        sa.Column("language", sa.String(8)),
        sa.Column("outlet", sa.Text),
        sa.Column("publication_date", sa.String(10)),
        sa.Column("search_text", sa.Text, nullable=False),
    )
    _materialised(
        "incident_source",
        sa.Column("incident_id", sa.String(36)),
        sa.Column("source_report_id", sa.String(36)),
    )
    op.create_index("ix_link_incident", "incident_source", ["incident_id"])
    op.create_index("ix_link_source", "incident_source", ["source_report_id"])
    if op.get_bind().dialect.name == "sqlite":
        _fts("incident")
        _fts("source_report")
    else:  # PostgreSQL's own full text over the same normalised terms (a team server)
        for table in ("incident", "source_report"):
            # kept in a column of its own: a search then reads the stored words of each row
            # it finds, never computes them again (a word found in every row: 0.8 s -> ms)
            op.execute(
                f"ALTER TABLE {table} ADD COLUMN search_vector tsvector "
                f"GENERATED ALWAYS AS ({PG_VECTOR}) STORED"
            )
            op.execute(f"CREATE INDEX ix_{table}_search ON {table} USING gin (search_vector)")


def downgrade() -> None:
    raise NotImplementedError("Tawthiq never downgrades a database: it would lose history")
