"""The people a pasted report names in rolls of names, in the review's form (pytest-qt,
offscreen, real database): listed with their words, marked in the report when clicked,
none recorded unless ticked; the one ticked recorded with the incident saved, its values
suggested by the extractor; and the form saying before saving where those ticked say more
than its counts. Arabic and English reports."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from tests.conftest import paste_and_read, plain

from tawthiq import services
from tawthiq.services.desk import Desk

AR_ROLL = (
    "قتل مدنيان في قصف مدفعي على بلدة سرمين بريف إدلب يوم 3 آذار 2024، وهم أحمد الخالد، "
    "ابنه سامر الخالد، والطفلة ليلى الخالد (9 سنوات)."
)
EN_ROLL = (
    "Two civilians were killed in shelling on Sarmin in Idlib on 3 March 2024, identified "
    "as Omar Haddad, his son Karim and his neighbour Sami Nasser."
)


def _named(qtbot, window):  # type: ignore[no-untyped-def]
    named = window.review.named
    qtbot.waitUntil(lambda: bool(named.rows) and window.runner.busy == 0, timeout=10_000)
    return named


def _click(widget) -> None:  # type: ignore[no-untyped-def]
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def _tick(row) -> None:  # type: ignore[no-untyped-def]
    """A click on the tick's box (on the right in a right-to-left window)."""
    box = row.tick
    rtl = box.layoutDirection() == Qt.LayoutDirection.RightToLeft
    at = QPoint(box.width() - 8 if rtl else 8, box.height() // 2)
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=at)


@pytest.mark.parametrize(
    "text, names, chosen",
    [
        (AR_ROLL, ["أحمد الخالد", "سامر الخالد", "ليلى الخالد"], 2),
        (EN_ROLL, ["Omar Haddad", "Karim", "Sami Nasser"], 1),
    ],
)
def test_the_one_ticked_is_recorded_with_the_incident_saved(  # type: ignore[no-untyped-def]
    qtbot, window, ws, text: str, names: list[str], chosen: int
) -> None:
    paste_and_read(qtbot, window, text)
    named = _named(qtbot, window)
    assert named.isVisible()
    assert named.title().startswith("Victims named in the report (3)")
    assert [r.person.name for r in named.rows] == names
    assert not any(r.tick.isChecked() for r in named.rows)  # nothing chosen for a person
    row = named.rows[chosen]
    words = plain(row.words.text())
    assert names[chosen] in words and "«" in words  # the words it was read from
    _click(row.words)  # the words it was read from, marked in the report
    assert names[chosen] in window.review.report.highlighted()
    _tick(row)
    assert row.tick.isChecked() and [r for r in named.rows if r.tick.isChecked()] == [row]
    with qtbot.waitSignal(window.review.saved, timeout=10_000) as saved:
        QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    incident_id = saved.args[0]
    qtbot.waitUntil(lambda: row.recorded == incident_id, timeout=10_000)
    desk = Desk(ws)
    victims = desk.victims.of(incident_id)
    assert [v.name for v in victims] == [names[chosen]]  # exactly the one ticked
    victim = victims[0]
    report_id = desk.incident(incident_id).reports[0].id
    assert victim.report_ids == (report_id,)  # named by the report pasted
    assert "name_ar" in victim.unchecked or "name_en" in victim.unchecked
    with ws.db.read() as s:
        changes = services.incidents.history(s, victim.id)
    origins = {c.field: c.origin for c in changes}
    told = {k for k, o in origins.items() if o == "extractor"}  # what the extractor read
    assert {"status", "name_ar" if "name_ar" in origins else "name_en"} <= told
    assert set(origins) - told == {"incident_id", "report_ids", "public"}  # not the reading
    assert "victim" in plain(window.statusBar().currentMessage()).lower()
    # saved once more: nobody is recorded twice
    assert not row.tick.isEnabled()
    killed = window.review.form.cells["killed"].editor
    killed.clear()
    QTest.keyClicks(killed, "4")
    with qtbot.waitSignal(window.review.saved, timeout=10_000):
        window.review.save()
    qtbot.waitUntil(lambda: window.runner.busy == 0)
    assert len(desk.victims.of(incident_id)) == 1


