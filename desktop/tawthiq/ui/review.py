"""Paste → review → save: the report beside the incident form, the extractor's suggestions
to check, one form for each incident the report tells of."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tawthiq.domain.errors import TawthiqError
from tawthiq.i18n import _, error_text, field_label, format_number, isolate, ngettext, quote
from tawthiq.services.desk import Desk, IncidentView, Reading, Saved
from tawthiq.services.drafts import Draft, values_from_words
from tawthiq.ui.incident_form import IncidentForm
from tawthiq.ui.ops import Runner
from tawthiq.ui.report_panel import ReportPanel, plain_text


@dataclass
class _Candidate:
    """One incident of the pasted report: its form as last left, and its id once saved."""

    draft: Draft
    snapshot: dict[str, Any] | None = None
    incident_id: str | None = None


@dataclass
class _Review:
    candidates: list[_Candidate] = field(default_factory=list)
    current: int = 0
    report_id: str | None = None
    language: str | None = None


class ReviewPanel(QWidget):
    saved = Signal(str)  # incident id
    drafts_ready = Signal()
    message = Signal(str)

    def __init__(self, desk: Desk, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.runner = desk, runner
        self.review = _Review()
        self.dirty = False
        self.reading = False
        self.confirm: Callable[[str], bool] = self._ask
        self.report = ReportPanel(self)
        self.form = IncidentForm(desk.places, self)
        self.candidates = QComboBox(self)
        self.candidates.activated.connect(self._switch)
        self.status = QLabel(self)
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.read_button = QPushButton(self)
        self.read_button.clicked.connect(self.read)
        self.accept_button = QPushButton(self)
        self.accept_button.clicked.connect(self.form.accept_all)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        bar = QHBoxLayout()
        bar.addWidget(self.candidates)
        bar.addWidget(self.status, 1)
        bar.addWidget(self.read_button)
        bar.addWidget(self.accept_button)
        bar.addWidget(self.save_button)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.report)
        split.addWidget(self.form)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        box = QVBoxLayout(self)
        box.addLayout(bar)
        box.addWidget(split, 1)
        self.form.changed.connect(self._changed)
        self.form.evidence_wanted.connect(self.report.highlight)
        self.report.use_for.connect(self.use_words)
        self.new_report(ask=False)

    # starting ---------------------------------------------------------------------------

    def _ask(self, question: str) -> bool:
        answer = QMessageBox.question(self, _("Tawthiq"), question)
        return answer == QMessageBox.StandardButton.Yes

    def _may_discard(self) -> bool:
        return not self.dirty or self.confirm(
            _("The form has changes that are not saved. Discard them?")
        )

    def new_report(self, *, ask: bool = True) -> bool:
        if ask and not self._may_discard():
            return False
        self.review = _Review(candidates=[_Candidate(Draft({}))])
        self.report.set_report("")
        self.form.set_values(self._new(Draft({})))
        self.dirty = False
        self._show_candidates()
        return True

    def paste_and_read(self) -> None:
        """Ctrl+Shift+V: the clipboard becomes the report, and the extractor reads it."""
        mime = QGuiApplication.clipboard().mimeData()
        text = plain_text(mime) if mime is not None else ""
        if not text.strip():
            self.message.emit(_("The clipboard holds no text to read."))
            return
        self.start(text)

    def start(self, text: str, *, published: date | None = None) -> None:
        """A new report: shown, then read. Its "today" and "yesterday" are read against
        ``published``; when that is not known, against the latest day the report names in
        full, else today — the field shows which, to correct before reading again."""
        if not self.new_report():
            return
        self.report.set_report(text, published=published)
        self.read()

    def read(self) -> None:
        text = self.report.report_text()
        if not text.strip():
            self.message.emit(_("There is no report to read yet: paste or type one."))
            return
        if self.dirty and not self.confirm(_("Reading the report again replaces the form. Go on?")):
            return
        try:
            published = self.report.published.value()
            ref = date.fromisoformat(published) if published else None
        except ValueError:
            ref = None
        self.reading = True
        self.read_button.setEnabled(False)
        self.status.setText(_("Reading the report…"))
        self.runner.run(
            lambda: self.desk.read_report(text, ref), done=self._drafts, failed=self._failed
        )

    def _drafts(self, reading: Reading) -> None:
        self.reading = False
        self.read_button.setEnabled(True)
        drafts = reading.drafts
        if reading.dated != "given":
            self.report.published.set_value(reading.ref_date.isoformat())
            self.report.published_how.setText(
                _("guessed from the days the report names; correct it")
                if reading.dated == "guessed"
                else _("today; correct it if the report is older")
            )
        self.review = _Review(
            [_Candidate(d) for d in drafts], 0, self.review.report_id, reading.language
        )
        self.form.set_values(self._new(drafts[0]), drafts[0].evidence)
        self.dirty = True
        self._show_candidates()
        self.drafts_ready.emit()

    @staticmethod
    def _new(draft: Draft) -> dict[str, Any]:
        """A new incident's form: the defaults a saved record starts from, then the draft."""
        return {"status": "draft", "confidentiality": "restricted", **draft.values}

    def open_incident(self, view: IncidentView) -> bool:
        """Edit a saved incident: its values (no suggestions) and its first source report."""
        if not self._may_discard():
            return False
        first = view.reports[0] if view.reports else None
        self.review = _Review([_Candidate(Draft({}), incident_id=view.incident.id)], 0,
                              first.id if first else None)  # fmt: skip
        self.report.set_report(first.text or "" if first else "")
        if first is not None:
            self.report.outlet.set_value(first.outlet)
            self.report.url.set_value(first.url)
            self.report.published.set_value(first.publication_date)
            self.report.reliability.set_value(first.reliability)
        self.form.set_values(view.incident.values)
        self.dirty = False
        self._show_candidates()
        return True

    # the candidates ------------------------------------------------------------------------

    def _switch(self, index: int) -> None:
        if index == self.review.current or not 0 <= index < len(self.review.candidates):
            return
        self.review.candidates[self.review.current].snapshot = self.form.snapshot()
        self.review.current = index
        chosen = self.review.candidates[index]
        if chosen.snapshot is not None:
            self.form.restore(chosen.snapshot)
        else:
            self.form.set_values(self._new(chosen.draft), chosen.draft.evidence)
        self._show_candidates()

    def _show_candidates(self) -> None:
        self.candidates.clear()
        for i, c in enumerate(self.review.candidates, 1):
            s = c.draft.summary
            killed = s.get("killed")
            parts = [format_number(i), s.get("date_start") or "", s.get("place_name") or ""]
            if killed:
                parts.append(_("{n} killed").format(n=format_number(killed["max"])))
            if c.incident_id:
                parts.append("✓")
            self.candidates.addItem(" · ".join(p for p in parts if p))
        self.candidates.setCurrentIndex(self.review.current)
        self.candidates.setVisible(len(self.review.candidates) > 1)
        self._show_status()

    def _show_status(self) -> None:
        current = self.review.candidates[self.review.current]
        n = len(self.review.candidates)
        if current.incident_id and not current.draft.values:
            text = _("Editing incident {id}").format(id=isolate(current.incident_id[:8]))
        elif current.incident_id:
            text = _("Saved as incident {id}; changes are saved as edits").format(
                id=isolate(current.incident_id[:8])
            )
        elif n > 1:
            text = ngettext(
                "The report tells of {n} incident; check each one's form and save it.",
                "The report tells of {n} incidents; check each one's form and save it.",
                n,
            ).format(n=format_number(n))
        else:
            text = _("New incident")
        unchecked = len(self.form.suggested())
        if unchecked:
            text += " — " + ngettext(
                "{n} field suggested by the extractor (in amber): check it",
                "{n} fields suggested by the extractor (in amber): check each",
                unchecked,
            ).format(n=format_number(unchecked))
        self.status.setText(text)

    def _changed(self) -> None:
        self.dirty = True
        self._show_status()

    # choosing and saving ----------------------------------------------------------------------

    def use_words(self, name: str, words: str) -> None:
        published = self.report.published.value()
        try:
            ref = date.fromisoformat(published) if published else None
        except ValueError:
            ref = None
        values = values_from_words(name, words, ref)
        if not values:
            self.message.emit(
                _("Nothing in «{words}» fits the field {field}.").format(
                    words=quote(words[:40]), field=field_label(name)
                )
            )
            return
        if name == "narrative" and self.form.cells["narrative"].value():
            values = {name: f"{self.form.cells['narrative'].value()}\n{words}"}
        self.form.choose(values)

    def save(self) -> None:
        """Ctrl+S: nothing is saved while any field has a problem."""
        problems = self.form.check()
        if problems:
            cell = self.form.first_problem()
            if cell is not None:
                self.form.ensureWidgetVisible(cell)
                cell.setFocus()
            self.message.emit(
                ngettext(
                    "Not saved: {n} field needs correcting (shown in red).",
                    "Not saved: {n} fields need correcting (shown in red).",
                    len(problems),
                ).format(n=format_number(len(problems)))
            )
            return
        current = self.review.candidates[self.review.current]
        values = self.form.values()
        source = {**self.report.source_values(), "language": self.review.language}
        report = source if source["text"].strip() and not self.review.report_id else None
        self.save_button.setEnabled(False)
        self.runner.run(
            lambda: self.desk.save(
                values,
                incident_id=current.incident_id,
                report=report,
                report_id=self.review.report_id,
            ),
            done=lambda saved: self._saved(current, saved),
            failed=self._failed,
        )

    def _saved(self, candidate: _Candidate, saved: Saved) -> None:
        self.save_button.setEnabled(True)
        candidate.incident_id = saved.incident_id
        self.review.report_id = saved.report_id
        self.form.set_values(saved.values)  # what was saved, defaults included
        self.dirty = False
        self._show_candidates()
        self.message.emit(
            ngettext(
                "Saved incident {id} ({n} change recorded in its history).",
                "Saved incident {id} ({n} changes recorded in its history).",
                saved.events,
            ).format(id=isolate(saved.incident_id[:8]), n=format_number(saved.events))
        )
        self.saved.emit(saved.incident_id)

    def _failed(self, exc: BaseException) -> None:
        self.reading = False
        self.read_button.setEnabled(True)
        self.save_button.setEnabled(True)
        if isinstance(exc, TawthiqError):
            self.message.emit(error_text(exc))
        else:
            self.message.emit(_("Unexpected error: {error}").format(error=exc))
        self._show_status()

    def retranslate(self) -> None:
        self.report.retranslate()
        self.form.retranslate()
        self.read_button.setText(_("Read the report"))
        self.read_button.setToolTip(_("Fill the form from the report (again)"))
        self.accept_button.setText(_("Accept all suggestions"))
        self.save_button.setText(_("Save incident"))
        self.save_button.setToolTip(_("Ctrl+S"))
        self._show_candidates()
