"""File → Read report files…, File → Print a report…, Tools → Verify and Tools → Rebuild:
the window's side of the long work on the whole database. Like ``SyncFlow``, every question
goes through a replaceable method (``ask_*``), and what the work changed reaches the views
through the runner, not through this flow."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from tawthiq.domain.errors import TamperedError
from tawthiq.domain.filters import IncidentFilter
from tawthiq.domain.records import Incident
from tawthiq.i18n import _, format_number, isolate, ngettext, sentence_text
from tawthiq.services.desk import Desk, IngestSummary, Rebuilt, Written
from tawthiq.ui.file_dialogs import open_files, save_file
from tawthiq.ui.long_work import run_long
from tawthiq.ui.ops import Runner, error_sentence
from tawthiq.ui.report_dialog import ReportDialog

if TYPE_CHECKING:
    from collections.abc import Callable

    from tawthiq.services.maintenance import VerifyReport
    from tawthiq.services.values import ReportOptions


class WorkFlow(QObject):
    def __init__(
        self, window: QWidget, desk: Desk, runner: Runner, *, say: Callable[[str], None]
    ) -> None:
        super().__init__(window)
        self.window, self.desk, self.runner, self.say = window, desk, runner, say
        self.show_reports = True  # open a written report in the system's PDF viewer

    # questions (tests replace these) --------------------------------------------------------

    def ask_files(self) -> list[Path]:
        return open_files(
            self.window, _("Reports to read"), _("Text files (*.txt *.md);;All files (*)")
        )

    def ask_report(
        self, title: str | None, *, listed: int, arabic_digits: bool
    ) -> ReportDialog | None:
        """What to print: the selected incident (``title``) or the ``listed`` ones, how."""
        dialog = ReportDialog(
            selected_title=title, listed=listed, arabic_digits=arabic_digits, parent=self.window
        )
        return dialog if dialog.exec() else None

    def ask_report_path(self, name: str) -> Path | None:
        return save_file(self.window, _("Save the report as"), name, _("PDF files (*.pdf)"))

    # read report files ----------------------------------------------------------------------

    def open_files(self) -> None:
        paths = self.ask_files()
        if paths:
            self.read_files(paths)

    def read_files(self, paths: list[Path]) -> None:
        def done(summary: IngestSummary) -> None:
            said = ngettext(
                "Read {files} report: {n} incident saved.",
                "Read {files} reports: {n} incidents saved.",
                summary.files,
            ).format(files=format_number(summary.files), n=format_number(summary.incidents))
            if summary.already_kept:
                k = len(summary.already_kept)
                said += " " + ngettext(
                    "{n} report was already kept; nothing of it was saved again.",
                    "{n} reports were already kept; nothing of them was saved again.",
                    k,
                ).format(n=format_number(k))
            guessed = len(summary.guessed_days)
            if guessed:  # a guess saved as a day must not pass unnoticed
                said += " " + ngettext(
                    "{n} report does not say when it was published: the days of its "
                    "incidents were counted from today's date; check them ({names}).",
                    "{n} reports do not say when they were published: the days of their "
                    "incidents were counted from today's date; check them ({names}).",
                    guessed,
                ).format(
                    n=format_number(guessed),
                    names=", ".join(map(isolate, summary.guessed_days[:3])),
                )
            self.say(said)

        self._long(
            _("Reading the reports…"),
            lambda progress: self.desk.ingest_files(paths, progress),
            done,
        )

    # print a report -------------------------------------------------------------------------

    def print_report(
        self,
        current: Incident | None,
        *,
        listed: int,
        flt: IncidentFilter,
        arabic_digits: bool,
        author: str,
    ) -> None:
        """The bilingual PDF of the selected incident (``current``), or of the ``listed``
        incidents the filter shows, as the report dialog asks."""
        title = (current.title or current.id[:8]) if current is not None else None
        dialog = self.ask_report(title, listed=listed, arabic_digits=arabic_digits)
        if dialog is None:
            return
        ids = (current.id,) if current is not None and not dialog.whole_list else ()
        path = self.ask_report_path(f"incident-{ids[0][:8]}.pdf" if ids else "incidents.pdf")
        if path is None:
            return
        self.write_report(path, dialog.options(author), ids=ids, flt=flt)

    def write_report(
        self,
        path: Path,
        options: ReportOptions,
        *,
        ids: tuple[str, ...] = (),
        flt: IncidentFilter | None = None,
    ) -> None:
        """Write it off the UI thread with its progress, then show it (the system's PDF
        viewer is the preview)."""

        def done(written: Written) -> None:
            text = ngettext(
                "Report written: {path} ({n} incident, {pages} pages).",
                "Report written: {path} ({n} incidents, {pages} pages).",
                written.incidents,
            ).format(
                path=isolate(path),
                n=format_number(written.incidents),
                pages=format_number(written.pages),
            )
            if written.left_out:
                text += " " + _("{n} incident(s) not marked public left out.").format(
                    n=format_number(written.left_out)
                )
            self.say(text)
            if self.show_reports:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

        def refused(exc: BaseException) -> bool:
            """A record behind the report was altered: said where it cannot be missed."""
            if not isinstance(exc, TamperedError):
                return False
            self.say(error_sentence(exc))
            QMessageBox.warning(self.window, _("Tawthiq"), error_sentence(exc))
            return True

        self._long(
            _("Writing the report…"),
            lambda progress: self.desk.write_report(path, options, progress, ids=ids, flt=flt),
            done,
            handle=refused,
        )

    # verify and rebuild ---------------------------------------------------------------------

    def verify(self) -> None:
        def done(report: VerifyReport) -> None:
            if report.ok:
                text = _("The audit trail is intact: {events} events from {devices} devices.")
                self.say(
                    text.format(
                        events=format_number(report.events), devices=format_number(report.devices)
                    )
                )
            else:
                QMessageBox.warning(
                    self.window, _("Tawthiq"), "\n".join(sentence_text(p) for p in report.problems)
                )

        self._long(_("Verifying the audit trail…"), self.desk.trail.verify, done)

    def rebuild(self) -> None:
        def done(result: Rebuilt) -> None:
            n = format_number(result.entities)
            self.say(
                _("Rebuilt {n} records; the tables had drifted from the audit trail.").format(n=n)
                if result.drifted
                else _("Rebuilt {n} records from the audit trail; nothing differed.").format(n=n)
            )

        self._long(_("Rebuilding the tables…"), self.desk.trail.rebuild, done)

    def _long(
        self,
        title: str,
        work: Callable[..., object],
        done: Callable[..., None],
        *,
        handle: Callable[[BaseException], bool] | None = None,
    ) -> None:
        self.long_work = run_long(
            self.window, self.runner, title, work, done=done, said=self.say, handle=handle
        )
