"""The window checks the audit trail as it opens a database: a quick check, then the full
verify in the background, with the result in the status bar and a problem said aloud."""

from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import QMessageBox

from tawthiq import services


def _trail(qtbot, window) -> str:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.trail.report is not None, timeout=30_000)
    return str(window.trail.label.text())


def test_an_intact_database_says_so_with_its_checkpoint(qtbot, ws, window_factory) -> None:  # type: ignore[no-untyped-def]
    with ws.writing() as w:
        services.incidents.create_incident(w, {"title_en": "Maram camp", "killed": 9})
    window = window_factory()
    assert _trail(qtbot, window) == "Audit trail intact · checkpoint #1"
    assert window.trail._box is None


def test_a_tampered_database_is_named_at_open_without_stopping_the_work(  # type: ignore[no-untyped-def]
    qtbot, ws, db_path, window_factory
) -> None:
    with ws.writing() as w:
        services.incidents.create_incident(w, {"title_en": "Maram camp", "killed": 9})
    con = sqlite3.connect(db_path)
    with con:
        con.execute("DELETE FROM checkpoint")
    con.close()
    window = window_factory()
    assert _trail(qtbot, window).startswith("⚠ The audit trail has 1 problem(s)")
    box = window.trail._box
    assert isinstance(box, QMessageBox) and box.isVisible() and not box.isModal()
    assert "holds events of this release but no checkpoint" in box.informativeText()
    window.tabs.setCurrentIndex(1)  # the window still answers: the list is there
    assert window.incidents.isVisible()
