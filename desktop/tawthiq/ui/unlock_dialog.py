"""The passphrase asked once a session (and again after the window was locked): tried off
the UI thread, a wrong one said in the dialog, and the wait after five wrong ones counted
down so the dialog never seems frozen."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from tawthiq.i18n import _, format_number, ngettext
from tawthiq.services import protection
from tawthiq.ui.ops import Runner, error_sentence
from tawthiq.ui.style import STYLE

Attempt = Callable[[str], object]  # opens with the passphrase, or raises


class UnlockDialog(QDialog):
    """Asks the passphrase until it opens (accepted) or the person gives up (rejected)."""

    def __init__(
        self,
        attempt: Attempt,
        *,
        wait: Callable[[], float],
        title: str,
        cancel: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("unlock")
        if parent is None:  # shown before the window, whose styles it takes otherwise
            self.setStyleSheet(STYLE)
        self.setWindowTitle(title)
        self._attempt, self._wait = attempt, wait
        self.runner = Runner(self, threads=1)
        self.intro = QLabel(
            _("The records on this laptop are protected by a passphrase. Type it to open them."),
            self,
        )
        self.intro.setWordWrap(True)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(_("Passphrase"))
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.waiting = QLabel(self)
        self.waiting.setWordWrap(True)
        self.waiting.hide()
        self.buttons = QDialogButtonBox(self)
        self.open_button = self.buttons.addButton(_("Open"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setDefault(True)
        self.quit_button = self.buttons.addButton(
            cancel or _("Quit"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.buttons.accepted.connect(self.try_passphrase)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        for widget in (self.intro, self.passphrase, self.error, self.waiting, self.buttons):
            box.addWidget(widget)
        self._left = 0.0
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)
        self.trying = False
        self.setMinimumWidth(420)

    def try_passphrase(self) -> None:
        if self.trying:
            return
        passphrase = self.passphrase.text()
        if not passphrase:
            self._say(_("Type the passphrase first."))
            return
        self.trying = True
        self.passphrase.setEnabled(False)
        self.open_button.setEnabled(False)
        self.quit_button.setEnabled(False)  # a try under way ends first (a thread of its own)
        self.error.hide()
        self._left = self._wait()
        if self._left > 0:
            self._clock.start()
        self._tick(count=False)
        self.runner.run(lambda: self._attempt(passphrase), done=self._opened, failed=self._wrong)

    def _tick(self, *, count: bool = True) -> None:
        if count:
            self._left = max(0.0, self._left - 1)
        if self._left > 0:
            n = math.ceil(self._left)
            self.waiting.setText(
                ngettext(
                    "Too many wrong passphrases in a row: this try waits {n} second before it "
                    "is checked.",
                    "Too many wrong passphrases in a row: this try waits {n} seconds before "
                    "it is checked.",
                    n,
                ).format(n=format_number(n))
            )
        else:
            self._clock.stop()
            self.waiting.setText(_("Checking the passphrase…"))
        self.waiting.show()
        self.adjustSize()

    def _opened(self, _result: object) -> None:
        self._done()
        self.passphrase.clear()
        self.accept()

    def _wrong(self, exc: BaseException) -> None:
        self._done()
        self.passphrase.clear()
        self._say(error_sentence(exc))

    def _done(self) -> None:
        self.trying = False
        self._clock.stop()
        self.waiting.hide()
        self.passphrase.setEnabled(True)
        self.open_button.setEnabled(True)
        self.quit_button.setEnabled(True)
        self.passphrase.setFocus()

    def _say(self, sentence: str) -> None:
        self.error.setText(sentence[:1].upper() + sentence[1:])
        self.error.show()
        self.adjustSize()

    def reject(self) -> None:
        if not self.trying:  # Escape, too, waits for the try under way
            super().reject()


def unlock_dialog(
    db: Path, folder: Path, *, title: str, cancel: str | None = None, parent: QWidget | None = None
) -> UnlockDialog:
    """The dialog that unlocks this laptop's keys and the database ``db``."""
    return UnlockDialog(
        lambda passphrase: protection.unlock(db, folder, passphrase),
        wait=lambda: protection.seconds_before_try(folder),
        title=title,
        cancel=cancel,
        parent=parent,
    )
