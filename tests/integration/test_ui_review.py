"""Paste → review → save in the real window (pytest-qt, offscreen), on a real database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from tests.conftest import incident_count, listed, paste_and_read, plain

from tawthiq import services
from tawthiq.domain.resources import read_text
from tawthiq.services.demo import SAMPLE
from tawthiq.store import IncidentFilter

SAMPLE_TEXT = read_text(SAMPLE)
TWO_PLACES = (
    "إدلب - مراسل محلي\n"
    "قُتل سبعة مدنيين بينهم طفلان، وأصيب 12 آخرون، مساء أمس السبت، بقصف مدفعي لقوات النظام "
    "على سوق بلدة سرمدا شمالي إدلب، بحسب الدفاع المدني.\n"
    "وفي ريف حلب، قُتل شخص وأصيب ثلاثة آخرون بقصف على بلدة الأتارب.\n"
)


def _type(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type any text, Arabic included, one key event per character (qtbot.keyClicks aborts
    on non-ASCII characters: see PLATFORM.md)."""
    for ch in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )


def test_pasting_a_report_fills_the_form_with_marked_suggestions(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    paste_and_read(qtbot, window, SAMPLE_TEXT)
    form = window.review.form
    assert window.review.report.report_text() == SAMPLE_TEXT
    assert form.cells["killed"].value() == {"min": 9, "max": 9, "approximate": False}
    assert form.cells["killed_children"].value()["max"] == 3
    assert form.cells["injured"].value()["max"] == 75
    assert form.cells["place_name"].value() == "مخيم مرام"
    assert form.cells["governorate"].value() == "Idlib"
    assert form.cells["date_start"].value() == "2022-11-06"  # "اليوم الأحد", published that day
    assert set(form.cells["weapons"].value()) >= {"cluster_munition", "rocket"}
    assert {"killed", "place_name", "weapons"} <= set(form.suggested())
    assert form.cells["killed"].editor.property("suggested") is True
    assert "fields suggested" in window.review.status.text()
    # Selecting a field shows the words it came from.
    form.cells["killed"].show_evidence()
    assert window.review.report.highlighted() == ["تسعة مدنيين"]
    form.cells["injured"].editor.setFocus()
    qtbot.waitUntil(lambda: window.review.report.highlighted() == ["75 آخرون"])


def test_editing_a_suggestion_accepts_it_and_saving_writes_history(qtbot, window, ws) -> None:  # type: ignore[no-untyped-def]
    paste_and_read(qtbot, window, SAMPLE_TEXT)
    killed = window.review.form.cells["killed"]
    killed.editor.clear()
    qtbot.keyClicks(killed.editor, "10")
    assert killed.state is None and killed.editor.property("suggested") is False
    with qtbot.waitSignal(window.review.saved, timeout=10_000) as saved:
        QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    incident_id = saved.args[0]
    view = services.desk.Desk(ws).incident(incident_id)
    assert view.incident.killed.max == 10  # type: ignore[union-attr]
    assert view.reports and view.reports[0].text == SAMPLE_TEXT  # the report is its source
    # Saving asked first, and what nobody checked stays marked so, in the form and the record.
    assert len(window.unchecked_asked) == 1 and window.unchecked_asked[0] > 10
    assert set(window.review.form.suggested()) == set(view.incident.unchecked)
    assert "killed" not in view.incident.unchecked and "place_name" in view.incident.unchecked
    rows = window.history.model.rowCount()
    qtbot.waitUntil(lambda: window.history.model.rowCount() > 0)
    rows = window.history.model.rowCount()
    # A second edit of the saved incident is one more row of history, shown first.
    killed.editor.clear()
    qtbot.keyClicks(killed.editor, "11")
    with qtbot.waitSignal(window.review.saved, timeout=10_000):
        window.review.save()
    qtbot.waitUntil(lambda: window.history.model.rowCount() == rows + 1)
    newest = [plain(window.history.model.index(0, c).data()) for c in range(6)]
    assert newest[1] == "Amal" and newest[3] == "Killed" and newest[4:] == ["10", "11"]
    assert incident_count(ws) == 1  # an edit, not a second incident
    assert window.incidents.model.total == 1


def test_the_status_bar_counts_the_changes_the_history_shows(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Saving a pasted report also keeps the report and links it; what the status bar calls
    the incident's history is the history panel's, change for change."""
    import re

    def said() -> int:
        m = re.search(r"\((\d+) changes? recorded in its history\)", plain(status.currentMessage()))
        assert m, status.currentMessage()
        return int(m[1])

    status = window.statusBar()
    paste_and_read(qtbot, window, SAMPLE_TEXT)
    with qtbot.waitSignal(window.review.saved, timeout=10_000):
        window.review.save()
    first = said()
    qtbot.waitUntil(lambda: window.history.model.rowCount() > 0)
    assert first == window.history.model.rowCount()
    assert f": {first} changes, newest first" in plain(window.history.heading.text())
    killed = window.review.form.cells["killed"]
    killed.editor.clear()
    qtbot.keyClicks(killed.editor, "12")
    with qtbot.waitSignal(window.review.saved, timeout=10_000):
        window.review.save()
    assert said() == 1
    qtbot.waitUntil(lambda: window.history.model.rowCount() == first + 1)


def test_invalid_input_is_shown_next_to_the_field_and_nothing_is_saved(qtbot, window, ws) -> None:  # type: ignore[no-untyped-def]
    paste_and_read(qtbot, window, SAMPLE_TEXT)
    form = window.review.form
    form.cells["date_start"].editor.line.setText("2022-13-45")
    form.cells["killed_children"].editor.setText("30")  # more than the 9 killed
    window.review.save()
    date_error = form.cells["date_start"].error
    assert date_error.isVisibleTo(window) and "is not a valid date" in date_error.text()
    assert "more than the total of at most 9" in form.cells["killed"].error.text()
    assert "Not saved: 2 fields need correcting" in window.statusBar().currentMessage()
    qtbot.wait(200)
    assert window.runner.busy == 0 and incident_count(ws) == 0
    # Once corrected, it saves.
    form.cells["date_start"].editor.line.setText("2022-11-06")
    form.cells["killed_children"].editor.setText("3")
    with qtbot.waitSignal(window.review.saved, timeout=10_000):
        window.review.save()
    assert not form.cells["date_start"].error.text() and incident_count(ws) == 1


def test_errors_are_written_in_the_interface_language(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.apply_settings(window.settings.changed(language="ar"))
    form = window.review.form
    form.cells["killed"].editor.setText("تسعة")
    form.cells["date_start"].editor.line.setText("٢٠٢٢-١٣-٠١")
    window.review.save()
    assert "ليس عدد أشخاص" in form.cells["killed"].error.text()
    assert "ليس تاريخاً صحيحاً" in form.cells["date_start"].error.text()
    assert "لم تُحفظ" in window.statusBar().currentMessage()


def test_a_report_of_two_incidents_offers_each_one(qtbot, window, ws) -> None:  # type: ignore[no-untyped-def]
    window.review.start(TWO_PLACES)
    qtbot.waitUntil(lambda: not window.review.reading, timeout=30_000)
    review = window.review
    assert review.candidates.isVisibleTo(window) and review.candidates.count() == 2
    assert review.form.cells["governorate"].value() == "Idlib"
    review.form.cells["title_en"].editor.setText("Sarmada market")  # an edit of the first
    review.candidates.activated.emit(1)
    assert review.form.cells["governorate"].value() == "Aleppo"
    assert review.form.cells["killed"].value()["max"] == 1
    with qtbot.waitSignal(review.saved, timeout=10_000):
        review.save()
    review.candidates.activated.emit(0)
    assert review.form.cells["title_en"].value() == "Sarmada market"  # kept while away
    with qtbot.waitSignal(review.saved, timeout=10_000):
        review.save()
    with ws.db.read() as s:
        rows = services.incidents.list_incidents(s, IncidentFilter())
        reports = {r.id for inc in rows for r in services.incidents.source_reports_of(s, inc.id)}
    assert {inc.governorate for inc in rows} == {"Idlib", "Aleppo"}
    assert len(reports) == 1  # both rest on the one pasted report


def test_typing_a_place_offers_gazetteer_places_and_fills_the_rest(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    form = window.review.form
    place = form.cells["place_name"].editor
    place.setFocus()
    qtbot.keyClicks(place, "Kafr J")
    names = [c.name_en for c in place.choices()]
    assert "Kafr Jales" in names
    place.clear()
    _type(place, "كفر ج")
    choice = next(c for c in place.choices() if c.name_ar == "كفر جالس")
    place.pick(choice)
    assert form.cells["place_name"].value() == "كفر جالس"
    assert form.cells["governorate"].value() == "Idlib"
    assert form.cells["district"].value() == "Idleb"
    assert form.cells["pcode"].value() == choice.pcode
    assert abs(float(form.cells["lat"].value()) - 35.98) < 0.05
    assert form.suggested() == []  # chosen by the documenter, not suggested


def test_selected_words_can_fill_a_field(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.review.report.set_report(SAMPLE_TEXT)
    window.review.use_words("injured", "وأصيب 75 آخرون")
    window.review.use_words("place_name", "كفر جالس")
    window.review.use_words("killed", "صباح اليوم")  # no number in these words
    form = window.review.form
    assert form.cells["injured"].value()["max"] == 75
    assert form.cells["governorate"].value() == "Idlib"
    assert form.cells["killed"].value() is None
    said = window.statusBar().currentMessage()
    assert "Nothing in «صباح اليوم» fits the field Killed" in plain(said)


def test_a_saved_incident_opens_from_the_list_and_an_edit_is_one_more_change(
    qtbot, window, ws
) -> None:  # type: ignore[no-untyped-def]
    with ws.writing() as w:
        incident_id = services.incidents.create_incident(
            w, {"title_en": "Mortar fire on Masyaf", "governorate": "Hama", "killed": 5}
        )
    window.tabs.setCurrentIndex(1)
    window.incidents.refresh(keep=incident_id)
    listed(qtbot, window.incidents)
    qtbot.waitUntil(lambda: window.history.model.rowCount() > 0)
    rows = window.history.model.rowCount()
    index = window.incidents.table.model().index(0, 1)
    window.incidents.table.activated.emit(index)  # a double click, or Return
    qtbot.waitUntil(lambda: window.tabs.currentIndex() == 0)
    form = window.review.form
    assert form.cells["title_en"].value() == "Mortar fire on Masyaf" and form.suggested() == []
    assert "Editing incident" in window.review.status.text()
    form.cells["injured"].editor.setText("7")
    with qtbot.waitSignal(window.review.saved, timeout=10_000):
        window.review.save()
    qtbot.waitUntil(lambda: window.history.model.rowCount() == rows + 1)
    assert window.history.model.changes[0].field == "injured"


def test_deleting_asks_first_and_keeps_the_history(qtbot, window, ws) -> None:  # type: ignore[no-untyped-def]
    with ws.writing() as w:
        incident_id = services.incidents.create_incident(w, {"title_en": "Mortar fire on Masyaf"})
    window.incidents.refresh(keep=incident_id)
    listed(qtbot, window.incidents)
    asked: list[str] = []
    qtbot.waitUntil(lambda: window.runner.busy == 0)  # its history is shown
    window.review.confirm = lambda q: asked.append(q) or False  # the documenter says no
    window.delete_selected()
    assert asked and "Delete the incident «Mortar fire on Masyaf»" in plain(asked[0])
    assert window.runner.busy == 0 and window.incidents.model.total == 1
    window.review.confirm = lambda q: True
    window.delete_selected()
    qtbot.waitUntil(lambda: window.incidents.model.total == 0, timeout=5000)
    view = services.desk.Desk(ws).incident(incident_id)
    assert view.incident.deleted and view.history[0].field == "deleted"
