"""The evidence files a database records: what is attached to a record, the SHA-256s its
records (or some devices' events) name, and the names they were attached under."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from tawthiq.domain.fields import EVIDENCE
from tawthiq.store.models import EventRow, EvidenceRow


@dataclass(frozen=True, slots=True)
class EvidenceRecord:
    """An evidence file's record as its row holds it: who attached it and when are its
    first event's author and time (``created_by``, ``created_hlc``)."""

    id: str
    values: dict[str, Any]
    attached_by: str
    attached_hlc: int
    deleted: bool

    @property
    def sha256(self) -> str:
        return str(self.values.get("sha256", ""))


def _record(row: Any) -> EvidenceRecord:
    return EvidenceRecord(
        id=row.id,
        values=json.loads(row.data),
        attached_by=row.created_by,
        attached_hlc=row.created_hlc,
        deleted=bool(row.deleted),
    )


def files_of(
    session: Session,
    *,
    incident_id: str | None = None,
    source_report_id: str | None = None,
    deleted: bool = False,
) -> list[EvidenceRecord]:
    """The files attached to an incident or a source report, in the order attached."""
    q = select(EvidenceRow)
    if incident_id is not None:
        q = q.where(EvidenceRow.incident_id == incident_id)
    if source_report_id is not None:
        q = q.where(EvidenceRow.source_report_id == source_report_id)
    if not deleted:
        q = q.where(EvidenceRow.deleted.is_(False))
    rows = session.execute(q.order_by(EvidenceRow.created_hlc, EvidenceRow.id)).scalars()
    return [_record(r) for r in rows]


def record(session: Session, record_id: str) -> EvidenceRecord | None:
    row = session.execute(select(EvidenceRow).where(EvidenceRow.id == record_id)).scalar()
    return _record(row) if row is not None else None


def named_files(session: Session) -> dict[str, str]:
    """Every SHA-256 a record names -> a name it was attached under (or "")."""
    out: dict[str, str] = {}
    for sha, data in session.execute(select(EvidenceRow.sha256, EvidenceRow.data)):
        if sha and not out.get(sha):
            out[sha] = str(json.loads(data).get("file_name") or "")
    return out


def hashes_in(session: Session, ranges: Mapping[str, tuple[int, int]]) -> list[str]:
    """The SHA-256s the evidence records' events of these devices' ranges (device ->
    (first, last) sequence numbers) name, each once, in order."""
    if not ranges:
        return []
    found: set[str] = set()
    conditions = [
        and_(EventRow.device_id == d, EventRow.seq.between(first, last))
        for d, (first, last) in ranges.items()
    ]
    for start in range(0, len(conditions), 200):
        q = select(EventRow.value).where(
            EventRow.entity == EVIDENCE,
            EventRow.field == "sha256",
            or_(*conditions[start : start + 200]),
        )
        for (value,) in session.execute(q):
            sha = json.loads(value)
            if isinstance(sha, str):
                found.add(sha)
    return sorted(found)


def is_live(session: Session, entity: str, record_id: str) -> bool:
    """Whether the record ``record_id`` of ``entity`` exists and is not deleted."""
    from tawthiq.store.models import MATERIALISED

    table = MATERIALISED[entity]
    found = session.execute(select(table.deleted).where(table.id == record_id)).first()
    return found is not None and not found[0]


def recorded_by(session: Session) -> dict[str, set[str]]:
    """SHA-256 -> the laptops (device ids) whose events recorded an evidence file of it."""
    out: dict[str, set[str]] = {}
    q = select(EventRow.value, EventRow.device_id).where(
        EventRow.entity == EVIDENCE, EventRow.field == "sha256"
    )
    for value, device in session.execute(q):
        sha = json.loads(value)
        if isinstance(sha, str):
            out.setdefault(sha, set()).add(device)
    return out
