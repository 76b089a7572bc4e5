"""Questions the window asks before doing something that cannot be taken back quietly."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from tawthiq.i18n import _, format_number, ngettext


def ask_save_unchecked(parent: QWidget, n: int) -> bool:
    """Saving with ``n`` suggestions nobody checked: save them marked so (True), or go back
    to check them (False, the default: Enter or Escape does not save them)."""
    box = QMessageBox(QMessageBox.Icon.Question, _("Tawthiq"), "", parent=parent)
    box.setObjectName("save-unchecked")
    box.setText(
        ngettext(
            "{n} value the extractor suggested has not been checked (marked in amber).",
            "{n} values the extractor suggested have not been checked (marked in amber).",
            n,
        ).format(n=format_number(n))
    )
    box.setInformativeText(
        _(
            "Saved now, they stay marked “suggested by the extractor, not checked” in the "
            "record, its history, the list and printed reports."
        )
    )
    save = box.addButton(_("Save them as not checked"), QMessageBox.ButtonRole.AcceptRole)
    back = box.addButton(_("Go back and check them"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(back)
    box.setEscapeButton(back)
    box.exec()
    return box.clickedButton() is save
