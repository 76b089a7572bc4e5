"""Many reports, one incident, as the incident's view shows it: what each report of its group
said (outlet, day, figures), the documenter's own figures above them and the range across
them below, a mark where a later report raised the toll; and whether the incident is part
of another one, or others part of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tawthiq.domain.data_record import FIGURES
from tawthiq.domain.records import Casualties
from tawthiq.i18n import N_, _, field_label, format_day, format_number, isolate, ngettext
from tawthiq.services.results import IncidentView
from tawthiq.ui.language import text_alignment
from tawthiq.ui.values import EMPTY, count_text

OWN, REPORT, RANGE = "own", "report", "range"
RAISED = "↑"
RAISED_COLOUR = QColor("#ffe0b2")
# the columns before the figures: the mark, who said it, when
LEAD_COLUMNS = ("", N_("Report"), N_("Published"))


@dataclass(frozen=True)
class FigureRow:
    kind: str  # OWN, REPORT or RANGE
    label: str
    published: str
    figures: dict[str, Casualties] = field(default_factory=dict)
    raised: bool = False
    text: str = ""  # the report's words, for its tooltip


def _day(text: str | None) -> str:
    try:
        return format_day(date.fromisoformat(text or ""))
    except ValueError:
        return text or ""


def figure_rows(view: IncidentView) -> tuple[list[FigureRow], list[str]]:
    """The table's rows (the documenter's figures, each report's, the range) and the
    figure columns some row gives, in the order of ``FIGURES``."""
    own = {k: c for k in FIGURES if (c := Casualties.from_value(view.incident.values.get(k)))}
    rows = [FigureRow(OWN, N_("The documenter's figures"), "", own)]
    record = view.sources
    if record is None:
        return rows, [k for k in FIGURES if k in own]
    for n, one in enumerate(record.per_source, 1):
        report = one.report
        published = _day(report.publication_date) if report.publication_date else (
            _("received {day}").format(day=_day(report.received_date))
            if report.received_date else ""
        )  # fmt: skip
        name = report.outlet or _("Report {n}").format(n=format_number(n))
        rows.append(FigureRow(REPORT, name, published, dict(one.figures), one.raises_toll,
                              (report.text or "")[:300]))  # fmt: skip
    if record.per_source:
        rows.append(FigureRow(RANGE, N_("Range across the reports"), "", dict(record.ranges)))
    given = {k for r in rows for k in r.figures}
    return rows, [k for k in FIGURES if k in given]


class FiguresModel(QAbstractTableModel):
    """Rows are ``FigureRow`` values: the documenter's first, the range last."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[FigureRow] = []
        self.columns: list[str] = []

    def set_view(self, view: IncidentView | None) -> None:
        self.beginResetModel()
        self.rows, self.columns = figure_rows(view) if view is not None else ([], [])
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(LEAD_COLUMNS) + len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section < len(LEAD_COLUMNS):
            return _(LEAD_COLUMNS[section]) if LEAD_COLUMNS[section] else ""
        return field_label(self.columns[section - len(LEAD_COLUMNS)])

    def text(self, row: FigureRow, column: int) -> str:
        if column == 0:
            return RAISED if row.raised else ""
        if column == 1:
            return row.label if row.kind == REPORT else _(row.label)
        if column == 2:
            return row.published
        return count_text(row.figures.get(self.columns[column - len(LEAD_COLUMNS)])) or EMPTY

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.raised and column in (0, 3):
                return _("This report raised the toll: more killed than every report "
                         "published before it")  # fmt: skip
            if row.kind == REPORT and column == 1:
                return row.text or None
        if role == Qt.ItemDataRole.BackgroundRole and row.raised and column == 0:
            return RAISED_COLOUR
        if role == Qt.ItemDataRole.FontRole and row.kind in (OWN, RANGE):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1 and row.kind == REPORT:
            return text_alignment(row.label)
        return None


class SourcesPanel(QWidget):
    """The reports of an incident's group and their figures (``table``), and whether it is
    grouped, with what can be done about it (``bar``, shown above whatever holds the table)."""

    ungroup = Signal(str)  # the incident to stand on its own again
    group = Signal(str)  # the incident to group into another
    show_incident = Signal(str)  # an incident named here, clicked

    def __init__(self, parent: QWidget | None = None, *, actions: bool = True) -> None:
        """``actions``: the ``bar`` is shown above the table's page (else it stays hidden)."""
        super().__init__(parent)
        self.view: IncidentView | None = None
        self.with_bar = actions
        self.bar = QWidget(parent)
        self.grouped = QLabel(self.bar)
        self.grouped.setObjectName("kept")
        self.grouped.setWordWrap(True)
        self.grouped.setTextFormat(Qt.TextFormat.RichText)
        self.grouped.linkActivated.connect(self.show_incident)
        self.members = QLabel(self.bar)
        self.members.setWordWrap(True)
        self.members.setTextFormat(Qt.TextFormat.RichText)
        self.members.linkActivated.connect(self.show_incident)
        self.alone = QPushButton(self.bar)
        self.alone.clicked.connect(lambda: self.view and self.ungroup.emit(self.view.incident.id))
        self.into = QPushButton(self.bar)
        self.into.clicked.connect(lambda: self.view and self.group.emit(self.view.incident.id))
        self.model = FiguresModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)  # the mark: narrow
        header.setMinimumSectionSize(24)
        header.setStretchLastSection(True)
        top = QHBoxLayout(self.bar)
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.grouped, 1)
        top.addWidget(self.members, 1)
        top.addWidget(self.alone)
        top.addWidget(self.into)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.table)
        self.show_view(None)

    def show_view(self, view: IncidentView | None) -> None:
        self.view = view
        self.model.set_view(view)
        self.table.setColumnWidth(0, 28)
        self.bar.setVisible(view is not None and self.with_bar)
        if view is None:
            return
        into = view.incident.values.get("grouped_into")
        if into:
            link = f'<a href="{escape(str(into))}">{isolate(str(into)[:8])}</a>'
            self.grouped.setText(_("Grouped into incident {id}").format(id=link))
        self.grouped.setVisible(bool(into))
        self.alone.setVisible(bool(into))
        self.into.setVisible(not into and not view.incident.deleted)
        links = ", ".join(f'<a href="{escape(m)}">{isolate(m[:8])}</a>' for m in view.members)
        self.members.setText(
            ngettext(
                "{n} incident grouped into this one: {ids}",
                "{n} incidents grouped into this one: {ids}",
                len(view.members),
            ).format(n=format_number(len(view.members)), ids=links)
        )
        self.members.setVisible(bool(view.members))

    def title(self) -> str:
        """What the tab holding the table is called: with how many reports there are."""
        n = len(self.view.sources.per_source) if self.view and self.view.sources else 0
        return _("Reports and their figures ({n})").format(n=format_number(n))

    def retranslate(self) -> None:
        self.alone.setText(_("Stand on its own again"))
        self.alone.setToolTip(
            _("Undo the grouping: the incident is listed on its own, with its own reports")
        )
        self.into.setText(_("Group into another incident…"))
        self.into.setToolTip(
            _("This incident is another one told again: count its reports for that one")
        )
        self.model.headerDataChanged.emit(
            Qt.Orientation.Horizontal, 0, max(0, self.model.columnCount() - 1)
        )
        self.show_view(self.view)
