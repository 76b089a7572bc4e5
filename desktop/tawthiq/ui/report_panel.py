"""The report as pasted: its text (each paragraph in its own direction), where it came from,
the words behind a suggestion highlighted, and selected words offered for a field."""

from __future__ import annotations

from collections.abc import Sequence
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

from tawthiq.i18n import N_, _, field_label, quote
from tawthiq.ui.editors import CodeCombo, DateLine, TextLine

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
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n")


def utf16_offset(text: str, index: int) -> int:
    """Qt counts characters beyond the BMP (emoji) as two; Python as one."""
    head = text[:index]
    return index + sum(1 for ch in head if ord(ch) > 0xFFFF)


def python_offset(text: str, position: int) -> int:
    i = units = 0
    while i < len(text) and units < position:
        units += 2 if ord(text[i]) > 0xFFFF else 1
        i += 1
    return i


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

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setObjectName("heading")
        self.text = ReportText(self)
        self.text.use_for.connect(self.use_for)
        self.published = DateLine(self)
        self.published_how = QLabel(self)
        self.published_how.setObjectName("hint")
        self.published.edited.connect(self.published_how.clear)
        self.outlet = TextLine(self)
        self.url = TextLine(self)
        self.url.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.reliability = CodeCombo("reliability", self)
        self.meta = QFormLayout()
        self._meta_labels: list[tuple[QLabel, str]] = []
        for label, widget in (
            (N_("Published on"), self.published),
            (N_("Outlet"), self.outlet),
            (N_("Address (URL)"), self.url),
            (N_("Reliability of the source"), self.reliability),
        ):
            lab = QLabel(self)
            self._meta_labels.append((lab, label))
            self.meta.addRow(lab, widget)
            if widget is self.published:
                self.meta.addRow("", self.published_how)
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
        return self.text.toPlainText()

    def set_report(self, text: str, *, published: date | None = None) -> None:
        self.text.setPlainText(text)
        self.published.set_value(published.isoformat() if published else None)
        self.published_how.clear()
        for widget in (self.outlet, self.url, self.reliability):
            widget.set_value(None)
        self.highlight(())

    def source_values(self) -> dict[str, Any]:
        """The source report as it will be kept: the text exactly as shown, and its origin."""
        return {
            "text": self.report_text(),
            "publication_date": self.published.value(),
            "outlet": self.outlet.value(),
            "url": self.url.value(),
            "reliability": self.reliability.value(),
        }

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
