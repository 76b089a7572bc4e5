"""Reading victims back: an incident's victims, every victim with the forms of their names
(for a search by name across incidents), and the reports that name them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawthiq.store.models import IncidentRow, SourceReportRow, VictimRow


def victims_of(
    session: Session, incident_ids: Sequence[str], *, deleted: bool = False
) -> list[tuple[str, dict[str, Any]]]:
    """(id, current values) of the victims of the incidents ``incident_ids``, in the
    order they were first recorded; deleted ones too when ``deleted``."""
    v = VictimRow
    stmt = select(v.id, v.data).where(v.incident_id.in_(list(incident_ids)))
    if not deleted:
        stmt = stmt.where(v.deleted.is_(False))
    stmt = stmt.order_by(v.created_hlc, v.id)
    return [(r.id, json.loads(r.data)) for r in session.execute(stmt)]


def in_conflict(session: Session, incident_ids: Sequence[str]) -> set[str]:
    """The victims (not deleted) of the incidents ``incident_ids`` holding a conflict."""
    v = VictimRow
    stmt = select(v.id).where(
        v.incident_id.in_(list(incident_ids)), v.deleted.is_(False), v.n_conflicts > 0
    )
    return {str(r) for r in session.scalars(stmt)}


def victim_names(session: Session) -> list[tuple[str, str, str]]:
    """(id, incident id, the forms of the names) of every victim not deleted, of an
    incident not deleted."""
    v, i = VictimRow, IncidentRow
    stmt = (
        select(v.id, v.incident_id, v.name_key)
        .join(i, i.id == v.incident_id)
        .where(v.deleted.is_(False), i.deleted.is_(False))
        .order_by(v.num)
    )
    return [(str(a), str(b or ""), str(c or "")) for a, b, c in session.execute(stmt)]


def victim_values(session: Session, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Current values of the victims ``ids`` (deleted ones too)."""
    stmt = select(VictimRow.id, VictimRow.data).where(VictimRow.id.in_(list(ids)))
    return {r.id: json.loads(r.data) for r in session.execute(stmt)}


def reports_named(session: Session, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Current values of the source reports ``ids`` (those that exist)."""
    s = SourceReportRow
    stmt = select(s.id, s.data).where(s.id.in_(list(ids)))
    return {r.id: json.loads(r.data) for r in session.execute(stmt)}


def linked_to(session: Session, victim_id: str) -> list[str]:
    """The victims (not deleted) recorded as the same person as ``victim_id``."""
    v = VictimRow
    stmt = (
        select(v.id)
        .where(v.same_person_as == victim_id, v.deleted.is_(False))
        .order_by(v.created_hlc, v.id)
    )
    return [str(r) for r in session.scalars(stmt)]
