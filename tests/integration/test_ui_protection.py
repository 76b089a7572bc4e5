"""The window on a protected laptop: the passphrase asked before any record, the lock that
hides every record and drops the keys (unsaved work kept sealed), the quick erase, and the
first start that encrypts unless the person declines."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from tests.conftest import listed

from tawthiq import services
from tawthiq.services import protection
from tawthiq.services.settings import Settings, load_settings, save_settings
from tawthiq.store import keystore, sealed
from tawthiq.store import protection as stored
from tawthiq.ui.first_run import first_start, unlock_at_start
from tawthiq.ui.main_window import MainWindow
from tawthiq.ui.protect_dialogs import (
    ChangePassphraseDialog,
    EraseDialog,
    ProtectDialog,
    RecoveryWordsDialog,
)
from tawthiq.ui.settings_dialog import SettingsDialog
from tawthiq.ui.unlock_dialog import UnlockDialog, unlock_dialog

PLAIN_ONLY = True  # each scene starts from a plain laptop and protects it itself

PASSPHRASE = "olive trees at dawn"
TITLES = ("Shelling of Maram camp", "Air strike on al-Bab market")
UNSAVED = "Qalaat al-Madiq unsaved testimony"


def fast_kdf() -> keystore.Kdf:
    return keystore.Kdf(os.urandom(16), iterations=1, memory_kib=8 * 1024, lanes=1)


def _seed(db: Path, folder: Path) -> None:
    ws = services.open_workspace(db, author="Amal", key_dir=folder)
    with ws.writing() as w:
        services.incidents.create_incidents(w, [{"title_en": t} for t in TITLES])
    ws.close()


@pytest.fixture
def forget_keys() -> Iterator[None]:
    """Keys unlocked in this process are process-wide: none leaks into the next test."""
    protection.lock()
    yield
    protection.lock()


@pytest.fixture
def protected(db_path: Path, data_dir: Path, forget_keys: None) -> Path:
    """A database with two incidents, encrypted with this laptop's keys, then locked."""
    _seed(db_path, data_dir)
    save_settings(Settings(author="Amal", language="en"))
    protection.protect(db_path, data_dir, PASSPHRASE, kdf=fast_kdf())
    protection.lock()
    return db_path


@pytest.fixture
def unlocked(protected: Path, data_dir: Path) -> Path:
    """The protected database, its passphrase typed (as the window opens it)."""
    protection.unlock(protected, data_dir, PASSPHRASE)
    return protected


@pytest.fixture
def open_window(qtbot, window_factory) -> Callable[..., MainWindow]:  # type: ignore[no-untyped-def]
    """The main window on the test's database, with ``settings`` and a minute ``unit``
    seconds long (for the idle lock), its list loaded."""

    def make(settings: Settings | None = None, unit: float = 60.0) -> MainWindow:
        win = window_factory()
        win.safety.idle.unit = unit
        if settings is not None:
            win.apply_settings(settings)
        listed(qtbot, win.incidents)
        return win

    return make


def when_shown(kind: type[QWidget], act: Callable[[QWidget], None]) -> None:
    """``act`` on the dialog of ``kind`` once it shows (a modal dialog blocks the test)."""

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, kind) and widget.isVisible():
                act(widget)
                return
        QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)


def visible_text(window: QWidget) -> str:
    """Every text a person can see: window titles, labels, fields, lists, tables."""
    seen = [w.windowTitle() for w in QApplication.topLevelWidgets() if w.isVisible()]
    for widget in QApplication.allWidgets():
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QLineEdit):
            seen.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            seen.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            seen += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for row in range(model.rowCount(QModelIndex())):
                column = 0
                while model.index(row, column).isValid():
                    seen.append(str(model.data(model.index(row, column))))
                    column += 1
    seen.append(window.statusBar().currentMessage())
    return "\n".join(seen)


def _folder_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def _db_key_remembered(db: Path) -> bytes | None:
    return keystore.remembered(keystore.read_key_file(stored.key_file(db)))


