"""File → Export data… and File → Import data…: plain files for other tools. Like
``SyncFlow``, every question goes through a replaceable method (``ask_*``, ``show_*``),
so tests answer them without modal dialogs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from tawthiq.domain.errors import TawthiqError
from tawthiq.domain.filters import IncidentFilter
from tawthiq.i18n import _, error_text, format_number, isolate, ngettext
from tawthiq.services.data_files import (
    ColumnMapping,
    DataExported,
    DataImported,
    DataPreview,
    RowsRefused,
    formats,
)
from tawthiq.services.desk import Desk
from tawthiq.ui.data_dialogs import DataChoice, ExportDataDialog, MappingDialog
from tawthiq.ui.file_dialogs import open_files
from tawthiq.ui.long_work import run_long
from tawthiq.ui.ops import Runner, error_sentence


class DataFlow(QObject):
    def __init__(
        self, window: QWidget, desk: Desk, runner: Runner, *, say: Callable[[str], None]
    ) -> None:
        super().__init__(window)
        self.window, self.desk, self.runner, self.say = window, desk, runner, say
        self.long_work: Any = None

    # questions (tests replace these) --------------------------------------------------------

    def ask_export_data(self, chosen: int, not_public: int) -> DataChoice | None:
        dialog = ExportDataDialog(formats(), chosen, not_public, Path.home(), self.window)
        return dialog.choice() if dialog.exec() else None

    def ask_data_file(self) -> Path | None:
        files = open_files(
            self.window,
            _("Data file to import"),
            _("Data files (*.csv *.json);;All files (*)"),
        )
        return files[0] if files else None

    def ask_mapping(self, preview: DataPreview) -> ColumnMapping | None:
        dialog = MappingDialog(preview, self.window)
        return dialog.mapping() if dialog.exec() else None

    def show_refused(self, lines: list[str]) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, _("Tawthiq"), lines[0], parent=self.window)
        box.setDetailedText("\n".join(lines[1:]))
        box.exec()

    # export ---------------------------------------------------------------------------------

    def export_data(self, flt: IncidentFilter) -> None:
        """The incidents the list shows (as filtered), after saying how many of them are
        not public."""
        self.runner.run(
            lambda: self.desk.data.not_public(flt),
            done=lambda counts: self._export_with(flt, *counts),
            failed=self._failed,
        )

    def _export_with(self, flt: IncidentFilter, chosen: int, not_public: int) -> None:
        choice = self.ask_export_data(chosen, not_public)
        if choice is None:
            return

        def done(result: DataExported) -> None:
            said = ngettext(
                "Exported {n} incident to {path}.",
                "Exported {n} incidents to {path}.",
                result.written,
            ).format(n=format_number(result.written), path=isolate(result.path))
            if result.left_out:
                said += " " + _("{n} incident(s) not marked public left out.").format(
                    n=format_number(result.left_out)
                )
            self.say(said)

        def work(progress: Callable[[int, int], None]) -> DataExported:
            return self.desk.data.export(
                choice.format, flt, choice.path, progress,
                all_incidents=choice.all_incidents, private=choice.private,
            )  # fmt: skip

        self.long_work = run_long(
            self.window, self.runner, _("Exporting data…"), work, done=done, said=self.say
        )

    # import ---------------------------------------------------------------------------------

    def import_data(self, path: Path | None = None) -> None:
        chosen = path or self.ask_data_file()
        if chosen is not None:
            self.runner.run(
                lambda: self.desk.data.preview(chosen), done=self._previewed, failed=self._failed
            )

    def _previewed(self, preview: DataPreview) -> None:
        mapping = None
        if not preview.ours:
            mapping = self.ask_mapping(preview)
            if mapping is None:
                self.say(_("Nothing was imported."))
                return
        self._import(preview.path, mapping)

    def _import(self, path: Path, mapping: ColumnMapping | None) -> None:
        def done(result: DataImported) -> None:
            said = ngettext(
                "Imported {n} incident from {path}.",
                "Imported {n} incidents from {path}.",
                len(result.imported),
            ).format(n=format_number(len(result.imported)), path=isolate(path.name))
            if result.kept:
                said += " " + _(
                    "{n} row(s) were incidents already kept; they were left as they are."
                ).format(n=format_number(len(result.kept)))
            self.say(said)

        def refused(exc: BaseException) -> bool:
            if not isinstance(exc, RowsRefused):
                return False
            lines = [error_text(exc)] + [
                _("Row {row}: {problem}").format(row=format_number(n), problem=error_text(e))
                for n, e in exc.rows
            ]
            self.say(error_text(exc))
            self.show_refused(lines)
            return True

        self.long_work = run_long(
            self.window,
            self.runner,
            _("Checking and importing…"),
            lambda progress: self.desk.data.import_file(path, mapping=mapping),
            done=done,
            said=self.say,
            handle=refused,
        )

    def _failed(self, exc: BaseException) -> None:
        self.say(error_text(exc) if isinstance(exc, TawthiqError) else error_sentence(exc))
