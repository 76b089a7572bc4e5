"""An incident's fingerprint: a hash of the events behind what its report prints (the
incident's own, its links to source reports and those reports'), so a printed copy can be
checked against the database it came from."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawthiq.store.events import Event
from tawthiq.store.models import EventRow, LinkRow

PREFIX = "tawthiq-fp2:"  # fp1 covered the incident's own events only


def covered_events(session: Session, incident_id: str) -> list[Event]:
    """The events a report of the incident rests on: the incident's, those of every link
    between it and a source report (unlinking too), and those of each such source report
    (an outlet edited, a text corrected)."""
    links = session.execute(
        select(LinkRow.id, LinkRow.source_report_id).where(LinkRow.incident_id == incident_id)
    ).all()
    ids = {incident_id, *(r.id for r in links), *(r.source_report_id for r in links)}
    ids.discard(None)
    rows = session.execute(select(EventRow.__table__).where(EventRow.entity_id.in_(ids)))
    return [Event.from_row(r) for r in rows]


def fingerprint(events: Iterable[Event]) -> str:
    """SHA-256 over the hashes of the events, in their total order (the hashes cover every
    value, author and time, and each chains to its device's previous event)."""
    return next(_prefixes(sorted(events, key=lambda e: e.order), last_only=True))[1]


def _prefixes(ordered: list[Event], *, last_only: bool = False) -> Iterator[tuple[int, str]]:
    h = hashlib.sha256(PREFIX.encode())
    for n, e in enumerate(ordered, 1):
        h.update(e.hash.encode("ascii"))
        h.update(b"\n")
        if not last_only or n == len(ordered):
            yield n, h.hexdigest()
    if not ordered:
        yield 0, h.hexdigest()


@dataclass(frozen=True, slots=True)
class Match:
    """The incident a printed fingerprint was taken from, and how much it changed since."""

    incident_id: str
    events_then: int
    events_now: int
    hlc_then: int

    @property
    def changed_since(self) -> int:
        return self.events_now - self.events_then


def match(events: Iterable[Event], printed: str, incident_id: str) -> Match | None:
    """Whether ``printed`` (or its first characters, at least 16) is the fingerprint of
    these events (``covered_events`` of one incident) now or at any earlier moment."""
    printed = printed.strip().lower()
    ordered = sorted(events, key=lambda e: e.order)
    if len(printed) < 16 or not ordered:
        return None
    for n, digest in _prefixes(ordered):
        if digest.startswith(printed):
            return Match(incident_id, n, len(ordered), ordered[n - 1].hlc)
    return None
