"""The history of the selected incident: every field-level change, newest first, and any
conflict (two values of one field written without seeing each other) shown side by side with
a way to keep one or combine them; the choice is a new event."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tawthiq.domain.fields import DELETED, FIELDS, INCIDENT
from tawthiq.domain.records import EXTRACTOR, IMPORTED, PERSON, Change, Conflict
from tawthiq.domain.text import visible
from tawthiq.i18n import N_, _, digits, field_label, format_number, join, ngettext, quote
from tawthiq.services.changes import Changes
from tawthiq.services.desk import Desk, IncidentView
from tawthiq.ui.files_panel import FilesPanel
from tawthiq.ui.group_flow import GroupFlow
from tawthiq.ui.language import text_alignment
from tawthiq.ui.ops import Runner, error_sentence
from tawthiq.ui.sources_panel import SourcesPanel
from tawthiq.ui.style import SUGGESTED_COLOUR
from tawthiq.ui.values import combined, value_text
from tawthiq.ui.victims_panel import VictimsPanel

HISTORY_COLUMNS = (
    N_("When"),
    N_("Who"),
    N_("Device"),
    N_("Field"),
    N_("Old value"),
    N_("New value"),
    N_("Entered by"),
)
CONFLICT_COLOUR = QColor("#ffe0b2")
UNCHECKED_COLOUR = QColor(SUGGESTED_COLOUR)


def origin_text(c: Change) -> str:
    """Where a change's value came from, as the history says it."""
    if c.origin == EXTRACTOR:
        return _("the extractor, not checked")
    if c.origin == IMPORTED:
        return _("an import")
    if c.origin == PERSON:
        return _("a person, who checked it") if c.old == (c.new,) else _("a person")
    return ""  # written before Tawthiq kept where values came from


