"""The main window: a thin shell of menus and two rooms — the report under review, and the
incident list with the selected incident's history."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from tawthiq.domain.errors import TawthiqError
from tawthiq.domain.records import Incident
from tawthiq.i18n import _, error_text, isolate, quote
from tawthiq.services.desk import Desk, IncidentView
from tawthiq.services.settings import Settings, save_settings
from tawthiq.ui.data_flow import DataFlow
from tawthiq.ui.history_panel import HistoryPanel
from tawthiq.ui.incident_list import IncidentList
from tawthiq.ui.ops import Runner, error_sentence
from tawthiq.ui.review import ReviewPanel
from tawthiq.ui.safety import Safety, app_name
from tawthiq.ui.server_flow import ServerFlow
from tawthiq.ui.settings_dialog import SettingsDialog
from tawthiq.ui.style import STYLE
from tawthiq.ui.sync_flow import SyncFlow
from tawthiq.ui.trail_check import TrailCheck
from tawthiq.ui.work_flow import WorkFlow

ApplyLanguage = Callable[[Settings], None]


class MainWindow(QMainWindow):
    cannot_open = Signal(str)  # the database could not be opened: why

    def __init__(
        self,
        desk: Desk,
        settings: Settings,
        apply_language: ApplyLanguage,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk, self.settings, self._apply_language = desk, settings, apply_language
        self.runner = Runner(self)
        self.setStyleSheet(STYLE)
        self.review = ReviewPanel(desk, self.runner, self)
        self.incidents = IncidentList(desk, self.runner, self)
        self.history = HistoryPanel(desk, self.runner, self)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.incidents)
        split.addWidget(self.history)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([10_000, 10_000])  # half each: below, its history and its reports
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.review, "")
        self.tabs.addTab(split, "")
        self.safety = Safety(self)
        self.stack = QStackedWidget(self)  # the records, or the lock screen
        self.stack.addWidget(self.tabs)
        self.stack.addWidget(self.safety.screen)
        self.setCentralWidget(self.stack)
        for source in (self.review, self.incidents, self.history):
            source.message.connect(self.say)
        self.incidents.selected.connect(self._selected)
        self.incidents.opened.connect(self._open)
        self.review.show_incident.connect(self._open_id)
        self.history.resolve.connect(self._resolve)
        self.sync = SyncFlow(self, desk, self.runner, say=self.say, open_incident=self._open_id)
        self.server = ServerFlow(self, desk, self.runner, say=self.say, open_incident=self._open_id,
                                 show_duplicates=self.sync.show_duplicates)  # fmt: skip
        self.work = WorkFlow(self, desk, self.runner, say=self.say)
        self.data = DataFlow(self, desk, self.runner, say=self.say)
        self.trail = TrailCheck(self, desk)
        self.actions_: dict[str, QAction] = {}
        self._menus()
        self.retranslate()
        self.ready = self._opening = False
        self.open_error: str | None = None
        self.say(_("Opening the database…"))

    def showEvent(self, event: QShowEvent) -> None:
        """Once shown, open the database: its layer is imported and the file opened off the
        UI thread, after the first paint (a worker importing SQLAlchemy at the same time
        would slow the painting down), and the list fills in when it is open."""
        super().showEvent(event)
        if not self.ready and not self._opening:
            self._opening = True
            QTimer.singleShot(50, self._open_database)

    def _open_database(self) -> None:
        self.runner.run(self.desk.open, done=self._opened, failed=self._cannot_open)

    def _opened(self, path: Path) -> None:
        self.ready = True
        self.incidents.apply_filter()
        self.say(_("Database: {path}").format(path=isolate(path)))
        self.runner.run(self.desk.warm_up)  # the extractor and the places, before needed
        self.trail.start()
        self.safety.opened()

    def _cannot_open(self, exc: BaseException) -> None:
        """The database cannot be used (locked, not a Tawthiq database, unwritable): the
        window closes and ``cannot_open`` carries the sentence; nothing was changed."""
        text = error_text(exc) if isinstance(exc, TawthiqError) else str(exc)
        self.open_error = text
        self.review.new_report(ask=False)  # nothing could have been typed yet worth asking
        self.cannot_open.emit(text)
        self.close()

    # menus ------------------------------------------------------------------------------

    def _action(self, key: str, slot: Callable[[], Any], shortcut: str | None = None) -> QAction:
        action = QAction(self)
        action.triggered.connect(lambda _checked=False: slot())
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        self.actions_[key] = action
        return action

    def _menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        for key, slot, keys in (
            ("new", self.new_report, "Ctrl+N"),
            ("paste", self.review.paste_and_read, "Ctrl+Shift+V"),
            ("open", lambda: self.work.open_files(), "Ctrl+O"),
            ("save", self.review.save, "Ctrl+S"),
            ("print", self.print_report, "Ctrl+P"),
            ("export", self.export, "Ctrl+E"),
            ("import", lambda: self.sync.import_files(), "Ctrl+I"),
            ("export_data", lambda: self.data.export_data(self.incidents.model.filter), None),
            ("import_data", lambda: self.data.import_data(), None),
            ("server", lambda: self.server.start(), None),
            ("quit", self.close, "Ctrl+Q"),
        ):
            self.file_menu.addAction(self._action(key, slot, keys))
        self.edit_menu = bar.addMenu("")
        self.edit_menu.addAction(self._action("find", self.find_incidents, "Ctrl+F"))
        self.edit_menu.addAction(self._action("find_victim", self.find_victim))
        self.edit_menu.addAction(self._action("open_selected", self.open_selected))
        self.edit_menu.addAction(self._action("delete", self.delete_selected))
        self.edit_menu.addAction(self._action("settings", self.change_settings))
        self.server.running_changed.connect(lambda on: self.actions_["server"].setEnabled(not on))
        self.tools_menu = bar.addMenu("")
        self.tools_menu.addAction(self._action("verify", lambda: self.work.verify()))
        self.tools_menu.addAction(self._action("rebuild", lambda: self.work.rebuild()))
        self.tools_menu.addAction(self._action("duplicates", lambda: self.sync.review_duplicates()))
        self.tools_menu.addAction(self._action("key", lambda: self.sync.show_key()))
        self.safety.add_menu()
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self._action("about", self.about))

    def retranslate(self) -> None:
        neutral = self.settings.neutral_name
        self.setWindowTitle(
            app_name(neutral)
            if neutral or self.safety.locked
            else _("Tawthiq — documenting attacks on civilians")
        )
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setApplicationDisplayName(app_name(neutral))
        self.tabs.setTabText(0, _("Report and form"))
        self.tabs.setTabText(1, _("Incidents and history"))
        self.file_menu.setTitle(_("&File"))
        self.edit_menu.setTitle(_("&Edit"))
        self.tools_menu.setTitle(_("&Tools"))
        self.help_menu.setTitle(_("&Help"))
        for key, text in (
            ("new", _("New report")),
            ("paste", _("Paste and read a report")),
            ("open", _("Read report files…")),
            ("save", _("Save incident")),
            ("print", _("Print a report…")),
            ("export", _("Export for the coordinator…")),
            ("import", _("Import exports from other laptops…")),
            ("export_data", _("Export data…")),
            ("import_data", _("Import data…")),
            ("server", _("Sync with team server…")),
            ("duplicates", _("Possible duplicates…")),
            ("key", _("This laptop's key for encrypted exports…")),
            ("quit", _("Quit")),
            ("find", _("Find incidents")),
            ("find_victim", _("Find a victim…")),
            ("open_selected", _("Edit the selected incident")),
            ("delete", _("Delete the selected incident…")),
            ("settings", _("Settings…")),
            ("verify", _("Verify the audit trail…")),
            ("rebuild", _("Rebuild the tables from the audit trail…")),
            ("about", _("About Tawthiq")),
        ):
            self.actions_[key].setText(text)
        self.review.retranslate()
        self.incidents.retranslate()
        self.history.retranslate()
        self.safety.retranslate()

    # what the menus do -----------------------------------------------------------------------

    def say(self, sentence: str) -> None:
        self.statusBar().showMessage(sentence, 15_000)

    def new_report(self) -> None:
        if self.review.new_report():
            self.tabs.setCurrentIndex(0)
            self.review.report.text.setFocus()

    def find_incidents(self) -> None:
        self.tabs.setCurrentIndex(1)
        self.incidents.search.setFocus()
        self.incidents.search.selectAll()

    def find_victim(self) -> None:
        """A victim of any incident by name; the one chosen opens its incident's victims."""
        from tawthiq.ui.victim_dialog import FindVictimDialog

        dialog = FindVictimDialog(self.runner, self.desk.victims.find, self)
        dialog.chosen.connect(self.show_victims_of)
        self.finding = dialog
        dialog.exec()

    def show_victims_of(self, incident_id: str) -> None:
        self._open_id(incident_id)
        self.history.pages.setCurrentWidget(self.history.victims)

    def export(self) -> None:
        self.sync.export()

    def open_selected(self) -> None:
        incident = self.incidents.current()
        if incident is None:
            self.say(_("Select an incident in the list first."))
        else:
            self._open(incident)

    def delete_selected(self) -> None:
        """A tombstone after a question: the incident leaves the list, its history stays."""
        incident = self.incidents.current()
        if incident is None:
            self.say(_("Select an incident in the list first."))
            return
        question = _(
            "Delete the incident «{title}»? It leaves the list; its history is kept and shows "
            "who deleted it."
        ).format(title=quote(incident.title or incident.id[:8]))
        if not self.review.confirm(question):
            return
        said = _("Deleted incident {id}; its history is kept.").format(id=isolate(incident.id[:8]))
        self.runner.run(
            lambda: self.desk.delete(incident.id),
            done=lambda _c: self.say(said),
            failed=self._failed,
        )

    def _selected(self, incident: Incident | None) -> None:
        self.history.follow(incident.id if incident is not None else None)

    def _open(self, incident: Incident) -> None:
        def opened(view: IncidentView) -> None:
            if self.review.open_incident(view):
                self.tabs.setCurrentIndex(0)

        self.runner.run(lambda: self.desk.incident(incident.id), done=opened, failed=self._failed)

    def _open_id(self, incident_id: str) -> None:
        self.tabs.setCurrentIndex(1)
        if not self.incidents.select(incident_id):
            self.history.follow(incident_id)  # not in the list as filtered (deleted): its history

    def _resolve(self, incident_id: str, field: str, value: Any) -> None:
        self.runner.run(lambda: self.desk.resolve(incident_id, field, value), failed=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.say(error_sentence(exc))

    def print_report(self) -> None:
        """The bilingual PDF of the selected incident, or of those the list shows."""
        self.work.print_report(
            self.incidents.current(),
            listed=self.incidents.model.total,
            flt=self.incidents.model.filter,
            arabic_digits=self.settings.arabic_digits,
            author=self.settings.author,
        )

    def change_settings(self) -> None:
        dialog = SettingsDialog(self.settings, parent=self)
        if dialog.exec():
            self.apply_settings(dialog.result_settings(self.settings))

    def apply_settings(self, settings: Settings) -> None:
        """Take new settings at once; a form being filled in keeps every value."""
        try:
            save_settings(settings)
        except TawthiqError as exc:
            self.say(error_text(exc))
        self.settings = settings
        self.desk.author = settings.author
        self._apply_language(settings)
        self.retranslate()
        self.safety.settings_changed()

    def about(self) -> None:
        QMessageBox.about(
            self,
            _("About Tawthiq"),
            _(
                "Tawthiq (توثيق) documents attacks on civilians, offline. Every change is "
                "kept in a signed audit trail.\nDatabase: {path}"
            ).format(path=isolate(self.desk.location)),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.review.dirty and not self.review.confirm(
            _("The form has changes that are not saved. Quit anyway?")
        ):
            event.ignore()
            return
        self.trail.stop()
        self.safety.idle.stop()
        self.runner.wait()
        self.history.files.opened.remove()  # the copies opened with other programs
        event.accept()
