"""The window's item models over real service data, tested without any widget."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from tests.conftest import plain

from tawthiq import services
from tawthiq.i18n import setup_i18n
from tawthiq.services.desk import Desk
from tawthiq.store import IncidentFilter
from tawthiq.ui.history_panel import CONFLICT_COLOUR, HistoryModel
from tawthiq.ui.list_model import GOVERNORATE, KILLED, PAGE, TYPE, IncidentTableModel
from tawthiq.ui.values import combined, value_text

GOVERNORATES = ("Idlib", "Aleppo", "Hama")


def _fill(ws: services.Workspace, n: int) -> None:
    with ws.writing() as w:
        services.incidents.create_incidents(
            w,
            [
                {
                    "title_en": f"Shelling {i}",
                    "date_start": f"2022-{1 + i % 12:02d}-{1 + i % 28:02d}",
                    "governorate": GOVERNORATES[i % 3],
                    "incident_type": "shelling_artillery_missile",
                    "killed": i % 40,
                }
                for i in range(n)
            ],
        )


def test_the_list_loads_a_page_at_a_time(ws: services.Workspace) -> None:
    _fill(ws, PAGE * 2 + 50)
    desk = Desk(ws)
    model = IncidentTableModel(desk.page, desk.count)
    model.reload()
    assert model.total == PAGE * 2 + 50
    assert model.rowCount() == PAGE and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == PAGE * 2 + 50 and not model.canFetchMore(QModelIndex())
    assert len({inc.id for inc in model.rows}) == PAGE * 2 + 50  # no page twice
    dates = [inc.date_start for inc in model.rows]
    assert dates == sorted(dates, reverse=True)  # newest first


def test_the_first_page_shows_before_the_matches_are_counted(ws: services.Workspace) -> None:
    """A search matching most of 100,000 incidents on a team server took 0.65 s to count
    and 4 ms to page: the page is shown first; a list shorter than a page is not counted."""
    _fill(ws, PAGE + 10)
    desk = Desk(ws)
    jobs: list[tuple[object, object]] = []
    counts: list[IncidentFilter] = []

    def later(read, done, failed):  # type: ignore[no-untyped-def]
        jobs.append((read, done))

    def count(flt: IncidentFilter) -> int:
        counts.append(flt)
        return desk.count(flt)

    model = IncidentTableModel(desk.page, count, run=later)
    model.reload()
    read, done = jobs.pop(0)
    done(read())  # type: ignore[operator]
    assert model.rowCount() == PAGE and model.counting and counts == []
    read, done = jobs.pop(0)
    done(read())  # type: ignore[operator]
    assert not model.counting and model.total == PAGE + 10 and len(counts) == 1
    model.reload(IncidentFilter(governorate="Aleppo"))  # fewer than a page: no count asked
    read, done = jobs.pop(0)
    done(read())  # type: ignore[operator]
    assert jobs == [] and len(counts) == 1 and not model.counting
    assert model.total == model.rowCount() > 0


def test_the_list_sorts_and_filters_in_the_database(ws: services.Workspace) -> None:
    _fill(ws, 90)
    desk = Desk(ws)
    model = IncidentTableModel(desk.page, desk.count)
    model.reload()
    model.sort(KILLED, Qt.SortOrder.AscendingOrder)
    killed = [model.rows[r].killed.max for r in range(model.rowCount())]  # type: ignore[union-attr]
    assert killed == sorted(killed) and killed[0] == 0 and killed[-1] == 39
    model.sort(KILLED, Qt.SortOrder.DescendingOrder)
    assert plain(model.index(0, KILLED).data()) == "39"
    model.reload(IncidentFilter(governorate="Aleppo"))
    assert model.total == 30
    assert {model.index(r, GOVERNORATE).data() for r in range(model.rowCount())} == {"Aleppo"}


def test_cells_speak_the_interface_language(ws: services.Workspace) -> None:
    _fill(ws, 3)
    desk = Desk(ws)
    model = IncidentTableModel(desk.page, desk.count)
    model.reload(IncidentFilter(governorate="Idlib"))
    assert model.index(0, TYPE).data() == "Shelling/artillery/missile attack"
    assert model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == "Date"
    setup_i18n("ar", arabic_digits=True)
    assert model.index(0, GOVERNORATE).data() == "إدلب"
    assert model.index(0, TYPE).data() == "قصف مدفعي أو صاروخي"
    assert model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == "التاريخ"
    assert model.index(0, 0).data() == "٢٠٢٢-٠١-٠١"


def test_history_rows_are_newest_first_and_conflicts_are_marked(
    ws: services.Workspace, killed_conflict: str
) -> None:
    view = Desk(ws).incident(killed_conflict)
    model = HistoryModel()
    model.set_changes(list(view.history))
    assert model.rowCount() == 6  # title, killed, status and confidentiality; 9; Basel's 8
    newest = [plain(model.index(0, c).data()) for c in range(6)]
    assert newest[1] == "Basel" and newest[3] == "Killed" and newest[4:] == ["6", "8"]
    marked = [
        r for r in range(6) if model.index(r, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    ]
    assert {plain(model.index(r, 5).data()) for r in marked} == {"8", "9"}
    assert model.index(marked[0], 0).data(Qt.ItemDataRole.BackgroundRole) == CONFLICT_COLOUR


def test_values_read_as_a_documenter_writes_them() -> None:
    assert value_text("weapons", ["cluster_munition", "rocket"]) == "Cluster munitions, Rockets"
    # a range or a vague figure is isolated, so it keeps its order in Arabic text
    assert value_text("killed", {"min": 9, "max": 12, "approximate": True}) == "\u20669–12\u2069"
    assert plain(value_text("killed", {"min": 9, "max": 9, "approximate": True})) == "≈9"
    assert value_text("narrative", None) == "—"
    setup_i18n("ar")
    assert value_text("weapons", ["cluster_munition", "rocket"]) == "ذخائر عنقودية، صواريخ"
    assert combined("killed", [{"min": 9, "max": 9}, {"min": 8, "max": 8}]) == {
        "min": 8,
        "max": 9,
        "approximate": True,
    }
    assert combined("weapons", [["rocket"], ["rocket", "mortar"]]) == ["rocket", "mortar"]
