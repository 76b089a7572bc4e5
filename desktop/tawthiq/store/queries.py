"""Reading records back: filtered, paged lists of incidents with Arabic-aware full-text
search, and the look-ups services need (ids by their start, an incident's reports, the
incidents near a date and the pairs already judged, for duplicates)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Row,
    Select,
    and_,
    false,
    func,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session

from tawthiq.domain.fields import FIELDS, INCIDENT
from tawthiq.domain.filters import RANGE_BOUNDS, RANGED, IncidentFilter
from tawthiq.store import groups
from tawthiq.store import sqlite_search as search
from tawthiq.store.models import MATERIALISED, IncidentRow, LinkRow, PairRow, SourceReportRow


def _conditions(session: Session, flt: IncidentFilter) -> list[ColumnElement[bool]]:
    i = IncidentRow
    cond: list[ColumnElement[bool]] = []
    if flt.conflicts_only:
        cond.append(i.n_conflicts > 0)
    elif not flt.include_deleted:
        cond.extend((i.deleted.is_(False), _standing_alone()))
    if flt.date_from:
        cond.append(i.date_start >= flt.date_from)
    if flt.date_to:
        cond.append(i.date_start <= flt.date_to)
    if flt.governorate:
        cond.append(i.governorate == flt.governorate)
    if flt.incident_type:
        cond.append(i.incident_type == flt.incident_type)
    if flt.status:
        cond.append(i.status == flt.status)
    if flt.perpetrator:
        cond.append(i.perpetrators.like(f'%"{flt.perpetrator}"%'))
    table = IncidentRow.__table__
    for name, value in flt.fields:
        if not FIELDS[INCIDENT][name].column:
            raise ValueError(f"{name} is not a column of the incident table")
        cond.append(table.c[name] == value)
    for name, bound, value in flt.ranges:
        end = table.c[f"range_{name}_{RANGE_BOUNDS[bound]}"]
        cond.append(end >= value if bound == "min" else end <= value)
    if flt.text:
        dialect = session.get_bind().dialect.name
        match = search.match_expression(flt.text, dialect)
        if match is None:
            return [*cond, false()]
        # One UNION of row numbers: SQLite then sorts only the matches (an OR of two IN
        # lists made it walk every incident, 125 ms on 100k; see bench/bench_store.py).
        in_reports = (
            select(IncidentRow.num)
            .join(LinkRow, LinkRow.incident_id == IncidentRow.id)
            .join(SourceReportRow, SourceReportRow.id == LinkRow.source_report_id)
            .where(LinkRow.deleted.is_(False))
            .where(SourceReportRow.num.in_(search.matching_nums("source_report", dialect)))
        )
        cond.append(i.num.in_(search.matching_nums("incident", dialect).union(in_reports)))
    return cond


def _standing_alone() -> ColumnElement[bool]:
    """An incident not shown as part of another's group (``store.groups``)."""
    return IncidentRow.shown_as.is_(None)


def _params(session: Session, flt: IncidentFilter) -> dict[str, Any]:
    if not flt.text:
        return {}
    return {"q": search.match_expression(flt.text, session.get_bind().dialect.name)}


# what a list can be ordered by -> the materialised column
SORT_COLUMNS: dict[str, Any] = {
    "date": IncidentRow.date_start,
    "title": IncidentRow.title,
    "governorate": IncidentRow.governorate,
    "place": IncidentRow.place_name,
    "type": IncidentRow.incident_type,
    "killed": IncidentRow.killed_max,
    "injured": IncidentRow.injured_max,
    "status": IncidentRow.status,
    # the highest figure any report of the incident's group gave
    "killed_range": IncidentRow.range_killed_max,
    "injured_range": IncidentRow.range_injured_max,
}
# Texts sorted in code point order, as SQLite sorts them, on a PostgreSQL server too
# whatever its locale (a language's collation puts "apple" before "Banana"); its sort
# indexes are made so (migration 0002). ISO dates order alike in every collation.
BYTE_ORDER = ("title", "governorate", "place", "type", "status")


