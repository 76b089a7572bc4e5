"""Many reports, one incident, as the window and the command line ask for it: reached as
``Desk.groups``, each call a user action in its own session."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from tawthiq.services.changes import Changes

if TYPE_CHECKING:
    from tawthiq.services.grouping import Candidate
    from tawthiq.services.results import IncidentView
    from tawthiq.services.workspace import Workspace


@dataclass(frozen=True, slots=True)
class AddedReport:
    """A pasted report kept as one more source of an incident kept before: no new incident."""

    incident_id: str  # the incident the report now counts for (the group's)
    report_id: str
    view: IncidentView  # that incident as it now is, to show and edit
    changes: Changes


class GroupDesk:
    def __init__(self, workspace: Callable[[], Workspace]) -> None:
        self._ws = workspace

    def group(self, incident_id: str, into: str) -> str:
        """Record ``incident_id`` as the incident ``into`` told again; returns the incident
        the group is shown as."""
        from tawthiq.services import grouping

        with self._ws().writing() as w:
            return grouping.group(w, incident_id, into)

    def ungroup(self, incident_id: str) -> str:
        """Undo a grouping; returns the incident it had been grouped into."""
        from tawthiq.services import grouping

        with self._ws().writing() as w:
            return grouping.ungroup(w, incident_id)

    def changes(self, *incident_ids: str) -> Changes:
        return Changes.of(incident_ids, reports=True)

    def candidates(self, incident_id: str) -> list[Candidate]:
        """Incidents kept that ``incident_id`` may be (itself and its group left out)."""
        from tawthiq.services import grouping
        from tawthiq.services.incidents import get_incident

        with self._ws().db.read() as s:
            values = get_incident(s, incident_id).values
            group = {incident_id, *grouping.members(s, incident_id)}
            found = grouping.candidates(s, values, limit=10, besides=group)
        return [c for c in found if c.incident.id not in group]

    def candidates_for(
        self, values: Mapping[str, Any], *, guessed_day: bool = False
    ) -> list[Candidate]:
        """Incidents kept that a form not yet saved (a pasted report's) may tell of, strong
        matches first; ``guessed_day``: its day is a guess, so none of them is strong."""
        from tawthiq.services import grouping

        with self._ws().db.read() as s:
            return grouping.candidates(s, values, guessed_day=guessed_day)

    def add_to(
        self,
        into: str,
        values: Mapping[str, Any],
        *,
        report: Mapping[str, Any] | None = None,
        report_id: str | None = None,
    ) -> AddedReport:
        """Keep a pasted report as a source of the incident ``into`` (or of the incident its
        group is shown as), with the figures the form gave for it, in one transaction; no
        incident is made. ``report``: a report not yet kept; ``report_id``: one already kept
        (another incident of the same paste was saved from it)."""
        from tawthiq.domain.errors import N_, ValidationError
        from tawthiq.services import grouping
        from tawthiq.services import incidents as svc

        if (report is None) == (report_id is None):
            raise ValueError("give the report or the id of one kept, not both")
        with self._ws().writing() as w:
            if svc.get_incident(w.session, into).deleted:
                raise ValidationError(N_("incident {id} is deleted; it cannot be grouped"),
                                      id=into[:8])  # fmt: skip
            root = grouping.root_of(w.session, into)
            if report is not None:
                report_id = svc.add_source_report(
                    w, {"received_date": date.today().isoformat(), **report}
                )
            assert report_id is not None
            grouping.add_report(w, root, report_id, grouping.figures_of(values))
        view = _incident(self._ws(), root)
        changes = Changes(incidents=frozenset({root}), reports=True, focus=root)
        return AddedReport(root, report_id, view, changes)


def _incident(ws: Workspace, incident_id: str) -> IncidentView:
    from tawthiq.services.desk import Desk

    return Desk(ws).incident(incident_id)
