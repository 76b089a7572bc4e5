"""The incident list as a Qt table model over plain incidents from the services, loaded a
page at a time as the view scrolls, so 100,000 incidents scroll smoothly."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from tawthiq.domain.filters import IncidentFilter
from tawthiq.domain.places import find_governorate
from tawthiq.domain.records import Incident
from tawthiq.domain.vocab import vocabulary
from tawthiq.i18n import N_, _, digits, is_rtl
from tawthiq.ui.language import text_alignment
from tawthiq.ui.values import count_text

PAGE = 200
INCIDENT_ROLE = Qt.ItemDataRole.UserRole + 1

# (column key, header, sort key of the store)
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("date", N_("Date"), "date"),
    ("title", N_("Title"), "title"),
    ("place", N_("Place"), "place"),
    ("governorate", N_("Governorate"), "governorate"),
    ("type", N_("Type"), "type"),
    ("killed", N_("Killed"), "killed"),
    ("injured", N_("Injured"), "injured"),
    ("status", N_("Status"), "status"),
)
DATE, TITLE, PLACE, GOVERNORATE, TYPE, KILLED, INJURED, STATUS = range(len(COLUMNS))

Page = Callable[..., list[Incident]]  # desk.page(flt, limit=, offset=, sort=, descending=)
Count = Callable[[IncidentFilter], int]


def _label(vocab: str, code: str | None) -> str:
    if not code:
        return ""
    try:
        return vocabulary(vocab).label(code, "ar" if is_rtl() else "en")
    except Exception:
        return code


def _governorate(name: str | None) -> str:
    if not name:
        return ""
    try:
        g = find_governorate(name)
    except Exception:
        return name
    return g.name_ar if is_rtl() else g.name_en


class IncidentTableModel(QAbstractTableModel):
    """Rows are ``Incident`` values; ``fetchMore`` asks the services for the next page."""

    def __init__(self, page: Page, count: Count, parent: Any = None) -> None:
        super().__init__(parent)
        self._page, self._count = page, count
        self.filter = IncidentFilter()
        self.sort_key, self.descending = "date", True
        self.rows: list[Incident] = []
        self.total = 0
        self.loaded = False  # nothing is read before the first reload (the database opens)

    # loading --------------------------------------------------------------------------------

    def reload(self, flt: IncidentFilter | None = None) -> None:
        """Start again from the first page (a new filter, a new sort, a saved change)."""
        if flt is not None:
            self.filter = flt
        self.beginResetModel()
        self.total = self._count(self.filter)
        self.rows = self._fetch(0)
        self.loaded = True
        self.endResetModel()

    def _fetch(self, offset: int) -> list[Incident]:
        return self._page(
            self.filter, limit=PAGE, offset=offset, sort=self.sort_key, descending=self.descending
        )

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        more = self._fetch(len(self.rows))
        if not more:
            self.total = len(self.rows)  # others deleted them meanwhile
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_key = COLUMNS[column][2]
        self.descending = order == Qt.SortOrder.DescendingOrder
        if self.loaded:
            self.reload()

    def replace_row(self, incident: Incident) -> None:
        """Show a saved change without reloading the list."""
        for row, old in enumerate(self.rows):
            if old.id == incident.id:
                self.rows[row] = replace(incident)
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
                return

    # the table --------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section][1])
        return None

    def text(self, inc: Incident, column: int) -> str:
        if column == DATE:
            return digits(inc.date_start.isoformat()) if inc.date_start else ""
        if column == TITLE:
            return inc.title
        if column == PLACE:
            return inc.place_name or ""
        if column == GOVERNORATE:
            return _governorate(inc.governorate)
        if column == TYPE:
            return _label("incident_type", inc.incident_type)
        if column == KILLED:
            return count_text(inc.killed)
        if column == INJURED:
            return count_text(inc.injured)
        return _label("status", inc.status)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        inc = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(inc, index.column())
        if role == INCIDENT_ROLE:
            return inc
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if index.column() in (TITLE, PLACE):
                return text_alignment(self.text(inc, index.column()))
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.BackgroundRole and inc.deleted:
            return QColor("#eeeeee")
        return None
