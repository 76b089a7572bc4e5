"""The report as pasted: its text (each paragraph in its own direction), where it came from,
the words behind a suggestion highlighted, and selected words offered for a field."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QColor, QContextMenuEvent, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from tawthiq.domain.checks import form_problems
from tawthiq.domain.fields import SOURCE_REPORT
from tawthiq.i18n import N_, _, error_text, field_label, quote
from tawthiq.ui.editors import CodeCombo, DateLine, TextLine
from tawthiq.ui.field_cell import FieldCell

# fields a selection of the report's words can fill (in this order in the menu)
SELECTION_FIELDS = (
    "title_ar",
    "title_en",
    "place_name",
    "date_start",
    "killed",
    "killed_children",
    "killed_women",
    "injured",
    "narrative",
)
_HIGHLIGHT = QColor("#ffe08a")


def plain_text(mime: QMimeData) -> str:
    """What was copied, as plain text: a browser's copy carries both; HTML alone is turned
    into its text (paragraphs kept)."""
    if mime.hasText() and mime.text().strip():
        text = mime.text()
    elif mime.hasHtml():
        doc = QTextDocument()
        doc.setHtml(mime.html())
        text = doc.toPlainText()
    else:
        text = ""
    return text


def shown_as(text: str) -> str:
    """How a text reads back from the report field (line breaks as Qt keeps them)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n")


def utf16_offset(text: str, index: int) -> int:
    """Qt counts characters beyond the BMP (emoji) as two; Python as one."""
    head = text[:index]
    return index + sum(1 for ch in head if ord(ch) > 0xFFFF)


class ReportText(QPlainTextEdit):
    use_for = Signal(str, str)  # field name, selected words

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu()
        words = self.textCursor().selectedText().replace("\u2029", "\n").strip()
        if words:
            menu.addSeparator()
            short = words if len(words) <= 30 else words[:29] + "…"
            sub = menu.addMenu(_("Use «{words}» for").format(words=quote(short)))
            for name in SELECTION_FIELDS:
                action = sub.addAction(field_label(name))
                action.triggered.connect(partial(self.use_for.emit, name, words))
        menu.exec(event.globalPos())
        menu.deleteLater()


