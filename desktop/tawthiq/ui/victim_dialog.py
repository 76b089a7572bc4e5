"""A victim's fields in a dialog, to add one to an incident or change one: codes chosen
from their labels, the public tick with what it means, and the check's sentence shown in
the dialog (nothing saved) when a value is refused; and finding a victim by name."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tawthiq.domain.errors import TawthiqError
from tawthiq.domain.fields import VICTIM
from tawthiq.domain.text import visible
from tawthiq.domain.victims import Victim
from tawthiq.domain.vocab import vocabulary
from tawthiq.i18n import _, error_text, field_label, format_number, isolate, join
from tawthiq.ui.ops import Runner, error_sentence
from tawthiq.ui.victims_model import code_label

VICTIM_ROLE = Qt.ItemDataRole.UserRole + 1  # a victim found: its id
# the combos: field -> vocabulary
CODES = {
    "sex": "sex",
    "age_group": "age_group",
    "status": "victim_status",
    "occupation": "occupation",
}
LINES = ("name_ar", "name_en", "age", "relation", "occupation_note", "residence", "origin")
ORDER = (
    "name_ar",
    "name_en",
    "sex",
    "age",
    "age_group",
    "status",
    "relation",
    "occupation",
    "occupation_note",
    "residence",
    "origin",
)


def victim_error(exc: BaseException) -> str:
    """A refused value's sentence, led by the victim's field it is about."""
    if isinstance(exc, TawthiqError):
        sentence = error_text(exc, with_field=False)
        return f"{field_label(exc.field, VICTIM)}: {sentence}" if exc.field else sentence
    return error_sentence(exc)


class VictimDialog(QDialog):
    """Adds a victim (``victim`` None) or changes one; ``submit(values)`` runs in a worker
    and the dialog closes only once it has saved."""

    def __init__(
        self,
        runner: Runner,
        submit: Callable[[dict[str, Any]], object],
        victim: Victim | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner, self.submit, self.victim = runner, submit, victim
        self.setWindowTitle(_("Change a victim") if victim else _("Add a victim"))
        self.edits: dict[str, QLineEdit] = {}
        self.combos: dict[str, QComboBox] = {}
        form = QFormLayout()
        for name in ORDER:
            widget: QWidget
            if name in CODES:
                combo = QComboBox(self)
                combo.addItem("—", None)
                for code in vocabulary(CODES[name]).codes:
                    combo.addItem(code_label(CODES[name], code), code)
                self.combos[name] = widget = combo
            else:
                self.edits[name] = widget = QLineEdit(self)
            form.addRow(field_label(name, VICTIM), widget)
        self.public = QCheckBox(field_label("public", VICTIM), self)
        self.warning = QLabel(
            _(
                "A victim named publicly has their name printed in public reports and public "
                "exports. Leave it unticked unless the family or the source agrees."
            ),
            self,
        )
        self.warning.setObjectName("hint")
        self.warning.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.public)
        box.addWidget(self.warning)
        box.addWidget(self.error)
        box.addWidget(self.buttons)
        self.initial: dict[str, Any] = {}
        if victim is not None:
            self.show_victim(victim)
        self.initial = self.values()
        self.setMinimumWidth(460)

    def show_victim(self, v: Victim) -> None:
        for name, edit in self.edits.items():
            value = v.values.get(name)
            edit.setText("" if value is None else str(value))
        for name, combo in self.combos.items():
            combo.setCurrentIndex(max(0, combo.findData(v.values.get(name))))
        self.public.setChecked(v.public)

    def values(self) -> dict[str, Any]:
        """What the dialog holds; an empty field is None."""
        out: dict[str, Any] = {n: (e.text().strip() or None) for n, e in self.edits.items()}
        out.update({n: c.currentData() for n, c in self.combos.items()})
        out["public"] = self.public.isChecked()
        return out

    def changes(self) -> dict[str, Any]:
        """For a new victim, every value given; for one kept, what was changed here, and the
        values suggested from a report that a person has now seen and saved."""
        now = self.values()
        if self.victim is None:
            return {k: v for k, v in now.items() if v is not None and v is not False}
        unchecked = set(self.victim.unchecked)
        return {k: v for k, v in now.items() if v != self.initial.get(k) or k in unchecked}

    def save(self) -> None:
        values = self.changes()
        self.buttons.setEnabled(False)
        self.runner.run(
            lambda: self.submit(values), done=lambda _r: self.accept(), failed=self.refused
        )

    def refused(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(victim_error(exc))
        self.error.show()


def found_text(v: Victim, score: float) -> str:
    names = " / ".join(visible(n) for n in (v.name_ar, v.name_en) if n) or "—"
    about = join(
        x
        for x in (
            code_label("victim_status", v.status) if v.status else "",
            code_label("sex", v.sex) if v.sex else "",
        )
        if x
    )
    return _("{names} ({about}) — incident {id}, {score}% alike").format(
        names=names,
        about=about or "—",
        id=isolate(v.incident_id[:8]),
        score=format_number(round(score)),
    )


class FindVictimDialog(QDialog):
    """A name typed (Arabic or Latin letters), the victims of every incident named like it,
    closest first; the one chosen opens its incident (``chosen``)."""

    chosen = Signal(str)  # the incident of the victim chosen

    def __init__(
        self, runner: Runner, find: Callable[[str], list[Any]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.runner, self.finder = runner, find
        self.setWindowTitle(_("Find a victim"))
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("A name, in Arabic or in Latin letters"))
        self.results = QListWidget(self)
        self.said = QLabel(self)
        self.open_button = QPushButton(_("Open its incident"), self)
        self.open_button.setEnabled(False)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.look)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self.look)
        self.results.itemActivated.connect(lambda _i: self.choose())
        self.results.currentRowChanged.connect(lambda r: self.open_button.setEnabled(r >= 0))
        self.open_button.clicked.connect(self.choose)
        box = QVBoxLayout(self)
        box.addWidget(self.search)
        box.addWidget(self.said)
        box.addWidget(self.results, 1)
        box.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignTrailing)
        self.resize(560, 380)
        self._asked = ""

    def look(self) -> None:
        asked = self.search.text().strip()
        self._asked = asked
        if not asked:
            self.results.clear()
            self.said.clear()
            return

        def show(found: list[Any]) -> None:
            if asked != self._asked:
                return
            self.results.clear()
            found = [f for f in found if self.keeps(f.victim)]
            for f in found:
                item = QListWidgetItem(found_text(f.victim, f.score))
                item.setData(Qt.ItemDataRole.UserRole, f.victim.incident_id)
                item.setData(VICTIM_ROLE, f.victim.id)
                self.results.addItem(item)
            if found:
                self.results.setCurrentRow(0)
                self.said.setText(
                    _("{n} found, the closest first").format(n=format_number(len(found)))
                )
            else:
                self.said.setText(_("No victim is named like that."))

        self.runner.run(
            lambda: self.finder(asked),
            done=show,
            failed=lambda e: self.said.setText(error_sentence(e)),
        )

    def keeps(self, victim: Victim) -> bool:
        """Whether a victim found is listed (every one here)."""
        return True

    def choose(self) -> None:
        item = self.results.currentItem()
        if item is not None:
            self.chosen.emit(str(item.data(Qt.ItemDataRole.UserRole)))
            self.accept()
