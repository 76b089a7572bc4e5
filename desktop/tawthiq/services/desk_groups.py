"""Many reports, one incident, as the window and the command line ask for it: reached as
``Desk.groups``, each call a user action in its own session."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tawthiq.services.changes import Changes

if TYPE_CHECKING:
    from tawthiq.services.grouping import Candidate
    from tawthiq.services.workspace import Workspace


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
            found = grouping.candidates(s, values, limit=10)
        return [c for c in found if c.incident.id not in group]
