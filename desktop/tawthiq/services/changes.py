"""What an operation changed (Anki's ``OpChanges``): every use case that writes returns it,
alone or inside its result, so each view can tell whether what it shows is now stale and
refresh itself; nobody refreshes a view by hand after an operation."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tawthiq.domain.errors import Cancelled


@dataclass(frozen=True, slots=True)
class Changes:
    """``incidents``: the incidents written (values, links, deletion); ``all_incidents``:
    any of them may have changed (a merge, a rebuild); ``reports``: source reports were
    added or changed; ``focus``: the incident the user acted on, for views to keep in
    sight."""

    incidents: frozenset[str] = frozenset()
    all_incidents: bool = False
    reports: bool = False
    focus: str | None = None

    @classmethod
    def of(cls, incident_ids: Iterable[str], *, reports: bool = False) -> Changes:
        return cls(incidents=frozenset(incident_ids), reports=reports)

    @property
    def incident_list(self) -> bool:
        """Whether a list of incidents may now show other rows or other values."""
        return self.all_incidents or bool(self.incidents)

    def touches(self, incident_id: str) -> bool:
        return self.all_incidents or incident_id in self.incidents

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            incidents=self.incidents | other.incidents,
            all_incidents=self.all_incidents or other.all_incidents,
            reports=self.reports or other.reports,
            focus=other.focus or self.focus,
        )


NOTHING = Changes()
EVERYTHING = Changes(all_incidents=True, reports=True)


def changes_of(result: object) -> Changes | None:
    """The changes an operation's result (or its error, when stopped part way) reports:
    itself, or its ``changes``; None for a read."""
    if isinstance(result, Changes):
        return result
    found = getattr(result, "changes", None)
    return found if isinstance(found, Changes) else None


class Stopped(Cancelled):
    """Long work stopped part way, after some of it was kept: what it had changed by then,
    so the views still show the part kept."""

    def __init__(self, stop: Cancelled, changes: Changes) -> None:
        super().__init__(stop.template, field=stop.field, **stop.params)
        self.changes = changes
