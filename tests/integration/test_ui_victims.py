"""Victims by name in the real window (pytest-qt, offscreen) on a real database: the
incident's victims page lists them with the reports naming them, a victim added in the
dialog (a bad age refused with its sentence, nothing saved), a person named in a report's
roll of names accepted or ignored, the counts against the named victims, a victim found by
name, and the page in Arabic, right to left."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import func, select
from tests.conftest import listed, plain

from tawthiq import services
from tawthiq.services import victims as V
from tawthiq.services.workspace import Workspace
from tawthiq.store.models import EventRow
from tawthiq.ui.victim_dialog import FindVictimDialog, VictimDialog

ROLL = (
    "Two civilians were killed when a drone struck a car near Sarmin on Sunday, identified "
    "as Karim Haddad and his neighbour Samih Nasrallah."
)
VICTIMS_PAGE = 2


def _type(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Any text, Arabic included, one key event per character (QTest.keyClicks aborts on
    non-ASCII characters: see PLATFORM.md)."""
    for ch in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )


def _events(ws: Workspace) -> int:
    with ws.db.read() as s:
        return s.execute(select(func.count()).select_from(EventRow)).scalar_one()


def _incident(ws: Workspace, text: str | None = None, **values: object) -> tuple[str, str | None]:
    with ws.writing() as w:
        incident = services.incidents.create_incident(w, {"title_en": "Drone strike", **values})
        if text is None:
            return incident, None
        report = services.incidents.add_source_report(
            w, {"text": text, "outlet": "Enab Baladi", "language": "en"}, incident_ids=[incident]
        )
    return incident, report


def _add(ws: Workspace, incident: str, **values: object) -> str:
    with ws.writing() as w:
        return V.add_victim(w, incident, values)


def _answer(kind: type, act: Callable[[QWidget], None]) -> list[object]:
    """When a dialog of ``kind`` is open (modal: the test waits inside it), ``act`` on it as
    a person would; the dialogs seen are returned."""
    seen: list[object] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible():
            seen.append(dialog)
            try:
                act(dialog)
            except BaseException as exc:  # the test fails; the dialog must not wait forever
                seen.append(exc)
                dialog.reject()
        else:
            QTimer.singleShot(30, look)

    QTimer.singleShot(30, look)
    return seen


def _open_victims(qtbot, window, incident: str):  # type: ignore[no-untyped-def]
    """The incident chosen in the list, its victims page clicked open once read."""
    window.tabs.setCurrentIndex(1)
    listed(qtbot, window.incidents)
    assert window.incidents.select(incident)
    panel = window.history.victims
    pages = window.history.pages
    qtbot.waitUntil(lambda: panel.read is not None and panel.read.incident_id == incident)
    qtbot.waitUntil(lambda: window.runner.busy == 0)
    QTest.mouseClick(pages.tabBar(), Qt.MouseButton.LeftButton,
                     pos=pages.tabBar().tabRect(VICTIMS_PAGE).center())  # fmt: skip
    qtbot.waitUntil(panel.table.isVisible)
    return panel


