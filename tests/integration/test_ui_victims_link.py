"""One person recorded as a victim of two incidents, linked on the window's victims page
(pytest-qt, offscreen, real database), as a person does it: the victim selected, the
dialog's search typed in the other script, the other incident's record chosen; the link
shown in the table, kept as an event, and undone after the question."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from tests.conftest import plain
from tests.integration.test_ui_victims import (  # noqa: F401 (arabic: a fixture)
    _add,
    _answer,
    _cells,
    _incident,
    _open_victims,
    _type,
    arabic,
)

from tawthiq.services import victims as V
from tawthiq.ui.victim_link import LinkVictimDialog

LINK_COLUMN = 9


def _select(qtbot, panel, row: int) -> None:  # type: ignore[no-untyped-def]
    table = panel.table
    rect = table.visualRect(panel.model.index(row, 0))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: panel.current() is not None)


def test_a_victim_is_linked_to_the_same_person_in_another_incident_and_unlinked(  # type: ignore[no-untyped-def]
    qtbot, window_factory, ws
) -> None:
    shelling, _ = _incident(ws, title_en="Shelling")
    hospital, _ = _incident(ws, title_en="Died in hospital")
    injured = _add(ws, shelling, name_ar="سامر الخالد", status="injured")
    died = _add(ws, hospital, name_en="Samer al-Khaled", status="killed")
    _add(ws, hospital, name_ar="سامر خالد", status="killed")  # the same incident: not offered
    window = window_factory()
    panel = _open_victims(qtbot, window, hospital)
    head = panel.model.headerData(LINK_COLUMN, Qt.Orientation.Horizontal, 0)
    assert head == "Same person as victim"
    assert [r[LINK_COLUMN] for r in _cells(panel)] == ["—", "—"]
    _select(qtbot, panel, 0)

    def choose(dialog: LinkVictimDialog) -> None:
        assert dialog.search.text() == "Samer al-Khaled"  # looked for by its own name first
        dialog.search.clear()
        _type(dialog.search, "سامر الخالد")
        QTest.keyClick(dialog.search, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.results.count() == 1 and window.runner.busy == 0)
        assert shelling[:8] in plain(dialog.results.item(0).text())
        QTest.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)

    seen = _answer(LinkVictimDialog, choose)
    QTest.mouseClick(panel.link_button, Qt.MouseButton.LeftButton)
    assert seen and not any(isinstance(x, BaseException) for x in seen), seen
    qtbot.waitUntil(lambda: _cells(panel)[0][LINK_COLUMN] != "—", timeout=10_000)
    assert _cells(panel)[0][LINK_COLUMN] == f"سامر الخالد in incident {shelling[:8]}"
    assert _cells(panel)[1][LINK_COLUMN] == "—"
    with ws.db.read() as s:
        assert V.get_victim(s, died).same_person_as == injured
    # undone, after the question
    asked: list[str] = []
    panel.confirm = lambda q: asked.append(plain(q)) or True
    _select(qtbot, panel, 0)
    QTest.mouseClick(panel.unlink_button, Qt.MouseButton.LeftButton)
    assert asked and "«Samer al-Khaled»" in asked[0] and shelling[:8] in asked[0]
    qtbot.waitUntil(lambda: _cells(panel)[0][LINK_COLUMN] == "—", timeout=10_000)
    with ws.db.read() as s:
        assert V.get_victim(s, died).same_person_as is None


def test_the_link_dialog_shows_a_refusal_and_links_nothing(qtbot, window_factory, ws) -> None:  # type: ignore[no-untyped-def]
    shelling, _ = _incident(ws, title_en="Shelling")
    hospital, _ = _incident(ws, title_en="Died in hospital")
    injured = _add(ws, shelling, name_ar="سامر الخالد", status="injured")
    died = _add(ws, hospital, name_ar="سامر الخالد", status="killed")
    with ws.writing() as w:
        V.link_same_person(w, injured, died)  # already linked the other way
    window = window_factory()
    panel = _open_victims(qtbot, window, hospital)
    qtbot.waitUntil(lambda: _cells(panel)[0][LINK_COLUMN] != "—")  # linked to it: shown too
    _select(qtbot, panel, 0)

    def refused(dialog: LinkVictimDialog) -> None:
        qtbot.waitUntil(lambda: dialog.results.count() == 1 and window.runner.busy == 0)
        QTest.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(dialog.error.isVisible)
        assert "already linked" in plain(dialog.error.text())
        dialog.reject()

    seen = _answer(LinkVictimDialog, refused)
    QTest.mouseClick(panel.link_button, Qt.MouseButton.LeftButton)
    assert seen and not any(isinstance(x, BaseException) for x in seen), seen
    with ws.db.read() as s:
        assert V.get_victim(s, died).same_person_as is None


@pytest.mark.usefixtures("arabic")
def test_the_link_dialog_reads_right_to_left_in_arabic(qtbot, window_factory, ws) -> None:  # type: ignore[no-untyped-def]
    from tawthiq.services.settings import Settings

    shelling, _ = _incident(ws, title_en="Shelling")
    hospital, _ = _incident(ws, title_en="Died in hospital")
    _add(ws, shelling, name_ar="سامر الخالد", status="injured")
    _add(ws, hospital, name_ar="سامر الخالد", status="killed")
    window = window_factory()
    window.apply_settings(Settings(author="Amal", language="ar"))
    panel = _open_victims(qtbot, window, hospital)
    assert panel.link_button.text() == "اربط بالشخص نفسه في حادثة أخرى…"
    _select(qtbot, panel, 0)

    def look(dialog: LinkVictimDialog) -> None:
        qtbot.waitUntil(lambda: dialog.results.count() == 1 and window.runner.busy == 0)
        assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert dialog.open_button.text() == "اربطهما كشخص واحد"
        assert "«سامر الخالد»" in plain(dialog.intro.text())
        folder = os.environ.get("TAWTHIQ_SHOTS")
        if folder:
            dialog.grab().save(str(Path(folder) / "i20-link-victims-ar.png"))
        dialog.reject()

    seen = _answer(LinkVictimDialog, look)
    QTest.mouseClick(panel.link_button, Qt.MouseButton.LeftButton)
    assert seen and not any(isinstance(x, BaseException) for x in seen), seen
    qtbot.waitUntil(lambda: window.runner.busy == 0)
    assert plain(_cells(panel)[0][LINK_COLUMN]) == "—"  # nothing linked
