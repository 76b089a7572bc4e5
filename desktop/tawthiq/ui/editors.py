"""Editors for the form's fields. Each gives ``value()`` as the documenter wrote it (the
domain checks it), takes ``set_value()``, and emits ``edited`` only for the documenter's own
changes, never for the form's."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from tawthiq.domain.arabic import ASCII_DIGITS
from tawthiq.domain.places import governorates
from tawthiq.domain.vocab import vocabulary
from tawthiq.i18n import _, digits, format_day, is_rtl
from tawthiq.ui.language import follow_text

_DAY_FIRST = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
_COUNT = re.compile(r"^\s*([≈~]?)\s*(\d+)\s*(?:[-–—]\s*(\d+))?\s*$")
_THOUSANDS = re.compile(r"(?<=\d)[,٬](?=\d{3}(?!\d))")  # "1,200", "١٬٢٠٠"


def ascii_digits(text: str) -> str:
    return text.translate(ASCII_DIGITS)


class TextLine(QLineEdit):
    """One line of text, written in its own direction."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.textEdited.connect(lambda _t: self.edited.emit())
        self.textChanged.connect(lambda t: follow_text(self, t))

    def value(self) -> Any:
        return self.text().strip() or None

    def set_value(self, value: Any) -> None:
        self.setText("" if value is None else str(value))
        self.setCursorPosition(0)


class TextBlock(QPlainTextEdit):
    """A paragraph (narrative, private notes); each paragraph takes its own direction."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._quiet = False
        self.setTabChangesFocus(True)
        self.textChanged.connect(self._changed)

    def _changed(self) -> None:
        if not self._quiet:
            self.edited.emit()

    def value(self) -> Any:
        return self.toPlainText().strip() or None

    def set_value(self, value: Any) -> None:
        self._quiet = True
        try:
            self.setPlainText("" if value is None else str(value))
        finally:
            self._quiet = False


class CountLine(TextLine):
    """A number of people: "9", a range "9-12", "≈9" when the report was vague."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("—")
        self.setMaximumWidth(110)

    def value(self) -> Any:
        text = _THOUSANDS.sub("", ascii_digits(self.text()))
        if not text.strip():
            return None
        m = _COUNT.match(text)
        if not m:
            return text.strip()  # the domain says what is wrong with it
        lo, hi = int(m.group(2)), int(m.group(3) or m.group(2))
        return {"min": lo, "max": hi, "approximate": bool(m.group(1)) or lo != hi}

    def set_value(self, value: Any) -> None:
        if isinstance(value, dict):
            lo, hi = value.get("min"), value.get("max")
            text = str(lo) if lo == hi else f"{lo}-{hi}"
            if value.get("approximate") and lo == hi:
                text = "≈" + text
            value = digits(text)
        super().set_value(value)


class NumberLine(TextLine):
    """A decimal number (coordinates), with Arabic digits and the Arabic decimal sign."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)

    def value(self) -> Any:
        text = ascii_digits(self.text()).replace("٫", ".").strip()
        return text or None


class DateLine(QWidget):
    """A day as YYYY-MM-DD (Arabic-Indic digits and day-first 6/11/2022 are understood),
    a calendar to pick it from, and the day written out in the interface's language."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None, *, spelled: bool = True) -> None:
        super().__init__(parent)
        self.line = QLineEdit(self)
        self.line.setMaximumWidth(130)
        self.line.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.line.textEdited.connect(lambda _t: self.edited.emit())
        self.line.textChanged.connect(self._show_day)
        self.pick = QToolButton(self)
        self.pick.setArrowType(Qt.ArrowType.DownArrow)
        self.pick.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = QCalendarWidget()
        self.calendar.clicked.connect(self._picked)
        menu = QMenu(self.pick)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        self.pick.setMenu(menu)
        self.spelled = QLabel(self)
        self.spelled.setObjectName("hint")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line)
        row.addWidget(self.pick)
        row.addWidget(self.spelled, 1)
        self.spelled.setVisible(spelled)
        self.setFocusProxy(self.line)
        self.retranslate()

    def _picked(self, day: QDate) -> None:
        self.line.setText(day.toString("yyyy-MM-dd"))
        self.pick.menu().close()
        self.edited.emit()

    def _iso(self) -> str | None:
        text = ascii_digits(self.line.text()).strip()
        if not text:
            return None
        m = _DAY_FIRST.match(text)
        if m:
            d, mth, y = (int(g) for g in m.groups())
            return f"{y:04d}-{mth:02d}-{d:02d}"
        return text

    def _show_day(self) -> None:
        try:
            day = date.fromisoformat(self._iso() or "")
        except ValueError:
            self.spelled.clear()
            return
        self.spelled.setText(format_day(day))
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))

    def value(self) -> Any:
        return self._iso()

    def set_value(self, value: Any) -> None:
        self.line.setText("" if value is None else str(value))

    def retranslate(self) -> None:
        self._show_day()
        self.line.setPlaceholderText(_("YYYY-MM-DD"))
        self.pick.setToolTip(_("Pick the day from a calendar"))
        # month and day names in the interface's language (Levantine months in Arabic)
        self.calendar.setLocale(QLocale("ar_SY") if is_rtl() else QLocale("en_GB"))


