"""The dialogs of protection: choosing a passphrase (twice), the recovery words shown once,
changing the passphrase, and the quick erase that cannot be taken back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from tawthiq.domain.errors import TawthiqError
from tawthiq.i18n import _, error_text, format_number, quote
from tawthiq.services import protection
from tawthiq.ui.style import STYLE


def _secret_line(parent: QWidget) -> QLineEdit:
    line = QLineEdit(parent)
    line.setEchoMode(QLineEdit.EchoMode.Password)
    return line


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("error")
    label.setWordWrap(True)
    label.hide()
    return label


def _styled(dialog: QDialog, parent: QWidget | None) -> None:
    if parent is None:  # shown before the window, whose styles it takes otherwise
        dialog.setStyleSheet(STYLE)


def _capital(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def new_passphrase_problem(passphrase: str, again: str) -> str | None:
    """Why a new passphrase typed twice cannot be used (None: it can)."""
    if passphrase != again:
        return _("The two passphrases are not the same: type it again in both fields.")
    try:
        protection.check_new_passphrase(passphrase)
    except TawthiqError as exc:
        return _capital(error_text(exc))
    return None


class PassphraseFields(QWidget):
    """A new passphrase, typed twice; with ``optional``, under a checkbox "encrypt"
    (checked: declining is an explicit choice, and the sentence under it says what it
    exposes)."""

    def __init__(self, *, optional: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.encrypt = QCheckBox(_("Encrypt the records on this laptop (recommended)"), self)
        self.encrypt.setChecked(True)
        self.encrypt.setVisible(optional)
        self.encrypt.toggled.connect(self._toggled)
        self.passphrase = _secret_line(self)
        self.again = _secret_line(self)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(_("Passphrase"), self.passphrase)
        form.addRow(_("Passphrase again"), self.again)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.encrypt)
        box.addLayout(form)
        box.addWidget(self.note)
        self._toggled(True)

    def _toggled(self, on: bool) -> None:
        self.passphrase.setEnabled(on)
        self.again.setEnabled(on)
        if on:
            self.note.setText(
                _(
                    "You will type this passphrase each time Tawthiq opens. Without it, and "
                    "without the recovery words shown next, nobody can read the records — "
                    "not you either."
                )
            )
            self.note.setObjectName("")
        else:
            self.note.setText(
                _(
                    "Not encrypted: anyone who holds this laptop, or a copy of its files, can "
                    "read every record and the names of witnesses, and sign changes in your "
                    "name. You can encrypt later from the Safety menu."
                )
            )
            self.note.setObjectName("error")
        self.note.style().unpolish(self.note)
        self.note.style().polish(self.note)

    def chosen(self) -> str | None:
        """The passphrase to protect with; None when encryption was declined."""
        return self.passphrase.text() if self.encrypt.isChecked() else None

    def problem(self) -> str | None:
        if not self.encrypt.isChecked():
            return None
        return new_passphrase_problem(self.passphrase.text(), self.again.text())


class RecoveryWordsDialog(QDialog):
    """The twelve recovery words, shown once; the person types them back before going on
    (no Cancel: the words cannot be shown again)."""

    def __init__(self, words: str, *, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _styled(self, parent)
        self.setObjectName("recovery-words")
        self.setWindowTitle(title)
        self.words = words.split()
        intro = QLabel(
            _(
                "Write these {n} recovery words on paper, in this order, and keep the paper "
                "away from this laptop. If the passphrase is forgotten, they open the records. "
                "They are shown only this once."
            ).format(n=format_number(len(self.words))),
            self,
        )
        intro.setWordWrap(True)
        grid = QGridLayout()
        shown = QWidget(self)
        shown.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # English words, in order
        shown.setLayout(grid)
        for i, word in enumerate(self.words):
            label = QLabel(f"{i + 1}. {word}", shown)
            label.setObjectName("recovery-word")
            font = label.font()
            font.setPointSizeF(font.pointSizeF() * 1.25)
            font.setBold(True)
            label.setFont(font)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(label, i // 4, i % 4)
        erased = QLabel(
            _(
                "The recovery words cannot bring back a database that was erased: erasing "
                "destroys the keys they open."
            ),
            self,
        )
        erased.setWordWrap(True)
        ask = QLabel(_("Type the words again, to be sure they are written down:"), self)
        ask.setWordWrap(True)
        self.typed = QLineEdit(self)
        self.typed.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.typed.textChanged.connect(self._check)
        self.buttons = QDialogButtonBox(self)
        self.go_on = self.buttons.addButton(
            _("I have written them down"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.go_on.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        box = QVBoxLayout(self)
        for widget in (intro, shown, erased, ask, self.typed, self.buttons):
            box.addWidget(widget)
        self.setMinimumWidth(520)

    def _check(self) -> None:
        self.go_on.setEnabled(self.typed.text().lower().split() == self.words)

    def reject(self) -> None:
        """Escape does not close it: the words would be lost before they are written."""


class ProtectDialog(QDialog):
    """Protect an existing database: the passphrase, twice."""

    def __init__(self, *, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _styled(self, parent)
        self.setWindowTitle(title)
        self.intro = QLabel(self._intro(), self)
        self.intro.setWordWrap(True)
        self.current = _secret_line(self)  # the passphrase in use, when it is changed
        self.fields = PassphraseFields(optional=False, parent=self)
        self.error = _error_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.form = QFormLayout()
        box = QVBoxLayout(self)
        box.addWidget(self.intro)
        box.addLayout(self.form)
        for widget in (self.fields, self.error, self.buttons):
            box.addWidget(widget)
        self.current.hide()
        self.setMinimumWidth(480)

    def _intro(self) -> str:
        return _(
            "Encrypt this database and this laptop's keys with a passphrase. Then the "
            "recovery words are shown once, to write on paper."
        )

    def say(self, sentence: str) -> None:
        self.error.setText(_capital(sentence))
        self.error.show()

    def _accept(self) -> None:
        problem = self.fields.problem()
        if problem:
            self.say(problem)
            return
        self.accept()


class ChangePassphraseDialog(ProtectDialog):
    """The passphrase in use, then the new one twice."""

    def __init__(self, *, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title=title, parent=parent)
        self.current.show()
        self.form.addRow(_("Passphrase in use"), self.current)
        self.fields.note.setText(_("The recovery words stay the same."))

    def _intro(self) -> str:
        return _("Type the passphrase in use, then the new one twice.")


class EraseDialog(QDialog):
    """The quick erase, confirmed by typing a word; what it destroys said plainly first."""

    def __init__(self, *, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _styled(self, parent)
        self.setObjectName("erase")
        self.setWindowTitle(title)
        self.word = _("ERASE")
        warning = QLabel(
            _(
                "This destroys the database and this laptop's keys at once: every record on "
                "this laptop becomes unreadable, then its files are removed. It cannot be "
                "undone, and the recovery words cannot bring it back. Only what was exported "
                "or merged elsewhere survives."
            ),
            self,
        )
        warning.setObjectName("error")
        warning.setWordWrap(True)
        ask = QLabel(_("To erase everything, type “{word}”:").format(word=quote(self.word)), self)
        self.typed = QLineEdit(self)
        self.typed.textChanged.connect(self._check)
        self.buttons = QDialogButtonBox(self)
        self.erase = self.buttons.addButton(
            _("Erase everything"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.erase.setEnabled(False)
        self.erase.clicked.connect(self.accept)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        for widget in (warning, ask, self.typed, self.buttons):
            box.addWidget(widget)
        self.setMinimumWidth(480)

    def _check(self) -> None:
        self.erase.setEnabled(self.typed.text().strip().casefold() == self.word.casefold())
