"""The window as a whole: languages and direction, the list, history and conflicts, long work."""

from __future__ import annotations

import re
import time

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLabel, QPushButton
from tests.conftest import listed, plain

from tawthiq import services
from tawthiq.domain.errors import Cancelled
from tawthiq.services.desk import Desk
from tawthiq.services.settings import Settings, load_settings
from tawthiq.store import IncidentFilter
from tawthiq.ui.long_work import run_long
from tawthiq.ui.settings_dialog import SettingsDialog


def _seed(ws: services.Workspace) -> list[str]:
    with ws.writing() as w:
        ids = services.incidents.create_incidents(
            w,
            [
                {"title_ar": "قصف مخيم مرام للنازحين", "date_start": "2022-11-06",
                 "governorate": "Idlib", "incident_type": "shelling_artillery_missile",
                 "perpetrators": ["syrian_government"], "killed": 9},
                {"title_en": "Air strike on al-Bab market", "date_start": "2022-02-02",
                 "governorate": "Aleppo", "incident_type": "air_drone_strike",
                 "perpetrators": ["russia"], "killed": 8, "confidentiality": "public"},
                {"title_en": "Mortar fire on Masyaf", "date_start": "2022-05-13",
                 "governorate": "Hama", "incident_type": "shelling_artillery_missile",
                 "status": "reviewed"},
            ],
        )  # fmt: skip
    return ids


