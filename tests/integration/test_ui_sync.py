"""File → Export… and File → Import… in the window: progress, the trust question, the
passphrase question, the summary, conflicts to settle and possible duplicates to judge."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from laptops import Laptop
from PySide6.QtWidgets import QDialogButtonBox, QPushButton

from conftest import plain
from tawthiq import services
from tawthiq.domain.errors import ValidationError
from tawthiq.services.desk_sync import ExportChoice
from tawthiq.ui.sync_dialogs import ExportDialog


@pytest.fixture
def basel(tmp_path: Path):  # type: ignore[no-untyped-def]
    laptop = Laptop(tmp_path, "Basel")
    yield laptop
    laptop.close()


def _status(window) -> str:  # type: ignore[no-untyped-def]
    return window.statusBar().currentMessage()


def test_export_from_the_window_then_merge_elsewhere(qtbot, window, ws, basel, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with ws.writing() as w:
        services.incidents.create_incident(w, {"title_ar": "قصف مخيم مرام", "killed": 9})
    target = tmp_path / "amal.tawthiq"
    asked: list[object] = []

    def ask(default, last):  # type: ignore[no-untyped-def]
        asked.append((default, last))
        return ExportChoice(target, passphrase="correct horse battery")

    window.sync.ask_export = ask
    window.actions_["export"].trigger()
    qtbot.waitUntil(lambda: "Exported" in _status(window), timeout=20_000)
    assert asked[0][1] is None  # never exported before: "since the last" is not offered
    assert str(asked[0][0]).endswith(".tawthiq")
    assert target.exists()
    assert basel.import_(target, passphrase="correct horse battery").records_new == {"incident": 1}
    window.actions_["export"].trigger()  # the second time, the last export is known
    qtbot.waitUntil(lambda: len(asked) == 2 and asked[1][1] is not None, timeout=10_000)


def test_the_export_dialog_checks_passphrases_and_keys(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dialog = ExportDialog(tmp_path / "x.tawthiq", None)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    # encrypted with a passphrase unless the person chooses otherwise: none typed yet
    assert dialog.with_passphrase.isChecked() and not ok.isEnabled()
    assert not dialog.since.isEnabled()
    dialog.passphrase.setText("short")
    assert not ok.isEnabled() and "at least 8" in dialog.problem.text()
    dialog.passphrase.setText("correct horse")
    dialog.again.setText("correct horsf")
    assert not ok.isEnabled() and "differ" in dialog.problem.text()
    dialog.again.setText("correct horse")
    assert ok.isEnabled()
    assert dialog.choice() == ExportChoice(tmp_path / "x.tawthiq", passphrase="correct horse")
    dialog.to_key.setChecked(True)
    assert not ok.isEnabled()
    dialog.key.setText("tqk-" + "a" * 52)
    assert ok.isEnabled() and dialog.choice().recipient == "tqk-" + "a" * 52


def test_a_plain_export_is_chosen_and_says_what_it_exposes(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dialog = ExportDialog(tmp_path / "x.tawthiq", None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.plain.isChecked() and not dialog.exposed.isVisible()
    dialog.plain.setChecked(True)
    assert dialog.exposed.isVisible()
    assert "can read every record" in dialog.exposed.text() and "names" in dialog.exposed.text()
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert dialog.choice() == ExportChoice(tmp_path / "x.tawthiq", plain=True)
    dialog.with_passphrase.setChecked(True)
    assert not dialog.exposed.isVisible()


def test_a_choice_that_locks_nothing_is_never_written_plain(ws, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The window's door to exports: a choice with no key, no passphrase and no word that
    a plain file is wanted is refused, before anything is written."""
    target = tmp_path / "x.tawthiq"
    with pytest.raises(ValidationError, match="either encrypted"):
        services.Desk(ws).sync.export(ExportChoice(target), lambda d, t: None)
    with pytest.raises(ValidationError, match="either encrypted"):
        choice = ExportChoice(target, passphrase="correct horse", plain=True)
        services.Desk(ws).sync.export(choice, lambda d, t: None)
    assert not target.exists()


