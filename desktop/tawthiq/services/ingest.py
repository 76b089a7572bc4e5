"""Pasting a report: extract its incidents and save them with the report as their source."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tawthiq.domain.errors import ValidationError
from tawthiq.domain.fields import cross_checked_fields
from tawthiq.extract import ExtractionResult, IncidentResult, extract
from tawthiq.services.drafts import incident_values
from tawthiq.services.grouping import (
    GUESSED_DAY,
    Candidate,
    add_report,
    candidates,
    figures_of,
    root_of,
)
from tawthiq.services.incidents import add_source_report, create_incidents, new_incident_values
from tawthiq.services.kept import AlreadyKept, already_kept
from tawthiq.store import EventWriter


def _valid(values: dict[str, Any]) -> dict[str, Any]:
    """The form as far as it passes the incident's checks: a field the checks refuse is left
    empty for the documenter, never a reason to lose the report."""
    try:
        new_incident_values(values)
        return values
    except ValidationError:
        pass
    droppable = cross_checked_fields()
    kept = {k: v for k, v in values.items() if k not in droppable}
    try:
        new_incident_values(kept)
        return kept
    except ValidationError:
        return {k: v for k, v in kept.items() if k in ("title_ar", "title_en", "incident_type")}


@dataclass(frozen=True, slots=True)
class Ingested:
    report_id: str | None  # None: the report was already kept, nothing was saved
    saved: tuple[tuple[str, IncidentResult], ...]  # (new incident id, what was extracted)
    result: ExtractionResult | None
    kept: AlreadyKept | None = None  # the same report, kept before
    # (incident kept before, what was extracted, the match): the report was added to it
    added: tuple[tuple[str, IncidentResult, Candidate], ...] = ()
    # (incident saved or added to, an incident it may also be): candidates not joined
    weaker: tuple[tuple[str, Candidate], ...] = ()

    @property
    def incident_ids(self) -> tuple[str, ...]:
        return (*(i for i, _ in self.saved), *(i for i, _, _ in self.added))


def ingest_report(
    writer: EventWriter,
    text: str,
    *,
    ref_date: date | None = None,
    outlet: str | None = None,
    url: str | None = None,
    again: bool = False,
    separate: bool = False,
) -> Ingested:
    """Extract every incident of ``text`` and save each, the text kept as their source; a
    report already kept saves nothing and says so, unless ``again``. An incident that
    strongly matches one kept is not saved again: the report is added to that one (unless
    ``separate``); weaker matches are returned as candidates."""
    before = None if again else already_kept(writer.session, text)
    separate = separate or again  # "once more, with new incidents"
    if before is not None:
        return Ingested(None, (), None, before)
    result = extract(text, ref_date=ref_date)
    found = [(i, _valid(incident_values(i))) for i in result.incidents if i.is_incident]
    kept: list[tuple[IncidentResult, dict[str, Any], list[Candidate]]] = []
    added: list[tuple[str, IncidentResult, Candidate, dict[str, Any]]] = []
    weaker: list[tuple[str, Candidate]] = []
    for one, values in found:
        likely = candidates(writer.session, values, guessed_day=one["date"].unsure in GUESSED_DAY)
        if likely and likely[0].strong and not separate:
            into = root_of(writer.session, likely[0].incident.id)
            added.append((into, one, likely[0], values))
            weaker.extend((into, c) for c in likely[1:])
        else:
            kept.append((one, values, likely))
    # Everything the extractor filled in is saved as its suggestion, not checked by anyone.
    ids = create_incidents(writer, [f for _, f, _ in kept], suggested=lambda values: values.keys())
    report: dict[str, Any] = {
        "text": text,
        "language": result.language,
        "received_date": date.today().isoformat(),
    }
    if ref_date is not None:
        report["publication_date"] = ref_date.isoformat()
    if outlet:
        report["outlet"] = outlet
    if url:
        report["url"] = url
    report_id = add_source_report(writer, report)
    for incident_id, (_, values, likely) in zip(ids, kept, strict=True):
        add_report(writer, incident_id, report_id, figures_of(values))
        weaker.extend((incident_id, c) for c in likely)
    for into, _, _, values in added:
        add_report(writer, into, report_id, figures_of(values))
    return Ingested(
        report_id,
        tuple(zip(ids, (i for i, _, _ in kept), strict=True)),
        result,
        added=tuple((into, one, c) for into, one, c, _ in added),
        weaker=tuple(weaker),
    )
