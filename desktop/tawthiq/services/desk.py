"""The use cases, as the window and the command line both call them: each named once here
(or on ``Desk.sync``). Each call is one user action in its own session, so neither front
holds a database session; any of them may run off the UI thread, and each that writes says
what it changed (``Changes``), alone or in its result.

Importing this module is light: the database layer is imported when the workspace is first
opened (``Desk.open``), so the window can show itself first."""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tawthiq.domain.filters import IncidentFilter
from tawthiq.domain.records import Incident
from tawthiq.services.changes import Changes
from tawthiq.services.data_files import DataDesk
from tawthiq.services.desk_files import FilesDesk
from tawthiq.services.desk_groups import GroupDesk
from tawthiq.services.desk_ingest import Ingesting
from tawthiq.services.desk_sync import SyncDesk
from tawthiq.services.desk_trail import TrailDesk
from tawthiq.services.desk_victims import VictimDesk
from tawthiq.services.drafts import drafts_from, place_fields, report_date
from tawthiq.services.results import (
    IncidentView,
    Ingested,
    IngestSummary,
    PlaceChoice,
    Reading,
    Rebuilt,
    Resolved,
    Saved,
    Written,
)

if TYPE_CHECKING:
    from tawthiq.extract.result import ExtractionResult
    from tawthiq.report.model import ReportOptions
    from tawthiq.services.kept import AlreadyKept
    from tawthiq.services.workspace import Workspace

Progress = Callable[[int, int], None]  # (done, total); raises Cancelled to stop

__all__ = [  # the results, named where their use cases are
    "Desk",
    "IncidentView",
    "IngestSummary",
    "Ingested",
    "PlaceChoice",
    "Reading",
    "Rebuilt",
    "Resolved",
    "Saved",
    "Written",
    "extract_report",
]


def extract_report(text: str, ref_date: date | None) -> ExtractionResult:
    """What the extractor finds in a report read on ``ref_date`` (None: today); no database."""
    from tawthiq.extract import extract

    return extract(text, ref_date=ref_date)


