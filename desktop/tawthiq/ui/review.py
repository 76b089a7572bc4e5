"""Paste → review → save: the report beside the incident form, the extractor's suggestions
to check, one form for each incident the report tells of.

Reading and saving run off the UI thread. A result is applied only to the review that
asked for it (a newer paste, an incident opened meanwhile, make it stale), and while a save
runs the form cannot be changed or left, so what is saved is what was on the screen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tawthiq.i18n import _, field_label, format_number, ngettext, quote
from tawthiq.services.desk import Desk, IncidentView, Reading
from tawthiq.services.drafts import Draft, values_from_words
from tawthiq.services.grouping import Candidate as Kept
from tawthiq.ui import review_dates, review_group, review_save, review_victims
from tawthiq.ui.editors import SteadyCombo
from tawthiq.ui.group_dialogs import ask_add_or_new
from tawthiq.ui.incident_form import IncidentForm
from tawthiq.ui.ops import Runner, error_sentence
from tawthiq.ui.questions import ask_save_unchecked
from tawthiq.ui.report_panel import ReportPanel, plain_text
from tawthiq.ui.review_state import (
    DEFAULTS,
    Candidate,
    KeptReport,
    Review,
    candidate_label,
    has_content,
    kept_html,
    kept_sentence,
    own_draft,
    status_text,
    told_text,
)
from tawthiq.ui.sources_panel import SourcesPanel


class ReviewPanel(QWidget):
    saved = Signal(str)  # incident id
    drafts_ready = Signal()
    message = Signal(str)
    show_incident = Signal(str)  # an incident the report already kept rests on: its id

    def __init__(self, desk: Desk, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.runner = desk, runner
        self.review = Review()
        self.reading = self.saving = False
        self._read_with: str | None = None  # "Published on" when the last reading began
        self._generation = 0  # a reading or a save belongs to the review it started in
        self.confirm: Callable[[str], bool] = self._ask
        self.save_unchecked: Callable[[int], bool] = lambda n: ask_save_unchecked(self, n)
        # a report that may tell an incident kept: the one to add it to, "" (new) or None
        self.add_or_new: Callable[[list[Kept], bool], str | None] = partial(ask_add_or_new, self)
        self.report = ReportPanel(self)
        self.form = IncidentForm(desk.places, self)
        self.sources = SourcesPanel(self, actions=False)  # the reports of an incident kept
        self.report_pages = review_group.beside_report(self)
        self.candidates = SteadyCombo(self)
        self.candidates.setSizeAdjustPolicy(SteadyCombo.SizeAdjustPolicy.AdjustToContents)
        self.candidates.activated.connect(self._switch)
        self.status = QLabel(self)
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        # the same report kept before: its incidents, each a link that opens it
        self.kept_note = QLabel(self)
        self.kept_note.setObjectName("kept")
        self.kept_note.setWordWrap(True)
        self.kept_note.setTextFormat(Qt.TextFormat.RichText)
        self.kept_note.linkActivated.connect(self.show_incident)
        self.kept_note.hide()
        # which incident of the report the form shows, why, and the sentence it rests on
        self.told = QLabel(self)
        self.told.setObjectName("told")
        self.told.setWordWrap(True)
        self.read_button = QPushButton(self)
        self.read_button.clicked.connect(self.read)
        self.accept_button = QPushButton(self)
        self.accept_button.clicked.connect(self.accept_sure)
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
        split.addWidget(self.report_pages)
        self.named, beside_form = review_victims.beside_form(self)  # under the form
        split.addWidget(beside_form)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        box = QVBoxLayout(self)
        box.addLayout(bar)
        box.addWidget(self.kept_note)
        box.addWidget(self.told)
        box.addWidget(split, 1)
        self.form.changed.connect(self._show_status)
        self.form.evidence_wanted.connect(self.report.highlight)
        self.report.use_for.connect(self.use_words)
        self.report.published_given.connect(lambda: review_dates.redate(self))
        self.new_report(ask=False)

    # what would be lost -------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """Anything a documenter would lose by starting again: an incident of the report not
        saved, a change to a saved one, a report pasted or typed but not kept."""
        values = self.form.values()
        review = self.review
        if review.shown.unsaved(values):
            return True
        if any(c.unsaved(c.values_away()) for c in review.candidates if c is not review.shown):
            return True
        return review.report_unsaved(self.report.received_text(), self.report.origin())

    def _ask(self, question: str) -> bool:
        # No is the default: Enter after a save must not throw away the other forms
        answer = QMessageBox.question(
            self, _("Tawthiq"), question, defaultButton=QMessageBox.StandardButton.No
        )
        return answer == QMessageBox.StandardButton.Yes

    def _busy(self) -> bool:
        """While a save runs, nothing may change what is on the screen."""
        if self.saving:
            self.message.emit(_("Saving… wait a moment."))
        return self.saving

    def _may_leave(self, ask: bool) -> bool:
        if self._busy():
            return False
        return (
            not ask
            or not self.dirty
            or self.confirm(_("The form has changes that are not saved. Discard them?"))
        )

    # starting -----------------------------------------------------------------------------

    def new_report(self, *, ask: bool = True) -> bool:
        if not self._may_leave(ask):
            return False
        self._generation += 1
        self.reading = False
        self.read_button.setEnabled(True)
        self.review = Review()
        self.report.set_report("")
        self.form.set_values(DEFAULTS)
        review_group.show_sources(self, None)
        self._show_candidates()
        self._show_told()
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
        self._read()

    def read(self) -> None:
        """Read the report (again): the form is replaced by what the extractor finds."""
        if self._busy():
            return
        if not self.report.report_text().strip():
            self.message.emit(_("There is no report to read yet: paste or type one."))
            return
        shown = self.review.shown
        edited = shown.unsaved(self.form.values()) if shown.incident_id else (
            self.form.suggested() != [] or has_content(self.form.values())
        )  # fmt: skip
        if edited and not self.confirm(_("Reading the report again replaces the form. Go on?")):
            return
        self._read()

    def _read(self) -> None:
        if not self.report.check():
            self.message.emit(_("Correct the day the report was published, then read it again."))
            return
        published = self.report.published.value()
        ref = date.fromisoformat(published) if published else None
        text = self.report.report_text()
        self._generation += 1
        generation = self._generation
        self.reading = True
        self._read_with = published
        self.read_button.setEnabled(False)
        self.status.setText(_("Reading the report…"))
        self.runner.run(
            lambda: self.desk.read_report(text, None if self.report.published_guessed else ref),
            done=lambda reading: self._drafts(generation, reading),
            failed=lambda exc: self._failed(exc, generation),
        )

    def _drafts(self, generation: int, reading: Reading) -> None:
        if generation != self._generation:
            return  # a newer report, or an incident opened meanwhile
        self.reading = False
        self.read_button.setEnabled(True)
        typed = self.report.published.value() != self._read_with  # while it was being read
        if not typed:
            review_dates.ask_published(self, reading)
        review, drafts = self.review, list(reading.drafts)
        review.language = reading.language
        same_report = review.kept is not None and review.kept.text == self.report.received_text()
        opened = review.shown if review.shown.incident_id and same_report else None
        unchecked: frozenset[str] = frozenset()
        if opened is not None:  # its own report read again: saving edits the incident
            # its own reading among the report's incidents, not merely the first of them
            mine = drafts.pop(own_draft(opened.baseline or {}, drafts))
            opened.draft, opened.snapshot = mine, None
            review.candidates = [opened] + [Candidate(d) for d in drafts]
            values = {**(opened.baseline or {}), **mine.values}
            unchecked = opened.unchecked  # what the reading does not suggest again stays so
        else:
            review.candidates = [Candidate(d) for d in drafts]
            values = {**DEFAULTS, **drafts[0].values}
        review.current = 0
        # the same report kept before (by this laptop or one merged in), unless it is the
        # report of the incident opened here
        review.already = None if same_report else reading.kept
        self.form.set_values(values, review.shown.draft.evidence, unchecked)
        review_group.show_sources(self, self.sources.view if opened is not None else None)
        self._show_candidates()
        self._show_told(highlight=True)
        if review.already is not None:
            self.message.emit(kept_sentence(review.already))
        self.drafts_ready.emit()
        if typed:
            review_dates.redate(self)

    def open_incident(self, view: IncidentView) -> bool:
        """Edit a saved incident: its values (no suggestions) and its first source report."""
        if not self._may_leave(True):
            return False
        self._generation += 1
        self.reading = False
        self.read_button.setEnabled(True)
        first = view.reports[0] if view.reports else None
        candidate = Candidate(Draft({}), incident_id=view.incident.id, heads=dict(view.heads))
        self.review = Review([candidate])
        self.report.set_report((first.text or "") if first else "")
        if first is not None:
            origin = {
                "publication_date": first.publication_date,
                "outlet": first.outlet,
                "url": first.url,
                "reliability": first.reliability,
            }
            self.report.set_origin(origin)
            self.review.kept = KeptReport(first.id, first.text or "", self.report.origin())
            self.review.language = first.language
        self.form.set_values(view.incident.values, unchecked=view.incident.unchecked)
        review_group.show_sources(self, view)
        candidate.baseline = self.form.values()
        candidate.unchecked = frozenset(view.incident.unchecked)
        self._show_candidates()
        self._show_told()
        return True

    # the candidates ----------------------------------------------------------------------

    def _switch(self, index: int) -> None:
        review = self.review
        if self.saving or index == review.current or not 0 <= index < len(review.candidates):
            self.candidates.setCurrentIndex(review.current)
            return
        review.shown.snapshot = self.form.snapshot()
        review.current = index
        chosen = review.shown
        if chosen.snapshot is not None:
            self.form.restore(chosen.snapshot)
        else:
            self.form.set_values({**DEFAULTS, **chosen.draft.values}, chosen.draft.evidence)
        self._show_candidates()
        self._show_told(highlight=True)

    def _show_candidates(self) -> None:
        self.candidates.clear()
        for i, c in enumerate(self.review.candidates, 1):
            self.candidates.addItem(candidate_label(i, c))
        self.candidates.setCurrentIndex(self.review.current)
        self.candidates.setVisible(len(self.review.candidates) > 1)
        self._show_status()

    def _show_status(self) -> None:
        self.status.setText(status_text(self.review, len(self.form.suggested())))

    def _show_told(self, *, highlight: bool = False) -> None:
        """The incident shown, why it is one, its sentence (marked in the report when asked),
        and the incidents of the same report kept before."""
        text = told_text(self.review, self.report.report_text())
        self.told.setText(text)
        self.told.setVisible(bool(text))
        told = self.review.shown.draft.told
        if highlight and told is not None:
            self.report.highlight(told.spans)
        already = self.review.already
        self.kept_note.setText(kept_html(already) if already is not None else "")
        self.kept_note.setVisible(already is not None)

    # choosing and saving ----------------------------------------------------------------------

    def accept_sure(self) -> None:
        """The button accepts the sure suggestions (✓); each ? is for a person to check."""
        left = self.form.accept_all()
        if left:
            self.message.emit(
                ngettext(
                    "Accepted the sure suggestions; {n} marked ? is left to check on its own.",
                    "Accepted the sure suggestions; {n} marked ? are left to check one by one.",
                    left,
                ).format(n=format_number(left))
            )

    def use_words(self, name: str, words: str) -> None:
        if self._busy():
            return
        ref = self.report.published_day()
        values = values_from_words(name, words, ref)
        if not values and ref is None and values_from_words(name, words, date.today()):
            self.message.emit(  # "صباح اليوم": which day is that?
                _("«{words}» counts from the day the report was published: type that day first.")
                .format(words=quote(words[:40]))
            )  # fmt: skip
            return
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
        review_save.save(self)

    def _failed(self, exc: BaseException, generation: int) -> None:
        if self.saving:
            review_save.set_saving(self, False)
        if generation == self._generation:
            self.reading = False
            self.read_button.setEnabled(True)
        self.message.emit(error_sentence(exc))
        self._show_status()

    def retranslate(self) -> None:
        self.report.retranslate()
        self.sources.retranslate()  # and the tab beside the report's:
        review_group.show_sources(self, self.sources.view)
        self.form.retranslate()
        self.named.retranslate()
        self.read_button.setText(_("Read the report"))
        self.read_button.setToolTip(_("Fill the form from the report (again)"))
        self.accept_button.setText(_("Accept the sure suggestions (✓)"))
        self.accept_button.setToolTip(
            _("Accepts every value marked ✓; a value marked ? is checked on its own")
        )
        self.save_button.setText(_("Save incident"))
        self.save_button.setToolTip(_("Ctrl+S"))
        self._show_candidates()
        self._show_told()
