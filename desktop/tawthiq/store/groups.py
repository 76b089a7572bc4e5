"""Which incident each incident is shown as: the one definition that lists (the materialised
column ``shown_as``), a group's reports and ranges (``group_ranges``) and the services
(``services.grouping``) all read.

An incident grouped into another (``grouped_into``) is shown as the end of its chain of
groupings: the first incident on it grouped into none. It stands on its own instead when
the chain meets an incident deleted or not held here (its work is not hidden behind
something nobody sees), or comes back on itself: two or three laptops grouping incidents
each into the next at once make a ring, and every incident of it stands alone until
someone settles it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawthiq.store.models import IncidentRow

DEPTH = 32  # a chain of groupings longer than this is taken for a ring
CHUNK = 500  # ids in one IN (...)

# incident id -> (what it is grouped into, deleted)
Rows = dict[str, tuple[str | None, bool]]


def chunks(ids: Sequence[str]) -> Iterator[list[str]]:
    """``ids`` a few hundred at a time: under SQLite's limit of parameters in one IN (...)."""
    for n in range(0, len(ids), CHUNK):
        yield list(ids[n : n + CHUNK])


def _read(session: Session, ids: Iterable[str], rows: Rows) -> None:
    """Add to ``rows`` the incidents of ``ids`` and, level by level, those they are
    grouped into."""
    todo = sorted(set(ids) - set(rows))
    for _ in range(DEPTH + 1):
        if not todo:
            return
        found: Rows = {}
        for chunk in chunks(todo):
            stmt = select(IncidentRow.id, IncidentRow.grouped_into, IncidentRow.deleted)
            for incident_id, into, deleted in session.execute(
                stmt.where(IncidentRow.id.in_(chunk))
            ):
                found[str(incident_id)] = (into, bool(deleted))
        rows.update(found)
        for missing in set(todo) - set(found):
            rows[missing] = (None, True)  # not held here: nothing is shown as part of it
        todo = sorted({into for into, _ in found.values() if into} - set(rows))


def root_in(rows: Rows, incident_id: str) -> str:
    """The incident ``incident_id`` is shown as, from rows already read (a deleted one is
    part of no group: it counts for nothing)."""
    if rows.get(incident_id, (None, True))[1]:
        return incident_id
    seen = {incident_id}
    current = incident_id
    for _ in range(DEPTH):
        into = rows.get(current, (None, True))[0]
        if not into:
            return current
        target = rows.get(into)
        if target is None or target[1]:
            return current  # deleted, or not held here
        if into in seen:
            return incident_id  # a ring
        seen.add(into)
        current = into
    return incident_id


def roots(session: Session, ids: Collection[str]) -> dict[str, str]:
    """For each of ``ids``, the incident it is shown as (itself when it stands alone)."""
    rows: Rows = {}
    _read(session, ids, rows)
    return {i: root_in(rows, i) for i in ids}


def all_roots(session: Session) -> dict[str, str]:
    """Every incident's, in one pass (a rebuild, ``verify``)."""
    rows: Rows = {
        str(i): (into, bool(deleted))
        for i, into, deleted in session.execute(
            select(IncidentRow.id, IncidentRow.grouped_into, IncidentRow.deleted)
        )
    }
    return {i: root_in(rows, i) for i in rows}


def below(session: Session, ids: Collection[str]) -> set[str]:
    """The incidents grouped, directly or through others, into any of ``ids`` (as written,
    rings included): those whose ``shown_as`` a change to ``ids`` may change."""
    out: set[str] = set()
    level = sorted(ids)
    for _ in range(DEPTH):
        found: set[str] = set()
        for chunk in chunks(level):
            stmt = select(IncidentRow.id).where(IncidentRow.grouped_into.in_(chunk))
            found.update(str(i) for i in session.scalars(stmt))
        level = sorted(found - out - set(ids))
        if not level:
            break
        out.update(level)
    return out


def above(session: Session, ids: Collection[str]) -> set[str]:
    """``ids`` and the incidents each is grouped into, up its chain (as written)."""
    rows: Rows = {}
    _read(session, ids, rows)
    out = set(ids)
    for incident_id in ids:
        current = incident_id
        for _ in range(DEPTH):
            into = rows.get(current, (None, True))[0]
            if not into or into in out:
                if into:
                    out.add(into)
                break
            out.add(into)
            current = into
    return out
