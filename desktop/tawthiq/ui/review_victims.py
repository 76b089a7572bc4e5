"""The people a pasted report names in rolls of names ("وهم أحمد الخالد، ابنه سامر…",
"identified as Omar Haddad, his son Karim…"), under the review's form: each with the words
it was read from (marked in the report when the row is clicked) and a tick, none ticked
until a person ticks it. When the incident is saved (new, or the report added to one
kept), those ticked are recorded as its victims, their values suggested and not checked;
a red line says, before saving, where the ticked ones say more than the form's counts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QLabel,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tawthiq.domain.text import visible
from tawthiq.domain.victims import Victim, counts_vs_victims
from tawthiq.i18n import _, format_number, isolate, join, ngettext, sentence_text
from tawthiq.ui.ops import error_sentence
from tawthiq.ui.victims_model import victim_value
from tawthiq.ui.victims_panel import evidence

if TYPE_CHECKING:
    from tawthiq.extract.victims import SuggestedVictim
    from tawthiq.ui.review import ReviewPanel


class NamedRow(QWidget):
    """One person the report names: a tick with who they are, the words below it; a click
    on the row marks the words in the report."""

    clicked = Signal()

    def __init__(self, person: SuggestedVictim, text: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.person = person
        self.recorded: str | None = None  # the incident they were recorded in
        about = join(
            x
            for x in (
                victim_value(k, getattr(person, k))
                for k in ("status", "sex", "age", "age_group", "relation")
            )
            if x
        )
        name = visible(person.name)
        self.tick = QCheckBox(f"{name} — {about}" if about else name, self)
        self.retranslate()
        self.tick.toggled.connect(lambda _on: self.clicked.emit())
        self.words = QLabel(evidence(text, person.item), self)
        self.words.setObjectName("hint")
        self.words.setWordWrap(True)
        self.words.setTextFormat(Qt.TextFormat.PlainText)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 2, 0, 2)
        box.setSpacing(0)
        box.addWidget(self.tick)
        box.addWidget(self.words)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.clicked.emit()
        super().mousePressEvent(event)

    def retranslate(self) -> None:
        self.tick.setToolTip(
            _(
                "Ticked: recorded as a victim of the incident when it is saved, its values "
                "marked as suggested until a person checks them"
            )
        )

    def mark_recorded(self, incident_id: str) -> None:
        self.recorded = incident_id
        self.tick.setChecked(True)
        self.tick.setEnabled(False)
        self.words.setText(
            _("Recorded as a victim of incident {id}.").format(id=isolate(incident_id[:8]))
        )


class NamedVictims(QGroupBox):
    """The section "Victims named in the report (N)" of the review."""

    def __init__(self, panel: ReviewPanel) -> None:
        super().__init__(panel)
        self.panel = panel
        self.text = ""  # the report's words the rows were read from
        self._generation = 0
        self.problems = QLabel(self)
        self.problems.setObjectName("error")
        self.problems.setWordWrap(True)
        self.problems.hide()
        self.rows_box = QVBoxLayout()
        box = QVBoxLayout(self)
        box.addWidget(self.problems)
        box.addLayout(self.rows_box)
        box.addStretch(1)
        self.rows: list[NamedRow] = []
        self.frame: QWidget = self  # what is hidden while the report names nobody
        self.retranslate()

    # reading -------------------------------------------------------------------------------

    def clear(self) -> None:
        self._generation += 1
        self.show_named([], "")

    def read(self) -> None:
        """The report as it is now read for rolls of names (off the UI thread)."""
        self._generation += 1
        generation = self._generation
        text = self.panel.report.report_text()

        def done(named: list[SuggestedVictim]) -> None:
            if generation == self._generation:
                self.show_named(named, text)

        self.panel.runner.run(
            lambda: self.panel.desk.victims.named_in(text),
            done=done,
            failed=lambda e: self.panel.message.emit(error_sentence(e)),
        )

    def show_named(self, named: list[SuggestedVictim], text: str) -> None:
        for row in self.rows:
            row.hide()  # gone at once, not when the event loop next deletes it
            row.deleteLater()
        self.text, self.rows = text, []
        for person in named:
            row = NamedRow(person, text, self)
            row.clicked.connect(lambda r=row: self.panel.report.highlight(r.person.spans))
            row.tick.toggled.connect(lambda _on: self.check_counts())
            self.rows_box.addWidget(row)
            self.rows.append(row)
        self.retranslate()
        self.frame.setVisible(bool(named))
        split = self.frame.parentWidget()
        if named and isinstance(split, QSplitter):  # the rows in sight, the form above them
            whole = sum(split.sizes())
            want = min(self.sizeHint().height() + 8, whole * 2 // 5)
            split.setSizes([whole - want, want])

    def ticked(self) -> list[NamedRow]:
        return [r for r in self.rows if r.tick.isChecked() and r.recorded is None]

    def check_counts(self) -> None:
        """Where the ticked people (and those recorded from this report) say more than the
        form's counts, before anything is saved."""
        chosen = [r for r in self.rows if r.tick.isChecked()]
        victims = [Victim.from_state("", dict(r.person.values())) for r in chosen]
        problems = counts_vs_victims(self.panel.form.values(), victims) if victims else []
        self.problems.setText(
            "\n".join(
                _("Counts and victims disagree: {problem}").format(problem=sentence_text(p))
                for p in problems
            )
        )
        self.problems.setVisible(bool(problems))

    # saving --------------------------------------------------------------------------------

    def record(self, incident_id: str) -> None:
        """The incident was saved: the people ticked become its victims (suggested)."""
        rows = self.ticked()
        if not rows:
            return
        kept = self.panel.review.kept
        report_id = kept.id if kept is not None else None
        people = [r.person for r in rows]

        def done(ids: Any) -> None:
            for row in rows:
                row.mark_recorded(incident_id)
            self.panel.message.emit(
                ngettext(
                    "Recorded {n} person named in the report as a victim of incident {id}, "
                    "marked as suggested and not checked.",
                    "Recorded {n} people named in the report as victims of incident {id}, "
                    "marked as suggested and not checked.",
                    len(ids),
                ).format(n=format_number(len(ids)), id=isolate(incident_id[:8]))
            )

        self.panel.runner.run(
            lambda: self.panel.desk.victims.accept_named(incident_id, report_id, people),
            done=done,
            failed=lambda e: self.panel.message.emit(error_sentence(e)),
        )

    def retranslate(self) -> None:
        self.setTitle(
            _("Victims named in the report ({n}): tick those to record with the incident")
            .format(n=format_number(len(self.rows)))
        )  # fmt: skip
        for row in self.rows:
            row.retranslate()
        self.check_counts()


def beside_form(panel: ReviewPanel) -> tuple[NamedVictims, QSplitter]:
    """The form, and under it the people the report names (there once it names any)."""
    named = NamedVictims(panel)
    scroll = QScrollArea(panel)
    scroll.setWidgetResizable(True)
    scroll.setWidget(named)
    named.frame = scroll
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.hide()
    split = QSplitter(Qt.Orientation.Vertical, panel)
    split.addWidget(panel.form)
    split.addWidget(scroll)
    split.setStretchFactor(0, 3)
    split.setStretchFactor(1, 1)
    split.setChildrenCollapsible(False)
    panel.drafts_ready.connect(named.read)
    panel.report.text.textChanged.connect(named.clear)
    panel.saved.connect(named.record)
    panel.form.changed.connect(named.check_counts)
    return named, split