def test_the_one_ticked_is_recorded_with_the_incident_the_report_is_added_to(  # type: ignore[no-untyped-def]
    qtbot, window, ws
) -> None:
    desk = Desk(ws)
    values = desk.read_report(EN_ROLL).drafts[0].values
    kept = desk.save(values, report={"text": EN_ROLL, "outlet": "SANA"}).incident_id
    asked: list[object] = []
    window.review.add_or_new = lambda found, _guessed: (
        asked.append([c.incident.id for c in found]) or kept
    )
    paste_and_read(qtbot, window, AR_ROLL)  # the same attack, told in Arabic
    named = _named(qtbot, window)
    _tick(named.rows[1])
    with qtbot.waitSignal(window.review.saved, timeout=10_000) as saved:
        QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert asked == [[kept]] and saved.args[0] == kept  # no new incident
    qtbot.waitUntil(lambda: named.rows[1].recorded == kept, timeout=10_000)
    victims = desk.victims.of(kept)
    assert [(v.name, v.relation) for v in victims] == [("سامر الخالد", "ابنه")]
    arabic = next(r for r in desk.incident(kept).reports if r.text == AR_ROLL)
    assert victims[0].report_ids == (arabic.id,)


def test_nothing_ticked_records_nobody(qtbot, window, ws) -> None:  # type: ignore[no-untyped-def]
    paste_and_read(qtbot, window, EN_ROLL)
    _named(qtbot, window)
    with qtbot.waitSignal(window.review.saved, timeout=10_000) as saved:
        window.review.save()
    qtbot.waitUntil(lambda: window.runner.busy == 0)
    assert Desk(ws).victims.of(saved.args[0]) == []


def test_the_form_says_when_those_ticked_exceed_its_counts(qtbot, window, ws) -> None:  # type: ignore[no-untyped-def]
    paste_and_read(qtbot, window, AR_ROLL)
    named = _named(qtbot, window)
    assert window.review.form.cells["killed"].value()["max"] == 2
    _tick(named.rows[0])
    _tick(named.rows[1])
    assert not named.problems.isVisible()  # two named, two killed
    _tick(named.rows[2])
    assert named.problems.isVisible()
    assert plain(named.problems.text()) == (
        "Counts and victims disagree: 3 victims are named as killed, but the killed toll is "
        "at most 2"
    )
    killed = window.review.form.cells["killed"]  # the count corrected: the line goes
    killed.editor.clear()
    QTest.keyClicks(killed.editor, "3")
    qtbot.waitUntil(lambda: not named.problems.isVisible())


def test_another_report_clears_the_names(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    paste_and_read(qtbot, window, AR_ROLL)
    named = _named(qtbot, window)
    paste_and_read(qtbot, window, "Shelling on Sarmin killed a civilian on 3 March 2024.")
    qtbot.waitUntil(lambda: window.runner.busy == 0)
    assert named.rows == [] and not named.frame.isVisible()


@pytest.fixture
def arabic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """This tree's Arabic catalog, compiled as the build compiles it."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    from tawthiq import i18n

    po = Path(__file__).parents[2] / "i18n" / "ar" / "LC_MESSAGES" / "tawthiq.po"
    with po.open("rb") as f:
        catalog = read_po(f, locale="ar")
    mo = tmp_path / "tawthiq.mo"
    with mo.open("wb") as f:
        write_mo(f, catalog)
    monkeypatch.setattr(i18n, "catalog_path", lambda lang: mo)


def test_the_names_read_right_to_left_in_arabic(qtbot, window, arabic) -> None:  # type: ignore[no-untyped-def]
    from tawthiq.services.settings import Settings

    window.apply_settings(Settings(author="Amal", language="ar"))
    paste_and_read(qtbot, window, AR_ROLL)
    named = _named(qtbot, window)
    _tick(named.rows[0])
    _tick(named.rows[1])
    _tick(named.rows[2])
    assert named.title().startswith("الضحايا المذكورون في التقرير (٣)") or named.title().startswith(
        "الضحايا المذكورون في التقرير (3)"
    )
    assert plain(named.problems.text()).startswith("الأعداد لا تتفق مع الضحايا: ")
    assert named.layoutDirection() == Qt.LayoutDirection.RightToLeft
    box = named.rows[0].tick
    assert box.fontMetrics().horizontalAdvance(box.text()) < box.width()
    folder = os.environ.get("TAWTHIQ_SHOTS")
    if folder:
        QApplication.processEvents()
        window.grab().save(str(Path(folder) / "i20-form-victims-ar.png"))
