"""What the use cases hand back: small typed results, each saying what it changed (its
``changes``) when it wrote, so the command line and the window read the same answers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from tawthiq.domain.records import Change, Incident, SourceReport
from tawthiq.services.changes import Changes

if TYPE_CHECKING:
    from tawthiq.domain.data_record import DataRecord
    from tawthiq.extract.result import Aside, IncidentResult
    from tawthiq.services.drafts import Draft
    from tawthiq.services.grouping import Candidate
    from tawthiq.services.kept import AlreadyKept


@dataclass(frozen=True, slots=True)
class IncidentView:
    """Everything the window shows of one incident."""

    incident: Incident
    reports: tuple[SourceReport, ...]
    history: tuple[Change, ...]  # newest first
    heads: dict[str, tuple[str, ...]]  # per field, the events its value comes from
    # the figures each report of its group gave, and their range (reports: the same ones)
    sources: DataRecord | None = None
    members: tuple[str, ...] = ()  # the incidents grouped into it


@dataclass(frozen=True, slots=True)
class Reading:
    """What the extractor made of a pasted report: its language and a draft per incident."""

    language: str
    drafts: tuple[Draft, ...]
    ref_date: date  # the day its "today" and "yesterday" were read against
    dated: str  # "given", "guessed" (the day the report says it was written) or "today"
    kept: AlreadyKept | None = None  # the same report, already kept with its incidents


@dataclass(frozen=True, slots=True)
class Saved:
    incident_id: str
    report_id: str | None
    events: int  # changes to the incident itself, each one row of its history
    values: dict[str, Any]  # the incident as saved, defaults included
    heads: dict[str, tuple[str, ...]]  # what an edit of it from now on has seen
    changes: Changes
    unchecked: tuple[str, ...] = ()  # fields saved as the extractor's suggestion, not checked


@dataclass(frozen=True, slots=True)
class PlaceChoice:
    """A gazetteer place offered while typing, with the form fields it fills in."""

    pcode: str
    kind: str
    name_ar: str
    name_en: str
    governorate: str
    district: str | None
    values: dict[str, Any]


@dataclass(frozen=True, slots=True)
class IngestSummary:
    files: int
    incidents: int
    without_incident: tuple[str, ...]
    changes: Changes
    already_kept: tuple[str, ...] = ()  # files whose report was kept before: nothing saved
    # reports that do not say when they were written: their days counted from today's date
    guessed_days: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Rebuilt:
    entities: int
    drifted: bool  # the tables differed from what the log says
    digest: str  # the state digest after the rebuild
    changes: Changes


@dataclass(frozen=True, slots=True)
class Written:
    incidents: int
    pages: int
    left_out: int  # incidents a public report left out
    unprintable: tuple[str, ...] = ()  # characters the fonts could not draw


@dataclass(frozen=True, slots=True)
class Ingested:
    """One report saved with the incidents found in it, and what was set aside as no
    incident of its own; or, when it was already kept, nothing saved and ``kept``."""

    report_id: str | None
    saved: tuple[tuple[str, IncidentResult], ...]  # (new incident id, what was extracted)
    changes: Changes
    set_aside: tuple[Aside, ...] = ()
    kept: AlreadyKept | None = None
    # the report added to incidents kept before: (incident, what was extracted, the match)
    added: tuple[tuple[str, IncidentResult, Candidate], ...] = ()
    # (incident saved or added to, an incident it may also be), not joined
    weaker: tuple[tuple[str, Candidate], ...] = ()


@dataclass(frozen=True, slots=True)
class Resolved:
    """A conflict settled: the event that settled it."""

    event_id: str
    changes: Changes
