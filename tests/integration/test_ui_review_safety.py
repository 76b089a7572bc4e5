"""Bugs caught by an independent review of the window: ways a documenter's work was lost,
duplicated or attached to the wrong report. Each test is one of them, as it happened."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from tests.conftest import listed
from tests.integration.test_ui_review import TWO_PLACES

from tawthiq import services
from tawthiq.domain.errors import N_, Sentence
from tawthiq.domain.resources import read_text
from tawthiq.i18n import sentence_text, setup_i18n
from tawthiq.services.demo import SAMPLE
from tawthiq.services.desk import Desk
from tawthiq.services.settings import Settings
from tawthiq.store import IncidentFilter

SAMPLE_TEXT = read_text(SAMPLE)


def _incidents(ws):  # type: ignore[no-untyped-def]
    with ws.db.read() as s:
        rows = services.incidents.list_incidents(s, IncidentFilter())
        return [(inc, services.incidents.source_reports_of(s, inc.id)) for inc in rows]


def _read(qtbot, window, text: str) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.review.drafts_ready, timeout=30_000):
        window.review.start(text)


def _slow_saves(window, seconds: float = 0.6) -> None:  # type: ignore[no-untyped-def]
    """As on a laptop whose disk is slow, or whose database another program holds a moment."""
    save = window.desk.save

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(seconds)
        return save(*args, **kwargs)

    window.desk.save = slow


def test_pressing_save_twice_saves_one_incident(qtbot, window, ws) -> None:  # type: ignore[no-untyped-def]
    _read(qtbot, window, SAMPLE_TEXT)
    _slow_saves(window)
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.review.saving, timeout=10_000)
    assert len(_incidents(ws)) == 1


def test_while_a_save_runs_the_form_cannot_be_changed_or_left(qtbot, window, ws) -> None:  # type: ignore[no-untyped-def]
    window.review.start(TWO_PLACES)
    qtbot.waitUntil(lambda: not window.review.reading, timeout=30_000)
    _slow_saves(window)
    window.review.save()
    assert not window.review.form.isEnabled() and not window.review.candidates.isEnabled()
    window.review.candidates.activated.emit(1)  # refused: the save is of the first one
    assert window.review.review.current == 0
    assert window.review.new_report() is False
    assert "Saving" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: not window.review.saving, timeout=10_000)
    assert window.review.form.isEnabled()
    assert window.review.form.cells["governorate"].value() == "Idlib"
    window.review.candidates.activated.emit(1)
    assert window.review.form.cells["governorate"].value() == "Aleppo"
    with qtbot.waitSignal(window.review.saved, timeout=10_000):
        window.review.save()
    assert sorted(inc.governorate for inc, _ in _incidents(ws)) == ["Aleppo", "Idlib"]


def test_a_second_report_gets_its_own_incident_and_source(qtbot, window, ws) -> None:  # type: ignore[no-untyped-def]
    _read(qtbot, window, SAMPLE_TEXT)
    with qtbot.waitSignal(window.review.saved, timeout=10_000):
        window.review.save()
    # the report box replaced by another report (an ordinary paste), read, saved
    window.review.report.text.setPlainText(TWO_PLACES)
    with qtbot.waitSignal(window.review.drafts_ready, timeout=30_000):
        window.review.read()
    with qtbot.waitSignal(window.review.saved, timeout=10_000):
        window.review.save()
    saved = {inc.place_name: [r.text for r in reports] for inc, reports in _incidents(ws)}
    assert saved["مخيم مرام"] == [SAMPLE_TEXT]  # untouched
    assert saved["سرمدا"] == [TWO_PLACES]


def test_a_late_reading_is_dropped_when_another_report_came_after_it(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    read = window.desk.read_report

    def slow_first(text, ref):  # type: ignore[no-untyped-def]
        if text == SAMPLE_TEXT:
            time.sleep(0.8)
        return read(text, ref)

    window.desk.read_report = slow_first
    window.review.start(SAMPLE_TEXT)
    window.review.start(TWO_PLACES)
    qtbot.waitUntil(lambda: window.runner.busy == 0, timeout=30_000)
    assert window.review.report.report_text() == TWO_PLACES
    assert window.review.form.cells["place_name"].value() == "سرمدا"


def test_saving_an_opened_incident_sends_only_what_was_changed(  # type: ignore[no-untyped-def]
    qtbot, window, ws, killed_conflict
) -> None:
    incident_id = killed_conflict
    desk = Desk(ws)
    assert window.review.open_incident(desk.incident(incident_id))
    # meanwhile, on this laptop, someone settles another field (an edit from the list)
    with ws.writing() as w:
        services.incidents.edit_incident(w, incident_id, {"injured": 12})
    window.review.form.cells["narrative"].editor.setPlainText("A typo fixed")
    with qtbot.waitSignal(window.review.saved, timeout=10_000):
        window.review.save()
    inc = desk.incident(incident_id).incident
    assert [c.field for c in inc.conflicts] == ["killed"]  # still open: nobody chose
    assert inc.injured is not None and inc.injured.max == 12  # not undone by the form
    assert inc.values["narrative"] == "A typo fixed"


def test_an_edit_over_a_change_made_meanwhile_is_a_conflict_not_a_loss(qtbot, window, ws) -> None:  # type: ignore[no-untyped-def]
    with ws.writing() as w:
        incident_id = services.incidents.create_incident(w, {"title_en": "Maram camp", "killed": 6})
    desk = Desk(ws)
    window.review.open_incident(desk.incident(incident_id))
    with ws.writing() as w:  # someone else's change after the form was opened
        services.incidents.edit_incident(w, incident_id, {"killed": 7})
    window.review.form.cells["killed"].editor.setText("9")
    with qtbot.waitSignal(window.review.saved, timeout=10_000):
        window.review.save()
    conflicts = desk.incident(incident_id).incident.conflicts
    assert [c.field for c in conflicts] == ["killed"]
    assert sorted(v["max"] for v in conflicts[0].values) == [7, 9]


def test_return_in_a_field_of_the_form_opens_nothing(qtbot, window, ws) -> None:  # type: ignore[no-untyped-def]
    with ws.writing() as w:
        services.incidents.create_incident(w, {"title_en": "Mortar fire on Masyaf"})
    window.incidents.refresh()
    listed(qtbot, window.incidents)
    window.incidents.select(window.incidents.model.rows[0].id)
    qtbot.waitUntil(lambda: window.runner.busy == 0)
    title = window.review.form.cells["title_en"].editor
    title.setText("Shelling near the M4")
    QTest.keyClick(title, Qt.Key.Key_Return)
    qtbot.wait(100)
    assert window.runner.busy == 0 and title.text() == "Shelling near the M4"
    assert window.review.review.shown.incident_id is None


def test_unsaved_work_is_never_dropped_without_asking(qtbot, window, ws) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []
    window.review.confirm = lambda q: asked.append(q) or False
    window.review.start(TWO_PLACES)
    assert asked == []  # nothing to lose yet
    qtbot.waitUntil(lambda: not window.review.reading, timeout=30_000)
    with qtbot.waitSignal(window.review.saved, timeout=10_000):
        window.review.save()  # the first incident; the second is not saved
    assert window.review.dirty
    assert window.review.new_report() is False and len(asked) == 1
    assert window.review.review.candidates[1].incident_id is None  # still there
    window.review.confirm = lambda q: True
    window.review.new_report()
    window.review.report.text.setPlainText("شاهد: سقطت قذيفة على السوق")  # typed, not read
    assert window.review.dirty


def test_the_origin_of_a_kept_report_is_saved_when_changed_later(qtbot, window, ws) -> None:  # type: ignore[no-untyped-def]
    window.review.start(TWO_PLACES)
    qtbot.waitUntil(lambda: not window.review.reading, timeout=30_000)
    with qtbot.waitSignal(window.review.saved, timeout=10_000):
        window.review.save()
    window.review.report.outlet.setText("Enab Baladi")
    assert window.review.dirty
    window.review.candidates.activated.emit(1)
    with qtbot.waitSignal(window.review.saved, timeout=10_000):
        window.review.save()
    reports = {r.id: r for _, rs in _incidents(ws) for r in rs}
    assert len(reports) == 1 and next(iter(reports.values())).outlet == "Enab Baladi"


def test_the_report_is_kept_exactly_as_pasted(qtbot, window, ws) -> None:  # type: ignore[no-untyped-def]
    pasted = SAMPLE_TEXT.replace("\n", "\r\n").replace(" جراء", "\u00a0جراء") + "\u2028المصدر"
    QGuiApplication.clipboard().setText(pasted)
    with qtbot.waitSignal(window.review.drafts_ready, timeout=30_000):
        window.review.paste_and_read()
    with qtbot.waitSignal(window.review.saved, timeout=10_000):
        window.review.save()
    [(_, reports)] = _incidents(ws)
    assert reports[0].text == pasted


def test_a_guessed_publication_day_is_not_kept_and_a_wrong_one_is_refused(
    qtbot, window, ws
) -> None:  # type: ignore[no-untyped-def]
    _read(qtbot, window, SAMPLE_TEXT)
    report = window.review.report
    assert report.published.value() == "2022-11-06"
    assert "read from the date the report gives itself" in report.published_how.text()
    with qtbot.waitSignal(window.review.saved, timeout=10_000):
        window.review.save()
    [(_, reports)] = _incidents(ws)
    assert reports[0].publication_date is None  # nobody said when it was published
    window.review.new_report(ask=False)
    window.review.report.set_report(SAMPLE_TEXT)
    report.published.line.setText("2022-11-31")
    window.review.read()
    assert not window.review.reading
    assert "is not a valid date" in report.cells["publication_date"].error.text()


def test_words_for_a_month_give_a_month_and_a_new_place_leaves_nothing_of_the_old(
    qtbot, window
) -> None:  # type: ignore[no-untyped-def]
    _read(qtbot, window, SAMPLE_TEXT)
    form = window.review.form
    assert form.cells["district"].value() == "Harim"
    window.review.use_words("date_start", "تشرين الثاني 2022")
    assert form.cells["date_start"].value() == "2022-11-01"
    assert form.cells["date_precision"].value() == "month"
    aleppo = next(c for c in window.desk.places("حلب") if c.kind == "governorate")
    form.cells["place_name"].editor.pick(aleppo)
    assert form.cells["governorate"].value() == "Aleppo"
    assert form.cells["district"].value() is None and form.cells["subdistrict"].value() is None


def test_an_empty_form_or_one_still_being_read_is_not_saved(qtbot, window, ws) -> None:  # type: ignore[no-untyped-def]
    window.review.save()
    assert "The form is empty" in window.statusBar().currentMessage()
    window.review.start(SAMPLE_TEXT)
    window.review.save()
    assert "still being read" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: not window.review.reading, timeout=30_000)
    assert _incidents(ws) == []


def test_in_arabic_the_saved_incident_is_the_selected_one(qtbot, window, ws) -> None:  # type: ignore[no-untyped-def]
    window.apply_settings(Settings(author="Amal", language="ar"))
    _read(qtbot, window, SAMPLE_TEXT)
    with qtbot.waitSignal(window.review.saved, timeout=10_000) as saved:
        window.review.save()
    qtbot.waitUntil(lambda: window.incidents.current() is not None, timeout=5000)
    assert window.incidents.current().id == saved.args[0]  # type: ignore[union-attr]


def test_problems_found_by_verify_are_told_in_arabic() -> None:
    problem = Sentence(N_("device {device} is not among the devices this laptop trusts"),
                       device="3f2a9c1e")  # fmt: skip
    assert problem == "device 3f2a9c1e is not among the devices this laptop trusts"
    setup_i18n("ar")
    # the device's id is kept left to right inside the Arabic sentence
    assert sentence_text(problem) == (
        "الجهاز \u20663f2a9c1e\u2069 ليس من الأجهزة التي يثق بها هذا الحاسوب"
    )
