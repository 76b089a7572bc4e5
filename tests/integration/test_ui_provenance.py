"""Ctrl+S with suggestions nobody checked asks first; what is saved unchecked stays marked in
the form, the list and the history until a person accepts it (pytest-qt, a real database)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from tests.conftest import incident_count, listed, paste_and_read

from tawthiq import services
from tawthiq.domain.resources import read_text
from tawthiq.services.demo import SAMPLE
from tawthiq.ui.list_model import STATUS
from tawthiq.ui.questions import ask_save_unchecked

SAMPLE_TEXT = read_text(SAMPLE)


def _answer(button_text: str, seen: list[str]) -> None:
    """Click ``button_text`` in the question once it is open, as a person would."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        button = next(b for b in box.buttons() if b.text() == button_text)
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(20, click)


def test_ctrl_s_with_unchecked_suggestions_asks_and_going_back_saves_nothing(  # type: ignore[no-untyped-def]
    qtbot, window, ws
) -> None:
    window.review.save_unchecked = lambda n: ask_save_unchecked(window.review, n)  # the real one
    paste_and_read(qtbot, window, SAMPLE_TEXT)
    form = window.review.form
    n = len(form.suggested())
    assert n > 10
    seen: list[str] = []
    _answer("Go back and check them", seen)
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert seen and f"{n} values the extractor suggested have not been checked" in seen[0]
    assert incident_count(ws) == 0  # nothing saved
    assert len(form.suggested()) == n  # and nothing marked as checked
    assert "Not saved: check the values marked in amber" in window.statusBar().currentMessage()
    # Saving them as not checked keeps them marked so, in the form and in the record.
    _answer("Save them as not checked", seen)
    window.activateWindow()  # back from the question (offscreen, nothing does it for us)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    with qtbot.waitSignal(window.review.saved, timeout=10_000) as saved:
        QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    record = services.desk.Desk(ws).incident(saved.args[0]).incident
    assert len(record.unchecked) == n and set(form.suggested()) == set(record.unchecked)


def test_unchecked_values_stay_marked_until_a_person_accepts_them(qtbot, window, ws) -> None:  # type: ignore[no-untyped-def]
    paste_and_read(qtbot, window, SAMPLE_TEXT)
    form = window.review.form
    form.cells["title_en"].accept()  # checked before saving: saved as the person's
    with qtbot.waitSignal(window.review.saved, timeout=10_000) as saved:
        window.review.save()
    incident_id = saved.args[0]
    desk = services.desk.Desk(ws)
    unchecked = desk.incident(incident_id).incident.unchecked
    assert "killed" in unchecked and "title_en" not in unchecked
    # The list says the record holds values nobody checked.
    window.tabs.setCurrentIndex(1)
    window.incidents.refresh(keep=incident_id)
    listed(qtbot, window.incidents)
    status = window.incidents.table.model().index(0, STATUS).data()
    assert f"{len(unchecked)} not checked" in status
    table = window.incidents.table
    shown = table.horizontalHeader().sectionSize(STATUS)  # the whole of it, not "Draft · 25 n…"
    assert shown >= table.fontMetrics().horizontalAdvance(status)
    # The history says which values came from the extractor.
    qtbot.waitUntil(lambda: window.history.model.rowCount() > 0)
    by_field = {c.field: row for row, c in enumerate(window.history.model.changes)}
    model = window.history.model
    assert model.index(by_field["killed"], 6).data() == "the extractor, not checked"
    assert model.index(by_field["title_en"], 6).data() == "a person"
    # Opened again, the form marks them; accepting one and saving records the check.
    window.incidents.table.activated.emit(window.incidents.table.model().index(0, 1))
    qtbot.waitUntil(lambda: window.tabs.currentIndex() == 0)
    assert set(form.suggested()) == set(unchecked)
    assert form.cells["killed"].badge.isVisibleTo(form)
    form.cells["killed"].badge.click()  # ✓: accept this value
    assert "killed" not in form.suggested()
    with qtbot.waitSignal(window.review.saved, timeout=10_000):
        window.review.save()
    after = desk.incident(incident_id)
    assert set(after.incident.unchecked) == set(unchecked) - {"killed"}
    assert after.incident.killed.max == 9  # type: ignore[union-attr]  # the value unchanged
    assert not after.incident.conflicts  # a check, not a second value beside the first
    assert set(form.suggested()) == set(after.incident.unchecked)  # still marked after saving
    assert window.unchecked_asked == [len(unchecked)]  # the edit asked nothing: none new


TWO_PLACES = (
    "إدلب - مراسل محلي\n"
    "قُتل سبعة مدنيين بينهم طفلان، وأصيب 12 آخرون، مساء أمس السبت، بقصف مدفعي لقوات النظام "
    "على سوق بلدة سرمدا شمالي إدلب، بحسب الدفاع المدني.\n"
    "وفي ريف حلب، قُتل شخص وأصيب ثلاثة آخرون بقصف على بلدة الأتارب.\n"
)


