"""Many reports, one incident, in the incident table: for each incident, the lowest and
highest killed and injured figures given by the reports of it and of the incidents grouped
into it (``services.grouping.data_record`` computes the same range for one incident), so
lists can sort and filter on them.

The columns are derived from other rows (the links, which keep each report's figures, and
the incidents' ``grouped_into``), not from the incident's own events: they are written
again whenever a link, a grouping or a report changes (``refresh``: on each write and each
merge; ``refresh_all``: on a rebuild) and checked against those rows (``mismatches``),
which ``verify`` checks against the log.

A report linked to two incidents of one group counts once: by its link whose id comes
first (ids, unlike row numbers, are the same in every copy of the database)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from tawthiq.store import sqlite_bulk as bulk
from tawthiq.store.models import IncidentRow, LinkRow, SourceReportRow

RANGED = ("killed", "injured")
COLUMNS = tuple(f"range_{k}_{end}" for k in RANGED for end in ("min", "max"))
Ranges = dict[str, int | None]
_DEPTH = 32  # as services.grouping: a longer chain of groupings is a loop
_CHUNK = 500  # ids in one IN (...)
ALL_ABOVE = 2000  # incidents to refresh past which every one is computed in one pass
_NO_RANGE: Ranges = dict.fromkeys(COLUMNS)


def _chunks(ids: Sequence[str]) -> Iterator[list[str]]:
    for n in range(0, len(ids), _CHUNK):
        yield list(ids[n : n + _CHUNK])


def _figure(value: Any) -> tuple[int, int] | None:
    if isinstance(value, Mapping) and "min" in value and "max" in value:
        return int(value["min"]), int(value["max"])
    return None


def ranges_of(links: Iterable[tuple[str, str, Mapping[str, Any]]]) -> Ranges:
    """The range columns of a group from its links (link id, report id, the link's values):
    one link per report, the first by id."""
    first: dict[str, tuple[str, Mapping[str, Any]]] = {}
    for link_id, report_id, values in links:
        if report_id not in first or link_id < first[report_id][0]:
            first[report_id] = (link_id, values)
    out = dict(_NO_RANGE)
    for name in RANGED:
        given = [f for _, v in first.values() if (f := _figure(v.get(name))) is not None]
        if given:
            out[f"range_{name}_min"] = min(lo for lo, _ in given)
            out[f"range_{name}_max"] = max(hi for _, hi in given)
    return out


def _members(children: Mapping[str, Sequence[str]], root: str) -> list[str]:
    """As ``services.grouping.members``: every incident grouped, directly or through
    another, into ``root`` (``children``: the incidents not deleted grouped into each)."""
    out: list[str] = []
    level = [root]
    while level and len(out) < 10_000:
        level = [a for p in level for a in children.get(p, ()) if a not in out and a != root]
        out.extend(level)
    return out


def _children(session: Session, parents: Sequence[str] | None) -> dict[str, list[str]]:
    i = IncidentRow
    stmt = select(i.id, i.grouped_into).where(i.grouped_into.is_not(None), i.deleted.is_(False))
    out: dict[str, list[str]] = defaultdict(list)
    for chunk in [None] if parents is None else _chunks(parents):
        where = stmt if chunk is None else stmt.where(i.grouped_into.in_(chunk))
        for child, parent in session.execute(where):
            out[str(parent)].append(child)
    return out


def _links(session: Session, incident_ids: Sequence[str] | None) -> dict[str, list[Any]]:
    """incident id -> (link id, report id, the link's values) of its links not deleted to
    a report the database holds."""
    stmt = (
        select(LinkRow.incident_id, LinkRow.id, LinkRow.source_report_id, LinkRow.data)
        .join(SourceReportRow, SourceReportRow.id == LinkRow.source_report_id)
        .where(LinkRow.deleted.is_(False))
    )
    out: dict[str, list[Any]] = defaultdict(list)
    for chunk in [None] if incident_ids is None else _chunks(incident_ids):
        where = stmt if chunk is None else stmt.where(LinkRow.incident_id.in_(chunk))
        for incident_id, link_id, report_id, data in session.execute(where):
            out[str(incident_id)].append((link_id, report_id, json.loads(data)))
    return out


def _ranges_for(session: Session, targets: Sequence[str]) -> dict[str, Ranges]:
    """The range columns of each of ``targets``: their groups found level by level, and
    the links of them all read, in a few queries for all of them at once."""
    members: dict[str, list[str]] = {t: [] for t in targets}
    frontier: dict[str, list[str]] = {t: [t] for t in targets}
    while any(frontier.values()):
        found = _children(session, sorted({p for level in frontier.values() for p in level}))
        for t, level in frontier.items():
            below = [a for p in level for a in found.get(p, ()) if a not in members[t] and a != t]
            members[t].extend(below)
            frontier[t] = below if len(members[t]) < 10_000 else []
    links = _links(session, sorted({i for t in targets for i in (t, *members[t])}))
    return {t: ranges_of(x for i in (t, *members[t]) for x in links.get(i, ())) for t in targets}


def expected_all(session: Session) -> dict[str, Ranges]:
    """Every incident's range columns, computed from the rows in one pass."""
    children = _children(session, None)
    links = _links(session, None)
    out = {}
    for (incident_id,) in session.execute(select(IncidentRow.id)):
        group = [incident_id, *_members(children, incident_id)]
        out[incident_id] = ranges_of(x for i in group for x in links.get(i, ()))
    return out


def _stored(session: Session, ids: Sequence[str] | None) -> dict[str, Ranges]:
    cols = [IncidentRow.__table__.c[c] for c in COLUMNS]
    stmt = select(IncidentRow.id, *cols)
    out = {}
    for chunk in [None] if ids is None else _chunks(ids):
        where = stmt if chunk is None else stmt.where(IncidentRow.id.in_(chunk))
        for row in session.execute(where):
            out[row[0]] = dict(zip(COLUMNS, row[1:], strict=True))
    return out


def _write(session: Session, wanted: Mapping[str, Ranges], stored: Mapping[str, Ranges]) -> None:
    changed = [
        {"id": incident_id, **ranges}
        for incident_id, ranges in wanted.items()
        if incident_id in stored and stored[incident_id] != ranges
    ]
    bulk.update_rows(session, cast(Table, IncidentRow.__table__), changed)


def refresh_all(session: Session) -> None:
    """Write the range columns of every incident again (after a rebuild, a large merge)."""
    _write(session, expected_all(session), _stored(session, None))


def ancestors(session: Session, ids: Collection[str]) -> set[str]:
    """``ids`` and the incidents each is grouped into, up its chain of groupings."""
    out = set(ids)
    level = sorted(out)
    for _ in range(_DEPTH):
        parents: set[str] = set()
        for chunk in _chunks(level):
            stmt = select(IncidentRow.grouped_into).where(
                IncidentRow.id.in_(chunk), IncidentRow.grouped_into.is_not(None)
            )
            parents.update(session.scalars(stmt))
        level = sorted(parents - out)
        if not level:
            break
        out.update(level)
    return out


def refresh(session: Session, touched: Collection[str]) -> None:
    """Write again the range columns of the incidents ``touched`` (a link, a grouping, a
    deletion of theirs changed) and of those they are grouped into."""
    if not touched:
        return
    targets = sorted(ancestors(session, touched))
    if len(targets) > ALL_ABOVE:
        refresh_all(session)
        return
    _write(session, _ranges_for(session, targets), _stored(session, targets))


def parents_of(session: Session, incident_ids: Sequence[str]) -> set[str]:
    """What the incidents are grouped into now: read before a write changes it, the
    incidents whose range the write may change besides theirs."""
    out: set[str] = set()
    for chunk in _chunks(incident_ids):
        stmt = select(IncidentRow.grouped_into).where(
            IncidentRow.id.in_(chunk), IncidentRow.grouped_into.is_not(None)
        )
        out.update(session.scalars(stmt))
    return out


def incidents_of_links(session: Session, link_ids: Sequence[str]) -> set[str]:
    """The incidents the links join now (read before and after a write changes them)."""
    out: set[str] = set()
    for chunk in _chunks(link_ids):
        stmt = select(LinkRow.incident_id).where(LinkRow.id.in_(chunk))
        out.update(i for i in session.scalars(stmt) if i)
    return out


def incidents_of_reports(session: Session, report_ids: Sequence[str]) -> set[str]:
    """The incidents linked to the reports (a report arriving after its link counts)."""
    out: set[str] = set()
    for chunk in _chunks(report_ids):
        stmt = select(LinkRow.incident_id).where(LinkRow.source_report_id.in_(chunk))
        out.update(i for i in session.scalars(stmt) if i)
    return out


def mismatches(session: Session, limit: int = 10) -> list[tuple[str, list[str]]]:
    """(incident id, columns) of the incidents whose stored range columns differ from
    those their group's rows give; values compared with their storage type."""
    stored: dict[str, tuple[Any, ...]] = {}
    cols = [IncidentRow.__table__.c[c] for c in COLUMNS]
    for row in session.connection().execute(select(IncidentRow.__table__.c.id, *cols)):
        stored[row[0]] = tuple(row[1:])
    out = []
    for incident_id, want in sorted(expected_all(session).items()):
        got = stored.get(incident_id, (None,) * len(COLUMNS))
        diff = [
            c
            for c, g in zip(COLUMNS, got, strict=True)
            if not (type(g) is type(want[c]) and g == want[c])
        ]
        if diff:
            out.append((incident_id, diff))
            if len(out) >= limit:
                break
    return out
