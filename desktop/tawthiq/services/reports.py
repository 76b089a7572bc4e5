"""PDF reports of incidents, and checking a printed copy against the database."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tawthiq.domain.errors import N_, TamperedError, ValidationError
from tawthiq.domain.fields import DELETED
from tawthiq.domain.filters import IncidentFilter
from tawthiq.domain.places import find_governorate
from tawthiq.domain.records import Incident, is_public
from tawthiq.domain.victims import counts_vs_victims
from tawthiq.domain.vocab import vocabulary
from tawthiq.i18n import sentence_in
from tawthiq.report.model import ReportIncident, ReportOptions, Written
from tawthiq.services import grouping
from tawthiq.services import incidents as svc
from tawthiq.services.targets import check_replaceable
from tawthiq.store import checkpoints
from tawthiq.store import fingerprint as fp
from tawthiq.store.events import Event
from tawthiq.store.hlc import to_datetime
from tawthiq.store.row_check import RowComparison, column_mismatch
from tawthiq.store.writer import load_events

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Progress = Callable[[int, int], None]
MAX_INCIDENTS = 5000  # a report larger than this is a database export, not a report
# the fields whose columns a selection reads (IncidentFilter, as `report` and the window
# build it), with ``deleted``
SELECTED_BY = ("date_start", "governorate", "incident_type", "status", "perpetrators")


def report_item(
    session: Session,
    incident_id: str,
    covered: Sequence[Event] | None = None,
    *,
    public: bool = False,
) -> ReportIncident:
    """Everything the report prints of one incident (with the reports of the incidents
    grouped into it and what each said, and its victims: for a ``public`` report only those
    marked public, without their private fields); its fingerprint covers the content of
    the incident's events and those of its source reports, their links and its victims,
    the grouped incidents' too (``covered``, when the caller has them at hand)."""
    events = sorted(load_events(session, incident_id), key=lambda e: e.order)
    inc = svc.get_incident(session, incident_id)
    first, last = events[0], events[-1]
    deletions = [e for e in events if e.field == DELETED and e.decoded]
    if covered is None:
        covered = fp.covered_events(session, incident_id)
    record = grouping.data_record(session, incident_id, public=public)
    notes = (
        ()
        if public
        else tuple(
            (sentence_in(s, "en"), sentence_in(s, "ar"))
            for s in counts_vs_victims(inc.values, record.victims)
        )
    )
    sources = svc.source_reports_of(session, incident_id)
    own = {s.id for s in sources}  # then those of the incidents grouped into it
    sources += [r for r in record.reports if r.id not in own]
    return ReportIncident(
        incident=inc,
        sources=tuple(sources),
        created_by=first.author,
        created_at=to_datetime(first.hlc),
        changed_by=last.author,
        changed_at=to_datetime(last.hlc),
        revisions=len(events),
        fingerprint=fp.fingerprint(covered),
        deleted_at=to_datetime(deletions[-1].hlc) if inc.deleted and deletions else None,
        figures=record,
        victims=record.victims,
        victim_notes=notes,
    )


def _refuse(problem: str, incident_id: str) -> TamperedError:
    return TamperedError(
        N_(
            "the report was not written: {problem} (behind incident {id}); run "
            "`tawthiq verify`, which checks the whole database"
        ),
        problem=problem,
        id=incident_id[:8],
    )


@dataclass(frozen=True, slots=True)
class Chosen:
    items: tuple[ReportIncident, ...]
    left_out: int  # incidents kept out of a public report (not marked public, or deleted)
    # the checkpoint the database was at when they were chosen, as each page names it
    # (`tawthiq verify` prints the same words): an outside witness of where the log stood
    checkpoint: str = "no checkpoint yet"


def publishable(inc: Incident) -> bool:
    """What a public report may print: an incident a documenter marked public, not
    deleted. New incidents start "restricted", so nothing is published unless someone
    decided it should be."""
    return is_public(inc.values)


def _quiet(done: int, total: int) -> None:
    pass


def choose(
    session: Session,
    ids: Sequence[str] = (),
    flt: IncidentFilter | None = None,
    *,
    public: bool = False,
    progress: Progress | None = None,
) -> Chosen:
    """The incidents named (ids, or id prefixes; each once) or matching ``flt``; a public
    report leaves out those not ``publishable``. Refused (``TamperedError``) when an event
    behind them was altered, a row to print differs from its events, or the chain of a
    device that wrote them does not verify: a printed copy shows only what the log says."""
    if ids:
        chosen = list(dict.fromkeys(svc.resolve_id(session, i) for i in ids))
    else:
        flt = flt or IncidentFilter()
        # The filter reads the incident table's columns: an edited one would leave an
        # incident out of the report (and its totals) without a trace, so they are checked.
        problem = column_mismatch(session, SELECTED_BY, progress or _quiet)
        if problem is not None:
            raise TamperedError(
                N_(
                    "the report was not written: {problem}, and a selection chooses its "
                    "incidents by the columns of the incident table; run `tawthiq verify`, "
                    "which checks the whole database"
                ),
                problem=problem,
            )
        total = svc.count_incidents(session, flt)
        if total > MAX_INCIDENTS:
            raise ValidationError(
                N_("{n} incidents match; a report holds at most {most}: narrow the selection"),
                n=total,
                most=MAX_INCIDENTS,
            )
        chosen = [i.id for i in svc.list_incidents(session, flt, limit=total or 1, offset=0)]
    if not chosen:
        raise ValidationError(N_("no incident matches; there is nothing to report"))
    items, left_out = [], 0
    rows = RowComparison(session)
    first_of: dict[str, str] = {}  # device -> the first incident chosen that rests on it
    earliest: dict[str, int] = {}  # device -> the first of its events the report rests on
    for n, incident_id in enumerate(chosen):
        if progress is not None:
            progress(n, len(chosen))
        linked = fp.linked_records(session, incident_id)
        covered = fp.covered_events(session, incident_id, linked)
        problem = fp.content_problem(covered, rows, linked)
        if problem is not None:
            raise _refuse(problem, incident_id)
        for device_id, seq in fp.first_seqs(covered).items():
            first_of.setdefault(device_id, incident_id)
            earliest[device_id] = min(seq, earliest.get(device_id, seq))
        item = report_item(session, incident_id, covered, public=public)
        if public and not publishable(item.incident):
            left_out += 1
            continue
        items.append(item)
    broken = fp.chain_problem(session, earliest, progress or _quiet)
    if broken is not None:
        raise _refuse(broken[1], first_of.get(broken[0], chosen[0]))
    if not items:
        raise ValidationError(
            N_(
                "no incident chosen is marked public, so a public report would be empty "
                "(a public report prints only incidents whose confidentiality is public)"
            )
        )
    return Chosen(tuple(items), left_out, checkpoint_line(session))