class HistoryModel(QAbstractTableModel):
    """Rows are the services' ``Change`` values, newest first."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.changes: list[Change] = []

    def set_changes(self, changes: list[Change]) -> None:
        self.beginResetModel()
        self.changes = list(changes)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.changes)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HISTORY_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(HISTORY_COLUMNS[section])
        return None

    def text(self, c: Change, column: int) -> str:
        if column == 0:
            return digits(f"{c.when.astimezone():%Y-%m-%d %H:%M}")  # the laptop's time
        if column == 1:  # a name written on this laptop or another
            return visible(c.author)
        if column == 2:
            return c.device_id[:8]
        if column == 3:
            return field_label(c.field, INCIDENT)
        if column == 4:
            return " | ".join(value_text(c.field, v) for v in c.old) if c.old else _("(new)")
        if column == 5:
            return value_text(c.field, c.new)
        return origin_text(c)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or index.row() >= len(self.changes):
            return None
        c = self.changes[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(c, index.column())
        if role == Qt.ItemDataRole.BackgroundRole and c.in_conflict:
            return CONFLICT_COLOUR
        if role == Qt.ItemDataRole.BackgroundRole and c.origin == EXTRACTOR:
            return UNCHECKED_COLOUR
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (4, 5):
            return text_alignment(self.text(c, index.column()))
        if role == Qt.ItemDataRole.ToolTipRole and c.in_conflict:
            return _("In conflict with another value of this field")
        return None


class ConflictBox(QGroupBox):
    """One field with several current values: keep one, or combine them."""

    chosen = Signal(str, object)  # field, value

    def __init__(self, conflict: Conflict, who: dict[str, Change], parent: QWidget) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self.setTitle(
            _("{field}: {n} values written without seeing each other").format(
                field=field_label(conflict.field), n=format_number(len(conflict.values))
            )
        )
        row = QHBoxLayout(self)
        deletion = conflict.field == DELETED
        if deletion:
            self.setTitle(_("Deleted on one laptop while it was changed on another"))
        for value, event_id in zip(conflict.values, conflict.event_ids, strict=True):
            change = who.get(event_id)
            when = digits(f"{change.when.astimezone():%Y-%m-%d %H:%M}") if change else ""
            by = join([quote(visible(change.author)), when]) if change else ""
            if deletion:
                text = (
                    _("Keep it deleted (deleted by {by})")
                    if value
                    else _("Restore it, with the changes made meanwhile ({by})")
                ).format(by=by)
            else:
                text = _("Keep «{value}» ({by})").format(
                    value=quote(value_text(conflict.field, value)), by=by
                )
            button = QPushButton(text, self)
            button.clicked.connect(lambda _c=False, v=value: self.chosen.emit(conflict.field, v))
            row.addWidget(button)
        kind = FIELDS[INCIDENT][conflict.field].kind if conflict.field in FIELDS[INCIDENT] else ""
        if kind in ("count", "codes", "texts", "text"):
            merged = combined(conflict.field, list(conflict.values))
            both = QPushButton(
                _("Combine: «{value}»").format(value=quote(value_text(conflict.field, merged))),
                self,
            )
            both.clicked.connect(lambda: self.chosen.emit(conflict.field, merged))
            row.addWidget(both)
        row.addStretch(1)


class HistoryPanel(QWidget):
    """The history of the incident it follows, read off the UI thread, and read again by
    itself whenever an operation changed that incident (or was about another one)."""

    resolve = Signal(str, str, object)  # incident id, field, value
    message = Signal(str)

    def __init__(self, desk: Desk, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.runner = desk, runner
        self.view: IncidentView | None = None
        self.following: str | None = None
        self._generation = 0
        runner.changed.connect(self._changed)
        self.heading = QLabel(self)
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)
        # the reports of its group and their figures; grouping it and undoing that
        self.sources = SourcesPanel(self)
        self.groups = GroupFlow(self, desk, runner, self.message.emit)
        self.sources.group.connect(lambda _i: self.view and self.groups.group(self.view.incident))
        self.sources.ungroup.connect(self.groups.ungroup)
        self.sources.show_incident.connect(self.follow)
        self.conflicts = QVBoxLayout()
        self.model = HistoryModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        box = QVBoxLayout(self)
        # its history, and the reports of its group with their figures, one page each
        self.pages = QTabWidget(self)
        self.pages.addTab(self.table, "")
        self.pages.addTab(self.sources, "")
        # its victims by name, and the people its reports name not yet recorded
        self.victims = VictimsPanel(desk, runner, self)
        self.victims.message.connect(self.message)
        self.victims.shown.connect(lambda: self.pages.setTabText(2, self.victims.title()))
        self.pages.addTab(self.victims, "")
        self.files = FilesPanel(desk, runner, self)  # its evidence files
        self.files.message.connect(self.message.emit)
        self.files.files_shown.connect(
            lambda _n: self.pages.setTabText(self.pages.indexOf(self.files), self.files.title())
        )
        self.pages.addTab(self.files, "")
        box.addWidget(self.heading)
        box.addWidget(self.sources.bar)
        box.addLayout(self.conflicts)
        box.addWidget(self.pages, 1)
        self.show_incident(None)

    def follow(self, incident_id: str | None) -> None:
        """Show this incident's history (None: none), once read."""
        self.following = incident_id
        self.victims.follow(incident_id)
        self._generation += 1
        generation = self._generation
        if incident_id is None:
            self.show_incident(None)
            return

        def done(view: IncidentView) -> None:
            if generation == self._generation:
                self.show_incident(view)

        self.runner.run(
            lambda: self.desk.incident(incident_id),
            done=done,
            failed=lambda exc: self.message.emit(error_sentence(exc)),
        )

    def _changed(self, changes: Changes) -> None:
        if changes.focus is not None:
            self.follow(changes.focus)
        elif self.following is not None and changes.touches(self.following):
            self.follow(self.following)

    def show_incident(self, view: IncidentView | None) -> None:
        self.view = view
        while self.conflicts.count():
            item = self.conflicts.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.model.set_changes(list(view.history) if view else [])
        self.sources.show_view(view)
        self.files.show_view(view)
        self.pages.setTabText(0, _("History"))
        self.pages.setTabText(1, self.sources.title())
        self.pages.setTabText(2, self.victims.title())
        if view is None:
            self.heading.setText(_("Select an incident to see its history."))
            return
        inc = view.incident
        title = inc.title or inc.id[:8]
        text = ngettext(
            "History of «{title}»: {n} change, newest first",
            "History of «{title}»: {n} changes, newest first",
            len(view.history),
        ).format(title=quote(title), n=format_number(len(view.history)))
        if inc.deleted:
            text += " — " + _("deleted (its history is kept)")
        self.heading.setText(text)
        who = {c.event_id: c for c in view.history}
        for conflict in inc.conflicts:
            box = ConflictBox(conflict, who, self)
            box.chosen.connect(lambda f, v, i=inc.id: self.resolve.emit(i, f, v))
            self.conflicts.addWidget(box)

    def conflict_boxes(self) -> list[ConflictBox]:
        return [
            w
            for i in range(self.conflicts.count())
            if isinstance(w := self.conflicts.itemAt(i).widget(), ConflictBox)  # type: ignore[union-attr]
        ]

    def retranslate(self) -> None:
        self.sources.retranslate()
        self.victims.retranslate()
        self.files.retranslate()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(HISTORY_COLUMNS) - 1)
        self.model.layoutChanged.emit()
        self.show_incident(self.view)
