"""The victims of the incident shown, by name: a table of them with the reports naming each,
a line where the named victims say more than the incident's counts, a victim added, changed
or deleted in a dialog, and below the table the people its reports name in rolls of names,
each with the words it was read from, to accept or ignore one by one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tawthiq.domain.text import visible
from tawthiq.domain.victims import Victim
from tawthiq.i18n import _, format_number, join, quote, sentence_text
from tawthiq.services.desk import Desk
from tawthiq.services.victims import Suggestion
from tawthiq.ui import victim_link
from tawthiq.ui.ops import Runner, error_sentence
from tawthiq.ui.victim_dialog import VictimDialog
from tawthiq.ui.victims_model import VictimsModel, VictimsRead, read_victims, victim_value

EVIDENCE_AROUND = 40  # characters of the report shown either side of a suggestion's words


def evidence(text: str, span: tuple[int, int]) -> str:
    """The words a suggestion was read from, with a little of the sentence around them."""
    start, end = span
    before = text[max(0, start - EVIDENCE_AROUND) : start]
    after = text[end : end + EVIDENCE_AROUND]
    if start > EVIDENCE_AROUND and " " in before:  # whole words only
        before = before.split(" ", 1)[1]
    if end + EVIDENCE_AROUND < len(text) and " " in after:
        after = after.rsplit(" ", 1)[0]
    lead = "…" if start > EVIDENCE_AROUND else ""
    tail = "…" if end + EVIDENCE_AROUND < len(text) else ""
    return visible(" ".join(f"{lead}{before}«{text[start:end]}»{after}{tail}".split()))


class SuggestionRow(QWidget):
    """One person a report names: who, the words, Accept and Ignore."""

    def __init__(self, suggestion: Suggestion, words: str, outlet: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.suggestion = suggestion
        v = suggestion.victim
        about = join(
            x
            for x in (
                victim_value(k, getattr(v, k))
                for k in ("status", "sex", "age", "age_group", "relation")
            )
            if x
        )
        self.who = QLabel(f"<b>{visible(v.name)}</b>" + (f" — {about}" if about else ""), self)
        self.words = QLabel(_("{outlet}: {words}").format(outlet=quote(outlet), words=words), self)
        self.words.setObjectName("hint")
        self.words.setWordWrap(True)
        self.words.setTextFormat(Qt.TextFormat.PlainText)
        self.accept = QPushButton(_("Accept"), self)
        self.accept.setToolTip(
            _(
                "Record this person as a victim of the incident; the values "
                "stay marked as suggested until a person checks them"
            )
        )
        self.ignore = QPushButton(_("Ignore"), self)
        text = QVBoxLayout()
        text.setContentsMargins(0, 0, 0, 0)
        text.addWidget(self.who)
        text.addWidget(self.words)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 2, 0, 2)
        row.addLayout(text, 1)
        row.addWidget(self.accept)
        row.addWidget(self.ignore)


class VictimsPanel(QWidget):
    """The victims page of the incident view; reads itself again after what it saved."""

    message = Signal(str)
    shown = Signal()  # what it shows was read again

    def __init__(self, desk: Desk, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.runner = desk, runner
        self.incident_id: str | None = None
        self.read: VictimsRead | None = None
        self.ignored: set[tuple[str, str]] = set()  # (report, name) ignored while shown
        self._generation = 0
        self.problems = QLabel(self)
        self.problems.setObjectName("error")
        self.problems.setWordWrap(True)
        self.model = VictimsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton(self)
        self.edit_button.clicked.connect(self.edit)
        self.delete_button = QPushButton(self)
        self.delete_button.clicked.connect(self.delete)
        self.link_button = QPushButton(self)
        self.link_button.clicked.connect(lambda: victim_link.link(self))
        self.unlink_button = QPushButton(self)
        self.unlink_button.clicked.connect(lambda: victim_link.unlink(self))
        self.linking: QDialog | None = None
        buttons = QHBoxLayout()
        for b in self.buttons():
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.suggested = QGroupBox(self)
        self.rows = QVBoxLayout(self.suggested)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.suggested)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.suggestions = scroll
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.problems)
        box.addLayout(buttons)
        self.table.setMinimumHeight(100)  # a few rows, whatever the window's height
        scroll.setMinimumHeight(120)  # a suggestion or two
        box.addWidget(self.table, 3)
        box.addWidget(scroll, 2)
        self.confirm = self._confirm  # tests answer it
        self.retranslate()
        self.show_read(None)

    # reading -------------------------------------------------------------------------------

    def follow(self, incident_id: str | None) -> None:
        if incident_id != self.incident_id:
            self.ignored.clear()
        self.incident_id = incident_id
        self._generation += 1
        generation = self._generation
        if incident_id is None:
            self.show_read(None)
            return

        def done(read: VictimsRead) -> None:
            if generation == self._generation:
                self.show_read(read)

        self.runner.run(
            lambda: read_victims(self.desk, incident_id),
            done=done,
            failed=lambda e: self.message.emit(error_sentence(e)),
        )

    def reload(self) -> None:
        self.follow(self.incident_id)

    def show_read(self, read: VictimsRead | None) -> None:
        self.read = read
        self.model.set_victims(
            read.victims if read else [], read.reports if read else {}, read.links if read else {}
        )
        problems = [sentence_text(p) for p in read.problems] if read else []
        self.problems.setText(
            "\n".join(
                _("Counts and victims disagree: {problem}").format(problem=p) for p in problems
            )
        )
        self.problems.setVisible(bool(problems))
        for b in self.buttons():
            b.setEnabled(read is not None)
        while self.rows.count():
            item = self.rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # gone at once, not when the event loop next deletes it
                widget.deleteLater()
        shown = self.suggestion_rows_for(read)
        for row in shown:
            self.rows.addWidget(row)
        self.rows.addStretch(1)
        self.suggestions.setVisible(bool(shown))
        self.suggested.setTitle(
            _("Named in its reports, not yet recorded ({n}): accept or ignore each").format(
                n=format_number(len(shown))
            )
        )
        self.shown.emit()

    def suggestion_rows_for(self, read: VictimsRead | None) -> list[SuggestionRow]:
        if read is None:
            return []
        out = []
        for s in read.suggestions:
            if (s.report_id, s.victim.name) in self.ignored:
                continue
            words = evidence(read.texts.get(s.report_id, ""), s.victim.item)
            row = SuggestionRow(
                s, words, read.reports.get(s.report_id, s.report_id[:8]), self.suggested
            )
            row.accept.clicked.connect(lambda _c=False, s=s: self.accept_suggestion(s))
            row.ignore.clicked.connect(lambda _c=False, s=s: self.ignore(s))
            out.append(row)
        return out

    def suggestion_rows(self) -> list[SuggestionRow]:
        return [
            w
            for i in range(self.rows.count())
            if isinstance(w := self.rows.itemAt(i).widget(), SuggestionRow)  # type: ignore[union-attr]
        ]

    def buttons(self) -> list[QPushButton]:
        return [self.add_button, self.edit_button, self.delete_button, self.link_button,
                self.unlink_button]  # fmt: skip

    def title(self) -> str:
        n = len(self.read.victims) if self.read else 0
        return _("Victims ({n})").format(n=format_number(n))

    # acting ----------------------------------------------------------------------------------

    def current(self) -> Victim | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.model.victims):
            return None
        return self.model.victims[rows[0].row()]

    def add(self) -> None:
        incident_id = self.incident_id
        if incident_id is None:
            return
        dialog = VictimDialog(
            self.runner, lambda values: self.desk.victims.add(incident_id, values), parent=self
        )
        if dialog.exec():
            self.message.emit(_("Victim added."))
            self.reload()

    def edit(self) -> None:
        victim = self.current()
        if victim is None:
            self.message.emit(_("Select a victim in the table first."))
            return
        dialog = VictimDialog(
            self.runner,
            lambda changes: self.desk.victims.edit(victim.id, changes),
            victim,
            parent=self,
        )
        if dialog.exec():
            self.message.emit(_("Victim changed."))
            self.reload()

    def delete(self) -> None:
        victim = self.current()
        if victim is None:
            self.message.emit(_("Select a victim in the table first."))
            return
        question = _("Delete the victim «{name}»? They leave the list; their history is kept.")
        if not self.confirm(question.format(name=quote(visible(victim.name) or victim.id[:8]))):
            return
        self.runner.run(
            lambda: self.desk.victims.delete(victim.id),
            done=lambda _r: self._deleted(),
            failed=self._failed,
        )

    def _deleted(self) -> None:
        self.message.emit(_("Victim deleted; their history is kept."))
        self.reload()

    def accept_suggestion(self, suggestion: Suggestion) -> None:
        incident_id = self.incident_id
        if incident_id is None:
            return
        name = suggestion.victim.name

        def done(_victim_id: Any) -> None:
            self.message.emit(
                _("Recorded «{name}» as a victim, marked as suggested and not checked.").format(
                    name=quote(visible(name))
                )
            )
            self.reload()

        self.runner.run(
            lambda: self.desk.victims.accept(incident_id, suggestion),
            done=done,
            failed=self._failed,
        )

    def ignore(self, suggestion: Suggestion) -> None:
        self.ignored.add((suggestion.report_id, suggestion.victim.name))
        self.show_read(self.read)

    def _failed(self, exc: BaseException) -> None:
        self.message.emit(error_sentence(exc))

    def _confirm(self, question: str) -> bool:
        # No is the default: a stray Enter deletes nothing
        answer = QMessageBox.question(
            self, _("Tawthiq"), question, defaultButton=QMessageBox.StandardButton.No
        )
        return answer == QMessageBox.StandardButton.Yes

    def retranslate(self) -> None:
        self.add_button.setText(_("Add a victim…"))
        self.edit_button.setText(_("Change the selected victim…"))
        self.delete_button.setText(_("Delete the selected victim…"))
        self.link_button.setText(_("Link to the same person in another incident…"))
        self.unlink_button.setText(_("Unlink…"))
        self.unlink_button.setToolTip(
            _("Undo the selected victim's link to the same person in another incident")
        )
        self.model.headerDataChanged.emit(
            Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1
        )
        self.show_read(self.read)
