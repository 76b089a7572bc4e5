"""An incident's victims by name as the window lists them: what is read for the page (off
the UI thread), and the table's rows in the interface's language, a value in conflict or
suggested and not checked marked as the history marks it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from tawthiq.domain.fields import FIELDS, VICTIM
from tawthiq.domain.text import visible
from tawthiq.domain.victims import Victim
from tawthiq.domain.vocab import vocabulary
from tawthiq.i18n import N_, _, digits, field_label, is_rtl, join, quote
from tawthiq.ui.language import text_alignment
from tawthiq.ui.style import SUGGESTED_COLOUR
from tawthiq.ui.values import EMPTY

if TYPE_CHECKING:
    from tawthiq.domain.errors import Sentence
    from tawthiq.services.desk import Desk
    from tawthiq.services.victims import Suggestion

CONFLICT_COLOUR = QColor("#ffe0b2")
UNCHECKED_COLOUR = QColor(SUGGESTED_COLOUR)
# the table's columns: (header, the victim's fields the cell shows)
COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("name_ar", ("name_ar",)),
    ("name_en", ("name_en",)),
    ("sex", ("sex",)),
    (N_("Age or age group"), ("age", "age_group")),
    ("status", ("status",)),
    ("relation", ("relation",)),
    ("occupation", ("occupation", "occupation_note")),
    ("public", ("public",)),
    ("report_ids", ("report_ids",)),
    ("same_person_as", ("same_person_as",)),
)


@dataclass(frozen=True)
class VictimsRead:
    """Everything the victims page shows of one incident."""

    incident_id: str
    victims: list[Victim]
    reports: dict[str, str]  # a report's id -> how it is named (its outlet)
    texts: dict[str, str]  # a report's id -> its words (for a suggestion's evidence)
    suggestions: list[Suggestion] = field(default_factory=list)
    problems: list[Sentence] = field(default_factory=list)
    # a victim's id -> the victims of other incidents recorded as the same person
    links: dict[str, list[Victim]] = field(default_factory=dict)


def read_victims(desk: Desk, incident_id: str) -> VictimsRead:
    """In a worker: the incident's victims, the reports naming them, the people its reports
    name who are not recorded yet, and where the named victims say more than its counts."""
    victims = desk.victims.of(incident_id)
    suggestions = desk.victims.suggested(incident_id)
    ids = {r for v in victims for r in v.report_ids} | {s.report_id for s in suggestions}
    reports = desk.victims.reports(
        Victim(id="", incident_id=incident_id, report_ids=tuple(sorted(ids)))
    )
    named = {r.id: r.outlet or r.id[:8] for r in reports}
    texts = {r.id: r.text or "" for r in reports}
    links = {v.id: others for v in victims if (others := desk.victims.same_person(v))}
    return VictimsRead(
        incident_id, victims, named, texts, suggestions, desk.victims.problems(incident_id), links
    )


def code_label(vocab: str, code: Any) -> str:
    try:
        return vocabulary(vocab).label(str(code), "ar" if is_rtl() else "en")
    except Exception:  # a code of a later release: shown as written
        return str(code)


def victim_value(name: str, value: Any) -> str:
    """One field of a victim as the interface reads it."""
    if value is None or value == "" or value == []:
        return ""
    if name == "sex":
        return code_label("sex", value)
    if name == "age_group":
        return code_label("age_group", value)
    if name == "status":
        return code_label("victim_status", value)
    if name == "occupation":
        return code_label("occupation", value)
    if name == "public":
        return _("yes") if value else _("no")
    if name == "age":
        return digits(str(value))
    if isinstance(value, list | tuple):
        return join(str(v) for v in value)
    return visible(str(value))


def header(column: int) -> str:
    name = COLUMNS[column][0]
    return field_label(name, VICTIM) if name in FIELDS[VICTIM] else _(name)


class VictimsModel(QAbstractTableModel):
    """Rows are the incident's victims, in the order they were recorded."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.victims: list[Victim] = []
        self.reports: dict[str, str] = {}
        self.links: dict[str, list[Victim]] = {}

    def set_victims(
        self,
        victims: list[Victim],
        reports: dict[str, str],
        links: dict[str, list[Victim]] | None = None,
    ) -> None:
        self.beginResetModel()
        self.victims, self.reports = list(victims), dict(reports)
        self.links = dict(links or {})
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.victims)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return header(section)
        return None

    def text(self, v: Victim, column: int) -> str:
        fields = COLUMNS[column][1]
        if fields == ("age", "age_group"):
            if v.age is not None:
                return victim_value("age", v.age)
            return victim_value("age_group", v.age_group) or EMPTY
        if fields[0] == "occupation" and v.occupation == "other" and v.occupation_note:
            return visible(v.occupation_note)
        if fields == ("same_person_as",):
            from tawthiq.ui.victim_link import linked_text

            return linked_text(self.links.get(v.id, [])) or EMPTY
        if fields == ("report_ids",):
            return join(quote(self.reports.get(r, r[:8])) for r in v.report_ids) or EMPTY
        return victim_value(fields[0], v.values.get(fields[0])) or EMPTY

    def conflicts(self, v: Victim, column: int) -> list[str]:
        """The values of the cell's fields written without seeing each other."""
        fields = COLUMNS[column][1]
        return [
            " / ".join(victim_value(c.field, x) or EMPTY for x in c.values)
            for c in v.conflicts
            if c.field in fields
        ]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or index.row() >= len(self.victims):
            return None
        v, column = self.victims[index.row()], index.column()
        fields = COLUMNS[column][1]
        if role == Qt.ItemDataRole.DisplayRole:
            text = self.text(v, column)
            return f"⚠ {text}" if self.conflicts(v, column) else text
        if role == Qt.ItemDataRole.BackgroundRole:
            if self.conflicts(v, column):
                return CONFLICT_COLOUR
            if any(f in v.unchecked for f in fields):
                return UNCHECKED_COLOUR
        if role == Qt.ItemDataRole.ToolTipRole:
            if shown := self.conflicts(v, column):
                return _("In conflict: {values}").format(values=join(shown, strong=True))
            if any(f in v.unchecked for f in fields):
                return _("Suggested from a report; no person has checked it yet")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return text_alignment(self.text(v, column))
        return None
