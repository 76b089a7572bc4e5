"""Many reports, one incident, in the real window (pytest-qt, offscreen) on a real database:
the reports of an incident and their figures, a pasted report added to an incident kept
(or saved as a new one, as the person chooses), a pair judged the same kept as one, and a
grouping undone."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from tests.conftest import listed, paste_and_read, plain

from tawthiq.services.desk import Desk
from tawthiq.ui.group_dialogs import AddOrNewDialog, GroupIntoDialog
from tawthiq.ui.sources_panel import RAISED

ARABIC = (
    "إدلب، 6 تشرين الثاني 2022 - مراسل محلي\n"
    "قُتل ستة مدنيين بينهم طفلان، وأصيب 20 آخرون، صباح اليوم الأحد، بقصف صاروخي لقوات "
    "النظام على مخيم مرام شمالي إدلب، بحسب الدفاع المدني.\n"
)
ENGLISH_BODY = (
    "Nine civilians, among them three children, were killed and 75 injured on Sunday "
    "morning when government forces shelled Maram camp north of Idlib with rockets, the "
    "Civil Defence said.\n"
)
ENGLISH = "Idlib, 6 November 2022 - " + ENGLISH_BODY


def _answer(qtbot, kind: type, act: Callable[[QWidget], None]) -> list[QWidget]:  # type: ignore[no-untyped-def]
    """When a dialog of ``kind`` is open (it is modal: the test waits inside it), ``act``
    on it as a person would; the dialogs seen are returned."""
    seen: list[QWidget] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible():
            seen.append(dialog)
            try:
                act(dialog)
            except Exception as exc:  # the test fails; the dialog must not wait forever
                seen.append(exc)  # type: ignore[arg-type]
                dialog.reject()
                raise
        else:
            QTimer.singleShot(30, look)

    QTimer.singleShot(30, look)
    return seen


def _save(qtbot, window) -> str:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.review.saved, timeout=20_000) as saved:
        QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    return str(saved.args[0])


def _cells(panel) -> list[list[str]]:  # type: ignore[no-untyped-def]
    model = panel.model
    return [
        [plain(model.index(r, c).data() or "") for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def _click_row(qtbot, table, row: int) -> None:  # type: ignore[no-untyped-def]
    rect = table.visualRect(table.model().index(row, 1))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _kept(ws) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """One incident resting on two reports (6, then 9 killed), as the window saves them;
    and a third incident of the same attack recorded on its own."""
    desk = Desk(ws)
    values = desk.read_report(ARABIC).drafts[0].values
    first = desk.save(values, report={"text": ARABIC, "outlet": "Enab Baladi",
                                      "publication_date": "2022-11-06"}).incident_id  # fmt: skip
    english = desk.read_report(ENGLISH).drafts[0].values
    desk.groups.add_to(first, english, report={"text": ENGLISH, "outlet": "SANA",
                                               "publication_date": "2022-11-07"})  # fmt: skip
    other = desk.save({**values, "killed": 7, "title_en": "Maram camp, told again"}).incident_id
    return first, other


def test_the_incident_shows_each_reports_figures_and_their_range(qtbot, window_factory, ws) -> None:  # type: ignore[no-untyped-def]
    first, _other = _kept(ws)
    window = window_factory()
    window.tabs.setCurrentIndex(1)
    listed(qtbot, window.incidents)
    row = next(r for r in range(window.incidents.model.rowCount())
               if window.incidents.model.rows[r].id == first)  # fmt: skip
    _click_row(qtbot, window.incidents.table, row)
    sources = window.history.sources
    qtbot.waitUntil(lambda: sources.view is not None and sources.view.incident.id == first)
    pages = window.history.pages
    assert pages.tabText(1) == "Reports and their figures (2)"
    tab = pages.tabBar().tabRect(1).center()
    QTest.mouseClick(pages.tabBar(), Qt.MouseButton.LeftButton, pos=tab)
    assert sources.table.isVisible()
    header = [sources.model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
              for c in range(sources.model.columnCount())]  # fmt: skip
    assert header == ["", "Report", "Published", "Killed", "Children killed", "Injured"]
    rows = _cells(sources)
    assert rows[0][1:] == ["The documenter's figures", "", "6", "2", "20"]
    assert rows[1] == ["", "Enab Baladi", "November 6, 2022", "6", "2", "20"]
    assert rows[2] == [RAISED, "SANA", "November 7, 2022", "9", "3", "75"]
    assert rows[3][1:] == ["Range across the reports", "", "6–9", "2–3", "20–75"]
    tip = sources.model.index(2, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "raised the toll" in tip
    assert not sources.grouped.isVisible() and sources.into.isVisible()


def test_a_second_report_pasted_and_added_leaves_one_incident(qtbot, window, ws) -> None:  # type: ignore[no-untyped-def]
    paste_and_read(qtbot, window, ARABIC)
    first = _save(qtbot, window)

    def add(dialog: AddOrNewDialog) -> None:
        assert dialog.options[0].isChecked()  # a strong match, chosen to begin with
        assert first[:8] in plain(dialog.options[0].text())
        QTest.keyClick(dialog, Qt.Key.Key_Return)

    paste_and_read(qtbot, window, ENGLISH)
    seen = _answer(qtbot, AddOrNewDialog, add)
    assert _save(qtbot, window) == first and seen
    listed(qtbot, window.incidents)
    qtbot.waitUntil(lambda: window.incidents.model.total == 1)
    view = Desk(ws).incident(first)
    assert len(view.reports) == 2 and view.sources is not None
    assert [r.figures["killed"].max for r in view.sources.per_source] == [6, 9]
    assert "Added the report to incident" in plain(window.statusBar().currentMessage())
    # the form now shows that incident, as kept: nothing left unsaved, its own toll
    assert window.review.form.cells["killed"].value()["max"] == 6
    assert not window.review.dirty
    # beside the report, the reports of that incident and what each said
    pages = window.review.report_pages
    assert pages.tabBar().isVisible() and pages.tabText(1) == "Reports and their figures (2)"
    QTest.mouseClick(pages.tabBar(), Qt.MouseButton.LeftButton,
                     pos=pages.tabBar().tabRect(1).center())  # fmt: skip
    shown = window.review.sources
    assert shown.table.isVisible() and not shown.bar.isVisible()
    assert [plain(shown.model.index(r, 3).data()) for r in range(4)] == ["6", "6", "9", "6–9"]
    # a new report: the report alone again
    window.review.new_report(ask=False)
    assert not pages.tabBar().isVisible() and pages.currentWidget() is window.review.report


def test_choosing_a_new_incident_makes_two(qtbot, window, ws) -> None:  # type: ignore[no-untyped-def]
    paste_and_read(qtbot, window, ARABIC)
    first = _save(qtbot, window)

    def new(dialog: AddOrNewDialog) -> None:
        on_words = QPoint(12, dialog.new.height() // 2)  # its circle (left to right)
        QTest.mouseClick(dialog.new, Qt.MouseButton.LeftButton, pos=on_words)
        assert dialog.new.isChecked()
        QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    paste_and_read(qtbot, window, ENGLISH)
    seen = _answer(qtbot, AddOrNewDialog, new)
    second = _save(qtbot, window)
    assert seen and second != first
    listed(qtbot, window.incidents)
    qtbot.waitUntil(lambda: window.incidents.model.total == 2)
    assert len(Desk(ws).incident(first).reports) == 1


def test_a_guessed_day_is_offered_but_not_chosen(qtbot, window, ws) -> None:  # type: ignore[no-untyped-def]
    """A report with no day of its own is read against today: the incident of 6 November
    is not offered for a report of "Sunday" read now, and one of this Sunday is offered,
    never chosen for the person."""
    paste_and_read(qtbot, window, ARABIC.replace("، 6 تشرين الثاني 2022", ""))
    first = _save(qtbot, window)
    offered: list[tuple[bool, bool]] = []

    def cancel(dialog: AddOrNewDialog) -> None:
        offered.append((dialog.options[0].isChecked(), dialog.new.isChecked()))
        QTest.keyClick(dialog, Qt.Key.Key_Escape)

    paste_and_read(qtbot, window, ENGLISH_BODY)
    _answer(qtbot, AddOrNewDialog, cancel)
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: offered == [(False, True)], timeout=20_000)
    qtbot.waitUntil(lambda: "Not saved." in window.statusBar().currentMessage())
    assert len(Desk(ws).incident(first).reports) == 1
    assert window.incidents.model.total == 1


def test_the_same_pair_is_kept_as_one_and_undone(qtbot, window_factory, ws) -> None:  # type: ignore[no-untyped-def]
    first, other = _kept(ws)
    window = window_factory()
    listed(qtbot, window.incidents)
    assert window.incidents.model.total == 2
    window.actions_["duplicates"].trigger()
    qtbot.waitUntil(
        lambda: window.sync.duplicates is not None and bool(window.sync.duplicates.rows)
    )
    dialog = window.sync.duplicates
    row = dialog.rows[0]
    assert row.same.text() == "The same incident: keep them as one"
    QTest.mouseClick(row.same, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.incidents.model.total == 1, timeout=10_000)
    assert row.undo.isVisible() and "Kept as one incident" in row.verdict.text()
    view = Desk(ws).incident(first)
    assert view.members == (other,) and len(view.reports) == 2
    QTest.mouseClick(row.undo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.incidents.model.total == 2, timeout=10_000)
    assert not row.undo.isVisible() and Desk(ws).incident(first).members == ()


def test_an_incident_is_grouped_into_another_and_stands_alone_again(
    qtbot, window_factory, ws
) -> None:  # type: ignore[no-untyped-def]
    first, other = _kept(ws)
    window = window_factory()
    window.tabs.setCurrentIndex(1)
    listed(qtbot, window.incidents)
    assert window.incidents.select(other)
    sources = window.history.sources
    qtbot.waitUntil(lambda: sources.view is not None and sources.view.incident.id == other)

    def pick(dialog: GroupIntoDialog) -> None:
        assert dialog.list.count() == 1 and first[:8] in plain(dialog.list.item(0).text())
        QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    seen = _answer(qtbot, GroupIntoDialog, pick)
    QTest.mouseClick(sources.into, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.incidents.model.total == 1, timeout=10_000)
    assert seen
    # the incident it went into names it, and the grouped one says where it went
    qtbot.waitUntil(lambda: sources.view is not None and sources.view.incident.id == first)
    assert "1 incident grouped into this one" in plain(sources.members.text())
    sources.members.linkActivated.emit(other)  # the person follows the link
    qtbot.waitUntil(lambda: sources.view is not None and sources.view.incident.id == other)
    assert sources.grouped.isVisible() and first[:8] in plain(sources.grouped.text())
    QTest.mouseClick(sources.alone, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.incidents.model.total == 2, timeout=10_000)
    qtbot.waitUntil(lambda: not sources.grouped.isVisible())


def test_an_id_typed_groups_into_that_incident(qtbot, window_factory, ws) -> None:  # type: ignore[no-untyped-def]
    first, other = _kept(ws)
    window = window_factory()
    listed(qtbot, window.incidents)
    window.tabs.setCurrentIndex(1)
    assert window.incidents.select(first)
    sources = window.history.sources
    qtbot.waitUntil(lambda: sources.view is not None and sources.view.incident.id == first)

    def typed(dialog: GroupIntoDialog) -> None:
        dialog.typed.setFocus()
        QTest.keyClicks(dialog.typed, other[:8])
        QTest.keyClick(dialog.typed, Qt.Key.Key_Return)

    _answer(qtbot, GroupIntoDialog, typed)
    QTest.mouseClick(sources.into, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.incidents.model.total == 1, timeout=10_000)
    assert Desk(ws).incident(other).members == (first,)


def test_the_reports_read_right_to_left_in_arabic_and_nothing_is_cut(  # type: ignore[no-untyped-def]
    qtbot, window_factory, ws
) -> None:
    from tawthiq.services.settings import Settings

    first, _other = _kept(ws)
    window = window_factory()
    window.apply_settings(Settings(author="Amal", language="ar"))
    window.tabs.setCurrentIndex(1)
    listed(qtbot, window.incidents)
    assert window.incidents.select(first)
    sources, pages = window.history.sources, window.history.pages
    qtbot.waitUntil(lambda: sources.view is not None and sources.view.incident.id == first)
    QTest.mouseClick(pages.tabBar(), Qt.MouseButton.LeftButton,
                     pos=pages.tabBar().tabRect(1).center())  # fmt: skip
    qtbot.waitUntil(sources.table.isVisible)
    table, model = sources.table, sources.model
    assert table.layoutDirection() == Qt.LayoutDirection.RightToLeft
    # the mark first, on the right; the report's name to its left
    mark, name = (table.visualRect(model.index(2, c)) for c in (0, 1))
    assert mark.left() > name.left()
    metrics = table.fontMetrics()
    for c in range(model.columnCount()):
        words = [model.index(r, c).data() or "" for r in range(model.rowCount())]
        widest = max(metrics.horizontalAdvance(plain(w)) for w in words)
        assert widest < table.columnWidth(c), (c, words, table.columnWidth(c))
    assert [plain(model.index(r, 3).data()) for r in range(model.rowCount())] == [
        "6", "6", "9", "6–9"
    ]  # fmt: skip
