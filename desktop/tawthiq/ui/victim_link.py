"""One person recorded as a victim of two incidents (a casualty who later died of wounds),
linked from the victims page: a dialog finds the other record by name (Arabic folded, and
across scripts) among the victims of other incidents; the link undone after a question.
Each is an event in the victim's history."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from tawthiq.domain.text import visible
from tawthiq.domain.victims import Victim
from tawthiq.i18n import _, isolate, join, quote
from tawthiq.ui.ops import Runner, error_sentence
from tawthiq.ui.victim_dialog import VICTIM_ROLE, FindVictimDialog

if TYPE_CHECKING:
    from tawthiq.services.desk import Desk
    from tawthiq.ui.victims_panel import VictimsPanel


def linked_text(others: list[Victim]) -> str:
    """The victims of other incidents a victim is the same person as, as a cell shows them."""
    return join(
        _("{name} in incident {id}").format(
            name=quote(visible(o.name) or o.id[:8]), id=isolate(o.incident_id[:8])
        )
        for o in others
    )


class LinkVictimDialog(FindVictimDialog):
    """The victim of another incident ``victim`` is the same person as, found by name (the
    search starts with the victim's own name); linked when chosen, the dialog closing only
    once it is saved."""

    def __init__(
        self, runner: Runner, desk: Desk, victim: Victim, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, desk.victims.find, parent)
        self.desk, self.victim = desk, victim
        self.setWindowTitle(_("Link to the same person in another incident"))
        self.intro = QLabel(
            _(
                "Choose the victim of another incident who is the same person as «{name}» "
                "(a casualty who later died of wounds, say)."
            ).format(name=quote(visible(victim.name) or victim.id[:8])),
            self,
        )
        self.intro.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.hide()
        box = self.layout()
        assert isinstance(box, QVBoxLayout)
        box.insertWidget(0, self.intro)
        box.insertWidget(box.count() - 1, self.error)
        self.open_button.setText(_("Link as the same person"))
        self.search.setText(victim.name)  # looked for once the typing pauses

    def keeps(self, victim: Victim) -> bool:
        return victim.incident_id != self.victim.incident_id  # another incident's only

    def choose(self) -> None:
        item = self.results.currentItem()
        if item is None:
            return
        other_id = str(item.data(VICTIM_ROLE))
        self.open_button.setEnabled(False)

        def refused(exc: BaseException) -> None:
            self.open_button.setEnabled(True)
            self.error.setText(error_sentence(exc))
            self.error.show()

        self.runner.run(
            lambda: self.desk.victims.link_same_person(self.victim.id, other_id),
            done=lambda _r: self.accept(),
            failed=refused,
        )


def link(panel: VictimsPanel) -> None:
    """The selected victim linked to the same person in another incident."""
    victim = panel.current()
    if victim is None:
        panel.message.emit(_("Select a victim in the table first."))
        return
    dialog = LinkVictimDialog(panel.runner, panel.desk, victim, panel)
    panel.linking = dialog  # tests reach it
    if dialog.exec():
        panel.message.emit(
            _("Linked «{name}» to the same person in another incident.").format(
                name=quote(visible(victim.name))
            )
        )
        panel.reload()


def unlink(panel: VictimsPanel) -> None:
    """The selected victim's links to other incidents undone, after a question."""
    victim = panel.current()
    if victim is None:
        panel.message.emit(_("Select a victim in the table first."))
        return
    others = panel.read.links.get(victim.id, []) if panel.read else []
    if not others:
        panel.message.emit(_("The selected victim is not linked to a victim of another incident."))
        return
    question = _("Unlink «{name}» from {others}? The history keeps that they were linked.")
    if not panel.confirm(
        question.format(name=quote(visible(victim.name)), others=linked_text(others))
    ):
        return

    def undo() -> Any:
        for other in others:
            panel.desk.victims.unlink_same_person(victim.id, other.id)

    def done(_r: Any) -> None:
        panel.message.emit(_("Unlinked; the history keeps that they were linked."))
        panel.reload()

    panel.runner.run(undo, done=done, failed=lambda e: panel.message.emit(error_sentence(e)))
