"""The mouse wheel scrolls the form; it changes no value unless the person put the focus on
the editor (click or Tab) — issue 14, item 1: scrolling over the governorate turned Idlib
into Quneitra and wiped the amber "suggested" mark."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from tests.conftest import listed

from tawthiq.services.settings import Settings


def _wheel(widget: QWidget, notches: int = -3, *, deepest: bool = True) -> bool:
    """Turn the wheel over the middle of ``widget``, as the pointer would find it; whether
    the widget under the pointer took the turn (Qt hands a real turn it does not take on
    to the widgets around it: the form, which scrolls)."""
    centre = widget.rect().center()
    target = (widget.childAt(centre) if deepest else None) or widget
    at = target.mapFrom(widget, centre) if target is not widget else centre
    event = QWheelEvent(
        QPointF(at), QPointF(target.mapToGlobal(at)), QPoint(0, 0), QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
        False,
    )  # fmt: skip
    QApplication.sendEvent(target, event)
    return event.isAccepted()


def _paste(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from tests.integration.test_ui_review import SAMPLE_TEXT

    QGuiApplication.clipboard().setText(SAMPLE_TEXT)
    with qtbot.waitSignal(window.review.drafts_ready, timeout=30_000):
        QTest.keyClick(window, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier
                       | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_wheel_over_any_editor_changes_nothing(qtbot, window, language: str) -> None:  # type: ignore[no-untyped-def]
    window.apply_settings(Settings(author="Amal", language=language))
    window.show()
    _paste(qtbot, window)
    form = window.review.form
    window.review.report.setFocus()  # the person is reading the report, not in the form
    before = {name: (cell.value(), cell.state) for name, cell in form.cells.items()}
    kinds = set()
    for cell in form.cells.values():
        form.ensureWidgetVisible(cell)
        _wheel(cell.editor, -3)
        _wheel(cell.editor, +5)
        kinds.add(type(cell.editor).__name__)
    after = {name: (cell.value(), cell.state) for name, cell in form.cells.items()}
    assert after == before
    assert before["governorate"] == ("Idlib", "suggested")  # it stays suggested, unchecked
    assert {"CodeCombo", "GovernorateCombo", "YesNoCombo", "TimeOfDay", "CountLine",
            "NumberLine", "DateLine", "CodeChecklist", "PlaceLine"} <= kinds  # fmt: skip


def test_the_wheel_over_a_drop_down_is_left_to_the_form(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.show()
    _paste(qtbot, window)
    form = window.review.form
    form.verticalScrollBar().setValue(0)
    # A test's wheel event is not passed on by Qt as a real one is, so the two halves are
    # checked apart: the drop-down leaves the turn, and the form scrolls with it.
    for name in ("date_precision", "governorate", "target", "time_of_day", "munition_remnants"):
        assert _wheel(form.cells[name].editor, -3) is False, name
    assert _wheel(form.viewport(), -3, deepest=False) is True
    assert form.verticalScrollBar().value() > 0
    assert form.cells["date_precision"].value() == "day"


def test_a_focused_drop_down_takes_the_wheel(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.show()
    _paste(qtbot, window)
    cell = window.review.form.cells["target"]
    cell.editor.setFocus(Qt.FocusReason.TabFocusReason)  # the person tabbed to it
    qtbot.waitUntil(cell.editor.hasFocus)
    _wheel(cell.editor, -1)
    assert cell.value() != "idp_camp"  # chosen on purpose: the wheel may move it


def test_the_wheel_does_not_change_the_list_filters(qtbot, window, ws) -> None:  # type: ignore[no-untyped-def]
    from tawthiq.services.incidents import create_incident

    with ws.writing() as w:
        create_incident(w, {"title_en": "Shelling of Sarmada", "governorate": "Idlib"})
    window.tabs.setCurrentIndex(1)
    window.show()
    incidents = window.incidents
    incidents.refresh()
    listed(qtbot, incidents)
    incidents.table.setFocus()
    for combo in (incidents.governorate, incidents.type, incidents.status,
                  *incidents.flags.values()):  # fmt: skip
        _wheel(combo, -2)
        assert combo.value() is None
    listed(qtbot, incidents)
    assert incidents.model.total == 1
