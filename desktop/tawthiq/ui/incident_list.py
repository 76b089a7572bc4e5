"""The incident list: filters (dates, governorate, type, perpetrator, status), the Arabic-aware
search box, the number of matches, and the table. It reads its pages off the UI thread and
loads again by itself whenever an operation changed incidents."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tawthiq.domain.fields import incident_fields
from tawthiq.domain.filters import IncidentFilter
from tawthiq.domain.records import Incident
from tawthiq.i18n import _, field_label, format_number, ngettext, quote
from tawthiq.services.changes import Changes
from tawthiq.services.desk import Desk
from tawthiq.ui.editors import CodeCombo, DateLine, GovernorateCombo, YesNoCombo
from tawthiq.ui.language import follow_text
from tawthiq.ui.list_model import INCIDENT_ROLE, STATUS, TITLE, IncidentTableModel
from tawthiq.ui.ops import Runner, error_sentence


class IncidentList(QWidget):
    selected = Signal(object)  # Incident or None
    opened = Signal(object)  # Incident: double-clicked, to edit
    message = Signal(str)

    def __init__(self, desk: Desk, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = self._model(desk, runner)
        self._keep: str | None = None
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda t: follow_text(self.search, t))
        self.date_from = DateLine(self, spelled=False)
        self.date_to = DateLine(self, spelled=False)
        self.governorate = GovernorateCombo(self)
        self.type = CodeCombo("incident_type", self)
        self.perpetrator = CodeCombo("perpetrators", self)
        self.status = CodeCombo("status", self)
        # a yes/no/any choice for each yes-or-no column of the field registry
        self.flags: dict[str, YesNoCombo] = {
            spec.name: YesNoCombo(self) for spec in incident_fields(column=True, kind="bool")
        }
        self.conflicts = QCheckBox(self)  # after a merge: what needs settling
        self.conflicts.toggled.connect(lambda _on: self.apply_filter())
        self.count = QLabel(self)
        self.count.setObjectName("heading")
        self._labels: list[tuple[QLabel, str]] = []
        search_row, filter_row = QHBoxLayout(), QHBoxLayout()
        for i, (label, widget) in enumerate(
            (
                ("Search", self.search),
                ("From", self.date_from),
                ("To", self.date_to),
                ("Governorate", self.governorate),
                ("Type", self.type),
                ("Perpetrator", self.perpetrator),
                ("Status", self.status),
            )
        ):
            lab = QLabel(self)
            self._labels.append((lab, label))
            row = search_row if i == 0 else filter_row
            row.addWidget(lab)
            row.addWidget(widget, 1 if i == 0 else 0)
        for name, combo in self.flags.items():  # beside the search box, which gives way
            lab = QLabel(self)
            self._labels.append((lab, name))
            search_row.addWidget(lab)
            search_row.addWidget(combo)
        filter_row.addWidget(self.conflicts)
        filter_row.addStretch(1)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        # the status says how many values nobody checked: it is never cut short
        header.setSectionResizeMode(STATUS, QHeaderView.ResizeMode.ResizeToContents)
        self.table.activated.connect(self._opened)  # a double click, or Return in the table
        self.table.selectionModel().currentRowChanged.connect(self._current)
        box = QVBoxLayout(self)
        box.addLayout(search_row)
        box.addLayout(filter_row)
        box.addWidget(self.count)
        box.addWidget(self.table, 1)
        # a filter applies as soon as it changes; typing waits for a pause
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textEdited.connect(lambda _t: self._debounce.start())
        self._editors: list[Any] = [
            self.date_from, self.date_to, self.governorate, self.type, self.perpetrator,
            self.status, *self.flags.values(),
        ]  # fmt: skip
        for w in self._editors:
            w.edited.connect(self._debounce.start)
        self.retranslate()

    def _model(self, desk: Desk, runner: Runner) -> IncidentTableModel:
        """The table's model, reading through the runner (off the UI thread), and loading
        again whenever an operation changed incidents."""

        def read(fn, done, failed):  # type: ignore[no-untyped-def]
            return runner.run(fn, done=done, failed=failed)

        model = IncidentTableModel(desk.page, desk.count, self, run=read)
        model.loaded_page.connect(self._loaded)
        model.counted.connect(self._show_count)
        model.failed.connect(self._failed)
        runner.changed.connect(self._changed)
        return model

    def current_filter(self) -> IncidentFilter:
        def day(line: DateLine) -> str | None:
            raw = line.value()
            try:
                value = date.fromisoformat(raw).isoformat() if raw else None
            except ValueError:
                value = None
                self.message.emit(
                    _("{value} is not a date (YYYY-MM-DD): the list is not limited by it").format(
                        value=quote(raw)
                    )
                )
            invalid = bool(raw) and value is None
            if bool(line.line.property("invalid")) != invalid:
                line.line.setProperty("invalid", invalid)
                line.line.style().unpolish(line.line)
                line.line.style().polish(line.line)
            return value

        return IncidentFilter(
            date_from=day(self.date_from),
            date_to=day(self.date_to),
            governorate=self.governorate.value(),
            incident_type=self.type.value(),
            perpetrator=self.perpetrator.value(),
            status=self.status.value(),
            text=self.search.text().strip() or None,
            conflicts_only=self.conflicts.isChecked(),
            fields=tuple(
                (name, combo.value())
                for name, combo in self.flags.items()
                if combo.value() is not None
            ),
        )

    def apply_filter(self, keep: str | None = None) -> None:
        """Load the list as the filters say, off the UI thread; then select ``keep`` if it
        shows (else nothing is selected)."""
        self._keep = keep
        self.model.reload(self.current_filter())

    def refresh(self, keep: str | None = None) -> None:
        """Load again, keeping the incident ``keep`` selected if it shows."""
        self.apply_filter(keep)

    @property
    def loading(self) -> bool:
        return self.model.loading

    def _changed(self, changes: Changes) -> None:
        if changes.incident_list and (self.model.loaded or self.model.loading):
            self.refresh(keep=changes.focus)

    def _loaded(self) -> None:
        self._show_count()
        keep, self._keep = self._keep, None
        if keep is None:
            self.selected.emit(self.current())
        else:  # the incident acted on: selected if it shows, its history shown either way
            self.select(keep)

    def _failed(self, exc: BaseException) -> None:
        self.message.emit(error_sentence(exc))

    def select(self, incident_id: str) -> bool:
        for row, inc in enumerate(self.model.rows):
            if inc.id == incident_id:
                # through the selection model: in a right-to-left table selectRow leaves no
                # current row (Qt 6.11), and "the selected incident" would be none
                flags = QItemSelectionModel.SelectionFlag
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(row, 0), flags.ClearAndSelect | flags.Rows
                )
                return True
        if self.model.loading:  # asked while the list is loading (after an import): once loaded
            self._keep = incident_id
            return True
        return False

    def current(self) -> Incident | None:
        index = self.table.currentIndex()
        return index.data(INCIDENT_ROLE) if index.isValid() else None

    def _current(self, index: QModelIndex, _previous: QModelIndex) -> None:
        self.selected.emit(index.data(INCIDENT_ROLE) if index.isValid() else None)

    def _opened(self, index: QModelIndex) -> None:
        if index.isValid():
            self.opened.emit(index.data(INCIDENT_ROLE))

    def _show_count(self) -> None:
        if self.model.counting:
            self.count.setText(_("Counting…"))
            return
        n = self.model.total
        self.count.setText(ngettext("{n} incident", "{n} incidents", n).format(n=format_number(n)))

    def retranslate(self) -> None:
        names = {
            "Search": _("Search"),
            "From": _("From"),
            "To": _("To"),
            "Governorate": _("Governorate"),
            "Type": _("Type"),
            "Perpetrator": _("Perpetrator"),
            "Status": _("Status"),
        }
        for label, key in self._labels:
            label.setText(names[key] if key in names else field_label(key))
        self.conflicts.setText(_("Only conflicts"))
        self.conflicts.setToolTip(
            _("Incidents with values written on different laptops without seeing each other "
              "(deleted ones too), to settle after a merge")
        )  # fmt: skip
        self.search.setPlaceholderText(
            _("Words in titles, places, narratives and reports (Ctrl+F)")
        )
        for w in self._editors:
            w.retranslate()
        self.model.headerDataChanged.emit(
            Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1
        )
        self.model.layoutChanged.emit()
        self._show_count()
