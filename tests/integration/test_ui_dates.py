"""The incident's day in the window: never made sure from a day the report tells as history,
asked for when the report does not say when it was published, and read again at once when
the documenter says it (keeping the days they typed or confirmed)."""

from __future__ import annotations

from datetime import date

from PySide6.QtTest import QTest
from tests.integration.test_ui_review import TWO_PLACES

from tawthiq.services.settings import Settings
from tawthiq.ui.field_cell import SURE

# Told as the seed report of the field trial tells it: today's attack, then a background of
# ceasefires with full dates (the latest of them, 5 May 2020, is no day the report was written)
WITH_HISTORY = (
    "قصفت قوات النظام السوري صباح اليوم مخيم مرام للنازحين قرب بلدة كفر جالس شمالي إدلب، "
    "ما أسفر عن مقتل 9 مدنيين وإصابة 75 آخرين، بحسب الدفاع المدني.\n"
    "وتشهد إدلب اتفاقا لوقف إطلاق النار توصلت إليه روسيا وتركيا في مارس/آذار 2020، بعد اتفاق "
    "آخر لوقف إطلاق النار بإدلب في 5 مايو/أيار 2020.\n"
)


def _read(qtbot, window, text: str) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.review.drafts_ready, timeout=30_000):
        window.review.start(text)


def _publish(qtbot, window, day: str) -> None:  # type: ignore[no-untyped-def]
    """Type the day in "Published on" as a documenter does, and wait for the form."""
    line = window.review.report.published.line
    line.clear()
    QTest.keyClicks(line, day)
    qtbot.waitUntil(lambda: not window.review.reading, timeout=30_000)


def _unsure_or_empty(cell) -> bool:  # type: ignore[no-untyped-def]
    return cell.value() is None or (
        cell.state == "suggested" and cell.evidence.confidence < SURE and cell.badge.text() == "?"
    )


