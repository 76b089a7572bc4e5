"""The incident list as a Qt table model over plain incidents from the services, loaded a
page at a time as the view scrolls, so 100,000 incidents scroll smoothly. The pages are read
through ``run`` (in the window: off the UI thread, the rows handed back to the model)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from tawthiq.domain.fields import INCIDENT
from tawthiq.domain.filters import IncidentFilter
from tawthiq.domain.places import find_governorate
from tawthiq.domain.records import Incident
from tawthiq.domain.vocab import vocabulary
from tawthiq.i18n import N_, _, digits, field_label, format_number, is_rtl, join, ngettext
from tawthiq.ui.language import text_alignment
from tawthiq.ui.style import SUGGESTED_COLOUR
from tawthiq.ui.values import count_text

UNCHECKED_COLOUR = QColor(SUGGESTED_COLOUR)  # made once: asked for on every repaint
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
    # many reports, one incident: the lowest and highest killed figure its reports gave
    ("killed_range", N_("Killed (range)"), "killed_range"),
    ("injured", N_("Injured"), "injured"),
    ("status", N_("Status"), "status"),
)
DATE, TITLE, PLACE, GOVERNORATE, TYPE, KILLED, KILLED_RANGE, INJURED, STATUS = range(len(COLUMNS))

Page = Callable[..., list[Incident]]  # desk.page(flt, limit=, offset=, sort=, descending=)
Count = Callable[[IncidentFilter], int]
# run(read, done, failed): read the database, hand the result to done (or the error to failed)
Run = Callable[[Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None]], Any]


def at_once(
    read: Callable[[], Any], done: Callable[[Any], None], _failed: Callable[[BaseException], None]
) -> None:
    """Read on the calling thread (a model without a window, in tests and scripts)."""
    done(read())


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
    """Rows are ``Incident`` values; ``fetchMore`` asks the services for the next page. A
    page that arrives after a newer reload began is dropped."""

    loaded_page = Signal()  # the first page of a reload is shown
    counted = Signal()  # the number of matching incidents is known (``total``)
    failed = Signal(object)  # a read failed: the error

    def __init__(self, page: Page, count: Count, parent: Any = None, *, run: Run = at_once):
        super().__init__(parent)
        self._page, self._count, self._run = page, count, run
        self.filter = IncidentFilter()
        self.sort_key, self.descending = "date", True
        self.rows: list[Incident] = []
        self.total = 0
        self.counting = False  # a first page is shown, how many match is being counted
        self.loaded = False  # nothing is read before the first reload (the database opens)
        self.loading = self._fetching = False
        self._generation = 0

    # loading --------------------------------------------------------------------------------

    def reload(self, flt: IncidentFilter | None = None) -> None:
        """Start again from the first page (a new filter, a new sort, a saved change)."""
        if flt is not None:
            self.filter = flt
        self._generation += 1
        generation, first = self._generation, self._reader(0)
        count, flt = self._count, self.filter
        self.loading = True

        def done(rows: list[Incident]) -> None:
            if generation != self._generation:
                return
            self.beginResetModel()
            self.total, self.rows = len(rows), rows
            self.counting = len(rows) >= PAGE  # a full page: more to count
            self.loaded, self.loading, self._fetching = True, False, False
            self.endResetModel()
            self.loaded_page.emit()
            if self.counting:  # the page first: a count of many matches takes longer
                self._run(lambda: count(flt), counted, self._failed(generation))

        def counted(n: int) -> None:
            if generation == self._generation:
                self.total, self.counting = max(n, len(self.rows)), False
                self.counted.emit()

        self._run(first, done, self._failed(generation))

    def clear(self) -> None:
        """Hold no incident (the window locked): a read under way is left unshown."""
        self._generation += 1
        self.beginResetModel()
        self.total, self.rows = 0, []
        self.loaded = self.loading = self._fetching = self.counting = False
        self.endResetModel()

    def _reader(self, offset: int) -> Callable[[], list[Incident]]:
        """The read of one page, with the filter and sort of now (it may run later)."""
        flt, sort, descending, page = self.filter, self.sort_key, self.descending, self._page
        return lambda: page(flt, limit=PAGE, offset=offset, sort=sort, descending=descending)

    def _failed(self, generation: int) -> Callable[[BaseException], None]:
        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self.loading = self._fetching = False
                self.failed.emit(exc)

        return failed

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self.rows) < self.total and not self._fetching

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._fetching or self.loading:
            return
        self._fetching = True
        generation, offset = self._generation, len(self.rows)

        def done(more: list[Incident]) -> None:
            if generation != self._generation or offset != len(self.rows):
                return
            self._fetching = False
            if not more:
                self.total = len(self.rows)  # others deleted them meanwhile
                return
            self.beginInsertRows(QModelIndex(), offset, offset + len(more) - 1)
            self.rows.extend(more)
            self.endInsertRows()

        self._run(self._reader(offset), done, self._failed(generation))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_key = COLUMNS[column][2]
        self.descending = order == Qt.SortOrder.DescendingOrder
        if self.loaded:
            self.reload()

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
        if column == KILLED_RANGE:
            return count_text(inc.killed_range)
        if column == INJURED:
            return count_text(inc.injured)
        status = _label("status", inc.status)
        if not inc.unchecked:
            return status
        n = len(inc.unchecked)
        unchecked = ngettext("{n} not checked", "{n} not checked", n).format(n=format_number(n))
        return f"{status} · {unchecked}"

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
        if role == Qt.ItemDataRole.BackgroundRole and inc.unchecked and index.column() == STATUS:
            return UNCHECKED_COLOUR
        if role == Qt.ItemDataRole.ToolTipRole and inc.unchecked and index.column() == STATUS:
            fields = join([field_label(f, INCIDENT) for f in inc.unchecked])
            return _("Suggested by the extractor, not checked: {fields}").format(fields=fields)
        return None
