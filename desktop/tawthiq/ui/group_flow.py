"""Grouping from the incident's view: "Group into another incident…" (the incidents that
match it, or an id typed) and "Stand on its own again"; each an operation off the UI
thread whose changes every view refreshes from."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from tawthiq.domain.records import Incident
from tawthiq.i18n import _, isolate
from tawthiq.services.changes import Changes
from tawthiq.services.desk import Desk
from tawthiq.services.grouping import Candidate
from tawthiq.ui.group_dialogs import GroupIntoDialog
from tawthiq.ui.ops import Runner, error_sentence

AskInto = Callable[[Incident, list[Candidate]], str | None]


def ask_into(parent: QWidget) -> AskInto:
    def ask(incident: Incident, found: list[Candidate]) -> str | None:
        dialog = GroupIntoDialog(incident, found, parent)
        try:
            return dialog.chosen() if dialog.exec() else None
        finally:
            dialog.deleteLater()

    return ask


class GroupFlow:
    def __init__(
        self, parent: QWidget, desk: Desk, runner: Runner, say: Callable[[str], None]
    ) -> None:
        self.desk, self.runner, self.say = desk, runner, say
        self.ask: AskInto = ask_into(parent)

    def group(self, incident: Incident) -> None:
        """Ask which incident this one is (the candidates read off the UI thread), then
        group it into that one."""
        self.runner.run(
            lambda: self.desk.groups.candidates(incident.id),
            done=lambda found: self._chosen(incident, self.ask(incident, found)),
            failed=self._failed,
        )

    def _chosen(self, incident: Incident, into: str | None) -> None:
        if not into:
            return

        def work() -> Changes:
            target = self.desk.resolve_id(into)  # as typed: its first characters
            root = self.desk.groups.group(incident.id, target)
            return Changes(incidents=frozenset({incident.id, root}), reports=True, focus=root)

        def done(changes: Changes) -> None:
            self.say(
                _("Incident {id} is now grouped into incident {into}; its reports count for "
                  "that one.").format(id=isolate(incident.id[:8]),
                                      into=isolate((changes.focus or "")[:8]))
            )  # fmt: skip

        self.runner.run(work, done=done, failed=self._failed)

    def ungroup(self, incident_id: str) -> None:
        def work() -> Changes:
            into = self.desk.groups.ungroup(incident_id)
            return Changes(incidents=frozenset({incident_id, into}), reports=True,
                           focus=incident_id)  # fmt: skip

        self.runner.run(
            work,
            done=lambda _c: self.say(
                _("Incident {id} stands on its own again, with its own reports.").format(
                    id=isolate(incident_id[:8])
                )
            ),
            failed=self._failed,
        )

    def _failed(self, exc: BaseException) -> None:
        self.say(error_sentence(exc))
