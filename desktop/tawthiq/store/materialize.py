"""From an entity's events to its row in the materialised tables.

One function serves saving, rebuilding and checking, so a rebuilt database is the
same database, and ``verify`` can tell when a materialised row was edited behind the log.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from sqlalchemy import Table, delete, distinct, func, insert, select
from sqlalchemy.orm import Session

from tawthiq.domain.arabic import search_terms
from tawthiq.domain.fields import (
    DELETED,
    EVIDENCE,
    INCIDENT,
    LINK,
    PAIR,
    SOURCE_REPORT,
    TRUST,
    VICTIM,
    FieldSpec,
    incident_fields,
    searched_fields,
)
from tawthiq.domain.records import EXTRACTOR
from tawthiq.domain.victims import name_keys
from tawthiq.store import group_ranges
from tawthiq.store import sqlite_search as search
from tawthiq.store.events import REPLAY_ORDER, Event, canonical_json, field_heads
from tawthiq.store.models import MATERIALISED, EventRow


@dataclass(frozen=True, slots=True)
class EntityState:
    entity: str
    entity_id: str
    values: dict[str, Any]
    heads: dict[str, list[Event]]
    first: Event
    last: Event
    revisions: int

    # Changes to other fields that the deletion shown did not know of (edit vs delete).
    unseen_by_delete: tuple[Event, ...] = ()

    @property
    def unchecked(self) -> list[str]:
        """Fields whose value shown the extractor suggested and no person has checked."""
        return [f for f, h in self.heads.items() if h[-1].origin == EXTRACTOR and f in self.values]

    @property
    def conflicts(self) -> dict[str, list[Event]]:
        """Fields whose heads hold different values; an edit made without seeing the
        deletion in force puts ``deleted`` in conflict too (its heads, then those edits)."""
        out = {f: h for f, h in self.heads.items() if len({e.value for e in h}) > 1}
        if self.unseen_by_delete:
            out[DELETED] = [*self.heads[DELETED], *self.unseen_by_delete]
        return out


def entity_state(events: Iterable[Event]) -> EntityState:
    """Replay one entity's events: per field, the heads and the winning value."""
    by_field: dict[str, list[Event]] = defaultdict(list)
    ordered = sorted(events, key=REPLAY_ORDER)
    for e in ordered:
        by_field[e.field].append(e)
    heads = {f: field_heads(evs) for f, evs in by_field.items()}
    values = {}
    for f in sorted(heads):
        v = heads[f][-1].decoded
        if v is not None:
            values[f] = v
    first = ordered[0]
    unseen = _unseen_by_delete(ordered, heads[DELETED][-1]) if values.get(DELETED) else ()
    return EntityState(
        first.entity, first.entity_id, values, heads, first, ordered[-1], len(ordered), unseen
    )


def _unseen_by_delete(events: list[Event], deletion: Event) -> tuple[Event, ...]:
    """Changes to other fields that ``deletion`` was written without knowing of.

    A deletion names as parents the heads of every field it saw; what they descend from it
    saw too. Its own device's earlier events it saw in any case (deletions written before
    they named every field relied on that). A check of a value, which changes none, is no
    change it could have missed."""
    by_id = {e.event_id: e for e in events}
    seen: set[str] = set()
    todo = list(deletion.parents)
    while todo:
        event_id = todo.pop()
        if event_id not in seen:
            seen.add(event_id)
            known = by_id.get(event_id)
            if known is not None:
                todo.extend(known.parents)
    return tuple(
        e
        for e in events
        if e.field != DELETED
        and e.event_id not in seen
        and not (e.device_id == deletion.device_id and e.seq < deletion.seq)
        and not _confirms(e, by_id)
    )


def _confirms(e: Event, by_id: dict[str, Event]) -> bool:
    """An event that writes again the value it saw (a person checking a suggestion): it
    changes nothing, so it does not contest a deletion made meanwhile."""
    return bool(e.parents) and all(p in by_id and by_id[p].value == e.value for p in e.parents)


def column_values(spec: FieldSpec, value: Any) -> dict[str, Any]:
    """The columns of the incident table that a registry field marked ``column`` fills:
    a figure its minimum and maximum, a list its canonical JSON, anything else itself."""
    if spec.kind == "count":
        value = value or {}
        return {f"{spec.name}_min": value.get("min"), f"{spec.name}_max": value.get("max")}
    if spec.kind == "codes":
        return {spec.name: canonical_json(value) if value else None}
    return {spec.name: value}


def _incident_columns(state: EntityState) -> dict[str, Any]:
    v = state.values
    unchecked = sorted(state.unchecked)
    columns = {
        "unchecked": canonical_json(unchecked) if unchecked else None,
        "title": v.get("title_ar") or v.get("title_en"),
        "place_name": v.get("place_name") or v.get("place_name_ar") or v.get("place_name_en"),
        "search_text": " ".join(
            t for k in searched_fields() if v.get(k) for t in search_terms(v[k])
        ),
    }
    for spec in incident_fields(column=True):
        columns.update(column_values(spec, v.get(spec.name)))
    return columns


