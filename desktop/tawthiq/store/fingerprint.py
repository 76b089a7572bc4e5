"""An incident's fingerprint: a hash of the content of the events behind what its report
prints (the incident's own, its links to source reports and those reports', its victims',
its evidence files'), so a printed copy can be checked against the database it came from;
and the check that those events and the rows printed from them are intact before anything
is printed."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tawthiq.domain.errors import Sentence
from tawthiq.domain.fields import EVIDENCE, INCIDENT, LINK, SOURCE_REPORT, VICTIM
from tawthiq.store.checkpoint_check import quick_check
from tawthiq.store.events import REPLAY_ORDER, Event, rehash
from tawthiq.store.materialize import entity_state
from tawthiq.store.models import EventRow, EvidenceRow, IncidentRow, LinkRow, VictimRow
from tawthiq.store.row_check import RowComparison, no_history
from tawthiq.store.verify import _offset, altered, check_chain

# fp1 covered the incident's own events only; fp2 (0.1) hashed the stored hash column, and
# printed without checking it; fp3 hashes each event's content, recomputed, and is printed
# only after the events and rows behind the report are checked. For an intact record fp2's
# digest is the same computation, so a copy printed by 0.1 is still recognised, from content.
PREFIX = "tawthiq-fp3:"
EARLIER = "tawthiq-fp2:"


def _grouped(session: Session, incident_id: str) -> list[str]:
    """The incidents shown as part of this one's group (``store.groups``)."""
    stmt = select(IncidentRow.id).where(IncidentRow.shown_as == incident_id)
    return sorted(str(i) for i in session.scalars(stmt))


def linked_records(session: Session, incident_id: str) -> dict[str, str]:
    """What a report of the incident prints besides it, as the tables link them: the
    incidents grouped into it, each link to a source report of any of them (unlinked ones
    too) and each such report, each victim named in any of them (deleted ones too: a
    victim deleted after printing changes what the report would print), and the incident's
    evidence files, by id (id -> entity)."""
    grouped = _grouped(session, incident_id)
    incidents = [incident_id, *grouped]
    links = session.execute(
        select(LinkRow.id, LinkRow.source_report_id).where(LinkRow.incident_id.in_(incidents))
    ).all()
    victims = session.scalars(select(VictimRow.id).where(VictimRow.incident_id.in_(incidents)))
    out = dict.fromkeys(grouped, INCIDENT)
    # its evidence files, removed ones too: a file attached or detached since changes it
    files = select(EvidenceRow.id).where(EvidenceRow.incident_id == incident_id)
    out.update(dict.fromkeys(session.scalars(files), EVIDENCE))
    out.update({r.id: LINK for r in links})
    out.update({r.source_report_id: SOURCE_REPORT for r in links if r.source_report_id})
    out.update(dict.fromkeys(victims, VICTIM))
    return out


def covered_events(
    session: Session, incident_id: str, linked: Mapping[str, str] | None = None
) -> list[Event]:
    """The events a report of the incident rests on: the incident's, those of every link
    between it and a source report (unlinking too), those of each such source report
    (an outlet edited, a text corrected) and those of its victims; ``linked``:
    ``linked_records``, when at hand."""
    linked = linked_records(session, incident_id) if linked is None else linked
    rows = session.execute(
        select(EventRow.__table__).where(EventRow.entity_id.in_({incident_id, *linked}))
    )
    return [Event.from_row(r) for r in rows]


def fingerprint(events: Iterable[Event]) -> str:
    """SHA-256 over each event's content (its hash computed again from its columns, never
    read from the stored one), in their total order: every value, author and time, and each
    event's place in its device's chain."""
    ordered = sorted(events, key=REPLAY_ORDER)
    return next(_prefixes(PREFIX, [rehash(e) for e in ordered], last_only=True))[1]


def _prefixes(
    prefix: str, hashes: Sequence[str], *, last_only: bool = False
) -> Iterator[tuple[int, str]]:
    h = hashlib.sha256(prefix.encode())
    for n, content in enumerate(hashes, 1):
        h.update(content.encode("ascii"))
        h.update(b"\n")
        if not last_only or n == len(hashes):
            yield n, h.hexdigest()
    if not hashes:
        yield 0, h.hexdigest()


@dataclass(frozen=True, slots=True)
class Match:
    """The incident a printed fingerprint was taken from, and how much it changed since."""

    incident_id: str
    events_then: int
    events_now: int
    hlc_then: int
    earlier_release: bool = False  # an fp2 fingerprint: printed without checking the record

    @property
    def changed_since(self) -> int:
        return self.events_now - self.events_then


def match(events: Iterable[Event], printed: str, incident_id: str) -> Match | None:
    """Whether ``printed`` (or its first characters, at least 16) is the fingerprint of
    the content of these events (``covered_events`` of one incident) now or at any earlier
    moment, as this release prints it or as 0.1 did."""
    printed = printed.strip().lower()
    ordered = sorted(events, key=REPLAY_ORDER)
    if len(printed) < 16 or not ordered:
        return None
    hashes = [rehash(e) for e in ordered]
    for prefix in (PREFIX, EARLIER):
        for n, digest in _prefixes(prefix, hashes):
            if digest.startswith(printed):
                return Match(incident_id, n, len(ordered), ordered[n - 1].hlc, prefix == EARLIER)
    return None


def content_problem(
    events: Sequence[Event], rows: RowComparison, linked: Mapping[str, str]
) -> Sentence | None:
    """The first event behind a report whose content no longer matches its hash, or a
    record it prints that no event wrote (``linked``: ``linked_records``), or the first
    record printed (the incident, its links, its source reports, its victims) whose stored
    row differs from the one its events give."""
    ordered = sorted(events, key=REPLAY_ORDER)
    for e in ordered:
        if rehash(e) != e.hash:
            return altered(e.seq, e.device_id, e.event_id)
    by_entity: dict[str, list[Event]] = defaultdict(list)
    for e in ordered:
        by_entity[e.entity_id].append(e)
    for entity_id, entity in linked.items():
        if entity_id not in by_entity:
            return no_history(entity, entity_id)
    for entity_events in by_entity.values():
        problem = rows.problem(entity_state(entity_events))
        if problem is not None:
            return problem
    return None


def first_seqs(events: Iterable[Event]) -> dict[str, int]:
    """Each device's first event among ``events`` (its ``seq``): where the part of its chain
    they rest on begins, as ``chain_problem`` takes it."""
    first: dict[str, int] = {}
    for e in events:
        first[e.device_id] = min(e.seq, first.get(e.device_id, e.seq))
    return first


def chain_problem(
    session: Session, first: Mapping[str, int], progress: Callable[[int, int], None]
) -> tuple[str, str] | None:
    """The first device whose chain does not verify from ``first[device]`` (the first of
    its events a report rests on) to its signed head, or "" when the latest checkpoint does
    not hold the heads there are, with what is wrong (a ``Sentence``); ``progress`` hears
    (events read, events to read). The chain before a report's first event is no part of
    what it prints, and is not read."""
    for found in quick_check(session):
        return "", found
    wanted = sorted(first)
    total = sum(
        session.execute(
            select(func.count())
            .select_from(EventRow)
            .where(EventRow.device_id == device_id, EventRow.seq >= first[device_id])
        ).scalar_one()
        for device_id in wanted
    )
    before = 0
    progress(0, total)
    for device_id in wanted:
        count, problem = check_chain(
            session,
            device_id,
            partial(_offset, progress, before, total),
            first=first[device_id],
        )
        if problem is not None:
            return device_id, problem
        before += count
    progress(total, total)
    return None
