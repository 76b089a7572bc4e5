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
first (ids, unlike row numbers, are the same in every copy of the database).

The same refresh writes ``shown_as``, the incident each is shown as when it is part of
another's group (``store.groups`` defines it; NULL: it stands alone), which lists read."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from tawthiq.store import groups
from tawthiq.store import sqlite_bulk as bulk
from tawthiq.store.models import IncidentRow, LinkRow, SourceReportRow

RANGED = ("killed", "injured")
RANGE_COLUMNS = tuple(f"range_{k}_{end}" for k in RANGED for end in ("min", "max"))
SHOWN_AS = "shown_as"
COLUMNS = (*RANGE_COLUMNS, SHOWN_AS)
Ranges = dict[str, int | str | None]
ALL_ABOVE = 2000  # incidents to refresh past which every one is computed in one pass
_NO_RANGE: Ranges = dict.fromkeys(RANGE_COLUMNS)


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


def _links(session: Session, incident_ids: Sequence[str] | None) -> dict[str, list[Any]]:
    """incident id -> (link id, report id, the link's values) of its links not deleted to
    a report the database holds."""
    stmt = (
        select(LinkRow.incident_id, LinkRow.id, LinkRow.source_report_id, LinkRow.data)
        .join(SourceReportRow, SourceReportRow.id == LinkRow.source_report_id)
        .where(LinkRow.deleted.is_(False))
    )
    out: dict[str, list[Any]] = defaultdict(list)
    for chunk in [None] if incident_ids is None else groups.chunks(incident_ids):
        where = stmt if chunk is None else stmt.where(LinkRow.incident_id.in_(chunk))
        for incident_id, link_id, report_id, data in session.execute(where):
            out[str(incident_id)].append((link_id, report_id, json.loads(data)))
    return out


def _columns(
    shown: Mapping[str, str], links: Mapping[str, list[Any]], ids: Iterable[str]
) -> dict[str, Ranges]:
    """The derived columns of each of ``ids``: the range over the links of it and of the
    incidents shown as part of it, and the incident it is shown as (``shown``: each
    incident's, for every incident of the groups involved)."""
    members: dict[str, list[str]] = defaultdict(list)
    for incident_id, root in shown.items():
        if root != incident_id:
            members[root].append(incident_id)
    out = {}
    for t in ids:
        group = (t, *members.get(t, ()))
        ranges = ranges_of(x for i in group for x in links.get(i, ()))
        out[t] = {**ranges, SHOWN_AS: None if shown[t] == t else shown[t]}
    return out


def _ranges_for(session: Session, targets: Collection[str]) -> dict[str, Ranges]:
    """The derived columns of ``targets`` and of every incident grouped into them."""
    involved = set(targets) | groups.below(session, targets)
    shown = groups.roots(session, involved)
    links = _links(session, sorted(involved))
    return _columns(shown, links, sorted(involved))


def expected_all(session: Session) -> dict[str, Ranges]:
    """Every incident's derived columns, computed from the rows in one pass."""
    shown = groups.all_roots(session)
    return _columns(shown, _links(session, None), shown)


def _stored(session: Session, ids: Sequence[str] | None) -> dict[str, Ranges]:
    cols = [IncidentRow.__table__.c[c] for c in COLUMNS]
    stmt = select(IncidentRow.id, *cols)
    out = {}
    for chunk in [None] if ids is None else groups.chunks(ids):
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


def refresh(session: Session, touched: Collection[str]) -> None:
    """Write again the derived columns of the incidents ``touched`` (a link, a grouping, a
    deletion of theirs changed), of those they are grouped into and of those grouped into
    any of these (a ring closed, an incident deleted, changes what they are shown as)."""
    if not touched:
        return
    targets = groups.above(session, touched)
    if len(targets) > ALL_ABOVE:
        refresh_all(session)
        return
    wanted = _ranges_for(session, targets)
    _write(session, wanted, _stored(session, sorted(wanted)))


def parents_of(session: Session, incident_ids: Sequence[str]) -> set[str]:
    """What the incidents are grouped into now: read before a write changes it, the
    incidents whose range the write may change besides theirs."""
    out: set[str] = set()
    for chunk in groups.chunks(incident_ids):
        stmt = select(IncidentRow.grouped_into).where(
            IncidentRow.id.in_(chunk), IncidentRow.grouped_into.is_not(None)
        )
        out.update(session.scalars(stmt))
    return out


def incidents_of_links(session: Session, link_ids: Sequence[str]) -> set[str]:
    """The incidents the links join now (read before and after a write changes them)."""
    out: set[str] = set()
    for chunk in groups.chunks(link_ids):
        stmt = select(LinkRow.incident_id).where(LinkRow.id.in_(chunk))
        out.update(i for i in session.scalars(stmt) if i)
    return out


def incidents_of_reports(session: Session, report_ids: Sequence[str]) -> set[str]:
    """The incidents linked to the reports (a report arriving after its link counts)."""
    out: set[str] = set()
    for chunk in groups.chunks(report_ids):
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
