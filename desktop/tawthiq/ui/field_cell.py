"""One field of the form: its editor, a mark when the extractor suggested its value (with a
menu to accept it, clear it or show the words it came from), and its error, if any."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QToolButton, QVBoxLayout, QWidget

from tawthiq.i18n import N_, _, digits
from tawthiq.services.drafts import Evidence

SURE = 0.8  # below this a suggestion is marked "check", above it "suggested"
# why a suggestion is less sure than its words suggest (``Evidence.unsure``), as told beside it
UNSURE = {
    "today": N_(
        "Resolved against today's date: the report does not say when it was published. "
        "Type the day it was published beside the report."
    ),
    "weekday": N_(
        "The weekday the report names is not the day counted from its publication date: "
        "check the day."
    ),
    "publication": N_(
        "No day is told in the report: the day it was published is given. Check the day."
    ),
}


class FieldCell(QWidget):
    """``state`` is "suggested" until the documenter accepts, edits or clears the value."""

    changed = Signal()
    evidence_wanted = Signal(object)  # the spans of the report to highlight

    def __init__(self, name: str, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.editor = editor
        self.evidence: Evidence | None = None
        self.state: str | None = None
        self.badge = QToolButton(self)
        self.badge.setObjectName("badge")
        self.badge.setMinimumWidth(42)
        self.badge.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.badge.clicked.connect(self.accept)
        menu = QMenu(self.badge)
        self._accept = menu.addAction("", self.accept)
        self._clear = menu.addAction("", self.clear)
        self._show = menu.addAction("", self.show_evidence)
        self.badge.setMenu(menu)
        # its place is kept when it goes, so accepting a value moves no field sideways
        policy = self.badge.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.badge.setSizePolicy(policy)
        self.badge.hide()
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.why = QLabel(self)  # why a suggestion is unsure, while it is unchecked
        self.why.setObjectName("ask")
        self.why.setWordWrap(True)
        self.why.hide()
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(editor, 1)
        top.addWidget(self.badge)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        box.addLayout(top)
        box.addWidget(self.why)
        box.addWidget(self.error)
        editor.edited.connect(self._edited)  # type: ignore[attr-defined]
        self.setFocusProxy(editor)
        self._label_badge()

    # the editor's value ---------------------------------------------------------------------

    def value(self) -> Any:
        return self.editor.value()  # type: ignore[attr-defined]

    def set_value(self, value: Any, evidence: Evidence | None = None) -> None:
        """Set by the form: marked as suggested when ``evidence`` says where it came from."""
        self.editor.set_value(value)  # type: ignore[attr-defined]
        self.evidence = evidence
        self._mark("suggested" if evidence is not None and value not in (None, []) else None)

    @property
    def unsure(self) -> bool:
        """A suggestion shown with ?: the extractor was not sure of it, or it was saved
        unchecked and how sure it was is no longer known."""
        return self.evidence is None or self.evidence.confidence < SURE

    def mark_unchecked(self) -> None:
        """A saved value the extractor suggested and no person has checked yet: marked as a
        suggestion still, until the documenter accepts or changes it."""
        self.evidence = None
        self._mark("suggested" if self.value() not in (None, []) else None)

    def set_chosen(self, value: Any) -> None:
        """Set by the documenter's own choice (a picked place, words used for this field)."""
        self.editor.set_value(value)  # type: ignore[attr-defined]
        self._mark(None)
        self.changed.emit()

    # the suggestion mark ----------------------------------------------------------------------

    @staticmethod
    def _restyle(widget: QWidget, name: str, on: bool) -> None:
        """Set a style property; the style sheet is applied again only when it changed
        (a form of 36 fields is filled at once)."""
        if bool(widget.property(name)) != on:
            widget.setProperty(name, on)
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    def _mark(self, state: str | None) -> None:
        self.state = state
        suggested = state == "suggested"
        self._restyle(self.editor, "suggested", suggested)
        if self.badge.isHidden() == suggested:
            self.badge.setVisible(suggested)
        why = suggested and self.evidence is not None and self.evidence.unsure in UNSURE
        if self.why.isHidden() == why:
            self.why.setVisible(why)
        if suggested:
            self._label_badge()

    def _edited(self) -> None:
        if self.state == "suggested":
            self._mark(None)
        self.changed.emit()

    def accept(self) -> None:
        self._mark(None)
        self.changed.emit()

    def clear(self) -> None:
        self.editor.set_value(None)  # type: ignore[attr-defined]
        self._mark(None)
        self.changed.emit()

    def show_evidence(self) -> None:
        if self.evidence is not None:
            self.evidence_wanted.emit(self.evidence.spans)

    # errors and language -----------------------------------------------------------------

    def set_error(self, message: str | None) -> None:
        if not message and not self.error.text():
            return
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        self._restyle(self.editor, "invalid", bool(message))

    def retranslate(self) -> None:
        self._label_badge()
        retranslate = getattr(self.editor, "retranslate", None)
        if retranslate is not None:
            retranslate()

    def _label_badge(self) -> None:
        # a value saved unchecked, whose certainty is no longer known, is not marked sure
        unsure = self.unsure
        self.badge.setText("?" if unsure else "✓")
        self._restyle(self.badge, "unsure", unsure)
        self._accept.setText(_("Accept this value"))
        self._clear.setText(_("Clear this field"))
        self._show.setText(_("Show the words it came from"))
        if self.evidence is None:
            self.badge.setToolTip(
                _(
                    "Suggested by the extractor and saved without being checked by a person. "
                    "Click to confirm it; the arrow offers to clear it."
                )
            )
        else:
            sure = digits(str(round(self.evidence.confidence * 100)))
            self.badge.setToolTip(
                _(
                    "Suggested by the extractor from the report ({sure}% sure). Click to "
                    "accept it; the arrow offers to clear it or show its words."
                ).format(sure=sure)
            )
            why = UNSURE.get(self.evidence.unsure or "")
            self.why.setText(_(why) if why else "")
