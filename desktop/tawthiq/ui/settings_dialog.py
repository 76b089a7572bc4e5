"""Settings: the documenter's name (as the audit trail records it), the language of the
interface and its digits, the idle lock and the window's name. The same dialog greets a
documenter on the first start, and there offers a passphrase (encryption on by default)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tawthiq.i18n import LANGUAGES, _
from tawthiq.services.settings import Settings
from tawthiq.ui.editors import SteadyCombo
from tawthiq.ui.protect_dialogs import PassphraseFields
from tawthiq.ui.style import STYLE


class SettingsDialog(QDialog):
    def __init__(
        self,
        settings: Settings,
        *,
        first_run: bool = False,
        offer_protection: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        """``offer_protection``: the first start on a laptop with nothing protected yet."""
        super().__init__(parent)
        self.first_run = first_run
        if parent is None:  # shown before the window, whose styles it takes otherwise
            self.setStyleSheet(STYLE)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setVisible(first_run)
        self.author = QLineEdit(settings.author, self)
        self.language = SteadyCombo(self)
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)  # each language in its own name
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.digits = QCheckBox(self)
        self.digits.setChecked(settings.arabic_digits)
        self.lock_minutes = QSpinBox(self)
        self.lock_minutes.setRange(0, 24 * 60)
        self.lock_minutes.setValue(settings.lock_minutes)
        self.neutral = QCheckBox(self)
        self.neutral.setChecked(settings.neutral_name)
        self.protection = PassphraseFields(optional=True, parent=self)
        self.protection.setVisible(offer_protection)
        if not offer_protection:
            self.protection.encrypt.setChecked(False)
        self.form = QFormLayout()
        self.author_label, self.language_label = QLabel(self), QLabel(self)
        self.form.addRow(self.author_label, self.author)
        self.form.addRow(self.language_label, self.language)
        self.form.addRow("", self.digits)
        self.lock_label = QLabel(self)
        self.form.addRow(self.lock_label, self.lock_minutes)
        self.form.addRow("", self.neutral)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.hide()
        box = QVBoxLayout(self)
        box.addWidget(self.intro)
        box.addLayout(self.form)
        box.addWidget(self.protection)
        box.addWidget(self.error)
        box.addWidget(self.buttons)
        self.retranslate()

    def result_settings(self, base: Settings) -> Settings:
        return base.changed(
            author=self.author.text().strip(),
            language=self.language.currentData(),
            arabic_digits=self.digits.isChecked(),
            lock_minutes=self.lock_minutes.value(),
            neutral_name=self.neutral.isChecked(),
        )

    def passphrase(self) -> str | None:
        """The passphrase chosen at the first start (None: encryption declined)."""
        return self.protection.chosen() if self.protection.isVisibleTo(self) else None

    def _accept(self) -> None:
        if not self.author.text().strip():
            self.error.setText(_("Write your name: the audit trail records who changed what."))
            self.error.show()
            self.author.setFocus()
            return
        problem = self.protection.problem() if self.protection.isVisibleTo(self) else None
        if problem:
            self.error.setText(problem)
            self.error.show()
            return
        self.accept()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Welcome to Tawthiq") if self.first_run else _("Settings"))
        self.intro.setText(
            _(
                "Tawthiq keeps every change you make in an audit trail with your name. "
                "Write your name as your team knows you, and choose the language."
            )
        )
        self.author_label.setText(_("Your name"))
        self.language_label.setText(_("Language / اللغة"))
        self.digits.setText(_("Arabic-Indic digits (٠١٢٣) in the Arabic interface"))
        self.lock_label.setText(_("Lock after idle minutes"))
        self.lock_minutes.setSpecialValueText(_("never"))
        self.neutral.setText(_("Call the window “Notes”, not Tawthiq (a shared laptop)"))