class Desk(Ingesting):
    """The documenter's desk: a workspace and what can be done with it; ``sync`` holds the
    use cases of moving work between laptops, ``trail`` those of checking the audit trail."""

    def __init__(self, ws: Workspace | Callable[[], Workspace]) -> None:
        """``ws``: an open workspace, or how to open one (then ``open()`` does, off the UI
        thread, or the first use that needs it)."""
        self._opener = ws if callable(ws) else None
        self._ws = None if callable(ws) else ws
        self._lock = threading.Lock()
        self.sync = SyncDesk(lambda: self.ws)
        self.groups = GroupDesk(lambda: self.ws)
        self.data = DataDesk(lambda: self.ws)  # plain data files for other tools
        self.victims = VictimDesk(lambda: self.ws)
        self.files = FilesDesk(lambda: self.ws)
        self.trail = TrailDesk(lambda: self.ws)

    @property
    def ws(self) -> Workspace:
        with self._lock:
            if self._ws is None:
                assert self._opener is not None
                self._ws = self._opener()
            return self._ws

    def open(self) -> str:
        """Open the database (importing the database layer): where it is, as shown."""
        return self.location

    def close(self) -> None:
        with self._lock:
            if self._ws is not None:
                self._ws.close()

    def release(self) -> None:
        """Close the database until it is next needed (the window's lock: an encrypted
        database's key leaves memory with its connection); the next use opens it again,
        which needs the laptop unlocked."""
        with self._lock:
            ws, self._ws = self._ws, None
            if ws is None:
                return
            if self._opener is None:
                self._opener = partial(_reopen, ws.db.path, ws.key_dir, ws.author)
            ws.close()

    @property
    def author(self) -> str:
        return self.ws.author or ""

    @author.setter
    def author(self, name: str) -> None:
        self.ws.author = name

    @property
    def location(self) -> str:
        """Where the database is, as shown to people."""
        return self.ws.db.location

    @staticmethod
    def check_new(values: Mapping[str, Any]) -> None:
        """Every check a new incident's values must pass, before any database is opened."""
        from tawthiq.services.incidents import new_incident_values

        new_incident_values(values)

    def demo(self, say: Callable[[str], None]) -> str:
        """The sample report pasted, saved, reviewed, verified and printed, each step told
        to ``say``: the incident's id."""
        from tawthiq.services.demo import run_demo

        return run_demo(self.ws, say)

    def warm_up(self) -> None:
        """Load the extractor's resources, the place index and the place check (a second
        on a slow laptop) before the documenter first needs them."""
        from tawthiq.domain.admin_units import place_problems
        from tawthiq.extract.place_search import suggest_places

        extract_report("قصف", date(2022, 1, 1))
        suggest_places("ا")
        place_problems({"governorate": "Idlib", "pcode": "C4121", "lat": 36.0, "lon": 36.0})

    # --- paste and review ------------------------------------------------------------------

    def read_report(self, text: str, ref_date: date | None = None) -> Reading:
        """Extract the report's incidents; its "today" is ``ref_date`` when known, else the
        day the report says it was written, else today, and a day counted from today is
        marked unsure (``Reading.dated`` says which)."""
        result = extract_report(text, ref_date)  # the extractor finds the report's own day
        if ref_date is not None:
            day, dated = ref_date, "given"
        else:
            told = report_date(text)
            day, dated = (told, "guessed") if told else (date.today(), "today")
        drafts = tuple(drafts_from(result))
        return Reading(result.language, drafts, day, dated, self.kept_report(text))

    def kept_report(self, text: str) -> AlreadyKept | None:
        """The reports already kept with this text (white space aside) and their incidents:
        pasting or ingesting it again would record them twice."""
        from tawthiq.services.kept import already_kept

        with self.ws.db.read() as s:
            return already_kept(s, text)

    def places(self, typed: str, limit: int = 20) -> list[PlaceChoice]:
        from tawthiq.extract.place_search import suggest_places
        from tawthiq.extract.places import place_kind, place_value

        out = []
        for p in suggest_places(typed, limit):
            name = f"مخيم {p.name_ar}" if p.kind == "camp" else p.name_ar
            values = place_fields(place_value(p, name=name, kind=place_kind(p)))
            out.append(
                PlaceChoice(p.pcode, p.kind, p.name_ar, p.name_en, p.governorate, p.district,
                            values)
            )  # fmt: skip
        return out

    def save(
        self,
        values: Mapping[str, Any],
        *,
        incident_id: str | None = None,
        seen: Mapping[str, Sequence[str]] | None = None,
        report: Mapping[str, Any] | None = None,
        report_id: str | None = None,
        report_changes: Mapping[str, Any] | None = None,
        suggested: Collection[str] = (),
        confirmed: Collection[str] = (),
    ) -> Saved:
        """Save the form in one transaction: a new incident, or the changes to one (``seen``:
        what the form had loaded, so someone else's change meanwhile becomes a conflict, not
        a loss). Its source: a new report (``report``, linked to it), or one already saved
        (``report_id``, linked if the incident is new, with ``report_changes`` to what is
        known of its origin). ``suggested``: fields saved as the extractor's suggestion, not
        checked; ``confirmed``: fields saved unchecked before that a person has now checked."""
        from tawthiq.services import incidents as svc
        from tawthiq.services.grouping import add_report, figures_of
        from tawthiq.store.materialize import entity_state

        with self.ws.writing() as w:
            before = 0 if incident_id is None else len(w.events_of(incident_id))
            if incident_id is not None:
                svc.edit_incident(
                    w, incident_id, values, seen=seen, suggested=suggested, confirmed=confirmed
                )
            else:
                incident_id = svc.create_incident(w, values, suggested=suggested)
                if report_id is not None:  # with the figures it gave for this incident
                    add_report(w, incident_id, report_id, figures_of(values))
            if report_id is not None and report_changes:
                svc.edit_source_report(w, report_id, report_changes)
            if report is not None and report.get("text"):
                received = {"received_date": date.today().isoformat(), **report}
                report_id = svc.add_source_report(w, received)
                add_report(w, incident_id, report_id, figures_of(values))
            history = w.events_of(incident_id)
            # the incident's own changes, as its history shows them; the report and the
            # link to it are events of their own records
            events = len(history) - before
            others = w.written - events
            replayed = entity_state(history)  # defaults included
        changes = Changes(
            incidents=frozenset({incident_id}) if events or others else frozenset(),
            reports=report_id is not None and (report is not None or bool(report_changes)),
            focus=incident_id,
        )
        return Saved(
            incident_id,
            report_id,
            events,
            replayed.values,
            svc.field_heads_of(history),
            changes,
            tuple(sorted(replayed.unchecked)),
        )

    def resolve(
        self, incident_id: str, field: str, value: Any = None, *, pick: str | None = None
    ) -> Resolved:
        """Settle a conflict: a new value for ``field`` that has seen every value in it,
        ``value`` or that of the event ``pick`` (the end of its id, as ``show`` prints it)."""
        from tawthiq.services import incidents as svc

        with self.ws.writing() as w:
            events = svc.resolve_conflict(w, incident_id, field, value=value, pick=pick)
        changes = Changes(incidents=frozenset({incident_id}), focus=incident_id)
        return Resolved(events[0].event_id, changes)

    def delete(self, incident_id: str) -> Changes:
        """A tombstone: the incident leaves the list, its history stays."""
        from tawthiq.services import incidents as svc

        with self.ws.writing() as w:
            svc.delete_incident(w, incident_id)
        return Changes(incidents=frozenset({incident_id}))

    # --- reading ----------------------------------------------------------------------------

    def resolve_id(self, prefix: str) -> str:
        """The full id of the incident whose id starts with ``prefix`` (4 characters or
        more), as a documenter types it."""
        from tawthiq.services import incidents as svc

        with self.ws.db.read() as s:
            return svc.resolve_id(s, prefix)

    def incident(self, incident_id: str) -> IncidentView:
        from tawthiq.services import grouping
        from tawthiq.services import incidents as svc

        with self.ws.db.read() as s:
            record = grouping.data_record(s, incident_id, public=False)
            members = grouping.members(s, incident_id)
            changes = svc.history(s, incident_id)
            now = svc.heads(s, incident_id)
        return IncidentView(
            record.incident, record.reports, tuple(reversed(changes)), now, record, tuple(members)
        )

    def page(
        self,
        flt: IncidentFilter,
        *,
        limit: int,
        offset: int,
        sort: str = "date",
        descending: bool = True,
    ) -> list[Incident]:
        from tawthiq.services import incidents as svc

        with self.ws.db.read() as s:
            return svc.list_incidents(
                s, flt, limit=limit, offset=offset, sort=sort, descending=descending
            )

    def count(self, flt: IncidentFilter) -> int:
        from tawthiq.services import incidents as svc

        with self.ws.db.read() as s:
            return svc.count_incidents(s, flt)

    # --- long work --------------------------------------------------------------------------

    def write_report(
        self,
        path: Path,
        options: ReportOptions,
        progress: Progress,
        *,
        ids: Sequence[str] = (),
        flt: IncidentFilter | None = None,
    ) -> Written:
        """A PDF report of the incidents named (ids or their starts), or of those the
        filter matches; ``progress`` hears of the choosing, then of the writing."""
        from dataclasses import replace

        from tawthiq.services.evidence_files import file_store
        from tawthiq.services.printed_files import with_files
        from tawthiq.services.reports import choose, describe, write_report

        with self.ws.db.read() as s:
            chosen = choose(s, ids, None if ids else flt, public=options.public, progress=progress)
            chosen = with_files(s, chosen, file_store(self.ws), public=options.public)
        if not ids:
            selection = describe(flt or IncidentFilter(), public=options.public)
            options = replace(options, selection=selection)
        written = write_report(path, chosen, options, progress=progress)
        return Written(len(chosen.items), written.pages, chosen.left_out, written.unprintable)


def _reopen(path: Path, key_dir: Path, author: str | None) -> Workspace:
    from tawthiq.services.workspace import open_workspace

    return open_workspace(path, author=author, key_dir=key_dir, create=False)
