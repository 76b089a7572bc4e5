"""The incident form: every field of the incident record, grouped as a documenter checks
them, with the extractor's suggestions marked and every problem shown next to its field."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tawthiq.domain.errors import ValidationError
from tawthiq.domain.fields import INCIDENT, form_problems
from tawthiq.i18n import N_, _, error_text, field_label
from tawthiq.services.desk import PlaceChoice
from tawthiq.services.drafts import Evidence
from tawthiq.ui.editors import (
    CodeChecklist,
    CodeCombo,
    CountLine,
    DateLine,
    GovernorateCombo,
    NumberLine,
    TextBlock,
    TextLine,
    TimeOfDay,
)
from tawthiq.ui.field_cell import FieldCell
from tawthiq.ui.place_edit import PlaceLine


class NamesLine(TextLine):
    """Names of outlets and groups the report cites, separated by semicolons."""

    def set_value(self, value: Any) -> None:
        super().set_value("; ".join(value) if isinstance(value, list) else value)


# (section title, fields); the casualties have a grid of their own
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (N_("Title"), ("title_ar", "title_en")),
    (N_("When"), ("date_start", "date_end", "date_precision", "time_of_day")),
    (
        N_("Where"),
        (
            "place_name",
            "place_name_ar",
            "place_name_en",
            "place_kind",
            "governorate",
            "country",
            "district",
            "subdistrict",
            "pcode",
            "lat",
            "lon",
            "geo_precision",
        ),
    ),
    (N_("What happened"), ("incident_type", "weapons", "perpetrators", "target")),
    (N_("Casualties"), ()),
    (N_("Sources"), ("sources", "source_names")),
    (N_("Assessment"), ("evidence_grade", "status", "confidentiality")),
    (N_("Account"), ("narrative", "private_notes")),
)
CASUALTY_ROWS = (("killed", N_("Killed")), ("injured", N_("Injured")))
CASUALTY_COLUMNS = (
    ("", N_("In all")),
    ("_children", N_("Children")),
    ("_women", N_("Women")),
    ("_men", N_("Men")),
)
_CODE_FIELDS = {
    "date_precision": "date_precision",
    "place_kind": "place_kind",
    "geo_precision": "geo_precision",
    "incident_type": "incident_type",
    "target": "target",
    "evidence_grade": "evidence_grade",
    "status": "status",
    "confidentiality": "confidentiality",
}
_LIST_FIELDS = ("weapons", "perpetrators", "sources")
_COUNT_HINT = N_("Write 9, a range 9-12, or ≈9 for a vague figure")
_HINTS = {
    "place_name": N_("Type the beginning of a name (كفر ج, Kafr J) and pick a place"),
    "perpetrators": N_("The first one ticked is the primary perpetrator"),
    "private_notes": N_("Never printed in a public report"),
    "source_names": N_("Outlets and groups the report names, separated by ;"),
}


class IncidentForm(QScrollArea):
    changed = Signal()
    evidence_wanted = Signal(object)

    def __init__(
        self, lookup_places: Callable[[str], list[PlaceChoice]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.cells: dict[str, FieldCell] = {}
        self._labels: dict[str, QLabel] = {}
        self._hints: dict[str, QLabel] = {}
        self._titles: list[tuple[QGroupBox | QLabel, str]] = []
        body = QWidget()
        column = QVBoxLayout(body)
        for title, names in SECTIONS:
            box = QGroupBox(body)
            self._titles.append((box, title))
            grid = QGridLayout(box)
            grid.setColumnStretch(1, 1)
            if title == "Casualties":
                self._casualty_grid(box, grid)
            for row, name in enumerate(names):
                editor = self._editor(name, lookup_places)
                self._add(name, editor, box)
                label = QLabel(box)
                self._labels[name] = label
                grid.addWidget(label, row * 2, 0)
                grid.addWidget(self.cells[name], row * 2, 1)
                if name in _HINTS:
                    hint = QLabel(box)
                    hint.setObjectName("hint")
                    hint.setWordWrap(True)
                    self._hints[name] = hint
                    grid.addWidget(hint, row * 2 + 1, 1)
            column.addWidget(box)
        column.addStretch(1)
        self.setWidget(body)
        place = self.cells["place_name"].editor
        assert isinstance(place, PlaceLine)
        place.picked.connect(self._place_picked)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_changed)
        self.retranslate()

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        """A field taking the focus shows the words its suggestion came from (one signal for
        the whole form: an event filter on every editor would call into Python for every
        event, and a worker thread holding Python's lock would make each of them wait)."""
        widget = new
        while widget is not None and not isinstance(widget, FieldCell):
            widget = widget.parentWidget()
        if isinstance(widget, FieldCell) and widget.window() is self.window():
            widget.show_evidence()

    def _editor(self, name: str, lookup: Callable[[str], list[PlaceChoice]]) -> QWidget:
        if name in _CODE_FIELDS:
            return CodeCombo(_CODE_FIELDS[name])
        if name in _LIST_FIELDS:
            return CodeChecklist(name)
        if name == "governorate":
            return GovernorateCombo()
        if name in ("date_start", "date_end"):
            return DateLine()
        if name == "time_of_day":
            return TimeOfDay()
        if name == "place_name":
            return PlaceLine(lookup)
        if name in ("narrative", "private_notes"):
            block = TextBlock()
            block.setMinimumHeight(90)
            return block
        if name == "source_names":
            return NamesLine()
        if name in ("lat", "lon"):
            return NumberLine()
        return TextLine()

    def _add(self, name: str, editor: QWidget, parent: QWidget) -> None:
        cell = FieldCell(name, editor, parent)
        cell.changed.connect(self.changed)
        cell.evidence_wanted.connect(self.evidence_wanted)
        self.cells[name] = cell

    def _casualty_grid(self, box: QGroupBox, grid: QGridLayout) -> None:
        for col, (_suffix, title) in enumerate(CASUALTY_COLUMNS, 1):
            label = QLabel(box)
            self._titles.append((label, title))
            grid.addWidget(label, 0, col)
        for row, (total, title) in enumerate(CASUALTY_ROWS, 1):
            label = QLabel(box)
            self._titles.append((label, title))
            grid.addWidget(label, row, 0)
            for col, (suffix, _title) in enumerate(CASUALTY_COLUMNS, 1):
                name = total + suffix
                self._add(name, CountLine(), box)
                grid.addWidget(self.cells[name], row, col)
        hint = QLabel(box)
        hint.setObjectName("hint")
        self._hints["killed"] = hint
        grid.addWidget(hint, 3, 1, 1, 4)

    # values ------------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """Every field as written now (None when empty), for the domain to check."""
        return {name: cell.value() for name, cell in self.cells.items()}

    def set_values(
        self, values: Mapping[str, Any], evidence: Mapping[str, Evidence] | None = None
    ) -> None:
        """Fill the whole form (fields not given are emptied); fields with evidence are
        marked as suggestions."""
        evidence = evidence or {}
        for name, cell in self.cells.items():
            cell.set_value(values.get(name), evidence.get(name))
            cell.set_error(None)

    def choose(self, values: Mapping[str, Any]) -> None:
        """Fields the documenter chose (a place picked, words of the report used)."""
        for name, value in values.items():
            if name in self.cells:
                self.cells[name].set_chosen(value)

    def _place_picked(self, choice: PlaceChoice) -> None:
        self.choose({k: v for k, v in choice.values.items() if k != "place_name"})

    def suggested(self) -> list[str]:
        """Fields still showing an unchecked suggestion."""
        return [n for n, c in self.cells.items() if c.state == "suggested"]

    def accept_all(self) -> None:
        for cell in self.cells.values():
            if cell.state == "suggested":
                cell.accept()

    def snapshot(self) -> dict[str, Any]:
        """Values and marks, to come back to (one pasted report may tell of several
        incidents, each with a form of its own)."""
        return {
            "values": self.values(),
            "marks": {n: (c.state, c.evidence) for n, c in self.cells.items()},
        }

    def restore(self, snapshot: Mapping[str, Any]) -> None:
        for name, cell in self.cells.items():
            state, evidence = snapshot["marks"].get(name, (None, None))
            cell.set_value(snapshot["values"].get(name), evidence)
            if state != "suggested":
                cell.evidence = evidence
                cell._mark(state)
            cell.set_error(None)

    # checking ----------------------------------------------------------------------------

    def check(self) -> dict[str, ValidationError]:
        """Show every problem next to its field; nothing may be saved while there are any."""
        problems = form_problems(INCIDENT, self.values())
        for name, cell in self.cells.items():
            exc = problems.get(name)
            cell.set_error(error_text(exc, with_field=False) if exc else None)
        return problems

    def first_problem(self) -> FieldCell | None:
        for cell in self.cells.values():
            if cell.error.isVisible() or cell.error.text():
                return cell
        return None

    def retranslate(self) -> None:
        for widget, title in self._titles:
            if isinstance(widget, QGroupBox):
                widget.setTitle(_(title))
            else:
                widget.setText(_(title))
        for name, label in self._labels.items():
            label.setText(field_label(name, INCIDENT))
        for name, hint in self._hints.items():
            hint.setText(_(_HINTS.get(name, _COUNT_HINT)))
        for cell in self.cells.values():
            cell.retranslate()