def test_a_wrong_passphrase_is_said_in_the_dialog_and_the_right_one_opens(
    qtbot, protected: Path, data_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    assert protection.needs_passphrase(protected, data_dir)
    dialog = unlock_dialog(protected, data_dir, title="Tawthiq")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.passphrase.echoMode() == QLineEdit.EchoMode.Password
    dialog.passphrase.setText("not the passphrase")
    dialog.open_button.click()
    qtbot.waitUntil(lambda: not dialog.trying, timeout=10_000)
    assert dialog.error.isVisible()
    assert dialog.error.text().startswith("The passphrase is not right")
    assert dialog.isVisible() and dialog.passphrase.text() == ""  # try again
    assert protection.needs_passphrase(protected, data_dir)
    dialog.passphrase.setText(PASSPHRASE)
    dialog.open_button.click()
    qtbot.waitUntil(lambda: dialog.result() == 1, timeout=10_000)
    assert not protection.needs_passphrase(protected, data_dir)
    assert _db_key_remembered(protected) is not None


def test_the_window_asks_the_passphrase_before_it_opens_and_cancel_quits(
    qtbot, protected: Path, data_dir: Path, db_path: Path
) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(language="en")
    assert load_settings().author == ""  # sealed while locked
    when_shown(UnlockDialog, lambda d: d.buttons.rejected.emit())
    assert not unlock_at_start(protected, data_dir, settings)  # Quit: nothing opened
    assert _db_key_remembered(protected) is None
    when_shown(UnlockDialog, lambda d: (d.passphrase.setText(PASSPHRASE), d.open_button.click()))
    assert unlock_at_start(protected, data_dir, settings)
    assert _db_key_remembered(protected) is not None and sealed.is_unlocked(data_dir)
    assert load_settings().author == "Amal"  # the sealed name, readable once unlocked
    assert unlock_at_start(protected, data_dir, settings)  # once a session: not asked again


def test_after_five_wrong_tries_the_dialog_says_it_is_waiting(
    qtbot, protected: Path, data_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    (data_dir / protection.TRIES_FILE).write_text(json.dumps({"wrong": 5}))
    dialog = unlock_dialog(protected, data_dir, title="Tawthiq")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.passphrase.setText(PASSPHRASE)
    dialog.open_button.click()
    assert dialog.waiting.isVisible() and "waits 2 seconds" in dialog.waiting.text()
    assert not dialog.open_button.isEnabled() and not dialog.quit_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.result() == 1, timeout=15_000)
    assert protection.wrong_tries(data_dir) == 0


def test_locking_hides_every_record_drops_the_keys_and_keeps_the_form_sealed(
    qtbot, unlocked: Path, data_dir: Path, open_window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    protected = unlocked
    window = open_window()
    assert sorted(r.title for r in window.incidents.model.rows) == sorted(TITLES)
    window.tabs.setCurrentIndex(1)  # the list, and an incident's history
    window.incidents.select(window.incidents.model.rows[0].id)
    qtbot.waitUntil(lambda: window.history.model.rowCount() > 0, timeout=10_000)
    assert all(t in visible_text(window) for t in TITLES)
    window.tabs.setCurrentIndex(0)
    window.review.report.text.setPlainText(f"Report: {UNSAVED}.")
    window.review.form.choose({"title_en": UNSAVED})
    assert window.review.dirty and UNSAVED in visible_text(window)
    window.tabs.setCurrentIndex(1)

    QTest.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    assert window.safety.locked
    shown = visible_text(window)
    assert not any(t in shown for t in (*TITLES, UNSAVED)), shown
    assert "is locked" in shown
    assert window.incidents.model.rowCount() == 0 and window.history.model.rowCount() == 0
    assert not window.menuBar().isVisible()
    assert not window.actions_["find"].isEnabled()
    qtbot.waitUntil(lambda: window.desk._ws is None, timeout=10_000)  # its connection closed
    assert _db_key_remembered(protected) is None and not sealed.is_unlocked(data_dir)
    draft = data_dir / "locked-draft.json"
    assert sealed.is_sealed(draft)
    assert UNSAVED.encode() not in _folder_bytes(tmp_path)  # no file holds it readably

    when_shown(UnlockDialog, lambda d: (d.passphrase.setText(PASSPHRASE), d.open_button.click()))
    window.safety.screen.unlock.click()
    qtbot.waitUntil(lambda: window.review.form.values().get("title_en") == UNSAVED, timeout=15_000)
    assert UNSAVED in window.review.report.report_text()
    assert not draft.exists()
    listed(qtbot, window.incidents)
    assert sorted(r.title for r in window.incidents.model.rows) == sorted(TITLES)
    assert not window.safety.locked and window.menuBar().isVisible()


def test_an_unprotected_laptop_keeps_the_form_in_memory_only(
    qtbot, db_path: Path, data_dir: Path, open_window, forget_keys: None
) -> None:  # type: ignore[no-untyped-def]
    _seed(db_path, data_dir)
    window = open_window()
    window.review.form.choose({"title_en": UNSAVED})
    window.actions_["lock"].trigger()
    assert window.safety.locked and UNSAVED not in visible_text(window)
    assert not (data_dir / "locked-draft.json").exists()
    window.safety.screen.unlock.click()  # nothing protected: no passphrase to ask
    qtbot.waitUntil(lambda: window.review.form.values().get("title_en") == UNSAVED, timeout=15_000)


def test_the_window_locks_itself_after_the_idle_minutes_set(
    qtbot, unlocked: Path, data_dir: Path, open_window
) -> None:  # type: ignore[no-untyped-def]
    protected = unlocked
    window = open_window(Settings(author="Amal", language="en", lock_minutes=0), 0.05)
    qtbot.wait(400)
    assert not window.safety.locked  # 0: never
    window.apply_settings(Settings(author="Amal", language="en", lock_minutes=1))
    window.safety.idle.unit = 0.2
    window.safety.settings_changed()
    qtbot.waitUntil(lambda: window.safety.locked, timeout=10_000)
    assert not any(t in visible_text(window) for t in TITLES)
    qtbot.waitUntil(lambda: window.desk._ws is None, timeout=10_000)
    assert _db_key_remembered(protected) is None


def test_a_closed_window_never_locks_the_keys_away_later(
    qtbot, unlocked: Path, data_dir: Path, open_window
) -> None:  # type: ignore[no-untyped-def]
    """A closed window's idle lock fired minutes later and dropped the keys the rest of the
    process used (seen as "this laptop's keys are locked" in an unrelated import)."""
    protected = unlocked
    window = open_window(Settings(author="Amal", language="en", lock_minutes=1), 0.2)
    window.close()
    qtbot.wait(600)  # three idle minutes of 0.2 s
    assert not window.safety.locked
    assert _db_key_remembered(protected) is not None


def test_erasing_everything_removes_the_files_and_closes_the_window(
    qtbot, unlocked: Path, data_dir: Path, open_window
) -> None:  # type: ignore[no-untyped-def]
    protected = unlocked
    window = open_window()
    key_file = stored.key_file(protected)
    wrapped = key_file.read_bytes()

    def confirm(dialog: EraseDialog) -> None:
        assert "recovery words cannot bring it back" in dialog.findChildren(QLabel)[0].text()
        assert not dialog.erase.isEnabled()
        dialog.typed.setText("erase")
        assert dialog.erase.isEnabled()
        dialog.erase.click()

    when_shown(EraseDialog, confirm)
    window.actions_["erase"].trigger()
    assert window.safety.erased and not window.isVisible()
    for gone in (protected, key_file, data_dir / sealed.LAPTOP_KEYS, data_dir / "device-key.json"):
        assert not gone.exists(), gone
    assert wrapped not in _folder_bytes(protected.parent)


def test_the_first_start_offers_encryption_by_default(
    qtbot, db_path: Path, data_dir: Path, forget_keys: None
) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(Settings(), first_run=True, offer_protection=True)
    qtbot.addWidget(dialog)
    fields = dialog.protection
    assert fields.encrypt.isChecked() and fields.passphrase.isEnabled()
    fields.encrypt.setChecked(False)  # declining is explicit, and says what it exposes
    assert "anyone who holds this laptop" in fields.note.text()
    assert not fields.passphrase.isEnabled()
    dialog.author.setText("Amal")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result() == 1 and dialog.passphrase() is None

    words: list[str] = []

    def answer(d: SettingsDialog) -> None:
        assert d.protection.encrypt.isChecked()
        d.author.setText("Amal")
        d.protection.passphrase.setText(PASSPHRASE)
        d.protection.again.setText(PASSPHRASE + "x")
        d.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        assert d.isVisible() and "not the same" in d.error.text()
        d.protection.again.setText(PASSPHRASE)
        when_shown(RecoveryWordsDialog, type_back)
        d.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    def type_back(d: RecoveryWordsDialog) -> None:
        assert "cannot bring back a database that was erased" in "\n".join(
            label.text() for label in d.findChildren(QLabel)
        )
        assert not d.go_on.isEnabled()
        d.reject()  # Escape does not lose the words
        assert d.isVisible()
        words.extend(d.words)
        d.typed.setText(" ".join(d.words))
        d.go_on.click()

    when_shown(SettingsDialog, answer)
    chosen = first_start(Settings(), db_path, data_dir, apply=lambda s: None, kdf=fast_kdf())
    assert chosen is not None and chosen.author == "Amal"
    assert len(words) == 12
    assert stored.is_encrypted(db_path) and sealed.is_protected(data_dir)
    assert load_settings().author == "Amal"  # sealed, read while unlocked
    protection.lock()
    assert load_settings().author == ""
    assert b"Amal" not in _folder_bytes(data_dir)


def _type_back(dialog: RecoveryWordsDialog) -> None:
    dialog.typed.setText(" ".join(dialog.words))
    dialog.go_on.click()


def test_an_open_database_is_protected_from_the_menu(
    qtbot, db_path: Path, data_dir: Path, open_window, forget_keys: None
) -> None:  # type: ignore[no-untyped-def]
    _seed(db_path, data_dir)
    window = open_window()
    window.safety.kdf = fast_kdf()
    assert not window.actions_["change_passphrase"].isEnabled()

    def choose(dialog: ProtectDialog) -> None:
        dialog.fields.passphrase.setText(PASSPHRASE)
        dialog.fields.again.setText(PASSPHRASE)
        when_shown(RecoveryWordsDialog, _type_back)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    when_shown(ProtectDialog, choose)
    window.actions_["protect"].trigger()
    assert stored.is_encrypted(db_path) and sealed.is_protected(data_dir)
    assert window.actions_["change_passphrase"].isEnabled()
    assert not window.actions_["protect"].isEnabled()
    window.incidents.refresh()
    listed(qtbot, window.incidents)
    assert sorted(r.title for r in window.incidents.model.rows) == sorted(TITLES)


def test_the_passphrase_is_changed_only_with_the_one_in_use(
    qtbot, unlocked: Path, data_dir: Path, open_window
) -> None:  # type: ignore[no-untyped-def]
    protected = unlocked
    window = open_window()
    new = "a new passphrase for the olive trees"
    said: list[str] = []

    def fill(dialog: ChangePassphraseDialog, current: str) -> None:
        dialog.current.setText(current)
        dialog.fields.passphrase.setText(new)
        dialog.fields.again.setText(new)
        if current != PASSPHRASE:
            when_shown(ChangePassphraseDialog, again)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    def again(dialog: ChangePassphraseDialog) -> None:
        said.append(dialog.error.text())
        fill(dialog, PASSPHRASE)

    when_shown(ChangePassphraseDialog, lambda d: fill(d, "not the passphrase"))
    window.actions_["change_passphrase"].trigger()
    assert said and said[0].startswith("The passphrase is not right")
    protection.lock()
    with pytest.raises(keystore.WrongPassphraseError):
        protection.unlock(protected, data_dir, PASSPHRASE)
    protection.unlock(protected, data_dir, new)


def test_a_neutral_name_hides_tawthiq_from_the_title_and_the_lock_screen(
    qtbot, db_path: Path, data_dir: Path, open_window, forget_keys: None
) -> None:  # type: ignore[no-untyped-def]
    _seed(db_path, data_dir)
    try:
        window = open_window(Settings(author="Amal", language="en", neutral_name=True))
        assert window.windowTitle() == "Notes"
        assert QApplication.applicationDisplayName() == "Notes"
        window.actions_["lock"].trigger()
        shown = visible_text(window)
        assert "Notes is locked" in shown and "Tawthiq" not in shown
    finally:
        QApplication.setApplicationDisplayName("")
