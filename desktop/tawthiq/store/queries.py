"""Reading incidents back: filtered, paged lists and Arabic-aware full-text search."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import ColumnElement, Integer, and_, column, false, func, select, text
from sqlalchemy.orm import Session

from tawthiq.domain.arabic import search_terms
from tawthiq.domain.fields import FIELDS, INCIDENT
from tawthiq.domain.filters import IncidentFilter
from tawthiq.store.models import IncidentRow, LinkRow, SourceReportRow


def fts_query(query: str) -> str | None:
    """An FTS5 expression: every normalised, stemmed word, the last one as a prefix.

    >>> fts_query("للنازحين في تلّ أبيض")
    '"نازحين" "في" "تل" "ابيض"*'
    """
    terms = search_terms(query)
    if not terms:
        return None
    return " ".join(f'"{t}"' for t in terms) + "*"


def _conditions(session: Session, flt: IncidentFilter) -> list[ColumnElement[bool]]:
    i = IncidentRow
    cond: list[ColumnElement[bool]] = []
    if flt.conflicts_only:
        cond.append(i.n_conflicts > 0)
    elif not flt.include_deleted:
        cond.append(i.deleted.is_(False))
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
    if flt.text:
        match = fts_query(flt.text)
        if match is None:
            return [*cond, false()]
        # One UNION of row numbers: SQLite then sorts only the matches (an OR of two IN
        # lists made it walk every incident, 125 ms on 100k; see bench/bench_store.py).
        in_reports = (
            select(IncidentRow.num)
            .join(LinkRow, LinkRow.incident_id == IncidentRow.id)
            .join(SourceReportRow, SourceReportRow.id == LinkRow.source_report_id)
            .where(LinkRow.deleted.is_(False))
            .where(
                SourceReportRow.num.in_(
                    text(
                        "SELECT rowid FROM source_report_fts WHERE source_report_fts MATCH :q"
                    ).columns(column("rowid", Integer))
                )
            )
        )
        in_incident = (
            select(column("rowid", Integer))
            .select_from(text("incident_fts"))
            .where(text("incident_fts MATCH :q"))
        )
        cond.append(i.num.in_(in_incident.union(in_reports)))
    return cond


def _params(flt: IncidentFilter) -> dict[str, Any]:
    return {"q": fts_query(flt.text)} if flt.text else {}


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
}


def list_incidents(
    session: Session,
    flt: IncidentFilter,
    *,
    limit: int = 50,
    offset: int = 0,
    sort: str = "date",
    descending: bool = True,
) -> list[tuple[str, dict[str, Any]]]:
    """(id, current values) of one page of matching incidents, by default newest incident
    date first. Ties go by record number in the same direction and empty values come as SQLite
    orders them (last going down, first going up), so an index gives each page in order."""
    col = SORT_COLUMNS[sort]
    num = IncidentRow.num
    stmt = (
        select(IncidentRow.id, IncidentRow.data)
        .where(and_(True, *_conditions(session, flt)))
        .order_by(*((col.desc(), num.desc()) if descending else (col.asc(), num.asc())))
        .limit(limit)
        .offset(offset)
    )
    return [(r.id, json.loads(r.data)) for r in session.execute(stmt, _params(flt))]


def count_incidents(session: Session, flt: IncidentFilter) -> int:
    stmt = (
        select(func.count()).select_from(IncidentRow).where(and_(True, *_conditions(session, flt)))
    )
    return session.execute(stmt, _params(flt)).scalar_one()


def find_ids(session: Session, entity_table: Any, prefix: str) -> list[str]:
    """Ids of ``entity_table`` starting with ``prefix`` (users type the first 8 characters)."""
    pattern = prefix.lower() + "%"  # the caller allows only 0-9, a-f and -
    return list(
        session.execute(
            select(entity_table.id).where(entity_table.id.like(pattern)).limit(2)
        ).scalars()
    )