def checkpoint_line(session: Session) -> str:
    cp = checkpoints.latest(session)
    if cp is None:
        return "no checkpoint yet"
    return f"checkpoint {cp.short} signed by laptop {cp.device_id[:8]}"


def write_report(
    path: str | os.PathLike[str],
    chosen: Chosen,
    options: ReportOptions,
    *,
    progress: Progress | None = None,
) -> Written:
    """The PDF; its number of pages and the characters its fonts lacked. Each page names
    the checkpoint the incidents were chosen at, unless ``options`` names a line of its own."""
    check_replaceable(Path(path))
    if options.footer_line is None:
        options = replace(options, footer_line=chosen.checkpoint)
    from tawthiq.report.document import build_report

    return build_report(path, chosen.items, options, left_out=chosen.left_out, progress=progress)


def describe(flt: IncidentFilter, *, public: bool = False) -> tuple[str, str]:
    """How the incidents of a report were chosen, in both languages; a public report does
    not repeat the words searched for, which may be a witness's name."""
    en, ar = [], []
    if flt.governorate:
        g = find_governorate(flt.governorate)
        en.append(f"governorate {g.name_en}")
        ar.append(f"محافظة {g.name_ar}")
    for code_name, vocab, word_en, word_ar in (
        (flt.incident_type, "incident_type", "type", "النوع"),
        (flt.perpetrator, "perpetrators", "perpetrator", "الجهة المنفذة"),
        (flt.status, "status", "status", "الحالة"),
    ):
        if code_name:
            term = vocabulary(vocab).term(code_name)
            en.append(f"{word_en} {term.en}")
            ar.append(f"{word_ar} {term.ar}")
    if flt.date_from or flt.date_to:
        span = f"{flt.date_from or '…'} – {flt.date_to or '…'}"
        en.append(span)
        ar.append(f"\u202a{span}\u202c")
    if flt.text and public:
        en.append("words searched for (not shown in a public report)")
        ar.append("كلمات بحث (لا تظهر في تقرير علني)")
    elif flt.text:
        en.append(f"words «{flt.text}»")
        ar.append(f"الكلمات «{flt.text}»")
    return ("; ".join(en) or "all incidents", "؛ ".join(ar) or "كل الحوادث")


@dataclass(frozen=True, slots=True)
class FingerprintCheck:
    match: fp.Match | None
    title: str | None
    deleted: bool = False

    @property
    def printed_at(self) -> datetime | None:
        """When the incident was as the printed fingerprint shows it."""
        return None if self.match is None else to_datetime(self.match.hlc_then)


def check_fingerprint(
    session: Session, printed: str, incident_id: str | None = None
) -> FingerprintCheck:
    """Which incident a printed fingerprint belongs to, and how much it changed since.
    Refused (``TamperedError``) when the record it matches does not pass the checks printing
    runs: a fingerprint recomputed from altered content is no proof of anything."""
    printed = "".join(printed.split()).lower()
    if len(printed) < 16 or any(c not in "0123456789abcdef" for c in printed):
        raise ValidationError(
            N_("{value!r} is not a fingerprint: give at least its first 16 characters (0-9, a-f)"),
            value=printed,
        )
    ids = [incident_id] if incident_id else svc.all_incident_ids(session)
    for candidate in ids:
        linked = fp.linked_records(session, candidate)
        covered = fp.covered_events(session, candidate, linked)
        found = fp.match(covered, printed, candidate)
        if found is not None:
            problem: str | None = fp.content_problem(covered, RowComparison(session), linked)
            if problem is None:
                broken = fp.chain_problem(session, fp.first_seqs(covered), _quiet)
                problem = None if broken is None else broken[1]
            if problem is not None:
                raise TamperedError(
                    N_(
                        "the record behind this fingerprint does not verify: {problem} "
                        "(incident {id}); run `tawthiq verify`, which checks the whole database"
                    ),
                    problem=problem,
                    id=candidate[:8],
                )
            inc = svc.get_incident(session, candidate)
            return FingerprintCheck(found, inc.title or None, inc.deleted)
    return FingerprintCheck(None, None)