class ReportPanel(QWidget):
    """The pasted report and what is known of where it came from."""

    use_for = Signal(str, str)
    published_given = Signal()  # the documenter wrote or picked the day it was published

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setObjectName("heading")
        self.text = ReportText(self)
        self.text.use_for.connect(self.use_for)
        self._received: str | None = None  # the text exactly as pasted
        self.published = DateLine(self)
        self.published_how = QLabel(self)
        self.published_how.setObjectName("ask")
        self.published_how.setWordWrap(True)
        self.published_guessed = False  # a guess is used to read the report, never saved
        self.published.edited.connect(self._published_given)
        self.outlet = TextLine(self)
        self.url = TextLine(self)
        self.url.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.reliability = CodeCombo("reliability", self)
        self.cells: dict[str, FieldCell] = {}
        self.meta = QFormLayout()
        self._meta_labels: list[tuple[QLabel, str]] = []
        for name, label, widget in (
            ("publication_date", N_("Published on"), self.published),
            ("outlet", N_("Outlet"), self.outlet),
            ("url", N_("Address (URL)"), self.url),
            ("reliability", N_("Reliability of the source"), self.reliability),
        ):
            lab = QLabel(self)
            self._meta_labels.append((lab, label))
            self.cells[name] = FieldCell(name, widget, self)
            self.meta.addRow(lab, self.cells[name])
            if widget is self.published:  # across the whole row: it may be a sentence
                self.meta.addRow(self.published_how)
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        box = QVBoxLayout(self)
        box.addWidget(self.title)
        box.addWidget(self.text, 1)
        box.addWidget(self.hint)
        box.addLayout(self.meta)
        self.retranslate()

    def report_text(self) -> str:
        """The text as shown (non-breaking spaces and line separators kept: Qt's plain text
        would turn them into spaces and line breaks)."""
        return self.text.document().toRawText().replace("\u2029", "\n")

    def received_text(self) -> str:
        """The report as it will be kept: exactly as pasted, unless it was edited here."""
        shown = self.report_text()
        if self._received is not None and shown_as(self._received) == shown:
            return self._received
        return shown

    def set_report(
        self, text: str, *, published: date | str | None = None, received: str | None = None
    ) -> None:
        """Show a report (``received``: the text exactly as it came, when it was changed for
        showing) with what is known of its origin, emptied."""
        self._received = received if received is not None else text
        self.text.setPlainText(text)
        self.published.set_value(published.isoformat() if isinstance(published, date)
                                 else published)  # fmt: skip
        self.set_published_guess(None)
        for widget in (self.outlet, self.url, self.reliability):
            widget.set_value(None)
        for cell in self.cells.values():
            cell.set_error(None)
        self.highlight(())

    def set_published_guess(self, how: str | None, day: date | None = None) -> None:
        """Show the day the report was read against when nobody gave it, and why."""
        self.published_guessed = how is not None
        if day is not None:
            self.published.set_value(day.isoformat())
        self.published_how.setText(how or "")
        self.meta.setRowVisible(self.published_how, bool(how))  # no gap when nothing to say

    def _published_given(self) -> None:
        self.set_published_guess(None)
        self.published_given.emit()

    def published_day(self) -> date | None:
        """The day written in "Published on" (a guess included); None when it is empty or not
        a day."""
        try:
            return date.fromisoformat(self.published.value() or "")
        except ValueError:
            return None

    def origin(self) -> dict[str, Any]:
        """What is known of where the report came from; a guessed day is not known."""
        return {
            "publication_date": None if self.published_guessed else self.published.value(),
            "outlet": self.outlet.value(),
            "url": self.url.value(),
            "reliability": self.reliability.value(),
        }

    def set_origin(self, values: Mapping[str, Any]) -> None:
        for name, cell in self.cells.items():
            cell.set_value(values.get(name))
        self.set_published_guess(None)

    def check(self) -> bool:
        """Show the problems of the origin fields next to them; True when there are none."""
        problems = form_problems(SOURCE_REPORT, self.origin())
        for name, cell in self.cells.items():
            exc = problems.get(name)
            cell.set_error(error_text(exc, with_field=False) if exc else None)
        return not problems

    def highlight(self, spans: Sequence[Sequence[int]]) -> None:
        """Mark the words a suggestion came from and bring the first into view."""
        text = self.report_text()
        selections = []
        fmt = QTextCharFormat()
        fmt.setBackground(_HIGHLIGHT)
        for start, end in spans:
            cursor = QTextCursor(self.text.document())
            cursor.setPosition(utf16_offset(text, start))
            cursor.setPosition(utf16_offset(text, end), QTextCursor.MoveMode.KeepAnchor)
            sel = QTextEdit.ExtraSelection()
            sel.cursor = cursor
            sel.format = fmt
            selections.append(sel)
        self.text.setExtraSelections(selections)
        if selections:
            first = QTextCursor(selections[0].cursor)
            first.clearSelection()
            self.text.setTextCursor(first)
            self.text.ensureCursorVisible()

    def highlighted(self) -> list[str]:
        """The words now highlighted (what a documenter sees marked)."""
        return [s.cursor.selectedText() for s in self.text.extraSelections()]

    def retranslate(self) -> None:
        self.title.setText(_("The report"))
        self.text.setPlaceholderText(
            _(
                "Paste a report here (Ctrl+Shift+V pastes and reads it), "
                "or type a witness's account."
            )
        )
        self.hint.setText(_("Select words and right-click to use them for a field of the form."))
        for label, text in self._meta_labels:
            label.setText(_(text))
        self.published.retranslate()
        self.reliability.retranslate()