def test_switching_to_arabic_mirrors_the_window_and_keeps_unsaved_work(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    form = window.review.form
    form.cells["title_en"].editor.setText("Shelling near the M4 road")
    form.cells["killed"].editor.setText("4")
    window.apply_settings(Settings(author="Amal", language="ar", arabic_digits=True))
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.tabs.tabText(0) == "التقرير والاستمارة"
    assert window.review.save_button.text() == "حفظ الحادثة"
    assert form._labels["place_name"].text() == "المكان"
    assert form.cells["incident_type"].editor.itemText(1) == "غارة جوية أو بطائرة مسيّرة"
    assert window.file_menu.title() == "&ملف"
    # nothing typed was lost, and an English title stays left to right in the Arabic window
    assert form.cells["title_en"].value() == "Shelling near the M4 road"
    assert form.cells["killed"].value()["max"] == 4
    assert form.cells["title_en"].editor.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert load_settings().language == "ar"  # kept for the next start
    # Qt's own dialogs speak Arabic too
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "ألغِ"  # Qt's word
    # the file dialog (Import, Read report files) too, where Qt's catalog has gaps
    files = QFileDialog(window, "x")
    files.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    labels = [label.text() for label in files.findChildren(QLabel) if label.text()]
    assert labels and not [t for t in labels if re.search("[A-Za-z]", t)], labels
    files.deleteLater()
    window.apply_settings(Settings(author="Amal", language="en"))
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert window.tabs.tabText(0) == "Report and form"


def test_a_second_switch_of_language_takes_the_first_ones_arabic_away(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Qt's Arabic catalog belongs to the application, not to the switch that installed it:
    an English window after an Arabic one speaks English in Qt's own words too."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from tawthiq.ui.language import Language

    app = QApplication.instance()
    Language(app).apply("ar")
    assert QCoreApplication.translate("QFileSystemModel", "%1 KB") == "%1 ك.بايت"
    assert QCoreApplication.translate("QAbstractFileIconProvider", "Folder") == "مجلّد"
    Language(app).apply("en")
    assert QCoreApplication.translate("QFileSystemModel", "%1 KB") == "%1 KB"
    assert QCoreApplication.translate("QAbstractFileIconProvider", "Folder") == "Folder"


def _file_list(qtbot, folder) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """What the open dialog's file list shows for each file of ``folder``: name, size, kind."""
    from tawthiq.ui.file_dialogs import file_dialog

    dialog = file_dialog(None, "x", "All files (*)")
    dialog.setDirectory(str(folder))
    dialog.show()
    proxy = dialog.proxyModel()
    root = proxy.mapFromSource(proxy.sourceModel().index(str(folder)))
    qtbot.waitUntil(lambda: proxy.rowCount(root) == 2 and bool(proxy.index(1, 1, root).data()))
    rows = {}
    for r in range(proxy.rowCount(root)):
        name, size, kind = (proxy.index(r, c, root).data() for c in range(3))
        rows[name] = [size, kind]
    dialog.close()
    dialog.deleteLater()
    return rows


def test_the_file_dialog_lists_files_in_the_interface_language(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Qt's list wrote "Folder", "PDF document" and "19.5 KiB" in the Arabic window."""
    from PySide6.QtCore import QCoreApplication

    folder = tmp_path / "files"
    (folder / "reports").mkdir(parents=True)
    (folder / "x.pdf").write_bytes(b"%PDF-1.4\n" + b"0" * 20_000)
    window.apply_settings(Settings(author="Amal", language="ar"))
    assert QCoreApplication.translate("QFileDialog", "Open") == "افتح"  # Qt's own catalog
    rows = _file_list(qtbot, folder)
    assert rows["reports"][1] == "مجلّد"
    size, kind = rows["x.pdf"]
    assert size == "19.5 ك.بايت" and kind == "مستند PDF"
    window.apply_settings(Settings(author="Amal", language="en"))
    assert _file_list(qtbot, folder) == {
        "reports": ["", "Folder"],
        "x.pdf": ["19.5 KB", "PDF document"],
    }


def test_the_list_filters_searches_and_counts(qtbot, window, ws) -> None:  # type: ignore[no-untyped-def]
    _seed(ws)
    incidents = window.incidents
    incidents.refresh()
    listed(qtbot, incidents)
    assert incidents.model.total == 3 and incidents.count.text() == "3 incidents"
    incidents.search.setText("للنازحين")  # finds "النازحين" through the Arabic stemmer
    incidents.apply_filter()
    listed(qtbot, incidents)
    assert incidents.model.total == 1 and incidents.count.text() == "1 incident"
    assert incidents.model.rows[0].governorate == "Idlib"
    incidents.search.setText("")
    incidents.governorate.set_value("Aleppo")
    incidents.apply_filter()
    listed(qtbot, incidents)
    assert [r.title for r in incidents.model.rows] == ["Air strike on al-Bab market"]
    incidents.governorate.set_value(None)
    incidents.type.set_value("shelling_artillery_missile")
    incidents.status.set_value("reviewed")
    incidents.apply_filter()
    listed(qtbot, incidents)
    assert [r.title for r in incidents.model.rows] == ["Mortar fire on Masyaf"]
    incidents.status.set_value(None)
    incidents.date_from.set_value("2022-05-01")
    incidents.apply_filter()
    listed(qtbot, incidents)
    assert incidents.model.total == 2
    incidents.type.set_value(None)
    incidents.perpetrator.set_value("russia")
    incidents.date_from.set_value(None)
    incidents.apply_filter()
    listed(qtbot, incidents)
    assert incidents.model.total == 1


def test_the_search_box_follows_typing_after_a_pause(qtbot, window, ws) -> None:  # type: ignore[no-untyped-def]
    _seed(ws)
    window.incidents.refresh()
    listed(qtbot, window.incidents)
    QTimer.singleShot(0, window.find_incidents)
    qtbot.wait(50)
    assert window.tabs.currentIndex() == 1
    qtbot.keyClicks(window.incidents.search, "Masyaf")
    qtbot.waitUntil(lambda: window.incidents.model.total == 1, timeout=3000)


def test_a_conflict_is_shown_side_by_side_and_resolved_by_a_choice(  # type: ignore[no-untyped-def]
    qtbot, window, ws, killed_conflict
) -> None:
    incident_id = killed_conflict
    window.incidents.refresh(keep=incident_id)
    listed(qtbot, window.incidents)
    qtbot.waitUntil(lambda: len(window.history.conflict_boxes()) == 1, timeout=5000)
    box = window.history.conflict_boxes()[0]
    labels = [plain(b.text()) for b in box.findChildren(type(window.review.save_button))]
    assert any(t.startswith("Keep «9» (Amal") for t in labels)
    assert any(t.startswith("Keep «8» (Basel") for t in labels)
    assert "Combine: «8–9»" in labels
    keep_nine = next(b for b in box.findChildren(type(window.review.save_button))
                     if plain(b.text()).startswith("Keep «9»"))  # fmt: skip
    rows = window.history.model.rowCount()
    keep_nine.click()
    qtbot.waitUntil(lambda: window.history.model.rowCount() == rows + 1, timeout=5000)
    assert window.history.conflict_boxes() == []
    with ws.db.read() as s:
        inc = services.incidents.get_incident(s, incident_id)
    assert inc.conflicts == () and inc.killed is not None and inc.killed.max == 9
    newest = window.history.model.changes[0]
    assert newest.author == "Amal" and len(newest.old) == 2  # it saw both values


def test_reading_a_long_report_leaves_the_window_responsive(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """The window's event loop keeps turning all through a long reading: counted in passes of
    the extractor seen by a timer, not in seconds (bench/bench_responsive.py prints the
    figures)."""
    paragraph = (
        "قُتل تسعة مدنيين، بينهم ثلاثة أطفال وامرأة، وأصيب 75 آخرون جراء قصف صاروخي استهدف "
        "مخيم مرام للنازحين قرب بلدة كفر جالس شمال غربي إدلب.\n"
    )
    text = paragraph * 300  # about 45 KB, read four times over: pure Python in the worker
    passes = 4
    read = window.desk.read_report
    stage: list[int | None] = [None]  # the pass the worker is in, None outside them

    def read_in_passes(text, ref):  # type: ignore[no-untyped-def]
        for i in range(passes):
            stage[0] = i
            reading = read(text, ref)
        stage[0] = None
        return reading

    window.desk.read_report = read_in_passes
    seen: set[int] = set()
    timer = QTimer(interval=10)
    timer.timeout.connect(lambda: stage[0] is not None and seen.add(stage[0]))
    timer.start()
    window.review.start(text)
    assert window.review.reading  # the extractor runs in a worker, not in start()
    qtbot.waitUntil(lambda: not window.review.reading, timeout=60_000)
    timer.stop()
    assert seen == set(range(passes))  # the timer fired during every pass, not only after
    assert window.review.form.cells["killed"].value() is not None


def test_long_work_shows_progress_and_stops_when_asked(qtbot, window, ws) -> None:  # type: ignore[no-untyped-def]
    _seed(ws)
    desk = Desk(ws)
    with ws.db.read() as s:
        before = services.maintenance.state_digest(s)
    seen: list[tuple[int, int]] = []

    def slow_rebuild(progress):  # type: ignore[no-untyped-def]
        def tell(done: int, total: int) -> None:
            seen.append((done, total))
            progress(done, total)
            time.sleep(0.05)

        for _ in range(100):  # the real rebuild, asked to report often, until stopped
            desk.trail.rebuild(tell)

    said: list[str] = []
    handle, dialog = run_long(window, window.runner, "Rebuilding…", slow_rebuild,
                              done=lambda r: said.append("done"), said=said.append)  # fmt: skip
    qtbot.waitUntil(lambda: len(seen) >= 3, timeout=10_000)
    assert dialog.maximum() >= 1
    stop = dialog.findChild(QPushButton)
    assert stop.text() == "Stop"
    stop.click()
    qtbot.waitUntil(lambda: bool(said), timeout=10_000)
    assert handle.cancelled and said == ["Stopped: nothing of the unfinished part was kept."]
    with ws.db.read() as s:
        assert services.maintenance.state_digest(s) == before
        assert services.maintenance.verify(s).ok


def test_a_stopped_rebuild_changes_nothing(ws) -> None:  # type: ignore[no-untyped-def]
    _seed(ws)
    with ws.db.read() as s:
        before = services.maintenance.state_digest(s)

    def stop(done: int, total: int) -> None:
        if done:
            raise Cancelled("stopped")

    with pytest.raises(Cancelled):
        Desk(ws).trail.rebuild(stop)
    with ws.db.read() as s:
        assert services.maintenance.state_digest(s) == before
        assert services.incidents.count_incidents(s, IncidentFilter()) == 3


def test_the_menus_and_shortcuts_reach_every_action(window) -> None:  # type: ignore[no-untyped-def]
    shortcuts = {k: a.shortcut().toString() for k, a in window.actions_.items()}
    assert shortcuts["new"] == "Ctrl+N" and shortcuts["paste"] == "Ctrl+Shift+V"
    assert shortcuts["save"] == "Ctrl+S" and shortcuts["find"] == "Ctrl+F"
    assert shortcuts["export"] == "Ctrl+E"
    assert shortcuts["lock"] == "Ctrl+Shift+L"
    in_menus = {a for m in (window.file_menu, window.edit_menu, window.tools_menu,
                            window.safety.menu, window.help_menu) for a in m.actions()}  # fmt: skip
    assert set(window.actions_.values()) <= in_menus


def test_the_first_start_asks_for_a_name(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(Settings(), first_run=True)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Welcome to Tawthiq" and not dialog.intro.isHidden()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result() == 0 and "Write your name" in dialog.error.text()
    dialog.author.setText("Amal")
    dialog.language.setCurrentIndex(dialog.language.findData("ar"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result() == 1
    chosen = dialog.result_settings(Settings())
    assert chosen.author == "Amal" and chosen.language == "ar" and chosen.complete


def test_printing_writes_the_report_with_progress(qtbot, window, ws, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tawthiq.services.values import ReportOptions

    ids = _seed(ws)
    window.incidents.refresh()
    listed(qtbot, window.incidents)
    window.work.show_reports = False  # no PDF viewer in a test
    one = tmp_path / "one.pdf"
    window.work.write_report(one, ReportOptions(author="Amal"), ids=(ids[0],))
    qtbot.waitUntil(lambda: "Report written" in window.statusBar().currentMessage(), timeout=30_000)
    assert (
        one.read_bytes().startswith(b"%PDF") and "1 incident" in window.statusBar().currentMessage()
    )
    window.incidents.governorate.set_value("Aleppo")
    window.incidents.apply_filter()
    listed(qtbot, window.incidents)
    shown = tmp_path / "listed.pdf"

    class WholeList:  # the report dialog's answer: the whole list, public
        whole_list = True

        def options(self, author: str) -> ReportOptions:
            return ReportOptions(public=True)

    window.work.ask_report = lambda title, **_k: WholeList()
    window.work.ask_report_path = lambda name: shown if name == "incidents.pdf" else None
    window.print_report()
    qtbot.waitUntil(lambda: shown.exists(), timeout=30_000)
    import subprocess

    text = subprocess.run(["pdftotext", str(shown), "-"], capture_output=True, text=True).stdout
    assert "Air strike on al-Bab market" in text and "Mortar fire on Masyaf" not in text
    assert "governorate Aleppo" in text  # the summary says how the incidents were chosen


def test_the_views_refresh_themselves_from_what_an_operation_changed(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    incidents, history = window.incidents, window.history
    assert incidents.model.total == 0
    # an operation run by no view at all: the list and the history still follow it
    window.runner.run(lambda: window.desk.save({"title_en": "Mortar fire on Masyaf"}))
    qtbot.waitUntil(lambda: incidents.model.total == 1, timeout=5000)
    assert incidents.count.text() == "1 incident"
    first = incidents.model.rows[0]
    qtbot.waitUntil(lambda: history.view is not None, timeout=5000)
    assert history.view.incident.id == first.id and incidents.current().id == first.id
    # a save from the form: shown in the list, selected, its history on view
    window.review.form.cells["title_en"].editor.setText("Shelling of Sarmada")
    with qtbot.waitSignal(window.review.saved, timeout=10_000) as saved:
        window.review.save()
    new_id = saved.args[0]
    qtbot.waitUntil(lambda: incidents.model.total == 2, timeout=5000)
    qtbot.waitUntil(lambda: history.view is not None and history.view.incident.id == new_id)
    assert incidents.current().id == new_id
    assert "Shelling of Sarmada" in [r.title for r in incidents.model.rows]
    # a read changes nothing: the list is not loaded again
    loads: list[object] = []
    incidents.model.loaded_page.connect(lambda: loads.append(1))
    window.runner.run(lambda: window.desk.count(IncidentFilter()))
    qtbot.waitUntil(lambda: window.runner.busy == 0)
    assert loads == []


def test_the_list_reads_its_pages_off_the_ui_thread_once_each(qtbot, window, ws) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QModelIndex

    from tawthiq.ui.list_model import PAGE

    with ws.writing() as w:
        services.incidents.create_incidents(
            w, [{"title_en": f"Shelling {i}", "date_start": f"2022-01-{1 + i % 28:02d}"}
                for i in range(PAGE * 2 + 50)],
        )  # fmt: skip
    model = window.incidents.model
    window.incidents.refresh()
    assert model.loading  # asked, not yet read: the read runs in a worker
    listed(qtbot, window.incidents)
    assert model.rowCount() == PAGE  # the first page shows; the matches are counted after it
    qtbot.waitUntil(lambda: not model.counting)
    assert model.total == PAGE * 2 + 50
    assert window.incidents.count.text() == f"{PAGE * 2 + 50} incidents"
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())  # while the page is read: not asked twice
    qtbot.waitUntil(lambda: window.runner.busy == 0)
    assert model.rowCount() == PAGE * 2
    model.fetchMore(QModelIndex())
    qtbot.waitUntil(lambda: model.rowCount() == PAGE * 2 + 50)
    assert len({inc.id for inc in model.rows}) == PAGE * 2 + 50
    dates = [inc.date_start for inc in model.rows]
    assert dates == sorted(dates, reverse=True)


def test_an_incident_shown_while_the_list_is_loading_is_selected_once_loaded(  # type: ignore[no-untyped-def]
    qtbot, ws, window
) -> None:
    """Opening an incident from an import's summary can come before the list has loaded
    what the import brought: the list selects it once it has (it used to select nothing)."""
    with ws.writing() as w:
        incident_id = services.incidents.create_incident(w, {"title_en": "just merged"})
    window.incidents.refresh()  # as the import's changes make it load again
    assert window.incidents.loading
    window._open_id(incident_id)  # the documenter opens it from the summary at once
    qtbot.waitUntil(lambda: window.incidents.table.currentIndex().isValid(), timeout=30_000)
    assert window.incidents.current().id == incident_id
