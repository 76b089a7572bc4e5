"""File → Print a report…: which incidents (the selected one, or those the list shows), in
which languages, on which paper, and whether it is the public version."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from tawthiq.i18n import _, format_number, ngettext, quote
from tawthiq.services.values import ReportOptions
from tawthiq.ui.editors import SteadyCombo


class ReportDialog(QDialog):
    def __init__(
        self,
        *,
        selected_title: str | None,
        listed: int,
        arabic_digits: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Print a report"))
        self.selected = QRadioButton(
            _("The selected incident: {title}").format(title=quote(selected_title or "—")), self
        )
        self.listed = QRadioButton(
            ngettext(
                "The {n} incident the list shows (as filtered), with a summary",
                "The {n} incidents the list shows (as filtered), with a summary",
                listed,
            ).format(n=format_number(listed)),
            self,
        )
        self.selected.setEnabled(selected_title is not None)
        self.listed.setEnabled(listed > 0)
        (self.selected if selected_title is not None else self.listed).setChecked(True)
        self.lang = SteadyCombo(self)
        for code, label in (
            ("both", _("Arabic and English")),
            ("ar", "العربية"),
            ("en", "English"),
        ):
            self.lang.addItem(label, code)
        self.paper = SteadyCombo(self)
        self.paper.addItem("A4", "a4")
        self.paper.addItem("Letter", "letter")
        self.public = QCheckBox(
            _("Public version: only incidents marked public; no private notes, no names"), self
        )
        self.digits = QCheckBox(_("Arabic-Indic digits (٠١٢٣) in the Arabic text"), self)
        self.digits.setChecked(arabic_digits)
        form = QFormLayout()
        form.addRow(QLabel(_("Language"), self), self.lang)
        form.addRow(QLabel(_("Paper"), self), self.paper)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.selected)
        box.addWidget(self.listed)
        box.addLayout(form)
        box.addWidget(self.public)
        box.addWidget(self.digits)
        box.addWidget(buttons)

    def options(self, author: str) -> ReportOptions:
        public = self.public.isChecked()
        return ReportOptions(
            lang=self.lang.currentData(),
            paper=self.paper.currentData(),
            public=public,
            arabic_digits=self.digits.isChecked(),
            author=None if public else author,
        )

    @property
    def whole_list(self) -> bool:
        return self.listed.isChecked()