def test_the_window_names_no_one_in_the_file_and_keeps_the_coordinators_key(  # type: ignore[no-untyped-def]
    qtbot, window, window_factory, ws, basel, tmp_path, monkeypatch
) -> None:
    with ws.writing() as w:
        services.incidents.create_incident(w, {"title_en": "Maram camp", "killed": 9})
    key = services.sync.receive_key(basel.ws)[0]
    shown: list[tuple[str, str]] = []  # how each dialog opened: its lock, its key
    targets = iter([tmp_path / "one.tawthiq", tmp_path / "two.tawthiq"])

    def exec_(dialog: ExportDialog) -> int:  # the person picks the key the first time only
        lock = "key" if dialog.to_key.isChecked() else "phrase" * dialog.with_passphrase.isChecked()
        shown.append((lock, dialog.key.text()))
        dialog.path.setText(str(next(targets)))
        if not dialog.to_key.isChecked():
            dialog.to_key.setChecked(True)
            dialog.key.setText(key)
        return 1

    monkeypatch.setattr(ExportDialog, "exec", exec_)
    window.actions_["export"].trigger()
    qtbot.waitUntil(lambda: "Exported" in _status(window), timeout=20_000)
    assert shown[0] == ("phrase", "")  # no key known yet: a passphrase
    window.statusBar().clearMessage()
    window.actions_["export"].trigger()
    qtbot.waitUntil(lambda: "Exported" in _status(window), timeout=20_000)
    assert shown[1] == ("key", key)  # known now: the default
    assert basel.import_(tmp_path / "two.tawthiq").records_new == {"incident": 1}
    assert window_factory().sync.coordinator_key == key  # and in the next session too


def test_the_proposed_file_name_names_no_one(qtbot, window, ws) -> None:  # type: ignore[no-untyped-def]
    """It was "tawthiq-Amal-<date>.tawthiq": the documenter's name on a file that travels."""
    asked: list[tuple[Path, object]] = []
    window.sync.ask_export = lambda default, last: asked.append((default, last))  # cancelled
    window.actions_["export"].trigger()
    qtbot.waitUntil(lambda: bool(asked), timeout=10_000)
    assert asked[0][0].name == f"tawthiq-{date.today():%Y-%m-%d}.tawthiq"


def test_import_asks_to_trust_a_new_laptop_then_shows_a_summary(qtbot, window, basel) -> None:  # type: ignore[no-untyped-def]
    basel.new_incident(title_en="from Basel", killed=3)
    path = basel.export()
    questions: list[tuple[object, ...]] = []
    window.sync.ask_trust = lambda devices: questions.append(devices) or False
    window.sync.import_files([path])
    qtbot.waitUntil(lambda: "not accepted" in _status(window), timeout=20_000)
    assert window.incidents.model.total == 0
    device = questions[0][0]
    assert device.device_id == basel.ws.identity.device_id and device.authors == ("Basel",)

    window.sync.ask_trust = lambda devices: True
    window.sync.import_files([path])
    qtbot.waitUntil(lambda: window.sync.summary is not None, timeout=20_000)
    summary = window.sync.summary
    assert summary.isVisible() and "new events" in summary.text.text()
    assert summary.counts.text() == "1 new incident; 0 changed."
    qtbot.waitUntil(lambda: window.incidents.model.total == 1, timeout=5000)


def test_import_asks_for_the_passphrase_until_it_is_right(qtbot, window, basel) -> None:  # type: ignore[no-untyped-def]
    basel.new_incident(title_en="secret")
    path = basel.export(passphrase="correct horse battery")
    answers = iter(["wrong horse battery", "correct horse battery"])
    asked: list[bool] = []

    def ask(again: bool) -> str:
        asked.append(again)
        return next(answers)

    window.sync.ask_passphrase = ask
    window.sync.ask_trust = lambda devices: True
    window.sync.import_files([path])
    qtbot.waitUntil(lambda: window.sync.summary is not None, timeout=30_000)
    assert asked == [False, True]  # the second time it says the first was wrong
    qtbot.waitUntil(lambda: window.incidents.model.total == 1, timeout=5000)


