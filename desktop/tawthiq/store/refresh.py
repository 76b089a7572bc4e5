"""Materialising the records a merge touched, from all of their events."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from itertools import chain
from json import loads
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from tawthiq.store.events import COLUMNS, Event, parse_parents
from tawthiq.store.materialize import entity_state, row_for, table_of
from tawthiq.store.models import MATERIALISED
from tawthiq.store.parallel import Helper
from tawthiq.store.search_bulk import search_index_in_bulk
from tawthiq.store.writer import bulk_insert

TOUCHED = "sync_touched"
_BATCH = 2000
_CHARS_PER_BATCH = 4 * 2**20
_REPLAYED = COLUMNS[:10]  # up to ``seq``: what a replay reads


def make_touched_table(session: Session) -> None:
    """A temporary list of record ids whose rows must be written again."""
    conn = session.connection()
    conn.exec_driver_sql(f"CREATE TEMP TABLE IF NOT EXISTS {TOUCHED} (entity_id TEXT PRIMARY KEY)")
    conn.exec_driver_sql(f"DELETE FROM {TOUCHED}")


def _record_batches(session: Session) -> Iterator[list[str]]:
    """The events of each touched record as one JSON text, made by SQLite, in batches: a
    merge reads back every event it brought in, and texts cross to another process far
    more cheaply than a tuple per event. The hashes and signatures are left out: replaying
    does not read them (they were checked before the events came in)."""
    cols = ", ".join(f"e.{c}" for c in _REPLAYED)
    cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(
            f"SELECT json_group_array(json_array({cols})) FROM {TOUCHED} t "
            "JOIN event e ON e.entity_id = t.entity_id GROUP BY t.entity_id ORDER BY t.entity_id"
        )
        batch: list[str] = []
        size = 0
        for rows in iter(lambda: cursor.fetchmany(1000), []):
            for (text,) in rows:
                batch.append(text)
                size += len(text)
                if size >= _CHARS_PER_BATCH:
                    yield batch
                    batch, size = [], 0
        if batch:
            yield batch
    finally:
        cursor.close()


def _event(cols: list[Any]) -> Event:
    return Event(*cols[:5], parse_parents(cols[5]), *cols[6:], "", "")  # type: ignore[call-arg]


def replay_rows(records: list[str]) -> list[tuple[str, str, dict[str, Any], list[str]]]:
    """(entity, id, materialised row, fields in conflict) of each record in ``records``
    (all of one record's events as ``_record_batches`` gives them): the pure half of a
    refresh, which can run in another process."""
    out = []
    for text in records:
        state = entity_state(map(_event, loads(text)))
        row = row_for(state)
        conflicts = sorted(state.conflicts) if row["n_conflicts"] else []
        out.append((state.entity, state.entity_id, row, conflicts))
    return out


def refresh_touched(
    session: Session,
    progress: Callable[[int, int], None] | None = None,
    helper: Helper | None = None,
) -> dict[str, Any]:
    """Write again the row of every record listed in the touched table; returns counts:
    records ``new`` and ``changed``, and ``conflicts`` (id -> fields in conflict) of those
    now in conflict. ``progress(done, of)`` hears of every ``_BATCH`` records; with a
    ``helper``, the records are replayed on its second core while this one writes."""
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
    replayed = (rows for _, rows in (helper or Helper()).map(replay_rows, _record_batches(session)))
    sqlite = conn.dialect.name == "sqlite"
    with search_index_in_bulk(conn, TOUCHED) if sqlite else contextlib.nullcontext():
        for done, (entity, entity_id, row, conflicts) in enumerate(
            chain.from_iterable(replayed), 1
        ):
            known = entity_id in existing[entity]
            (updates if known else inserts)[entity].append(row)
            kind = "changed" if known else "new"
            counts[kind][entity] = counts[kind].get(entity, 0) + 1
            if conflicts:
                counts["conflicts"][entity_id] = (entity, conflicts)
            if len(inserts[entity]) + len(updates[entity]) >= _BATCH:
                _write(session, entity, inserts, updates)
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