def list_incidents(
    session: Session,
    flt: IncidentFilter,
    *,
    limit: int = 50,
    offset: int = 0,
    sort: str = "date",
    descending: bool = True,
) -> list[Listed]:
    """(id, current values, fields not checked, ranges: ``_listed``) of one page of
    matching incidents, by default newest incident date first. Ties go by record number in
    the same direction and empty values come as SQLite orders them (last going down, first
    going up), so an index gives each page in order."""
    col = SORT_COLUMNS[sort]
    num = IncidentRow.num
    if sort in BYTE_ORDER and session.get_bind().dialect.name != "sqlite":
        col = col.collate("C")
    if flt.text and session.get_bind().dialect.name != "sqlite":
        page = _page_among_the_first(session, flt, col, descending, limit, offset)
        if page is not None:
            return page
    stmt = (
        select(IncidentRow.id, IncidentRow.data, IncidentRow.unchecked, *_RANGES)
        .where(and_(True, *_conditions(session, flt)))
        .order_by(*_order(session, col, num, descending))
        .limit(limit)
        .offset(offset)
    )
    return [_listed(r) for r in session.execute(stmt, _params(session, flt))]


_RANGES = tuple(getattr(IncidentRow, f"range_{k}_{end}") for k in RANGED for end in ("min", "max"))
Listed = tuple[str, dict[str, Any], list[str], dict[str, tuple[int, int]]]


def _listed(r: Any) -> Listed:
    """(id, current values, fields not checked, the ranges across its group's reports:
    figure -> (lowest, highest), for those some report gave)."""
    ranges = {
        k: (r[3 + 2 * n], r[4 + 2 * n]) for n, k in enumerate(RANGED) if r[4 + 2 * n] is not None
    }
    return r[0], json.loads(r[1]), json.loads(r[2]) if r[2] else [], ranges


# On PostgreSQL a word found in most incidents made a search gather every match before
# sorting them (0.8 s over 100,000), and its planner's guess of how many incidents a prefix
# matches is a fixed one. So a page is first looked for among the first incidents in the
# list's order, each checked on its own: if the page is full there, it is the page. A rarer
# word, whose matches are few, goes through the index of words (bench/bench_server.py).
NEAR_FIRST = 1000


def _page_among_the_first(
    session: Session, flt: IncidentFilter, col: Any, descending: bool, limit: int, offset: int
) -> list[Listed] | None:
    """The page, if the first ``NEAR_FIRST`` (or more, for later pages) incidents in order
    hold it whole; None otherwise."""
    match = search.match_expression(flt.text or "", "postgresql")
    if match is None or limit <= 0:
        return None
    i = IncidentRow
    first = (
        select(
            i.num,
            i.id,
            i.data,
            i.unchecked,
            *_RANGES,
            col.label("key"),
            literal_column("search_vector"),
        )
        .where(and_(True, *_conditions(session, replace(flt, text=""))))
        .order_by(*_order(session, col, i.num, descending))
        .limit(max(NEAR_FIRST, 20 * (limit + offset)))
        .subquery("first")
    )
    in_reports = (
        select(LinkRow.incident_id)
        .join(SourceReportRow, SourceReportRow.id == LinkRow.source_report_id)
        .where(LinkRow.incident_id == first.c.id, LinkRow.deleted.is_(False))
        .where(text("source_report.search_vector @@ to_tsquery('simple', :q)"))
    )
    stmt = (
        select(first.c.id, first.c.data, first.c.unchecked, *(first.c[c.key] for c in _RANGES))
        .where(
            or_(text("\"first\".search_vector @@ to_tsquery('simple', :q)"), in_reports.exists())
        )
        .order_by(*_order(session, first.c.key, first.c.num, descending))
        .limit(limit)
        .offset(offset)
    )
    rows = session.execute(stmt, {"q": match}).all()
    if len(rows) < limit:
        return None
    return [_listed(r) for r in rows]