def _source_columns(state: EntityState) -> dict[str, Any]:
    v = state.values
    parts = [v.get("title") or "", v.get("text") or "", v.get("outlet") or ""]
    return {
        "language": v.get("language"),
        "outlet": v.get("outlet"),
        "publication_date": v.get("publication_date"),
        "search_text": " ".join(search_terms(" ".join(parts))),
    }


def _link_columns(state: EntityState) -> dict[str, Any]:
    return {k: state.values.get(k) for k in ("incident_id", "source_report_id")}


def _pair_columns(state: EntityState) -> dict[str, Any]:
    return {k: state.values.get(k) for k in ("incident_a", "incident_b", "decision")}


def _trust_columns(state: EntityState) -> dict[str, Any]:
    return {k: state.values.get(k) for k in ("device", "public_key")}


def _victim_columns(state: EntityState) -> dict[str, Any]:
    v = state.values
    return {
        "incident_id": v.get("incident_id"),
        "status": v.get("status"),
        "public": bool(v.get("public", False)),
        "same_person_as": v.get("same_person_as"),
        "name_key": name_keys(v.get("name_ar"), v.get("name_en")),
    }


def _evidence_columns(state: EntityState) -> dict[str, Any]:
    keys = ("sha256", "size", "media_type", "incident_id", "source_report_id")
    return {k: state.values.get(k) for k in keys}


_COLUMNS = {
    INCIDENT: _incident_columns,
    SOURCE_REPORT: _source_columns,
    LINK: _link_columns,
    PAIR: _pair_columns,
    TRUST: _trust_columns,
    VICTIM: _victim_columns,
    EVIDENCE: _evidence_columns,
}


def row_for(state: EntityState) -> dict[str, Any]:
    """The materialised row of an entity (without ``num``, which only the table assigns)."""
    return {
        "id": state.entity_id,
        "data": canonical_json(state.values),
        "deleted": bool(state.values.get(DELETED, False)),
        "n_conflicts": len(state.conflicts),
        "revisions": state.revisions,
        "created_hlc": state.first.hlc,
        "updated_hlc": state.last.hlc,
        "created_by": state.first.author,
        "updated_by": state.last.author,
        **_COLUMNS[state.entity](state),
    }


def table_of(entity: str) -> Table:
    return MATERIALISED[entity].__table__  # type: ignore[attr-defined, no-any-return]


def all_states(session: Session) -> Iterator[EntityState]:
    """Every entity replayed from the log, streaming one entity at a time."""
    rows = session.execute(
        select(EventRow.__table__).order_by(EventRow.entity_id),
        execution_options={"yield_per": 5000},
    )
    for _, group in groupby((Event.from_row(r) for r in rows), key=lambda e: e.entity_id):
        yield entity_state(group)


Progress = Callable[[int, int], None]  # (done, total); may raise to stop the work


def no_progress(done: int, total: int) -> None:
    pass


def count_entities(session: Session) -> int:
    return session.execute(select(func.count(distinct(EventRow.entity_id)))).scalar_one()


def rebuild(session: Session, progress: Progress = no_progress) -> int:
    """Throw the materialised tables away and write them again from the event log;
    ``progress`` hears (entities done, entities in all) as it goes."""
    total = count_entities(session)
    progress(0, total)
    nums = {
        entity: dict(session.execute(select(table_of(entity).c.id, table_of(entity).c.num)).all())
        for entity in MATERIALISED
    }
    for entity in MATERIALISED:
        session.execute(delete(table_of(entity)))
    # Rows keep their number (the search index refers to it); rows that had none get a new
    # one. The two kinds go in separate statements: one statement takes one set of columns.
    batches: dict[tuple[str, bool], list[dict[str, Any]]] = defaultdict(list)
    count = 0
    for state in all_states(session):
        row = row_for(state)
        num = nums[state.entity].get(state.entity_id)
        if num is not None:
            row["num"] = num
        key = (state.entity, num is not None)
        batches[key].append(row)
        count += 1
        if count % 500 == 0:
            progress(count, total)
        if len(batches[key]) >= 2000:
            session.execute(insert(table_of(state.entity)), batches.pop(key))
    for (entity, _), rows in batches.items():
        session.execute(insert(table_of(entity)), rows)
    group_ranges.refresh_all(session)  # derived from the rows just written
    search.rebuild_index(session)
    progress(total, total)
    return count


def state_digest(session: Session) -> str:
    """SHA-256 of every materialised record (not the row numbers): equal digests, equal
    records. Trust decisions are left out: each laptop accepts keys of its own."""
    h = hashlib.sha256()
    for entity in sorted(set(MATERIALISED) - {TRUST}):
        table = table_of(entity)
        cols = [c for c in table.c if c.name != "num"]
        for row in session.execute(select(*cols).order_by(table.c.id)):
            h.update(canonical_json([entity, *row]).encode("utf-8"))
            h.update(b"\n")
    return h.hexdigest()