def test_a_report_pasted_without_its_publication_day_gets_no_day_marked_sure(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _read(qtbot, window, WITH_HISTORY)
    review = window.review
    for index in range(len(review.review.candidates)):  # every incident the report tells
        review.candidates.activated.emit(index)
        cell = review.form.cells["date_start"]
        assert not (cell.value() or "").startswith("2020")  # not counted from the ceasefire
        assert _unsure_or_empty(cell), (index, cell.value(), cell.evidence)
    review.candidates.activated.emit(0)
    cell = review.form.cells["date_start"]
    assert cell.value() == date.today().isoformat()
    assert cell.why.isVisibleTo(window) and "today's date" in cell.why.text()
    # and the report asks for the day it was published, with nothing made up in its place
    report = review.report
    assert report.published.value() is None and report.origin()["publication_date"] is None
    assert "type the day the report was published" in report.published_how.text()
    assert report.published_how.isVisibleTo(window)
    _publish(qtbot, window, "2022-11-06")  # the documenter says it: now the day is sure
    assert cell.value() == "2022-11-06" and cell.badge.text() == "✓"
    assert not cell.why.isVisibleTo(window)


def test_publication_day_corrected_reads_every_day_again_but_keeps_the_documenters(
    qtbot, window
) -> None:  # type: ignore[no-untyped-def]
    _read(qtbot, window, TWO_PLACES)  # "مساء أمس السبت" in Idlib; Aleppo has no day of its own
    review, form = window.review, window.review.form
    guessed = form.cells["date_start"].evidence.confidence
    _publish(qtbot, window, "2022-11-06")
    cell = form.cells["date_start"]
    assert cell.value() == "2022-11-05" and cell.state == "suggested"
    assert cell.evidence.confidence >= max(SURE, guessed) and cell.badge.text() == "✓"
    assert not cell.why.isVisibleTo(window) and review.report.published_how.text() == ""
    review.candidates.activated.emit(1)  # the other incident of the report, read again too
    assert form.cells["date_start"].value() == "2022-11-05"
    # the documenter writes the second incident's day, and confirms the first one's
    line = form.cells["date_start"].editor.line
    line.clear()
    QTest.keyClicks(line, "2022-11-04")
    review.candidates.activated.emit(0)
    form.cells["date_start"].accept()
    assert "2022-11-05" in review.candidates.itemText(0)
    _publish(qtbot, window, "2022-11-13")  # a week later: "yesterday" is the 12th
    assert form.cells["date_start"].value() == "2022-11-05"  # confirmed: theirs
    assert form.cells["date_start"].state is None
    review.candidates.activated.emit(1)
    assert form.cells["date_start"].value() == "2022-11-04"  # typed: theirs
    assert form.cells["date_start"].state is None


def test_days_not_yet_checked_follow_the_corrected_publication_day(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _read(qtbot, window, TWO_PLACES)
    review, form = window.review, window.review.form
    _publish(qtbot, window, "2022-11-13")
    assert form.cells["date_start"].value() == "2022-11-12"
    assert "2022-11-12" in review.candidates.itemText(0)
    review.candidates.activated.emit(1)
    assert form.cells["date_start"].value() == "2022-11-12"
    assert form.cells["date_start"].state == "suggested"


def test_an_incident_day_later_than_today_is_a_problem_next_to_the_field(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    form = window.review.form
    form.cells["title_en"].set_chosen("Shelling")
    form.cells["date_start"].set_chosen("2099-01-01")
    window.review.save()
    assert "Not saved" in window.statusBar().currentMessage()
    error = form.cells["date_start"].error
    assert error.isVisibleTo(window) and "after today" in error.text()


def test_words_for_a_day_counted_from_an_unknown_today_ask_for_the_publication_day(
    qtbot, window
) -> None:  # type: ignore[no-untyped-def]
    _read(qtbot, window, WITH_HISTORY)
    review, form = window.review, window.review.form
    form.cells["date_start"].clear()
    review.use_words("date_start", "صباح اليوم")
    assert form.cells["date_start"].value() is None  # not today's date as the documenter's
    assert "type that day first" in window.statusBar().currentMessage()
    _publish(qtbot, window, "2022-11-06")
    review.use_words("date_start", "صباح اليوم")
    assert form.cells["date_start"].value() == "2022-11-06"


def test_report_files_read_in_the_window_say_which_days_are_a_guess(
    qtbot, window, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    undated = tmp_path / "maram.txt"
    undated.write_text(WITH_HISTORY, encoding="utf-8")
    window.work.read_files([undated])
    qtbot.waitUntil(lambda: "incident" in window.statusBar().currentMessage(), timeout=30_000)
    said = window.statusBar().currentMessage()
    assert "does not say when it was published" in said and "maram.txt" in said


def test_a_day_later_than_today_shows_at_once_however_it_came(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    form = window.review.form
    form.set_values({"title_en": "Shelling", "date_start": "2099-01-01"})  # as an import kept it
    error = form.cells["date_start"].error
    assert error.isVisibleTo(window) and "after today" in error.text()
    line = form.cells["date_start"].editor.line
    line.clear()
    QTest.keyClicks(line, "2022-11-06")
    assert not error.isVisibleTo(window)


def test_a_report_that_tells_no_day_is_given_its_publication_day_to_check(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """No day, weekday, "today" or month in the report: the day it was published is the
    best reading of the incident's, marked "?" with why, in English and in Arabic."""
    _read(qtbot, window, "قتل ثلاثة مدنيين بقصف مدفعي لقوات النظام على بلدة سرمين شرقي إدلب")
    cell = window.review.form.cells["date_start"]
    assert cell.value() is None  # no publication day yet: none is made up from today's
    _publish(qtbot, window, "2022-11-06")
    assert cell.value() == "2022-11-06" and cell.state == "suggested"
    assert cell.badge.text() == "?" and cell.evidence.confidence < SURE
    assert cell.why.isVisibleTo(window) and "day it was published" in cell.why.text()
    window.apply_settings(Settings(author="Amal", language="ar"))
    assert "نُشر فيه" in cell.why.text()
