"""Possible duplicates: two incidents recorded separately that are probably one. For each
pair the documenter says "the same incident" or "different incidents"; either way the
judgement is saved in the audit trail and travels with the next export."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tawthiq.domain.records import Incident
from tawthiq.i18n import _, format_day, format_number, isolate, join, quote
from tawthiq.ui.values import value_text

if TYPE_CHECKING:
    from tawthiq.services.sync import DuplicatePair


def _describe(incident: Incident) -> str:
    when = format_day(incident.date_start) if incident.date_start else "—"
    place = incident.text("place_name") or incident.governorate or "—"
    killed = value_text("killed", incident.values.get("killed"))
    return _("{title} — {date}, {place}; killed: {killed}").format(
        title=quote(incident.title) if incident.title else isolate(incident.id[:8]),
        date=when,
        place=quote(place),
        killed=killed,  # count_text keeps a range in its order already
    )


class PairRow(QFrame):
    decided = Signal(str, str, str)  # incident a, incident b, "same" | "different"

    def __init__(self, pair: DuplicatePair, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pair = pair
        self.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self)
        grid.addWidget(QLabel(_describe(pair.a), self), 0, 0, 1, 2)
        grid.addWidget(QLabel(_describe(pair.b), self), 1, 0, 1, 2)
        reasons = QLabel(
            _("Why: {reasons}").format(reasons=join((_(r) for r in pair.reasons), strong=True))
        )
        reasons.setWordWrap(True)
        grid.addWidget(reasons, 2, 0, 1, 2)
        self.same = QPushButton(_("The same incident: keep them as one"), self)
        self.same.setToolTip(
            _(
                "The one recorded later is grouped into the other: the list shows one incident, "
                "resting on the reports of both"
            )
        )
        self.different = QPushButton(_("Different incidents"), self)
        self.same.clicked.connect(lambda: self.decided.emit(pair.a.id, pair.b.id, "same"))
        self.different.clicked.connect(lambda: self.decided.emit(pair.a.id, pair.b.id, "different"))
        # once judged: what was done, and a way back from "the same"
        self.verdict = QLabel(self)
        self.verdict.setWordWrap(True)
        self.undo = QPushButton(_("Undo: they are two incidents"), self)
        self.undo.clicked.connect(lambda: self.decided.emit(pair.a.id, pair.b.id, "different"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.same)
        buttons.addWidget(self.different)
        buttons.addWidget(self.verdict, 1)
        buttons.addWidget(self.undo)
        buttons.addStretch(1)
        grid.addLayout(buttons, 3, 0, 1, 2)
        self.show_judged(None)

    def show_judged(self, decision: str | None) -> None:
        """Before a judgement: its two buttons; after it: what it did."""
        for button in (self.same, self.different):
            button.setVisible(decision is None)
        self.verdict.setVisible(decision is not None)
        self.undo.setVisible(decision == "same")
        if decision == "same":
            self.verdict.setText(_("Kept as one incident: the later one is grouped into the "
                                   "earlier."))  # fmt: skip
        elif decision == "different":
            self.verdict.setText(_("Kept as two incidents."))


class DuplicatesDialog(QDialog):
    decided = Signal(str, str, str)

    def __init__(self, pairs: list[DuplicatePair], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Possible duplicates"))
        self.resize(760, 520)
        self.heading = QLabel(self)
        inner = QWidget(self)
        self.list = QVBoxLayout(inner)
        self.rows: list[PairRow] = []  # to judge
        self.decided_rows: list[PairRow] = []  # judged while the dialog is open
        for pair in pairs:
            row = PairRow(pair, inner)
            row.decided.connect(self.decided)
            self.list.addWidget(row)
            self.rows.append(row)
        self.list.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.heading)
        box.addWidget(scroll, 1)
        box.addWidget(close)
        self._count()

    def judged(self, a: str, b: str, decision: str) -> None:
        """A judgement on (a, b) was saved: the pair leaves those to judge, and says what
        was done (with a way back from "the same")."""
        for row in [*self.rows, *self.decided_rows]:
            if {row.pair.a.id, row.pair.b.id} == {a, b}:
                if row in self.rows:
                    self.rows.remove(row)
                    self.decided_rows.append(row)
                row.show_judged(decision)
        self._count()

    def _count(self) -> None:
        self.heading.setText(
            _("{n} pairs of incidents that may be one incident recorded twice.").format(
                n=format_number(len(self.rows))
            )
            if self.rows
            else _("No possible duplicates are left to judge.")
        )