def _order(session: Session, col: Any, num: Any, descending: bool) -> tuple[Any, Any]:
    """Newest (or oldest) first, empty values where SQLite puts them, on PostgreSQL too."""
    if session.get_bind().dialect.name == "sqlite":
        return (col.desc(), num.desc()) if descending else (col.asc(), num.asc())
    return (
        (col.desc().nulls_last(), num.desc())
        if descending
        else (col.asc().nulls_first(), num.asc())
    )


def count_incidents(session: Session, flt: IncidentFilter) -> int:
    stmt = (
        select(func.count()).select_from(IncidentRow).where(and_(True, *_conditions(session, flt)))
    )
    return session.execute(stmt, _params(session, flt)).scalar_one()


def find_ids(session: Session, entity: str, prefix: str) -> list[str]:
    """Ids of records of ``entity`` starting with ``prefix`` (users type the first 8
    characters), two at most: one is the record meant, two say "give more of it"."""
    table = MATERIALISED[entity]
    pattern = prefix.lower() + "%"  # the caller allows only 0-9, a-f and -
    return list(session.execute(select(table.id).where(table.id.like(pattern)).limit(2)).scalars())


def all_incident_ids(session: Session) -> list[str]:
    """Every incident ever recorded, deleted ones too, in the order they were first stored."""
    return list(session.execute(select(IncidentRow.id).order_by(IncidentRow.num)).scalars())


def linked_source_reports(session: Session, incident_id: str) -> list[tuple[str, dict[str, Any]]]:
    """(id, current values) of the source reports an incident rests on, oldest first."""
    stmt = (
        select(SourceReportRow.id, SourceReportRow.data)
        .join(LinkRow, LinkRow.source_report_id == SourceReportRow.id)
        .where(LinkRow.incident_id == incident_id, LinkRow.deleted.is_(False))
        .order_by(SourceReportRow.created_hlc)
    )
    return [(r.id, json.loads(r.data)) for r in session.execute(stmt)]


def shown_as_part_of(session: Session, roots: Sequence[str]) -> list[tuple[str, str]]:
    """(incident, the one it is shown as) of the incidents shown as part of any of
    ``roots``' groups (``store.groups``), at any depth."""
    i = IncidentRow
    out: list[tuple[str, str]] = []
    for chunk in groups.chunks(list(roots)):
        stmt = select(i.id, i.shown_as).where(i.shown_as.in_(chunk))
        out += [(str(a), str(b)) for a, b in session.execute(stmt)]
    return out


