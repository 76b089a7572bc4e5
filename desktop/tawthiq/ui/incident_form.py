"""The incident form: every field of the incident record, grouped as a documenter checks
them, with the extractor's suggestions marked and every problem shown next to its field."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from functools import partial
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

from tawthiq.domain.checks import form_problems, future_dates
from tawthiq.domain.errors import ValidationError
from tawthiq.domain.fields import (
    BREAKDOWN,
    DATE_FIELDS,
    FIELDS,
    INCIDENT,
    TOTALS,
    form_sections,
    incident_fields,
)
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
    YesNoCombo,
)
from tawthiq.ui.field_cell import FieldCell
from tawthiq.ui.place_edit import CountryLine, PlaceLine, UnitLine


class NamesLine(TextLine):
    """Names of outlets and groups the report cites, separated by semicolons."""

    def set_value(self, value: Any) -> None:
        super().set_value("; ".join(value) if isinstance(value, list) else value)


# the casualties' grid: a row for each total, a column for it and each part of it
CASUALTY_ROWS = (("killed", N_("Killed")), ("injured", N_("Injured")))
CASUALTY_COLUMNS = (
    ("", N_("In all")),
    ("_children", N_("Children")),
    ("_women", N_("Women")),
    ("_men", N_("Men")),
)
assert tuple(t for t, _ in CASUALTY_ROWS) == TOTALS
assert tuple(c for c, _ in CASUALTY_COLUMNS[1:]) == tuple(f"_{p}" for p in BREAKDOWN)
_COUNT_HINT = N_("Write 9, a range 9-12, or ≈9 for a vague figure")
# what each kind of editor the registry names is made with
_EDITORS: dict[str, Callable[..., QWidget]] = {
    "combo": lambda spec, lookup: CodeCombo(spec.vocab),
    "checklist": lambda spec, lookup: CodeChecklist(spec.vocab),
    "governorate": lambda spec, lookup: GovernorateCombo(),
    "date": lambda spec, lookup: DateLine(),
    "time": lambda spec, lookup: TimeOfDay(),
    "place": lambda spec, lookup: PlaceLine(lookup),
    "unit": lambda spec, lookup: UnitLine(spec.name),
    "country": lambda spec, lookup: CountryLine(),
    "block": lambda spec, lookup: TextBlock(),
    "names": lambda spec, lookup: NamesLine(),
    "number": lambda spec, lookup: NumberLine(),
    "count": lambda spec, lookup: CountLine(),
    "yes_no": lambda spec, lookup: YesNoCombo(),
    "line": lambda spec, lookup: TextLine(),
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
        for section, title, specs in form_sections():
            box = QGroupBox(body)
            self._titles.append((box, title))
            grid = QGridLayout(box)
            grid.setColumnStretch(1, 1)
            if section == "casualties":
                self._casualty_grid(box, grid)
                specs = ()
            for row, spec in enumerate(specs):
                editor = _EDITORS[spec.form_editor](spec, lookup_places)
                if isinstance(editor, TextBlock):
                    editor.setMinimumHeight(90)
                self._add(spec.name, editor, box)
                label = QLabel(box)
                self._labels[spec.name] = label
                grid.addWidget(label, row * 2, 0)
                grid.addWidget(self.cells[spec.name], row * 2, 1)
                if spec.hint:
                    hint = QLabel(box)
                    hint.setObjectName("hint")
                    hint.setWordWrap(True)
                    self._hints[spec.name] = hint
                    grid.addWidget(hint, row * 2 + 1, 1)
            column.addWidget(box)
        column.addStretch(1)
        self.setWidget(body)
        place = self.cells["place_name"].editor
        assert isinstance(place, PlaceLine)
        place.picked.connect(self._place_picked)
        for name in DATE_FIELDS:
            self.cells[name].changed.connect(partial(self._check_days, (name,)))
        # the place's fields are checked against each other as they change: a governorate
        # the wheel or a slip turned into another shows its contradiction at once
        self._choosing = False  # several fields being filled at once
        self._where = tuple(f.name for f in incident_fields(section="where"))
        for name in self._where:
            self.cells[name].changed.connect(self.check_place)
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
        self,
        values: Mapping[str, Any],
        evidence: Mapping[str, Evidence] | None = None,
        unchecked: Collection[str] = (),
    ) -> None:
        """Fill the whole form (fields not given are emptied); fields with evidence are
        marked as suggestions, and so are the ``unchecked`` fields of a saved incident."""
        evidence = evidence or {}
        for name, cell in self.cells.items():
            cell.set_value(values.get(name), evidence.get(name))
            if name in unchecked and name not in evidence:
                cell.mark_unchecked()
            cell.set_error(None)
        self._check_days()
        self.check_place()

    def choose(self, values: Mapping[str, Any]) -> None:
        """Fields the documenter chose (a place picked, words of the report used); the place
        is checked once they are all in, not once for each."""
        self._choosing = True
        try:
            for name, value in values.items():
                if name in self.cells:
                    self.cells[name].set_chosen(value)
        finally:
            self._choosing = False
        self.check_place()

    def _place_picked(self, choice: PlaceChoice) -> None:
        self.choose({k: v for k, v in choice.values.items() if k != "place_name"})

    def suggested(self) -> list[str]:
        """Fields still showing an unchecked suggestion."""
        return [n for n, c in self.cells.items() if c.state == "suggested"]

    def accept_all(self) -> int:
        """Accept every suggestion marked sure (✓); one marked ? (unsure, or a day counted
        from today's date) is left to be checked on its own. Returns how many are left."""
        left = 0
        for cell in self.cells.values():
            if cell.state == "suggested":
                if cell.unsure:
                    left += 1
                else:
                    cell.accept()
        return left

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
            cell.evidence = evidence
            cell._mark(state)
            cell.set_error(None)
        self._check_days()
        self.check_place()

    # checking ----------------------------------------------------------------------------

    def check_place(self) -> None:
        """Show, next to them, the place fields that contradict each other (or are wrong
        alone), and clear what no longer is."""
        if self._choosing:
            return
        problems = form_problems(INCIDENT, {n: self.cells[n].value() for n in self._where})
        for name in self._where:
            exc = problems.get(name)
            self.cells[name].set_error(error_text(exc, with_field=False) if exc else None)

    def check(self) -> dict[str, ValidationError]:
        """Show every problem next to its field; nothing may be saved while there are any."""
        problems = form_problems(INCIDENT, self.values())
        for name, cell in self.cells.items():
            exc = problems.get(name)
            cell.set_error(error_text(exc, with_field=False) if exc else None)
        return problems

    def _check_days(self, names: tuple[str, ...] = DATE_FIELDS) -> None:
        """A day later than today is shown as a problem at once, however it came (typed,
        suggested, or kept from another laptop whose clock was wrong), not only on saving;
        a day changed is checked again (its other problems are checked on saving)."""
        values = {name: self.cells[name].value() for name in names}
        late = {p.field: p for p in future_dates(values)}
        for name in names:
            exc = late.get(name)
            self.cells[name].set_error(error_text(exc, with_field=False) if exc else None)

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
            hint.setText(_(FIELDS[INCIDENT][name].hint or _COUNT_HINT))
        for cell in self.cells.values():
            cell.retranslate()
        if hasattr(self, "_where"):  # built: the place's problems in the new language
            self.check_place()
