"""The materialised tables checked against the event log: every row (``verify``), the rows
a report prints (``RowComparison``), the columns a selection chooses incidents by
(``column_mismatch``). Rows are compared as ``materialize.row_for`` writes them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from itertools import groupby
from typing import Any

from sqlalchemy import bindparam, column, select
from sqlalchemy.orm import Session

from tawthiq.domain.errors import N_, Sentence
from tawthiq.domain.fields import DELETED, INCIDENT, incident_fields
from tawthiq.store import group_ranges
from tawthiq.store.events import Event
from tawthiq.store.materialize import (
    EntityState,
    Progress,
    all_states,
    column_values,
    count_entities,
    entity_state,
    no_progress,
    row_for,
    table_of,
)
from tawthiq.store.models import MATERIALISED, EventRow


def materialised_mismatches(
    session: Session, limit: int = 10, progress: Progress = no_progress
) -> list[str]:
    """Rows of the materialised tables that differ from what the event log says.

    Values are compared as SQLite stores them (no type conversion), so a ``deleted`` set to
    '' or a number stored as text is caught too."""
    problems: list[str] = []
    expected_ids: dict[str, set[str]] = defaultdict(set)
    compare = RowComparison(session)
    total = count_entities(session)
    for done, state in enumerate(all_states(session), 1):
        if done % 500 == 0:
            progress(done, total)
        expected_ids[state.entity].add(state.entity_id)
        problem = compare.problem(state)
        if problem is not None:
            problems.append(problem)
        if len(problems) >= limit:
            return problems
    for entity in MATERIALISED:
        table = table_of(entity)
        for (row_id,) in session.execute(select(table.c.id)):
            if row_id not in expected_ids[entity]:
                problems.append(no_history(entity, row_id))
    # the range across a group's reports, derived from the rows checked above
    for incident_id, columns in group_ranges.mismatches(session, limit):
        problems.append(_differs(INCIDENT, incident_id, columns))
    return problems[:limit]


def column_mismatch(
    session: Session, fields: Collection[str], progress: Progress = no_progress
) -> Sentence | None:
    """The first incident whose stored ``fields`` columns (registry names, and ``deleted``)
    differ from what its events give, or whose row is missing or has no events: what a
    query choosing incidents by those columns needs intact before its answer is printed.
    Only those fields' events are read, not the whole log. ``progress`` hears (incidents
    done, incidents in all)."""
    table = table_of(INCIDENT)
    specs = [s for s in incident_fields(column=True) if s.name in fields]
    cols = ["deleted", *(c for s in specs for c in column_values(s, None))]

    def problem(entity_id: str, values: dict[str, Any]) -> Sentence | None:
        want = {"deleted": bool(values.get(DELETED, False))}
        for spec in specs:
            want.update(column_values(spec, values.get(spec.name)))
        got = stored.pop(entity_id)
        diff = sorted(c for c, v in zip(cols, got, strict=True) if not _same(v, want[c]))
        return _differs(INCIDENT, entity_id, diff) if diff else None

    # untyped columns: the values as stored, as RowComparison reads them
    found_rows: Any = session.connection().execute(
        select(column("id"), *(column(c) for c in cols)).select_from(table)
    )
    stored = {r[0]: r[1:] for r in found_rows}
    ids = set(
        session.execute(
            select(EventRow.entity_id).where(EventRow.entity == INCIDENT).distinct()
        ).scalars()
    )
    for entity_id in sorted(ids - set(stored)):
        return _missing(INCIDENT, entity_id, table.name)
    rows = session.execute(
        select(EventRow.__table__)
        .where(EventRow.entity == INCIDENT, EventRow.field.in_({DELETED, *fields}))
        .order_by(EventRow.entity_id),
        execution_options={"yield_per": 5000},
    )
    total = len(ids)
    progress(0, total)
    for done, (entity_id, group) in enumerate(
        groupby((Event.from_row(r) for r in rows), key=lambda e: e.entity_id), 1
    ):
        if done % 500 == 0:
            progress(done, total)
        found = problem(entity_id, entity_state(group).values)
        if found is not None:
            return found
    progress(total, total)
    for entity_id in sorted(stored):  # none of those fields written: every column empty
        found = problem(entity_id, {}) if entity_id in ids else no_history(INCIDENT, entity_id)
        if found is not None:
            return found
    return None


def _missing(entity: str, entity_id: str, table: str) -> Sentence:
    return Sentence(
        N_("{entity} {id} is missing from the {table} table"),
        entity=entity,
        id=entity_id,
        table=table,
    )


def _differs(entity: str, entity_id: str, columns: list[str]) -> Sentence:
    return Sentence(
        N_("{entity} {id}: the stored {columns} does not match its history"),
        entity=entity,
        id=entity_id,
        columns=", ".join(columns),
    )


def no_history(entity: str, entity_id: str) -> Sentence:
    """A row of the tables that no event wrote (put there outside Tawthiq)."""
    return Sentence(
        N_("{entity} {id} has no history in the event log"), entity=entity, id=entity_id
    )


class RowComparison:
    """An entity's stored row against the one its events give (``row_for``): the whole
    table for ``verify``, the records behind a report before it is printed."""

    def __init__(self, session: Session) -> None:
        self._conn = session.connection()
        self._queries: dict[tuple[str, tuple[str, ...]], Any] = {}  # one per row shape

    def problem(self, state: EntityState) -> Sentence | None:
        """What differs between the stored row of ``state``'s entity and its history."""
        table = table_of(state.entity)
        want = row_for(state)
        cols = list(want)
        key = (state.entity, tuple(cols))
        if key not in self._queries:
            # Untyped columns: the values as stored, without SQLAlchemy's conversions.
            self._queries[key] = (
                select(*(column(c) for c in cols))
                .select_from(table)
                .where(table.c.id == bindparam("id"))
            )
        stored: Any = self._conn.execute(self._queries[key], {"id": state.entity_id}).first()
        if stored is None:
            return _missing(state.entity, state.entity_id, table.name)
        diff = sorted(c for c, got in zip(cols, stored, strict=True) if not _same(got, want[c]))
        return _differs(state.entity, state.entity_id, diff) if diff else None


def _same(stored: Any, wanted: Any) -> bool:
    """Equal and of the same storage type (SQLite keeps booleans as the integers 0 and 1;
    PostgreSQL as booleans, its column's only type)."""
    if isinstance(wanted, bool):
        if type(stored) is bool:
            return stored is wanted
        return type(stored) is int and stored == int(wanted)
    return type(stored) is type(wanted) and stored == wanted
