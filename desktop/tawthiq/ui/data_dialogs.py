"""File → Export data… (which format, which incidents, where) and, for another tool's CSV,
File → Import data…'s preview: each of its columns with the field it is taken as and its
first rows."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tawthiq.domain.errors import TawthiqError
from tawthiq.domain.fields import FIELDS, INCIDENT
from tawthiq.i18n import _, error_text, field_label, format_number, ngettext
from tawthiq.services.data_files import ColumnMapping, DataPreview, checked_mapping, targets
from tawthiq.ui.editors import SteadyCombo
from tawthiq.ui.file_dialogs import save_file


def format_names() -> dict[str, str]:
    """Each format as the dialog names it."""
    return {
        "csv": _("CSV: every field (spreadsheets)"),
        "json": _("JSON: every field, with each report's figures"),
        "geojson": _("GeoJSON: incidents as points on a map"),
        "acled": _("ACLED CSV"),
        "airwars": _("Airwars CSV"),
        "huridocs": _("HURIDOCS events (JSON)"),
    }


@dataclass(frozen=True, slots=True)
class DataChoice:
    format: str
    path: Path
    all_incidents: bool
    private: bool


class ExportDataDialog(QDialog):
    def __init__(
        self,
        formats: list[str],
        chosen: int,
        not_public: int,
        folder: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Export data"))
        self.setMinimumWidth(560)
        self.folder, self.chosen, self.not_public = folder, chosen, not_public
        self.format = SteadyCombo(self)
        names = format_names()
        for code in formats:
            self.format.addItem(names.get(code, code), code)
        self.path = QLineEdit(self)
        self.path.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        browse = QPushButton(_("Choose…"), self)
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        self.public = QRadioButton(_("Only incidents marked public, without private fields"), self)
        self.every = QRadioButton(_("Every incident chosen, without private fields"), self)
        self.private = QRadioButton(
            _("Every incident chosen, with private notes and named sources (your team only)"),
            self,
        )
        self.public.setChecked(True)
        plain = QLabel(
            _("These are plain files for other tools, not encrypted: anyone who has the file "
              "can read it. To move work to another laptop, use Export for the coordinator."),
            self,
        )  # fmt: skip
        plain.setWordWrap(True)
        self.left_out = QLabel(self)
        self.left_out.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Format"), self.format)
        form.addRow(_("File"), where)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        for w in (self.public, self.every, self.private, plain, self.left_out, self.buttons):
            box.addWidget(w)
        for signal in (self.format.currentIndexChanged, self.public.toggled):
            signal.connect(self._update)
        self.path.textChanged.connect(self._update)
        self._update()

    def _suffix(self) -> str:
        return {"json": ".json", "geojson": ".geojson", "huridocs": ".json"}.get(
            self.format.currentData() or "", ".csv"
        )

    def _browse(self) -> None:
        path = save_file(self, _("Export data to"), self.path.text(), _("All files (*)"))
        if path is not None:
            self.path.setText(str(path))

    def _update(self) -> None:
        current = Path(self.path.text()) if self.path.text() else None
        name = f"tawthiq-{self.format.currentData() or 'data'}{self._suffix()}"
        if current is None or current.name.startswith("tawthiq-"):  # ours: follows the format
            self.path.blockSignals(True)
            self.path.setText(str((current.parent if current else self.folder) / name))
            self.path.blockSignals(False)
        n, k = format_number(self.chosen), format_number(self.not_public)
        if not self.not_public:
            self.left_out.setText("")
        elif self.public.isChecked():
            self.left_out.setText(ngettext(
                "Of the {n} incidents chosen, {k} is not marked public: it is left out.",
                "Of the {n} incidents chosen, {k} are not marked public: they are left out.",
                self.not_public,
            ).format(n=n, k=k))  # fmt: skip
        else:
            self.left_out.setText(ngettext(
                "{k} incident not marked public is included: check who gets the file.",
                "{k} incidents not marked public are included: check who gets the file.",
                self.not_public,
            ).format(k=k))  # fmt: skip
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.path.text().strip()) and self.format.count() > 0)

    def choice(self) -> DataChoice:
        return DataChoice(
            self.format.currentData(),
            Path(self.path.text().strip()),
            all_incidents=not self.public.isChecked(),
            private=self.private.isChecked(),
        )


def target_label(target: str) -> str:
    """A field (or one end of a figure) as the preview's choices name it."""
    if target == "id":
        return _("Tawthiq id")
    base, _sep, end = target.rpartition("_")
    if end in ("min", "max") and base in FIELDS[INCIDENT]:
        word = _("lowest") if end == "min" else _("highest")
        return f"{field_label(base)} ({word})"
    return field_label(target)


def guessed(column: str) -> str | None:
    """The field a column's name already says (its name or its label), or None."""
    folded = column.strip().casefold()
    for target in targets():
        if folded in (target.casefold(), target_label(target).casefold()):
            return target
    return None


class MappingDialog(QDialog):
    """Another tool's CSV: which field each of its columns is (a column left on «not
    imported» is not read), with its first rows to tell them apart."""

    def __init__(self, preview: DataPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Import data: which field is each column?"))
        self.resize(760, 420)
        self.header = preview.header
        rows = preview.first_rows
        self.table = QTableWidget(len(self.header), 2 + len(rows), self)
        self.table.setHorizontalHeaderLabels(
            [_("Their column"), _("Taken as"), *(_("Row {n}").format(n=n + 2)
                                                  for n in range(len(rows)))]
        )  # fmt: skip
        self.combos: list[SteadyCombo] = []
        for i, column in enumerate(self.header):
            self.table.setItem(i, 0, QTableWidgetItem(column))
            combo = SteadyCombo(self.table)
            combo.addItem(_("(not imported)"), "")
            for target in targets():
                combo.addItem(target_label(target), target)
            found = guessed(column)
            if found:
                combo.setCurrentIndex(combo.findData(found))
            self.table.setCellWidget(i, 1, combo)
            self.combos.append(combo)
            for j, row in enumerate(rows):
                self.table.setItem(i, 2 + j, QTableWidgetItem(row[i] if i < len(row) else ""))
        self.date_format = QLineEdit(self)
        self.date_format.setPlaceholderText("%d/%m/%Y")
        self.date_format.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.problem = QLabel(self)
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(_("Dates written as (blank: YYYY-MM-DD)"), self.date_format)
        box = QVBoxLayout(self)
        note = QLabel(_("Every row is checked as the form checks an incident; if one is "
                        "refused, nothing is imported."), self)  # fmt: skip
        note.setWordWrap(True)
        for w in (note, self.table):
            box.addWidget(w)
        box.addLayout(form)
        box.addWidget(self.problem)
        box.addWidget(buttons)

    def chosen_columns(self) -> dict[str, str]:
        return {c: combo.currentData() for c, combo in zip(self.header, self.combos, strict=True)
                if combo.currentData()}  # fmt: skip

    def mapping(self) -> ColumnMapping:
        data: dict[str, object] = {"columns": self.chosen_columns()}
        if self.date_format.text().strip():
            data["date_format"] = self.date_format.text().strip()
        return checked_mapping(data, _("the choice of columns"))

    def _accept(self) -> None:
        try:
            self.mapping()
        except TawthiqError as exc:
            self.problem.setText(error_text(exc))
            return
        self.accept()