def test_a_deletion_against_an_edit_is_settled_in_the_window(qtbot, window, ws, basel) -> None:  # type: ignore[no-untyped-def]
    with ws.writing() as w:
        incident = services.incidents.create_incident(w, {"title_en": "Maram camp", "killed": 6})
    mine = Laptop.__new__(Laptop)
    mine.ws, mine.root, mine.name = ws, basel.root, "Amal"
    basel.import_(mine.export())
    with ws.writing() as w:
        services.incidents.delete_incident(w, incident)
    basel.edit(incident, killed=9)
    window.sync.ask_trust = lambda devices: True
    window.sync.import_files([basel.export()])
    qtbot.waitUntil(lambda: window.sync.summary is not None, timeout=20_000)
    listed = window.sync.summary.conflicts
    assert (
        listed.count() == 1 and plain(listed.item(0).text()) == f"Incident {incident[:8]}: Deleted"
    )
    window.incidents.conflicts.setChecked(True)  # "Only conflicts" shows it, deleted as it is
    qtbot.waitUntil(lambda: window.incidents.model.total == 1, timeout=5000)
    window.incidents.select(incident)
    qtbot.waitUntil(lambda: len(window.history.conflict_boxes()) == 1, timeout=5000)
    box = window.history.conflict_boxes()[0]
    buttons = {b.text(): b for b in box.findChildren(QPushButton)}
    assert any(t.startswith("Keep it deleted") for t in buttons)
    restore = next(b for t, b in buttons.items() if t.startswith("Restore it"))
    restore.click()
    qtbot.waitUntil(lambda: window.incidents.model.total == 0, timeout=5000)  # settled
    with ws.db.read() as s:
        inc = services.incidents.get_incident(s, incident)
    assert not inc.deleted and inc.killed is not None and inc.killed.max == 9


def test_possible_duplicates_are_judged_from_the_summary(qtbot, window, ws, basel) -> None:  # type: ignore[no-untyped-def]
    with ws.writing() as w:
        values = {"title_ar": "قصف مخيم مرام", "killed": 9, "date_start": "2022-11-06",
                  "place_name": "مخيم مرام"}  # fmt: skip
        mine = services.incidents.create_incident(w, values)
    theirs = basel.new_incident(title_en="Maram camp", killed=9, date_start="2022-11-06",
                                place_name="مخيم مرام")  # fmt: skip
    window.sync.ask_trust = lambda devices: True
    window.sync.import_files([basel.export()])
    qtbot.waitUntil(lambda: window.sync.summary is not None, timeout=20_000)
    button = window.sync.summary.duplicates
    assert button.isEnabled() and "1 possible duplicates" in button.text()
    button.click()
    dialog = window.sync.duplicates
    assert dialog is not None and len(dialog.rows) == 1
    dialog.rows[0].same.click()
    qtbot.waitUntil(lambda: not dialog.rows, timeout=5000)
    assert "No possible duplicates" in dialog.heading.text()
    with ws.db.read() as s:
        from tawthiq.services.sync import pairs_of

        assert pairs_of(s, mine) == [(theirs, "same")]


SPOOF = "\r\x1b[2KEvil\u202e"  # erase the line, then reverse what follows
SPOOF_SHOWN = "\\u000d\\u001b[2KEvil\\u202e"