class SteadyCombo(QComboBox):
    """A drop-down whose value the mouse wheel changes only once the person has put the
    focus on it (a click or Tab): scrolling a form over it scrolls the form, and never
    turns "Idlib" into "Quneitra" unseen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel gives it no focus

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()  # for the form around it, which scrolls


class CodeCombo(SteadyCombo):
    """One code of a vocabulary, shown by its label in the interface's language."""

    edited = Signal()

    def __init__(self, vocab: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vocab = vocab
        self.activated.connect(lambda _i: self.edited.emit())
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.retranslate()

    def choices(self) -> list[tuple[str, str]]:
        assert self.vocab is not None
        lang = "ar" if is_rtl() else "en"
        return [(t.code, t.label(lang)) for t in vocabulary(self.vocab).terms]

    def retranslate(self) -> None:
        current = self.value()
        self.blockSignals(True)
        self.clear()
        self.addItem("—", None)
        for code, label in self.choices():
            self.addItem(label, code)
        self.blockSignals(False)
        self.set_value(current)

    def value(self) -> Any:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        index = self.findData(value) if value is not None else 0
        self.setCurrentIndex(max(index, 0))


class GovernorateCombo(CodeCombo):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(None, parent)

    def choices(self) -> list[tuple[str, str]]:
        return [(g.name_en, g.name_ar if is_rtl() else g.name_en) for g in governorates()]


class YesNoCombo(CodeCombo):
    """Yes, no, or not said (a report that does not mention a thing does not deny it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(None, parent)

    def choices(self) -> list[tuple[Any, str]]:
        return [(True, _("Yes")), (False, _("No"))]


class TimeOfDay(SteadyCombo):
    """A part of the day from the vocabulary, or a clock time typed as 06:30."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.activated.connect(lambda _i: self.edited.emit())
        line = self.lineEdit()
        assert line is not None
        line.textEdited.connect(lambda _t: self.edited.emit())
        self.retranslate()

    def retranslate(self) -> None:
        current = self.value()
        lang = "ar" if is_rtl() else "en"
        self.blockSignals(True)
        self.clear()
        self.addItem("", None)
        for t in vocabulary("time_of_day").terms:
            self.addItem(t.label(lang), t.code)
        self.blockSignals(False)
        self.set_value(current)
        line = self.lineEdit()
        if line is not None:
            line.setPlaceholderText(_("morning, evening … or 06:30"))

    def value(self) -> Any:
        text = self.currentText().strip()
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index > 0:
            return self.itemData(index)
        return ascii_digits(text) or None

    def set_value(self, value: Any) -> None:
        index = self.findData(value) if value is not None else 0
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText(str(value))


class CodeChecklist(QListWidget):
    """Several codes of a vocabulary, kept in the order they were chosen (the first
    perpetrator is the primary one)."""

    edited = Signal()

    def __init__(self, vocab: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vocab = vocab
        self._order: list[str] = []
        self._quiet = False
        self.setFlow(QListWidget.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setSpacing(2)
        self.setMaximumHeight(96)
        self.itemChanged.connect(self._changed)
        self.retranslate()

    def retranslate(self) -> None:
        lang = "ar" if is_rtl() else "en"
        self._quiet = True
        self.clear()
        for t in vocabulary(self.vocab).terms:
            item = QListWidgetItem(t.label(lang), self)
            item.setData(Qt.ItemDataRole.UserRole, t.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = t.code in self._order
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self._quiet = False

    def _changed(self, item: QListWidgetItem) -> None:
        if self._quiet:
            return
        code = item.data(Qt.ItemDataRole.UserRole)
        if item.checkState() == Qt.CheckState.Checked and code not in self._order:
            self._order.append(code)
        elif item.checkState() != Qt.CheckState.Checked and code in self._order:
            self._order.remove(code)
        self.edited.emit()

    def value(self) -> Any:
        return list(self._order) or None

    def set_value(self, value: Sequence[str] | None) -> None:
        self._order = [c for c in (value or []) if c in vocabulary(self.vocab).codes]
        self.retranslate()
