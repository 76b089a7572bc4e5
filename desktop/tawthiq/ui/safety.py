"""The window's Safety menu: the lock (Ctrl+Shift+L, or after some idle minutes) that hides
every record and drops the keys, protecting a database with a passphrase, changing it, and
the quick erase."""

from __future__ import annotations

import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tawthiq.i18n import _
from tawthiq.services import locked_draft, protection
from tawthiq.ui import review_lock
from tawthiq.ui.long_work import run_waiting
from tawthiq.ui.ops import error_sentence
from tawthiq.ui.protect_dialogs import (
    ChangePassphraseDialog,
    EraseDialog,
    ProtectDialog,
    RecoveryWordsDialog,
)
from tawthiq.ui.unlock_dialog import unlock_dialog

if TYPE_CHECKING:
    from tawthiq.services.desk import IncidentView
    from tawthiq.ui.main_window import MainWindow

_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


def app_name(neutral: bool) -> str:
    """What the window calls itself: Tawthiq, or a neutral name on a shared laptop."""
    return _("Notes") if neutral else _("Tawthiq")


def _change(db: Path, folder: Path, current: str, new: str | None) -> None:
    """The passphrase in use checked (even while unlocked), then changed to ``new``."""
    protection.check_passphrase(db, folder, current)
    protection.change_passphrase(db, folder, new or "", ask=lambda: current)


