"""Many reports, one incident: finding the incident a report tells of among those kept,
grouping one incident into another (and undoing it), and the figures each report gave.

Grouping is an event like any other: the incident grouped keeps its own fields, events and
reports; it records ``grouped_into`` (the incident it is part of), lists show the group
once, and the reports of the whole group count for the incident it was grouped into.
Clearing ``grouped_into`` undoes it; nothing is lost either way.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from tawthiq.domain.checks import clean_changes
from tawthiq.domain.data_record import FIGURES, DataRecord, ReportFigures
from tawthiq.domain.errors import N_, ValidationError
from tawthiq.domain.fields import DELETED, INCIDENT, LINK
from tawthiq.domain.grouping import STRONG, WEAK, Match, match
from tawthiq.domain.records import Casualties, Incident, SourceReport, is_public
from tawthiq.domain.victims import Victim, public_victims
from tawthiq.services.incidents import edit_incident, get_incident, link_id
from tawthiq.store import EventWriter, groups, queries, victim_queries

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# why an extracted day is only a guess: counted from today (no day the report was written),
# or the day it was published (no day told in it)
GUESSED_DAY = ("today", "publication")


@dataclass(frozen=True, slots=True)
class Candidate:
    incident: Incident
    match: Match

    @property
    def strong(self) -> bool:
        return self.match.strength == STRONG


def candidates(
    session: Session,
    values: Mapping[str, Any],
    *,
    guessed_day: bool = False,
    limit: int = 5,
    besides: Collection[str] = (),
) -> list[Candidate]:
    """The incidents kept (not deleted, not grouped into another) that ``values`` may tell
    of, the likeliest first: strong matches, then weak ones by their score. Two incidents
    kept that both fit strongly ("2 killed in rural Idlib" when Sarmada and Binnish each
    lost 2 that day) make neither strong: the report could be either's."""
    try:
        day = date.fromisoformat(values["date_start"])
    except (KeyError, TypeError, ValueError):
        return []
    lo, hi = (day - timedelta(days=1)).isoformat(), (day + timedelta(days=1)).isoformat()
    found = []
    for incident_id, kept, _ in queries.incidents_between(session, lo, hi, besides=""):
        if incident_id in besides:
            continue
        m = match(values, kept, guessed_day=guessed_day)
        if m is not None:
            found.append(Candidate(Incident.from_state(incident_id, kept), m))
    if sum(c.strong for c in found) > 1:
        either = N_("another incident kept fits as well")
        found = [
            Candidate(
                c.incident, replace(c.match, strength=WEAK, reasons=(*c.match.reasons, either))
            )
            if c.strong
            else c
            for c in found
        ]
    found.sort(key=lambda c: (not c.strong, -c.match.score, c.incident.id))
    return found[:limit]


def _weak(c: Candidate, why: str) -> Candidate:
    return Candidate(c.incident, replace(c.match, strength=WEAK, reasons=(*c.match.reasons, why)))


def _values(session: Session, incident_id: str) -> dict[str, Any]:
    return dict(get_incident(session, incident_id).values)


def root_of(session: Session, incident_id: str) -> str:
    """The incident ``incident_id`` is shown as: itself when it stands alone, else the end
    of its chain of groupings (``store.groups`` says when a chain does not count)."""
    return groups.roots(session, [incident_id])[incident_id]


def members(session: Session, root: str) -> list[str]:
    """Every incident shown as part of ``root``'s group (grouped into it, directly or
    through another)."""
    return sorted(m for m, _ in queries.shown_as_part_of(session, [root]))


def group(writer: EventWriter, incident_id: str, into: str) -> str:
    """Record that ``incident_id`` is the incident ``into`` (or the one ``into`` is part
    of) told again; returns the incident it now counts for."""
    session = writer.session
    for one in (incident_id, into):
        if _values(session, one).get(DELETED):
            raise ValidationError(N_("incident {id} is deleted; it cannot be grouped"), id=one[:8])
    root = root_of(session, into)
    if root == incident_id or incident_id == into:
        raise ValidationError(
            N_("incident {id} cannot be grouped into itself or into one grouped into it"),
            id=incident_id[:8],
        )
    if _values(session, incident_id).get("grouped_into") == root:
        raise ValidationError(
            N_("incident {id} is already grouped into {into}"), id=incident_id[:8], into=root[:8]
        )
    edit_incident(writer, incident_id, {"grouped_into": root})
    return root


def ungroup(writer: EventWriter, incident_id: str) -> str:
    """Undo a grouping: the incident stands on its own again, with its own reports;
    returns the incident it had been grouped into."""
    into = _values(writer.session, incident_id).get("grouped_into")
    if not into:
        raise ValidationError(N_("incident {id} is not grouped into another"), id=incident_id[:8])
    edit_incident(writer, incident_id, {"grouped_into": None})
    return str(into)


def figures_of(values: Mapping[str, Any]) -> dict[str, Any]:
    """The figures an incident's values give (an extraction's or a form's, as a link keeps
    them: 9 written as the record writes it, a range)."""
    return clean_changes(INCIDENT, {k: values[k] for k in FIGURES if values.get(k) is not None})