def values_of(session: Session, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The current values of the incidents of ``ids``."""
    i = IncidentRow
    out: dict[str, dict[str, Any]] = {}
    ids = list(ids)
    for n in range(0, len(ids), 500):
        for incident_id, data in session.execute(
            select(i.id, i.data).where(i.id.in_(ids[n : n + 500]))
        ):
            out[str(incident_id)] = json.loads(data)
    return out


def links_of(
    session: Session, incident_ids: Sequence[str]
) -> list[tuple[str, dict[str, Any], str, dict[str, Any]]]:
    """(incident id, the link's values, report id, the report's values) of every report
    the incidents rest on, the reports in the order they were first stored."""
    stmt = (
        select(LinkRow.incident_id, LinkRow.data, SourceReportRow.id, SourceReportRow.data)
        .join(SourceReportRow, SourceReportRow.id == LinkRow.source_report_id)
        .where(LinkRow.incident_id.in_(list(incident_ids)), LinkRow.deleted.is_(False))
        # a report linked twice (to two incidents of a group): its links by id, the order
        # group_ranges counts them in
        .order_by(SourceReportRow.created_hlc, SourceReportRow.num, LinkRow.id)
    )
    return [(str(a), json.loads(b), str(c), json.loads(d)) for a, b, c, d in session.execute(stmt)]


DatedIncident = tuple[str, dict[str, Any], str | None]  # id, current values, first date


def _live_incidents() -> Select[str, str, str | None]:
    i = IncidentRow
    return select(i.id, i.data, i.date_start).where(i.deleted.is_(False), i.grouped_into.is_(None))


def _dated(rows: Iterable[Row[str, str, str | None]]) -> Iterator[DatedIncident]:
    return ((r.id, json.loads(r.data), r.date_start) for r in rows)


def dated_incidents(session: Session, ids: Sequence[str] | None = None) -> Iterator[DatedIncident]:
    """The incidents not deleted: those of ``ids`` (in no particular order), or every one
    with a date, oldest first."""
    i = IncidentRow
    if ids is None:
        stmt = _live_incidents().where(i.date_start.is_not(None)).order_by(i.date_start)
    else:
        stmt = _live_incidents().where(i.id.in_(list(ids)[:50_000]))  # under SQLite's limit
    return _dated(session.execute(stmt))


def incidents_between(
    session: Session, first: str, last: str, *, besides: str
) -> Iterator[DatedIncident]:
    """The incidents not deleted dated from ``first`` to ``last`` (ISO dates), but ``besides``."""
    i = IncidentRow
    stmt = _live_incidents().where(i.date_start >= first, i.date_start <= last, i.id != besides)
    return _dated(session.execute(stmt))


def judged_pairs(session: Session) -> set[str]:
    """The ids of every pair of incidents someone has judged (same or different)."""
    return set(session.execute(select(PairRow.id)).scalars())


def judgements_on(session: Session, incident_id: str) -> list[tuple[str, str, str | None]]:
    """(incident a, incident b, decision) of every judgement naming ``incident_id``."""
    p = PairRow
    rows = session.execute(
        select(p.incident_a, p.incident_b, p.decision).where(
            (p.incident_a == incident_id) | (p.incident_b == incident_id)
        )
    )
    return [(str(a), str(b), d) for a, b, d in rows]


def reports_with_words(session: Session, words: str) -> list[tuple[str, str]]:
    """(id, text) of the source reports whose searched text holds every one of ``words``,
    oldest first: the few that may be a report pasted again, to compare in full."""
    dialect = session.get_bind().dialect.name
    match = search.match_expression(words, dialect)
    if match is None:
        return []
    r = SourceReportRow
    stmt = (
        select(r.id, r.data)
        .where(r.deleted.is_(False), r.num.in_(search.matching_nums("source_report", dialect)))
        .order_by(r.created_hlc, r.num)
    )
    return [
        (row.id, json.loads(row.data).get("text") or "")
        for row in session.execute(stmt, {"q": match})
    ]


def incidents_resting_on(
    session: Session, report_ids: Sequence[str]
) -> list[tuple[str, dict[str, Any]]]:
    """(id, current values) of the incidents not deleted that rest on any of the reports,
    in the order they were first stored."""
    i = IncidentRow
    stmt = (
        select(i.id, i.data)
        .join(LinkRow, LinkRow.incident_id == i.id)
        .where(LinkRow.source_report_id.in_(report_ids), LinkRow.deleted.is_(False))
        .where(i.deleted.is_(False))
        .distinct()
        .order_by(i.created_hlc, i.num)
    )
    return [(row.id, json.loads(row.data)) for row in session.execute(stmt)]


def incident_batches(
    session: Session, flt: IncidentFilter, size: int = 500
) -> Iterator[list[tuple[str, dict[str, Any], list[str]]]]:
    """Every incident matching ``flt`` as (id, current values, fields not checked), oldest
    date first, ``size`` at a time: what a data export reads without holding them all."""
    stmt = (
        select(IncidentRow.id, IncidentRow.data, IncidentRow.unchecked)
        .where(and_(True, *_conditions(session, flt)))
        .order_by(*_order(session, SORT_COLUMNS["date"], IncidentRow.num, False))
    )
    for part in session.execute(stmt, _params(session, flt)).partitions(size):
        yield [(r.id, json.loads(r.data), json.loads(r.unchecked) if r.unchecked else [])
               for r in part]  # fmt: skip


def kept_ids(session: Session, ids: Sequence[str]) -> set[str]:
    """Those of ``ids`` that are incidents of this database (deleted ones too)."""
    found: set[str] = set()
    ids = list(ids)
    for start in range(0, len(ids), 10_000):  # under SQLite's limit of parameters
        part = ids[start : start + 10_000]
        found.update(
            session.execute(select(IncidentRow.id).where(IncidentRow.id.in_(part))).scalars()
        )
    return found