def test_reading_an_opened_incidents_report_again_checks_nothing(qtbot, window, ws) -> None:  # type: ignore[no-untyped-def]
    """The second incident of a report, opened and read again, keeps its own values and its
    unchecked marks: a save afterwards records no value as a person's check."""
    from datetime import date

    desk = services.desk.Desk(ws)
    done = desk.ingest_report(TWO_PLACES, ref_date=date(2022, 11, 6))
    assert len(done.saved) == 2
    atareb = next(i for i, found in done.saved if found["killed"].value == 1)
    before = desk.incident(atareb).incident
    window.tabs.setCurrentIndex(1)
    window.incidents.refresh(keep=atareb)
    listed(qtbot, window.incidents)
    row = next(
        r for r in range(window.incidents.model.rowCount())
        if window.incidents.model.rows[r].id == atareb
    )  # fmt: skip
    window.incidents.table.activated.emit(window.incidents.table.model().index(row, 1))
    qtbot.waitUntil(lambda: window.tabs.currentIndex() == 0)
    form = window.review.form
    assert set(form.suggested()) == set(before.unchecked)
    with qtbot.waitSignal(window.review.drafts_ready, timeout=30_000):
        window.review.read()  # its own report, read again
    assert form.cells["killed"].value()["max"] == 1  # its own incident, not the report's first
    assert set(before.unchecked) <= set(form.suggested())
    window.review.save()
    qtbot.waitUntil(lambda: not window.review.saving and window.runner.busy == 0)
    # the same values, the same marks: nothing to record, and nothing recorded as checked
    assert "Nothing has changed" in window.statusBar().currentMessage()
    after = desk.incident(atareb).incident
    assert after.killed.max == 1  # type: ignore[union-attr]
    assert set(after.unchecked) >= set(before.unchecked)  # nothing became "checked"


def test_accepting_all_leaves_each_unsure_value_to_a_person(qtbot, window, ws) -> None:  # type: ignore[no-untyped-def]
    """No publication day typed: the day counted from today is marked ?. "Accept the sure
    suggestions" leaves it, saving keeps it marked ?, and reopened it is still not sure."""
    undated = (
        "قُتل ثلاثة مدنيين وأصيب خمسة آخرون صباح اليوم بقصف مدفعي لقوات النظام على بلدة "
        "سرمدا شمالي إدلب، بحسب الدفاع المدني.\n"
    )
    paste_and_read(qtbot, window, undated)
    form = window.review.form
    day = form.cells["date_start"]
    assert day.state == "suggested" and day.badge.text() == "?"
    QTest.mouseClick(window.review.accept_button, Qt.MouseButton.LeftButton)
    assert day.state == "suggested" and form.cells["place_name"].state is None
    assert "left to check" in window.statusBar().currentMessage()
    with qtbot.waitSignal(window.review.saved, timeout=10_000) as saved:
        window.review.save()
    assert day.state == "suggested" and day.badge.text() == "?"  # the doubt is not lost
    record = services.desk.Desk(ws).incident(saved.args[0]).incident
    assert "date_start" in record.unchecked and "place_name" not in record.unchecked
    # opened again, a value saved unchecked is not shown as sure
    window.review.open_incident(services.desk.Desk(ws).incident(saved.args[0]))
    assert day.state == "suggested" and day.badge.text() == "?"


def test_the_discard_question_defaults_to_no(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Enter after a save must not throw the report's other forms away."""
    asked: list[object] = []

    def question(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(kwargs.get("defaultButton"))
        return QMessageBox.StandardButton.No  # the person presses Enter

    monkeypatch.setattr(QMessageBox, "question", question)
    window.review.confirm = window.review._ask
    paste_and_read(qtbot, window, SAMPLE_TEXT)
    assert window.review.new_report() is False
    assert asked == [QMessageBox.StandardButton.No]
    assert window.review.form.cells["killed"].value()["max"] == 9


def _contrast(a, b) -> float:  # type: ignore[no-untyped-def]
    """WCAG contrast ratio of two QColors."""

    def lum(c) -> float:  # type: ignore[no-untyped-def]
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_an_amber_drop_downs_highlighted_item_can_be_read(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """The item under the pointer in an amber drop-down: its colour, as drawn, against the
    white of its text (it was white on pale amber)."""
    from PySide6.QtGui import QColor

    paste_and_read(qtbot, window, SAMPLE_TEXT)
    combo = window.review.form.cells["governorate"].editor
    assert combo.property("suggested") is True
    combo.showPopup()
    view = combo.view()
    current = combo.model().index(2, 0)
    view.setCurrentIndex(current)
    qtbot.wait(50)
    row = view.visualRect(current)
    picture = view.viewport().grab().toImage()
    drawn = QColor(picture.pixel(row.left() + 3, row.center().y()))
    combo.hidePopup()
    assert _contrast(drawn, QColor("#ffffff")) >= 4.5  # WCAG AA for text