def _cells(panel) -> list[list[str]]:  # type: ignore[no-untyped-def]
    model = panel.model
    return [
        [plain(model.index(r, c).data() or "") for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def _shot(window, name: str) -> None:  # type: ignore[no-untyped-def]
    """With TAWTHIQ_SHOTS set to a folder, the window as it looks, for a person to see."""
    folder = os.environ.get("TAWTHIQ_SHOTS")
    if folder:
        if hasattr(window, "incidents"):
            window.resize(1280, 1000)
            window.incidents.parent().setSizes([250, 750])  # the victims page in sight
        QApplication.processEvents()
        window.grab().save(str(Path(folder) / f"i20-victims-{name}.png"))


def test_the_page_lists_the_victims_and_says_where_counts_disagree(  # type: ignore[no-untyped-def]
    qtbot, window_factory, ws
) -> None:
    incident, report = _incident(ws, ROLL, killed=3, killed_women=1)
    _add(ws, incident, name_ar="ليلى حداد", name_en="Layla Haddad", sex="f", age=34,
         status="killed", relation="زوجته", report_ids=[report])  # fmt: skip
    _add(ws, incident, name_ar="سعاد حداد", sex="f", age_group="adult", status="killed",
         occupation="teacher", public=True)  # fmt: skip
    window = window_factory()
    panel = _open_victims(qtbot, window, incident)
    assert window.history.pages.tabText(VICTIMS_PAGE) == "Victims (2)"
    header = [panel.model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
              for c in range(panel.model.columnCount())]  # fmt: skip
    assert header == ["Name (Arabic)", "Name (English)", "Sex", "Age or age group", "Status",
                      "Relation to other victims", "Occupation", "Named publicly",
                      "Reports naming them", "Same person as victim"]  # fmt: skip
    assert _cells(panel) == [
        [
            "ليلى حداد",
            "Layla Haddad",
            "Female",
            "34",
            "Killed",
            "زوجته",
            "—",
            "no",
            "Enab Baladi",
            "—",
        ],
        ["سعاد حداد", "—", "Female", "Adult", "Killed", "—", "Teacher", "yes", "—", "—"],
    ]
    # two women named among the killed, the count of women killed 1: said above the table
    assert panel.problems.isVisible()
    assert plain(panel.problems.text()) == (
        "Counts and victims disagree: 2 women are named as killed, but the women killed are at "
        "most 1"
    )
    # the roll of names in the report: two people not recorded yet, with the words
    rows = panel.suggestion_rows()
    assert [r.suggestion.victim.name for r in rows] == ["Karim Haddad", "Samih Nasrallah"]
    assert "«Karim Haddad»" in plain(rows[0].words.text())
    assert "Enab Baladi" in plain(rows[0].words.text())


def test_a_victim_added_in_the_dialog_is_saved_and_a_bad_age_saves_nothing(  # type: ignore[no-untyped-def]
    qtbot, window_factory, ws
) -> None:
    incident, _report = _incident(ws, killed=1)
    window = window_factory()
    panel = _open_victims(qtbot, window, incident)
    before = _events(ws)
    refused: list[str] = []

    def fill(dialog: VictimDialog) -> None:
        dialog.activateWindow()
        dialog.edits["name_ar"].setFocus()
        qtbot.waitUntil(dialog.edits["name_ar"].hasFocus)
        _type(dialog.edits["name_ar"], "محمد الأحمد")
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # to the English name
        QTest.keyClicks(QApplication.focusWidget(), "Mohammad al-Ahmad")
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # to the sex
        assert QApplication.focusWidget() is dialog.combos["sex"], QApplication.focusWidget()
        QTest.keyClick(dialog.combos["sex"], Qt.Key.Key_Down)  # Female
        QTest.keyClick(dialog.combos["sex"], Qt.Key.Key_Down)  # Male
        QTest.keyClick(dialog.combos["sex"], Qt.Key.Key_Tab)  # to the age
        QTest.keyClicks(QApplication.focusWidget(), "thirty")
        dialog.combos["status"].setFocus()
        QTest.keyClick(dialog.combos["status"], Qt.Key.Key_Down)  # Killed
        save = dialog.buttons.buttons()[0]
        QTest.mouseClick(save, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(dialog.error.isVisible)
        refused.append(plain(dialog.error.text()))
        assert dialog.isVisible() and _events(ws) == before  # nothing saved, still open
        dialog.edits["age"].selectAll()
        QTest.keyClicks(dialog.edits["age"], "30")
        QTest.mouseClick(save, Qt.MouseButton.LeftButton)

    seen = _answer(VictimDialog, fill)
    QTest.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert seen and not any(isinstance(x, BaseException) for x in seen), seen
    assert refused == ["Age (years): 'thirty' is not an age; write it in whole years, e.g. 9"]
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    kept = services.Desk(ws).victims.of(incident)
    assert [(v.name_ar, v.name_en, v.sex, v.age, v.status, v.public) for v in kept] == [
        ("محمد الأحمد", "Mohammad al-Ahmad", "m", 30, "killed", False)
    ]
    assert _cells(panel)[0][:5] == ["محمد الأحمد", "Mohammad al-Ahmad", "Male", "30", "Killed"]
    assert window.history.pages.tabText(VICTIMS_PAGE) == "Victims (1)"


def test_a_suggested_victim_is_accepted_and_another_ignored_one_by_one(  # type: ignore[no-untyped-def]
    qtbot, window_factory, ws
) -> None:
    incident, report = _incident(ws, ROLL, killed=2)
    window = window_factory()
    panel = _open_victims(qtbot, window, incident)
    rows = panel.suggestion_rows()
    assert len(rows) == 2 and panel.model.rowCount() == 0
    QTest.mouseClick(rows[0].accept, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1 and len(panel.suggestion_rows()) == 1)
    (karim,) = services.Desk(ws).victims.of(incident)
    assert karim.name_en == "Karim Haddad" and karim.report_ids == (report,)
    assert {"name_en", "status"} <= set(karim.unchecked)  # suggested, not checked
    # marked in the table as a suggestion not checked
    cell = panel.model.index(0, 1)
    assert "no person has checked" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert "Recorded «Karim Haddad» as a victim" in plain(window.statusBar().currentMessage())
    QTest.mouseClick(panel.suggestion_rows()[0].ignore, Qt.MouseButton.LeftButton)
    assert panel.suggestion_rows() == [] and not panel.suggestions.isVisible()
    assert len(services.Desk(ws).victims.of(incident)) == 1  # ignoring records nothing


def test_a_victim_is_deleted_after_the_question(qtbot, window_factory, ws) -> None:  # type: ignore[no-untyped-def]
    incident, _ = _incident(ws)
    victim = _add(ws, incident, name_ar="ليلى حداد")
    window = window_factory()
    panel = _open_victims(qtbot, window, incident)
    asked: list[str] = []
    panel.confirm = lambda q: asked.append(plain(q)) or True
    rect = panel.table.visualRect(panel.model.index(0, 0))
    QTest.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0)
    assert asked == ["Delete the victim «ليلى حداد»? They leave the list; their history is kept."]
    assert services.Desk(ws).victims.get(victim).deleted


def test_a_victim_is_found_by_name_across_scripts_and_opens_its_incident(  # type: ignore[no-untyped-def]
    qtbot, window_factory, ws
) -> None:
    _incident(ws, title_en="Another strike")
    incident, _ = _incident(ws)
    _add(ws, incident, name_ar="محمد الأحمد", status="killed")
    window = window_factory()
    listed(qtbot, window.incidents)

    def find(dialog: FindVictimDialog) -> None:
        QTest.keyClicks(dialog.search, "Mohammad al-Ahmad")
        QTest.keyClick(dialog.search, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.results.count() == 1)
        assert "محمد الأحمد" in plain(dialog.results.item(0).text())
        QTest.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)

    seen = _answer(FindVictimDialog, find)
    window.actions_["find_victim"].trigger()
    assert seen and not any(isinstance(x, BaseException) for x in seen), seen
    assert window.incidents.current() is not None
    assert window.incidents.current().id == incident
    assert window.history.pages.currentWidget() is window.history.victims
    qtbot.waitUntil(lambda: window.history.victims.model.rowCount() == 1)


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


def test_the_victims_page_reads_right_to_left_in_arabic(  # type: ignore[no-untyped-def]
    qtbot, window_factory, ws, arabic
) -> None:
    from tawthiq.services.settings import Settings

    incident, report = _incident(ws, ROLL, killed=2, killed_women=1)
    _add(ws, incident, name_ar="ليلى حداد", name_en="Layla Haddad", sex="f", age=34,
         status="killed", report_ids=[report])  # fmt: skip
    _add(ws, incident, name_ar="سعاد حداد", sex="f", age_group="adult", status="killed")
    window = window_factory()
    panel = _open_victims(qtbot, window, incident)
    _shot(window, "en")
    window.apply_settings(Settings(author="Amal", language="ar"))
    qtbot.waitUntil(lambda: window.runner.busy == 0)
    assert window.history.pages.tabText(VICTIMS_PAGE) == "الضحايا (2)"
    header = [panel.model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
              for c in range(4)]  # fmt: skip
    assert header == ["الاسم (بالعربية)", "الاسم (بالإنجليزية)", "الجنس", "العمر أو الفئة العمرية"]
    assert panel.table.layoutDirection() == Qt.LayoutDirection.RightToLeft
    first, second = (panel.table.visualRect(panel.model.index(0, c)) for c in (0, 1))
    assert first.left() > second.left()  # the Arabic name first, on the right
    assert _cells(panel)[0][2:5] == ["أنثى", "34", "قُتل"]
    assert plain(panel.problems.text()).startswith("الأعداد لا تتفق مع الضحايا: ")
    assert panel.suggestion_rows()[0].accept.text() == "قبول"
    metrics = panel.table.fontMetrics()
    for c in range(panel.model.columnCount() - 1):  # the last column stretches
        words = [plain(panel.model.index(r, c).data() or "") for r in range(2)]
        assert max(metrics.horizontalAdvance(w) for w in words) < panel.table.columnWidth(c)
    _shot(window, "ar")


def test_a_victims_conflict_is_marked_and_the_dialog_shows_and_changes_its_values(  # type: ignore[no-untyped-def]
    qtbot, window_factory, ws
) -> None:
    from tests.conftest import on_other_laptop

    from tawthiq.domain.fields import VICTIM

    incident, _ = _incident(ws, killed=1)
    victim = _add(ws, incident, name_ar="سامر الأحمد", age=10, status="killed")
    with ws.writing() as w:
        base = [e.event_id for e in w.events_of(victim) if e.field == "age"]
        V.edit_victim(w, victim, {"age": 11})
    on_other_laptop(ws, lambda w: w.record(VICTIM, victim, {"age": 12}, seen={"age": base}))
    window = window_factory()
    panel = _open_victims(qtbot, window, incident)
    age = panel.model.index(0, 3)
    assert plain(age.data()).startswith("⚠ ")
    assert age.data(Qt.ItemDataRole.BackgroundRole).name() == "#ffe0b2"
    tip = plain(age.data(Qt.ItemDataRole.ToolTipRole))
    assert tip.startswith("In conflict: ") and "11" in tip and "12" in tip
    before = _events(ws)

    def change(dialog: VictimDialog) -> None:
        assert dialog.windowTitle() == "Change a victim"
        assert dialog.edits["name_ar"].text() == "سامر الأحمد"
        assert dialog.combos["status"].currentData() == "killed"
        dialog.edits["age"].setFocus()
        dialog.edits["age"].selectAll()
        QTest.keyClicks(dialog.edits["age"], "13")
        QTest.keyClick(dialog.edits["age"], Qt.Key.Key_Return)  # Save is the default

    rect = panel.table.visualRect(panel.model.index(0, 0))
    QTest.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    seen = _answer(VictimDialog, change)
    QTest.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    assert seen and not any(isinstance(x, BaseException) for x in seen), seen
    qtbot.waitUntil(lambda: plain(panel.model.index(0, 3).data()) == "13")
    kept = services.Desk(ws).victims.get(victim)
    assert kept.age == 13 and kept.conflicts == () and kept.name_ar == "سامر الأحمد"
    assert _events(ws) == before + 1  # the age alone was written


def test_the_victim_dialogs_read_right_to_left_in_arabic(  # type: ignore[no-untyped-def]
    qtbot, window_factory, ws, arabic
) -> None:
    from tawthiq.services.settings import Settings

    incident, _ = _incident(ws, killed=1)
    victim = _add(ws, incident, name_ar="ليلى حداد", name_en="Layla Haddad", sex="f", age=34,
                  status="killed", occupation="teacher")  # fmt: skip
    window = window_factory()
    window.apply_settings(Settings(author="Amal", language="ar"))
    desk = services.Desk(ws)
    dialog = VictimDialog(window.runner, lambda v: None, desk.victims.get(victim), window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "تعديل ضحية"
    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert dialog.public.text() == "يُذكر اسمه علناً"
    assert dialog.warning.text().startswith("الضحية الذي يُذكر اسمه علناً")
    assert dialog.combos["occupation"].currentText() == "معلم"
    name = dialog.edits["name_ar"]
    assert name.mapTo(dialog, name.rect().topLeft()).x() < dialog.width() // 2  # label on the right
    for combo in dialog.combos.values():  # every label whole in its combo
        widest = max(combo.fontMetrics().horizontalAdvance(combo.itemText(i))
                     for i in range(combo.count()))  # fmt: skip
        assert widest < combo.width(), combo.currentText()
    _shot(dialog, "dialog-ar")
    find = FindVictimDialog(window.runner, desk.victims.find, window)
    qtbot.addWidget(find)
    find.show()
    QTest.keyClicks(find.search, "Layla Haddad")
    QTest.keyClick(find.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: find.results.count() == 1)
    assert "ليلى حداد" in find.results.item(0).text() and "الحادثة" in find.results.item(0).text()
    _shot(find, "find-ar")
