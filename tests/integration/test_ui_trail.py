"""The window checks the audit trail as it opens a database: a quick check, then the full
verify in the background, with the result in the status bar and a problem said aloud."""

from __future__ import annotations

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
