"""SQLite's bulk loading: many rows through the driver's ``executemany``, the temporary
tables a merge stages its events and its touched records in, a larger page cache while it
runs, and reading back all the events of the touched records as JSON texts made by SQLite.
A PostgreSQL store is another module with these functions (``COPY``, say).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import column, insert, table, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import TableClause

from tawthiq.store.events import COLUMNS
from tawthiq.store.sqlite_connection import CACHE_KIB

STAGING = "sync_staging"  # events checked and not yet applied
TOUCHED = "sync_touched"  # ids of the records whose rows a merge must write again
MERGE_CACHE_KIB = 128 * 1024  # SQLite's page cache while merging (64 MiB otherwise)
_STAGING_TABLE = table(STAGING, *(column(c) for c in COLUMNS))


def _is_sqlite(session: Session) -> bool:
    return session.connection().dialect.name == "sqlite"


def lead_join(session: Session) -> str:
    """``CROSS JOIN`` (SQLite then reads the left table first: the few touched ids lead);
    a plain ``JOIN`` elsewhere, whose planner chooses by itself."""
    return "CROSS JOIN" if _is_sqlite(session) else "JOIN"


def insert_rows(
    session: Session, table: TableClause, cols: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    """Many rows at once; on SQLite straight to ``executemany``, which is several times
    cheaper than SQLAlchemy's per-row parameter processing on this hot path."""
    conn = session.connection()
    if conn.dialect.name == "postgresql":  # COPY: many times cheaper than row by row
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        with cursor.copy(f"COPY {table.name} ({', '.join(cols)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    if conn.dialect.name != "sqlite":
        conn.execute(insert(table), [dict(zip(cols, r, strict=True)) for r in rows])
        return
    sql = f"INSERT INTO {table.name} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    conn.exec_driver_sql(sql, rows)


def update_rows(session: Session, table: TableClause, rows: list[dict[str, Any]]) -> None:
    """Write ``rows`` (each with its ``id`` and the same columns) over the rows they name."""
    if rows and _is_sqlite(session):
        cols = [c for c in rows[0] if c != "id"]
        sql = f"UPDATE {table.name} SET {', '.join(f'{c} = ?' for c in cols)} WHERE id = ?"
        session.connection().exec_driver_sql(sql, [(*(r[c] for c in cols), r["id"]) for r in rows])
    else:
        for row in rows:
            session.execute(update(table).where(table.c.id == row["id"]).values(**row))


@contextlib.contextmanager
def merge_settings(session: Session) -> Iterator[None]:
    """A larger page cache while a merge touches the event indexes all over."""
    conn = session.connection()
    sqlite = conn.dialect.name == "sqlite"
    if sqlite:
        conn.exec_driver_sql(f"PRAGMA cache_size=-{MERGE_CACHE_KIB}")
    try:
        yield
    finally:
        if sqlite:
            with contextlib.suppress(Exception):  # after a failure the error that counts is that
                conn.exec_driver_sql(f"PRAGMA cache_size=-{CACHE_KIB}")


def make_merge_tables(session: Session) -> None:
    """The staging table (the event table's columns) and the touched list, empty."""
    conn = session.connection()
    cols = ", ".join(COLUMNS)
    conn.exec_driver_sql(
        f"CREATE TEMP TABLE IF NOT EXISTS {STAGING} AS SELECT {cols} FROM event WHERE 1 = 0"
    )
    conn.exec_driver_sql(f"DELETE FROM {STAGING}")
    conn.exec_driver_sql(f"CREATE TEMP TABLE IF NOT EXISTS {TOUCHED} (entity_id TEXT PRIMARY KEY)")
    conn.exec_driver_sql(f"DELETE FROM {TOUCHED}")


def stage(session: Session, rows: list[tuple[Any, ...]]) -> None:
    """Keep checked events (tuples in the order of ``COLUMNS``) until ``apply_staged``."""
    insert_rows(session, _STAGING_TABLE, COLUMNS, rows)


def _first_row(session: Session, *queries: str) -> Any:
    """The first row the first of ``queries`` that finds one gives, or None."""
    conn = session.connection()
    for sql in queries:
        row = conn.exec_driver_sql(f"{sql} LIMIT 1").first()
        if row is not None:
            return row
    return None


def staged_id_clash(session: Session) -> tuple[int, str] | None:
    """(seq, device) of a staged event whose id is already here, or twice in staging."""
    return _first_row(  # type: ignore[no-any-return]
        session,
        f"SELECT s.seq, s.device_id FROM {STAGING} s JOIN event e ON e.event_id = s.event_id",
        f"SELECT max(seq), max(device_id) FROM {STAGING} GROUP BY event_id HAVING count(*) > 1",
    )


def staged_kind_clash(session: Session) -> tuple[str, int, str] | None:
    """(record, seq, device) of a staged event naming a record id of another kind here,
    or of two kinds in staging."""
    return _first_row(  # type: ignore[no-any-return]
        session,
        f"SELECT s.entity_id, s.seq, s.device_id FROM {STAGING} s "
        "JOIN event e ON e.entity_id = s.entity_id WHERE e.entity != s.entity",
        f"SELECT entity_id, max(seq), max(device_id) FROM {STAGING} GROUP BY entity_id "
        "HAVING count(DISTINCT entity) > 1",
    )


def apply_staged(session: Session) -> None:
    """Move the staged events into the log and their records into the touched list."""
    conn = session.connection()
    cols = ", ".join(COLUMNS)
    conn.exec_driver_sql(f"INSERT INTO event ({cols}) SELECT {cols} FROM {STAGING}")
    conn.exec_driver_sql(
        f"INSERT INTO {TOUCHED} SELECT DISTINCT entity_id FROM {STAGING} "
        f"WHERE entity_id NOT IN (SELECT entity_id FROM {TOUCHED})"
    )
    conn.exec_driver_sql(f"DELETE FROM {STAGING}")


def count_touched(session: Session) -> int:
    return int(
        session.connection().exec_driver_sql(f"SELECT count(*) FROM {TOUCHED}").scalar() or 0
    )


def touched_in(session: Session, table: str) -> list[str]:
    """The touched record ids that have a row in ``table`` (the touched ids lead: see
    ``sqlite_search.index_in_bulk``)."""
    return [
        r[0]
        for r in session.connection().exec_driver_sql(
            f"SELECT x.id FROM {TOUCHED} t {lead_join(session)} {table} x ON x.id = t.entity_id"
        )
    ]


def touched_events(session: Session, cols: Sequence[str], chars: int) -> Iterator[list[str]]:
    """The events of each touched record as one JSON text (a list of ``cols`` lists), made
    by SQLite, in batches of about ``chars`` characters, in order of record id: texts cross
    to another process far more cheaply than a tuple per event."""
    listed = ", ".join(f"e.{c}" for c in cols)
    grouped = (
        f"json_group_array(json_array({listed}))"
        if _is_sqlite(session)
        else f"json_agg(json_build_array({listed}) ORDER BY e.hlc, e.device_id, e.seq)::text"
    )
    cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(
            f"SELECT {grouped} FROM {TOUCHED} t "
            "JOIN event e ON e.entity_id = t.entity_id GROUP BY t.entity_id ORDER BY t.entity_id"
        )
        batch: list[str] = []
        size = 0
        for rows in iter(lambda: cursor.fetchmany(1000), []):
            for (text,) in rows:
                batch.append(text)
                size += len(text)
                if size >= chars:
                    yield batch
                    batch, size = [], 0
        if batch:
            yield batch
    finally:
        cursor.close()
