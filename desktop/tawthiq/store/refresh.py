"""Materialising the records a merge touched, from all of their events."""

from __future__ import annotations

from collections.abc import Callable
from itertools import chain
from json import loads
from typing import Any

from sqlalchemy.orm import Session

from tawthiq.domain.fields import INCIDENT, LINK, SOURCE_REPORT
from tawthiq.store import group_ranges
from tawthiq.store import sqlite_bulk as bulk
from tawthiq.store import sqlite_search as search
from tawthiq.store.events import COLUMNS, Event, parse_parents
from tawthiq.store.materialize import entity_state, row_for, table_of
from tawthiq.store.models import MATERIALISED
from tawthiq.store.parallel import Helper

_BATCH = 2000
_CHARS_PER_BATCH = 4 * 2**20
# Up to ``seq``, and the origin: what a replay reads. The hashes and signatures are left
# out: replaying does not read them (they were checked before the events came in).
_REPLAYED = (*COLUMNS[:10], "origin")


def _event(cols: list[Any]) -> Event:
    return Event(*cols[:5], parse_parents(cols[5]), *cols[6:10], "", "", None, cols[10])  # type: ignore[call-arg]


def replay_rows(records: list[str]) -> list[tuple[str, str, dict[str, Any], list[str]]]:
    """(entity, id, materialised row, fields in conflict) of each record in ``records``
    (all of one record's events as ``bulk.touched_events`` gives them): the pure half of a
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
    touched = bulk.count_touched(session)
    existing = {e: set(bulk.touched_in(session, table_of(e).name)) for e in MATERIALISED}
    inserts: dict[str, list[dict[str, Any]]] = {e: [] for e in MATERIALISED}
    updates: dict[str, list[dict[str, Any]]] = {e: [] for e in MATERIALISED}
    counts: dict[str, Any] = {"new": {}, "changed": {}, "conflicts": {}}
    many = touched > group_ranges.ALL_ABOVE
    before = set() if many else _ranged(session, existing, before=True)
    batches = bulk.touched_events(session, _REPLAYED, _CHARS_PER_BATCH)
    replayed = (rows for _, rows in (helper or Helper()).map(replay_rows, batches))
    with search.index_in_bulk(session, bulk.TOUCHED):
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
    if many:
        group_ranges.refresh_all(session)
    else:
        now = {e: set(bulk.touched_in(session, table_of(e).name)) for e in MATERIALISED}
        group_ranges.refresh(session, before | _ranged(session, now, before=False))
    if progress is not None:
        progress(touched, touched)
    return counts


def _ranged(session: Session, rows: dict[str, set[str]], *, before: bool) -> set[str]:
    """The incidents whose range columns the touched rows may change: as the tables are
    ``before`` the merge writes them (what the touched incidents were grouped into, what
    the touched links joined), then after (the incidents touched, linked to a report or by
    a link touched)."""
    incidents, links = sorted(rows[INCIDENT]), sorted(rows[LINK])
    if before:
        return {
            *group_ranges.parents_of(session, incidents),
            *group_ranges.incidents_of_links(session, links),
        }
    return {
        *incidents,
        *group_ranges.incidents_of_links(session, links),
        *group_ranges.incidents_of_reports(session, sorted(rows[SOURCE_REPORT])),
    }


def _write(
    session: Session,
    entity: str,
    inserts: dict[str, list[dict[str, Any]]],
    updates: dict[str, list[dict[str, Any]]],
) -> None:
    table = table_of(entity)
    if inserts[entity]:
        cols = list(inserts[entity][0])
        rows = [tuple(r[c] for c in cols) for r in inserts[entity]]
        bulk.insert_rows(session, table, cols, rows)
        inserts[entity].clear()
    bulk.update_rows(session, table, updates[entity])
    updates[entity].clear()