class LockScreen(QWidget):
    """What a locked window shows instead of the records: its name and a way back in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lock-screen")
        self.title = QLabel(self)
        self.title.setObjectName("heading")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        self.title.setFont(font)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.unlock = QPushButton(self)
        self.unlock.setObjectName("primary")
        box = QVBoxLayout(self)
        box.addStretch(1)
        for widget in (self.title, self.text):
            box.addWidget(widget)
        box.addWidget(self.unlock, 0, Qt.AlignmentFlag.AlignCenter)
        box.addStretch(2)

    def retranslate(self, name: str, *, protected: bool) -> None:
        self.title.setText(_("{name} is locked").format(name=name))
        self.text.setText(
            _("Type the passphrase to see the records again.")
            if protected
            else _(
                "Nothing is shown while locked. This laptop is not protected by a passphrase: "
                "anyone can open it again (Safety → Protect with a passphrase…)."
            )
        )
        self.unlock.setText(_("Unlock…") if protected else _("Open"))


class IdleWatch(QObject):
    """Calls ``on_idle`` once the person has not touched the application for ``minutes``
    (0: never); ``unit`` is the length of a minute in seconds (short in tests)."""

    def __init__(self, on_idle: Any, parent: QObject, *, unit: float = 60.0) -> None:
        super().__init__(parent)
        self.on_idle, self.unit, self.minutes = on_idle, unit, 0
        self._last = time.monotonic()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._check)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def watch(self, minutes: int) -> None:
        self.minutes = minutes
        self._last = time.monotonic()
        if minutes > 0:
            self._timer.start(max(20, int(min(10.0, minutes * self.unit / 4) * 1000)))
        else:
            self._timer.stop()

    def pause(self) -> None:
        self._timer.stop()

    def stop(self) -> None:
        """Watch no more (the window closed): a closed window's lock must not drop the keys
        another window, or the rest of the process, still uses."""
        self._timer.stop()
        self.minutes = 0
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT:
            self._last = time.monotonic()
        return False

    def _check(self) -> None:
        if time.monotonic() - self._last >= self.minutes * self.unit:
            self._timer.stop()
            self.on_idle()


class Safety(QObject):
    """The lock and the protection actions of one window."""

    def __init__(self, window: MainWindow, *, unit: float = 60.0) -> None:
        super().__init__(window)
        self.window = window
        self.locked = False
        self.where: tuple[Path, Path] | None = None  # the database and the key folder
        self._kept: dict[str, Any] | None = None  # a draft not sealed (laptop unprotected)
        self.screen = LockScreen(window)
        self.screen.unlock.clicked.connect(self.unlock)
        self.idle = IdleWatch(self._idle, self, unit=unit)
        self.protected = False  # this laptop's keys or the database (as last opened)
        self.kdf: Any = None  # the key derivation's parameters (None: tuned to this laptop)
        self.erased = False

    def add_menu(self) -> None:
        w = self.window
        self.menu = w.menuBar().addMenu("")
        for key, slot, keys in (
            ("lock", self.lock, "Ctrl+Shift+L"),
            ("protect", self.protect, None),
            ("change_passphrase", self.change_passphrase, None),
            ("erase", self.erase, None),
        ):
            self.menu.addAction(w._action(key, slot, keys))
        for key in ("protect", "change_passphrase"):  # once the database is open
            w.actions_[key].setEnabled(False)

    def retranslate(self) -> None:
        self.menu.setTitle(_("&Safety"))
        for key, text in (
            ("lock", _("Lock the window")),
            ("protect", _("Protect with a passphrase…")),
            ("change_passphrase", _("Change the passphrase…")),
            ("erase", _("Erase everything…")),
        ):
            self.window.actions_[key].setText(text)
        self.screen.retranslate(self.name, protected=self.protected)

    @property
    def name(self) -> str:
        return app_name(self.window.settings.neutral_name)

    def opened(self) -> None:
        """The database is open: where it is, the menu as it applies, the idle lock."""
        ws = self.window.desk.ws
        self.where = (Path(ws.db.path), ws.key_dir)
        self.protected = protection.is_protected(*self.where)
        self.show_state()
        self.idle.watch(self.window.settings.lock_minutes if self.protected else 0)
        self._put_back()

    def show_state(self) -> None:
        protected = self.protected
        self.window.actions_["protect"].setEnabled(not protected)
        self.window.actions_["change_passphrase"].setEnabled(protected)
        self.screen.retranslate(self.name, protected=protected)

    def settings_changed(self) -> None:
        if self.where is not None and not self.locked:
            self.idle.watch(self.window.settings.lock_minutes if self.protected else 0)

    # the lock ---------------------------------------------------------------------------

    def _idle(self) -> None:
        if self.window.ready and not self.window.runner.busy:  # not during long work
            self.lock()
        else:
            self.idle.watch(self.window.settings.lock_minutes)

    def lock(self) -> None:
        """Hide every record, keep the form's unsaved work sealed, drop the keys."""
        w = self.window
        if self.locked or not w.ready or self.where is None:
            return
        if w.review.saving:
            w.say(_("Saving… wait a moment."))
            return
        self.locked = True
        self.idle.pause()
        for other in QApplication.topLevelWidgets():  # dialogs showing records
            if other is w or not other.isVisible():
                continue
            if isinstance(other, QProgressDialog):
                other.hide()  # long work goes on (closing it would stop it)
            else:
                other.close()
        draft = review_lock.take_out(w.review)
        if draft is not None and not locked_draft.keep(self.where[1], draft):
            self._kept = draft
        w.incidents.model.clear()
        w.incidents.search.blockSignals(True)  # words searched for may name someone
        w.incidents.search.clear()
        w.incidents.search.blockSignals(False)
        w.history.follow(None)
        w.trail.stop()
        w.trail.label.clear()
        w.statusBar().clearMessage()
        w.menuBar().hide()
        for key, action in w.actions_.items():
            action.setEnabled(key == "lock")
        w.stack.setCurrentWidget(self.screen)
        w.setWindowTitle(self.name)
        self.screen.retranslate(self.name, protected=self.protected)
        self._release()

    def _release(self) -> None:
        """Drop the keys and close the database once no operation uses them (one under
        way, a save or an import, finishes first; what a read brings is not shown)."""
        if self.window.runner.busy:
            QTimer.singleShot(50, self._release)
        elif self.locked:
            protection.lock()
            self.window.desk.release()

    def unlock(self) -> None:
        """Ask the passphrase (when something is protected), then show the records again."""
        if not self.locked or self.where is None:
            return
        db, folder = self.where
        if protection.needs_passphrase(db, folder):
            dialog = unlock_dialog(
                db, folder, title=self.name, cancel=_("Cancel"), parent=self.window
            )
            if not dialog.exec():
                return
        w = self.window
        self.locked = False
        w.menuBar().show()
        for action in w.actions_.values():
            action.setEnabled(True)
        w.stack.setCurrentWidget(w.tabs)
        w.retranslate()
        w.runner.run(w.desk.open, done=lambda _where: self._reopened(), failed=w._failed)

    def _reopened(self) -> None:
        w = self.window
        w.incidents.apply_filter()
        w.trail.start()
        self.opened()

    def _put_back(self) -> None:
        """The form's work kept at the lock, back in the form (also after a session that
        ended while locked)."""
        w = self.window
        draft, self._kept = self._kept, None
        if draft is None and self.where is not None:
            try:
                draft = locked_draft.take(self.where[1])
            except Exception as exc:  # a damaged draft file must not stop the window
                w.say(error_sentence(exc))
        if draft is None:
            return
        incident = draft.get("incident")
        if not incident:
            review_lock.put_back(w.review, draft, None)
            return

        def opened(view: IncidentView) -> None:
            review_lock.put_back(w.review, draft, view)

        w.runner.run(
            lambda: w.desk.incident(incident),
            done=opened,
            failed=lambda _exc: review_lock.put_back(w.review, draft, None),
        )

    # protection -------------------------------------------------------------------------

    def _settle(self) -> None:
        """Let the operations under way end (before the database is closed)."""
        while self.window.runner.busy:
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)

    def _waiting(self, text: str, work: Any) -> Any:
        return run_waiting(self.window, self.window.runner, self.name, text, work)

    def protect(self) -> None:
        """Encrypt the open database (closed meanwhile), then show the recovery words."""
        if self.where is None or self.protected:
            return
        dialog = ProtectDialog(title=self.name, parent=self.window)
        if not dialog.exec():
            return
        passphrase = dialog.fields.chosen() or ""
        db, folder = self.where
        self.window.trail.stop()  # its check reads the database on a worker of its own
        self._settle()
        self.window.desk.release()
        kdf = self.kdf
        try:
            done = self._waiting(
                _("Encrypting the database…"),
                lambda: protection.protect(db, folder, passphrase, kdf=kdf),
            )
        except Exception as exc:  # said; the database is as it was
            self.window.say(error_sentence(exc))
            self.window.trail.start()
            return
        self.window.trail.start()
        if done.recovery_words:
            RecoveryWordsDialog(done.recovery_words, title=self.name, parent=self.window).exec()
        self.window.say(_("The database and this laptop's keys are now encrypted."))
        self.opened()

    def change_passphrase(self) -> None:
        if self.where is None or not self.protected:
            return
        db, folder = self.where
        dialog = ChangePassphraseDialog(title=self.name, parent=self.window)
        while dialog.exec():
            change = partial(_change, db, folder, dialog.current.text(), dialog.fields.chosen())
            try:
                self._waiting(_("Changing the passphrase…"), change)
            except Exception as exc:  # said in the dialog, which stays open
                dialog.say(error_sentence(exc))
                continue
            self.window.say(_("The passphrase is changed; the recovery words stay the same."))
            return

    def erase(self) -> None:
        """The quick erase, once confirmed: the keys destroyed, the files removed, the
        window closed."""
        if self.where is None:
            return
        dialog = EraseDialog(title=self.name, parent=self.window)
        if not dialog.exec():
            return
        w = self.window
        db, folder = self.where
        w.review.new_report(ask=False)
        w.incidents.model.clear()
        w.history.follow(None)
        w.trail.stop()
        self._settle()
        w.desk.release()
        try:
            protection.erase(db, folder)
        except Exception as exc:  # said; the window stays to try again
            w.say(error_sentence(exc))
            return
        self.erased = True
        w.close()
