"""The two questions of "many reports, one incident": a pasted report that tells an incident
already kept (add it to that one, or save a new incident?), and an incident to group into
another (which one?). Nothing is joined unless the person chooses it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from tawthiq.domain.records import Incident
from tawthiq.i18n import _, format_day, isolate, join, quote
from tawthiq.ui.values import value_text

if TYPE_CHECKING:
    from tawthiq.services.grouping import Candidate


def incident_line(incident: Incident) -> str:
    """An incident as a choice names it: its id, title, day, place and toll."""
    when = format_day(incident.date_start) if incident.date_start else "—"
    place = incident.text("place_name") or incident.governorate or "—"
    return _("{id} {title} — {date}, {place}; killed: {killed}").format(
        id=isolate(incident.id[:8]),
        title=quote(incident.title) if incident.title else "",
        date=when,
        place=quote(place),
        killed=value_text("killed", incident.values.get("killed")),
    )


def reasons_text(candidate: Candidate) -> str:
    how = _("a strong match") if candidate.strong else _("a possible match")
    return _("{how}: {reasons}").format(
        how=how, reasons=join((_(r) for r in candidate.match.reasons), strong=True)
    )


class AddOrNewDialog(QDialog):
    """A pasted report may tell an incident already kept: add it to one of them (its figures
    kept as this report's), or save a new incident. A strong match is chosen to begin with,
    unless the report's day is only a guess; then "new" is."""

    def __init__(
        self, found: list[Candidate], *, guessed_day: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("An incident already kept?"))
        self.found = found
        box = QVBoxLayout(self)
        heading = QLabel(
            _(
                "This report may tell of an incident already kept. Add the report to it, or "
                "save a new incident?"
            ),
            self,
        )
        heading.setWordWrap(True)
        box.addWidget(heading)
        if guessed_day:
            note = QLabel(_("The report's day is only a guess: check it before adding."), self)
            note.setObjectName("ask")
            note.setWordWrap(True)
            box.addWidget(note)
        self.choices = QButtonGroup(self)
        self.options: list[QRadioButton] = []
        for i, c in enumerate(found):
            option = QRadioButton(
                _("Add this report to incident {incident}").format(
                    incident=incident_line(c.incident)
                ),
                self,
            )
            why = QLabel(reasons_text(c), self)
            why.setObjectName("hint")
            why.setWordWrap(True)
            why.setIndent(24)
            self.choices.addButton(option, i)
            self.options.append(option)
            box.addWidget(option)
            box.addWidget(why)
        self.new = QRadioButton(_("Save as a new incident"), self)
        self.choices.addButton(self.new, len(found))
        box.addWidget(self.new)
        first = found[0] if found else None
        chosen = self.options[0] if first and first.strong and not guessed_day else self.new
        chosen.setChecked(True)
        chosen.setFocus()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("Save"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)

    def chosen(self) -> str:
        """The incident to add the report to, or "" for a new incident."""
        i = self.choices.checkedId()
        return self.found[i].incident.id if 0 <= i < len(self.found) else ""


def ask_add_or_new(parent: QWidget, found: list[Candidate], guessed_day: bool) -> str | None:
    """The incident to add the report to, "" for a new one, None when not to save yet."""
    dialog = AddOrNewDialog(found, guessed_day=guessed_day, parent=parent)
    try:
        return dialog.chosen() if dialog.exec() else None
    finally:
        dialog.deleteLater()


class GroupIntoDialog(QDialog):
    """Which incident this one is, told again: one of those that match it, or one whose id
    the person types."""

    def __init__(
        self, incident: Incident, found: list[Candidate], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Group into another incident"))
        self.resize(640, 380)
        box = QVBoxLayout(self)
        heading = QLabel(
            _("Incident {incident} is the same attack as:").format(
                incident=incident_line(incident)
            ),
            self,
        )
        heading.setWordWrap(True)
        box.addWidget(heading)
        self.list = QListWidget(self)
        for c in found:
            item = QListWidgetItem(f"{incident_line(c.incident)}\n{reasons_text(c)}")
            item.setData(Qt.ItemDataRole.UserRole, c.incident.id)
            self.list.addItem(item)
        if not found:
            self.list.addItem(_("No incident kept matches it; type the id of one below."))
            self.list.setEnabled(False)
        else:
            self.list.setCurrentRow(0)
        box.addWidget(self.list, 1)
        box.addWidget(QLabel(_("Or the id of another incident (its first characters):"), self))
        self.typed = QLineEdit(self)
        self.typed.setPlaceholderText("7836f21a")
        box.addWidget(self.typed)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("Group"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())

    def chosen(self) -> str:
        """The id typed (as typed), else the incident picked; "" when neither."""
        typed = self.typed.text().strip()
        if typed:
            return typed
        item = self.list.currentItem()
        return (
            str(item.data(Qt.ItemDataRole.UserRole) or "")
            if item is not None and self.list.isEnabled()
            else ""
        )