def _answer_trust(seen: dict[str, object], tries: int = 600) -> None:
    """When the trust question opens (a modal dialog), note what it says and answer No."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        seen["text"], seen["format"] = box.text(), box.textFormat()
        box.button(QMessageBox.StandardButton.No).click()
    elif tries:
        QTimer.singleShot(50, lambda: _answer_trust(seen, tries - 1))


def test_attack_spoofed_author_in_the_windows_trust_question(qtbot, window, basel) -> None:  # type: ignore[no-untyped-def]
    """The name another laptop signed its events with cannot erase or reverse the key
    fingerprint the trust question shows: its codes are written out, the text is plain."""
    from PySide6.QtCore import Qt

    from tawthiq.sync.keys import fingerprint

    basel.ws.author = SPOOF
    basel.new_incident(title_en="from Basel")
    seen: dict[str, object] = {}
    _answer_trust(seen)
    window.sync.import_files([basel.export()])
    qtbot.waitUntil(lambda: "not accepted" in _status(window), timeout=30_000)
    text = str(seen["text"])
    assert seen["format"] == Qt.TextFormat.PlainText
    assert "\x1b" not in text and "\r" not in text and "\u202e" not in text
    key = fingerprint(basel.ws.identity.public_key_hex)
    device = basel.ws.identity.device_id[:8]
    key = key.replace(" ", "\u00a0")  # read out whole: the line never breaks inside it
    assert (
        f"Laptop \u2066{device}\u2069: key fingerprint \u2066{key}\u2069 — work by "
        f"«\u2068{SPOOF_SHOWN}\u2069»"
    ) in text.splitlines()


def test_attack_spoofed_author_in_the_windows_summary_and_history(qtbot, window, basel) -> None:  # type: ignore[no-untyped-def]
    from tawthiq.ui.history_panel import HistoryModel

    basel.ws.author = SPOOF
    incident = basel.new_incident(title_en="from Basel")
    window.sync.ask_trust = lambda devices: True
    window.sync.import_files([basel.export()])
    qtbot.waitUntil(lambda: window.sync.summary is not None, timeout=30_000)
    summary = window.sync.summary.text.text()
    assert "\x1b" not in summary and f"«\u2068{SPOOF_SHOWN}\u2069»" in summary
    model = HistoryModel()
    model.set_changes(window.desk.incident(incident).history)
    authors = {model.data(model.index(row, 1)) for row in range(model.rowCount())}
    assert authors == {SPOOF_SHOWN}


def test_import_asks_before_merging_work_dated_a_year_ahead(  # type: ignore[no-untyped-def]
    qtbot, window, ws, basel, monkeypatch
) -> None:
    from tawthiq.store import hlc

    now = hlc.wall_ms()
    monkeypatch.setattr(hlc, "wall_ms", lambda: now + 365 * hlc.DAY_MS)  # Basel's clock
    incident = basel.new_incident(title_en="from a laptop set a year ahead")
    path = basel.export()
    monkeypatch.setattr(hlc, "wall_ms", lambda: now)
    window.sync.ask_trust = lambda devices: True
    asked: list[tuple[object, ...]] = []
    window.sync.ask_clock_ahead = lambda devices, file: asked.append((devices, file)) or False
    window.sync.import_files([path])
    qtbot.waitUntil(lambda: "dates ahead" in _status(window), timeout=20_000)
    assert window.incidents.model.total == 0
    devices, file = asked[0]
    (device,) = devices  # type: ignore[misc]
    assert device.device_id == basel.ws.identity.device_id and device.seq == 1
    assert file == path.name and round(device.days) == 365

    window.sync.ask_clock_ahead = lambda devices, file: True
    window.sync.import_files([path])
    qtbot.waitUntil(lambda: window.sync.summary is not None, timeout=20_000)
    qtbot.waitUntil(lambda: window.incidents.model.total == 1, timeout=5000)
    with ws.db.read() as s:
        assert services.incidents.get_incident(s, incident).title_en.startswith("from a laptop")


def test_the_clock_question_names_laptop_event_and_day_and_defaults_to_no(  # type: ignore[no-untyped-def]
    qtbot, window, monkeypatch
) -> None:
    from datetime import UTC, datetime

    from PySide6.QtWidgets import QMessageBox

    from tawthiq.services.values import ClockAhead
    from tawthiq.store.hlc import DAY_MS, pack

    claimed = pack(int(datetime(2027, 12, 7, 9, tzinfo=UTC).timestamp() * 1000), 0)
    devices = (ClockAhead("0b6f8e4e-2d0a-4f49-8f44-5a7c3f2e9d61", 7, claimed, 365 * DAY_MS),)
    shown: dict[str, object] = {}

    def question(parent, title, text, *_, defaultButton=None):  # type: ignore[no-untyped-def]
        shown.update(title=title, text=text, default=defaultButton)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    assert window.sync.ask_clock_ahead(devices, "field.tawthiq") is False
    text = plain(str(shown["text"]))
    assert "Laptop 0b6f8e4e: event #7 is dated December 7, 2027, 365 days ahead." in text
    assert "field.tawthiq" in text and "answer No" in text
    assert shown["default"] == QMessageBox.StandardButton.No