def add_report(
    writer: EventWriter, incident_id: str, report_id: str, figures: Mapping[str, Any]
) -> None:
    """Link a report to an incident with the figures it gave for it (once: a second link of
    the same pair changes nothing)."""
    key = link_id(incident_id, report_id)
    if writer.events_of(key):
        return
    values = {"incident_id": incident_id, "source_report_id": report_id, **figures}
    writer.record(LINK, key, values, new=True)


def _published(report: SourceReport) -> str:
    return report.publication_date or report.received_date or ""


# a report an incident rests on: (its id, its values, the link's values)
Linked = tuple[str, dict[str, Any], dict[str, Any]]


def data_record(session: Session, incident_id: str, *, public: bool = True) -> DataRecord:
    """The incident with the reports of its whole group, the figures each report gave
    (oldest publication first, those raising the killed toll marked) and their range, and
    its victims (``public``: only those marked public, with their public fields); a report
    linked before links kept figures is read again for them."""
    incident = get_incident(session, incident_id)
    return records_of(session, [incident], read_again=True, public=public)[0]


def records_of(
    session: Session,
    incidents: Sequence[Incident],
    *,
    read_again: bool = False,
    public: bool = True,
    public_members: bool | None = None,
) -> list[DataRecord]:
    """The records of a batch of incidents (a few thousand at most), each with the reports
    and the victims of the incidents grouped into it too (two queries a batch). ``public``:
    only the victims marked public, with only their public fields (``public_victims``);
    ``public_members`` (as ``public`` unless given): only the reports of the incidents
    grouped into it that are public themselves (a restricted one's stay out).
    ``read_again``: read the text of a report whose link kept no figures (an extraction
    each: for one incident shown, not for an export)."""
    owner = {inc.id: inc.id for inc in incidents}
    grouped = dict(queries.shown_as_part_of(session, list(owner)))
    if (public if public_members is None else public_members) and grouped:
        member_values = queries.values_of(session, list(grouped))
        grouped = {m: r for m, r in grouped.items() if is_public(member_values.get(m, {}))}
    owner.update(grouped)
    linked: dict[str, list[Linked]] = {}
    seen: set[tuple[str, str]] = set()
    for incident_id, link, report_id, report in queries.links_of(session, list(owner)):
        root = owner[incident_id]
        if (root, report_id) not in seen:
            seen.add((root, report_id))
            linked.setdefault(root, []).append((report_id, report, link))
    named: dict[str, list[Victim]] = {}
    disputed = victim_queries.in_conflict(session, list(owner))  # read with their conflicts
    for victim_id, values in victim_queries.victims_of(session, list(owner)):
        root = owner[str(values.get("incident_id"))]
        if victim_id in disputed:
            from tawthiq.services.victims import get_victim

            named.setdefault(root, []).append(get_victim(session, victim_id))
        else:
            named.setdefault(root, []).append(Victim.from_state(victim_id, values))
    out = []
    for inc in incidents:
        record = record_from(inc, linked.get(inc.id, ()), read_again=read_again)
        victims = named.get(inc.id, [])
        shown = public_victims(victims) if public else victims
        out.append(replace(record, victims=tuple(shown)))
    return out


def record_from(
    incident: Incident, reports: Sequence[Linked], *, read_again: bool = False
) -> DataRecord:
    """The record of an incident and the reports it rests on."""
    sources: list[tuple[SourceReport, dict[str, Casualties]]] = []
    for report_id, report_values, link in reports:
        given: Mapping[str, Any] = link
        if read_again and not any(k in link for k in FIGURES):
            given = _read_again(report_values, incident)
        figures = {k: c for k in FIGURES if (c := Casualties.from_value(given.get(k))) is not None}
        sources.append((SourceReport.from_state(report_id, report_values), figures))
    sources.sort(key=lambda s: _published(s[0]))
    per_source, highest = [], None
    for report, figures in sources:
        killed = figures.get("killed")
        raises = killed is not None and highest is not None and killed.max > highest
        if killed is not None:
            highest = killed.max if highest is None else max(highest, killed.max)
        per_source.append(ReportFigures(report, figures, raises))
    return DataRecord(incident, tuple(per_source), across(per_source))


def _read_again(report: Mapping[str, Any], incident: Incident) -> dict[str, Any]:
    """The figures of a report linked before links kept them: the report's text read
    again, the incident of it that matches this one (none when no reading matches)."""
    from tawthiq.extract import extract
    from tawthiq.services.drafts import incident_values

    text = report.get("text")
    if not text:
        return {}
    try:
        day = date.fromisoformat(report.get("publication_date") or "")
    except ValueError:
        day = None
    best: tuple[float, dict[str, Any]] | None = None
    for found in extract(text, ref_date=day).incidents:
        if not found.is_incident:
            continue
        values = incident_values(found)
        m = match(values, incident.values)
        if m is not None and (best is None or m.score > best[0]):
            best = (m.score, values)
    return figures_of(best[1]) if best else {}


def across(per_source: Sequence[ReportFigures]) -> dict[str, Casualties]:
    """For each figure some report gave: the lowest minimum and the highest maximum."""
    out: dict[str, Casualties] = {}
    for key in FIGURES:
        given = [r.figures[key] for r in per_source if key in r.figures]
        if given:
            lo, hi = min(c.min for c in given), max(c.max for c in given)
            out[key] = Casualties(lo, hi, any(c.approximate for c in given))
    return out
