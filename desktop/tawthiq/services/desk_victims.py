"""Victims by name, as the window and the command line ask for them: reached as
``Desk.victims``, each call a user action in its own session."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tawthiq.domain.errors import Sentence
    from tawthiq.domain.records import Change, SourceReport
    from tawthiq.domain.victims import Victim
    from tawthiq.extract.victims import SuggestedVictim
    from tawthiq.services.victims import FoundVictim, Suggestion
    from tawthiq.services.workspace import Workspace


class VictimDesk:
    def __init__(self, workspace: Callable[[], Workspace]) -> None:
        self._ws = workspace

    def add(
        self, incident_id: str, values: Mapping[str, Any], *, suggested: Collection[str] = ()
    ) -> str:
        """Record a victim of ``incident_id``; returns its id."""
        from tawthiq.services import victims

        with self._ws().writing() as w:
            return victims.add_victim(w, incident_id, values, suggested=suggested)

    def edit(
        self,
        victim_id: str,
        changes: Mapping[str, Any],
        *,
        seen: Mapping[str, Sequence[str]] | None = None,
    ) -> int:
        """Change a victim's fields; returns how many changed."""
        from tawthiq.services import victims

        with self._ws().writing() as w:
            return len(victims.edit_victim(w, victim_id, changes, seen=seen))

    def delete(self, victim_id: str) -> None:
        from tawthiq.services import victims

        with self._ws().writing() as w:
            victims.delete_victim(w, victim_id)

    def resolve(self, victim_id: str, field: str, value: Any) -> None:
        from tawthiq.services import victims

        with self._ws().writing() as w:
            victims.resolve_victim_conflict(w, victim_id, field, value)

    def link_same_person(self, victim_id: str, other_id: str) -> None:
        from tawthiq.services import victims

        with self._ws().writing() as w:
            victims.link_same_person(w, victim_id, other_id)

    def unlink_same_person(self, victim_id: str, other_id: str) -> None:
        from tawthiq.services import victims

        with self._ws().writing() as w:
            victims.unlink_same_person(w, victim_id, other_id)

    def same_person(self, victim: Victim) -> list[Victim]:
        """The victims of other incidents recorded as the same person as ``victim``."""
        from tawthiq.services import victims

        with self._ws().db.read() as s:
            return victims.same_person(s, victim)

    def named_in(self, text: str) -> list[SuggestedVictim]:
        """The people a report's text names in rolls of names, with the words of each."""
        from tawthiq.extract.victims import name_rolls

        return name_rolls(text)

    def accept_named(
        self, incident_id: str, report_id: str | None, named: Sequence[SuggestedVictim]
    ) -> list[str]:
        """Record people named in a report as victims of ``incident_id`` (each value marked
        suggested, not checked), except those already among its victims by name; returns
        the ids recorded."""
        from tawthiq.domain.transliterate import latin_key

        known = {latin_key(n) for v in self.of(incident_id) for n in (v.name_ar, v.name_en) if n}
        out = []
        for person in named:
            key = latin_key(person.name)
            if key in known:
                continue
            known.add(key)
            values = dict(person.values())
            suggested = list(values)
            if report_id is not None:
                values["report_ids"] = [report_id]
            out.append(self.add(incident_id, values, suggested=suggested))
        return out

    def of(self, incident_id: str) -> list[Victim]:
        """The victims of an incident (and of those grouped into it)."""
        from tawthiq.services import victims

        with self._ws().db.read() as s:
            return victims.victims_of(s, incident_id)

    def shown(self, incident_id: str, *, public: bool) -> list[Victim]:
        """The victims a report or export may list: for a public one, only those marked
        public, with only their public fields."""
        from tawthiq.services import victims

        with self._ws().db.read() as s:
            return victims.victims_shown(s, incident_id, public=public)

    def suggested(self, incident_id: str) -> list[Suggestion]:
        """People the incident's reports name in rolls, not yet among its victims."""
        from tawthiq.services import victims

        with self._ws().db.read() as s:
            return victims.suggested_victims(s, incident_id)

    def accept(self, incident_id: str, suggestion: Suggestion) -> str:
        """Record a suggested victim, with the report naming them; its values stay marked
        suggested, not checked, until a person edits or confirms them."""
        values = {**suggestion.victim.values(), "report_ids": [suggestion.report_id]}
        suggested = [k for k in values if k != "report_ids"]
        return self.add(incident_id, values, suggested=suggested)

    def history(self, victim_id: str) -> list[Change]:
        """Every change of a victim's fields, oldest first: who, what, from what, when."""
        from tawthiq.services import victims
        from tawthiq.services.incidents import history

        with self._ws().db.read() as s:
            victims.get_victim(s, victim_id)  # a sentence when there is no such victim
            return history(s, victim_id)

    def get(self, victim_id: str) -> Victim:
        from tawthiq.services import victims

        with self._ws().db.read() as s:
            return victims.get_victim(s, victim_id)

    def find(self, name: str) -> list[FoundVictim]:
        """Victims of every incident by name, folded and across scripts, closest first."""
        from tawthiq.services import victims

        with self._ws().db.read() as s:
            return victims.find_victims(s, name)

    def reports(self, victim: Victim) -> list[SourceReport]:
        """The source reports naming ``victim``."""
        from tawthiq.services import victims

        with self._ws().db.read() as s:
            return victims.reports_naming(s, victim)

    def problems(self, incident_id: str) -> list[Sentence]:
        """Where the incident's named victims say more than its counts."""
        from tawthiq.services import victims

        with self._ws().db.read() as s:
            return victims.incident_problems_with_victims(s, incident_id)

    def resolve_id(self, prefix: str) -> str:
        """The full id of the victim whose id starts with ``prefix``."""
        from tawthiq.domain.fields import VICTIM
        from tawthiq.services.incidents import resolve_id

        with self._ws().db.read() as s:
            return resolve_id(s, prefix, what=VICTIM)

    def resolve_report(self, prefix: str) -> str:
        """The full id of the source report whose id starts with ``prefix``."""
        from tawthiq.domain.fields import SOURCE_REPORT
        from tawthiq.services.incidents import resolve_id

        with self._ws().db.read() as s:
            return resolve_id(s, prefix, what=SOURCE_REPORT)
