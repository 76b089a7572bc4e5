"""Materialising the records a merge touched, from all of their events."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import groupby
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from tawthiq.store.events import COLUMNS, Event
from tawthiq.store.materialize import entity_state, row_for, table_of
from tawthiq.store.models import MATERIALISED
from tawthiq.store.writer import bulk_insert

TOUCHED = "sync_touched"
_BATCH = 2000


def make_touched_table(session: Session) -> None:
    """A temporary list of record ids whose rows must be written again."""
    conn = session.connection()
    conn.exec_driver_sql(f"CREATE TEMP TABLE IF NOT EXISTS {TOUCHED} (entity_id TEXT PRIMARY KEY)")
    conn.exec_driver_sql(f"DELETE FROM {TOUCHED}")


def _states(session: Session) -> Iterator[Any]:
    """Each touched record replayed from all its events, read through a plain cursor (a
    merge reads back every event it brought in)."""
    cols = ", ".join(f"e.{c}" for c in COLUMNS)
    cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(
            f"SELECT {cols} FROM {TOUCHED} t JOIN event e ON e.entity_id = t.entity_id "
            "ORDER BY t.entity_id"
        )
        events = (
            Event.from_tuple(r) for batch in iter(lambda: cursor.fetchmany(5000), []) for r in batch
        )
        for _, group in groupby(events, key=lambda e: e.entity_id):
            yield entity_state(group)
    finally:
        cursor.close()


def refresh_touched(
    session: Session, progress: Callable[[int, int], None] | None = None
) -> dict[str, Any]:
    """Write again the row of every record listed in the touched table; returns counts:
    records ``new`` and ``changed``, and ``conflicts`` (id -> fields in conflict) of those
    now in conflict. ``progress(done, of)`` hears of every ``_BATCH`` records."""
    conn = session.connection()
    touched = int(conn.exec_driver_sql(f"SELECT count(*) FROM {TOUCHED}").scalar() or 0)
    existing: dict[str, set[str]] = {}
    for entity in MATERIALISED:
        name = table_of(entity).name
        existing[entity] = {
            r[0]
            for r in conn.exec_driver_sql(
                f"SELECT x.id FROM {TOUCHED} t JOIN {name} x ON x.id = t.entity_id"
            )
        }
    inserts: dict[str, list[dict[str, Any]]] = {e: [] for e in MATERIALISED}
    updates: dict[str, list[dict[str, Any]]] = {e: [] for e in MATERIALISED}
    counts: dict[str, Any] = {"new": {}, "changed": {}, "conflicts": {}}
    for done, state in enumerate(_states(session), start=1):
        row = row_for(state)
        known = state.entity_id in existing[state.entity]
        (updates if known else inserts)[state.entity].append(row)
        kind = "changed" if known else "new"
        counts[kind][state.entity] = counts[kind].get(state.entity, 0) + 1
        if row["n_conflicts"]:
            counts["conflicts"][state.entity_id] = (state.entity, sorted(state.conflicts))
        if len(inserts[state.entity]) + len(updates[state.entity]) >= _BATCH:
            _write(session, state.entity, inserts, updates)
        if progress is not None and done % _BATCH == 0:
            progress(done, touched)
    for entity in MATERIALISED:
        _write(session, entity, inserts, updates)
    if progress is not None:
        progress(touched, touched)
    return counts


def _write(
    session: Session,
    entity: str,
    inserts: dict[str, list[dict[str, Any]]],
    updates: dict[str, list[dict[str, Any]]],
) -> None:
    table = table_of(entity)
    if inserts[entity]:
        cols = list(inserts[entity][0])
        bulk_insert(session, table, cols, [tuple(r[c] for c in cols) for r in inserts[entity]])
        inserts[entity].clear()
    rows = updates[entity]
    if rows and session.get_bind().dialect.name == "sqlite":
        cols = [c for c in rows[0] if c != "id"]
        sql = f"UPDATE {table.name} SET {', '.join(f'{c} = ?' for c in cols)} WHERE id = ?"
        session.connection().exec_driver_sql(sql, [(*(r[c] for c in cols), r["id"]) for r in rows])
    else:
        for row in rows:
            session.execute(update(table).where(table.c.id == row["id"]).values(**row))
    rows.clear()
