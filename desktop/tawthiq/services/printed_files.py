"""The evidence files a report prints of each incident chosen: their records (a public
report's without the fields the registry keeps private) and a thumbnail of each photo,
made from its pixels alone, so no EXIF (a GPS position, a camera) reaches the PDF."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from tawthiq.domain.fields import EVIDENCE, FIELDS
from tawthiq.report.model import ReportFile
from tawthiq.services.evidence_images import thumbnail
from tawthiq.store import evidence_queries as q
from tawthiq.store.evidence_store import FileProblem
from tawthiq.store.hlc import to_datetime

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tawthiq.services.reports import Chosen
    from tawthiq.store.evidence_queries import EvidenceRecord
    from tawthiq.store.evidence_store import FileStore


def _printed(r: EvidenceRecord, store: FileStore, public: bool) -> ReportFile:
    spec = FIELDS[EVIDENCE]
    values = {k: v for k, v in r.values.items() if k in spec and (spec[k].public or not public)}
    picture = None
    # a public report prints no picture: the face of a victim or a witness it names no one
    # for would go out unblurred (a copy to share, blurred by hand, is the way to publish it)
    if not public and store.has(r.sha256):
        try:  # bytes that no longer match their SHA-256 show no picture
            media = str(values.get("media_type") or "")
            picture = thumbnail(store, r.sha256, media)
        except FileProblem:
            picture = None
    who = "" if public else r.attached_by
    return ReportFile(values, who, to_datetime(r.attached_hlc), picture)


def with_files(session: Session, chosen: Chosen, store: FileStore, *, public: bool) -> Chosen:
    """``chosen`` with each incident's evidence files (not removed), in the order attached;
    read in the session the incidents were chosen in, so what is printed is what the
    fingerprint covers."""
    items = []
    for item in chosen.items:
        found = q.files_of(session, incident_id=item.incident.id)
        items.append(replace(item, files=tuple(_printed(r, store, public) for r in found)))
    return replace(chosen, items=tuple(items))
