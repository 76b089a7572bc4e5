"""File → Export…, File → Import… and the possible duplicates: the window's side of moving
work between laptops. Every question goes through a replaceable method (``ask_*``), so
tests answer them without modal dialogs."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from tawthiq.domain.errors import TawthiqError
from tawthiq.i18n import _, format_day, format_number, isolate
from tawthiq.services.desk import Desk
from tawthiq.services.desk_sync import ExportChoice, Imported, LaptopKeys
from tawthiq.services.settings import load_settings, save_settings
from tawthiq.services.values import (
    ClockAhead,
    ClockAheadError,
    NewDevice,
    NewDevicesError,
    PassphraseNeeded,
    wrong_passphrase,
)
from tawthiq.ui.file_dialogs import open_files
from tawthiq.ui.long_work import run_long
from tawthiq.ui.ops import Runner, error_sentence

if TYPE_CHECKING:  # the dialogs and the sync layer are imported when first used
    from tawthiq.services.sync import DuplicatePair, ExportResult
    from tawthiq.ui.duplicates_dialog import DuplicatesDialog
    from tawthiq.ui.sync_dialogs import SummaryDialog


class SyncFlow(QObject):
    def __init__(
        self,
        window: QWidget,
        desk: Desk,
        runner: Runner,
        *,
        say: Callable[[str], None],
        open_incident: Callable[[str], None],
    ) -> None:
        super().__init__(window)
        self.window, self.desk, self.runner = window, desk, runner
        self.say, self.open_incident = say, open_incident
        self.summary: SummaryDialog | None = None
        self.duplicates: DuplicatesDialog | None = None
        # the coordinator's key the last export was encrypted to: the next export's default
        self.coordinator_key: str | None = load_settings().coordinator_key or None

    # questions (tests replace these) --------------------------------------------------------

    def ask_export(self, default: Path, last: str | None) -> ExportChoice | None:
        from tawthiq.ui.sync_dialogs import ExportDialog

        dialog = ExportDialog(default, last, self.window, key=self.coordinator_key)
        return dialog.choice() if dialog.exec() else None

    def ask_files(self) -> list[Path]:
        return open_files(
            self.window, _("Exports to import"), _("Tawthiq exports (*.tawthiq);;All files (*)")
        )

    def ask_passphrase(self, again: bool) -> str | None:
        text, ok = QInputDialog.getText(
            self.window,
            _("Encrypted export"),
            _("The passphrase was wrong; try again:") if again else _("Passphrase of the export:"),
            QLineEdit.EchoMode.Password,
        )
        return text if ok else None

    def ask_trust(self, devices: tuple[NewDevice, ...]) -> bool:
        from tawthiq.ui.sync_dialogs import answered_yes, trust_box

        return answered_yes(trust_box(devices, self.window))

    def ask_clock_ahead(self, devices: tuple[ClockAhead, ...], file: str) -> bool:
        from tawthiq.ui.sync_dialogs import ask_clock

        return ask_clock(self.window, devices, file)

    # export ---------------------------------------------------------------------------------

    def export(self) -> None:
        self.runner.run(self.desk.sync.last_export, done=self._export_with, failed=self._failed)

    def _export_with(self, last: object) -> None:
        when = format_day(last.date()) if last is not None else None  # type: ignore[attr-defined]
        # no person's name in it: the file travels, and its name is read by whoever holds it
        default = Path.home() / f"tawthiq-{date.today():%Y-%m-%d}.tawthiq"
        choice = self.ask_export(default, when)
        if choice is None:
            return

        def done(result: ExportResult) -> None:
            if choice.recipient and choice.recipient != self.coordinator_key:
                self.coordinator_key = choice.recipient
                with contextlib.suppress(TawthiqError):  # kept for next time if it can be
                    save_settings(load_settings().changed(coordinator_key=choice.recipient))
            self.say(
                _("Exported {n} events to {path}.").format(
                    n=format_number(result.events), path=isolate(result.path)
                )
            )

        self.long_work = run_long(
            self.window,
            self.runner,
            _("Exporting…"),
            lambda progress: self.desk.sync.export(choice, progress),
            done=done,
            said=self.say,
        )

    # import ---------------------------------------------------------------------------------

    def import_files(self, paths: Sequence[Path] | None = None) -> None:
        chosen = list(paths) if paths is not None else self.ask_files()
        if chosen:
            self._import(chosen, accept_new=False, passphrase=None)

    def _import(
        self,
        paths: list[Path],
        *,
        accept_new: bool,
        passphrase: str | None,
        clock_ahead: tuple[str, ...] = (),
    ) -> None:
        def again(
            *,
            accept_new: bool = accept_new,
            passphrase: str | None = passphrase,
            clock_ahead: tuple[str, ...] = clock_ahead,
        ) -> None:
            """Another try with one more answer, keeping the answers given before."""
            self._import(
                paths, accept_new=accept_new, passphrase=passphrase, clock_ahead=clock_ahead
            )

        def handle(exc: BaseException) -> bool:
            """A question to ask, then another try; False: an error to tell as it is."""
            if isinstance(exc, NewDevicesError):
                if self.ask_trust(exc.devices):
                    again(accept_new=True)
                else:
                    self.say(_("Nothing was imported: the new laptops were not accepted."))
                return True
            if isinstance(exc, ClockAheadError):
                if self.ask_clock_ahead(exc.devices, exc.file):
                    again(clock_ahead=(*clock_ahead, *(d.device_id for d in exc.devices)))
                else:
                    self.say(_("Nothing was imported: the dates ahead of this laptop's clock "
                               "were not accepted."))  # fmt: skip
                return True
            wrong = wrong_passphrase(exc)
            if isinstance(exc, PassphraseNeeded) or wrong:
                phrase = self.ask_passphrase(again=wrong)
                if phrase is not None:
                    again(passphrase=phrase)
                else:
                    self.say(_("Nothing was imported."))
                return True
            return False

        def done(result: Imported) -> None:
            from tawthiq.ui.sync_dialogs import SummaryDialog, summary_text

            summary, pairs = result.summary, result.pairs
            self.say(summary_text(summary))
            self.summary = SummaryDialog(
                summary, len(pairs), self.window, contradictions=result.contradictions
            )
            self.summary.open_incident.connect(self.open_incident)
            self.summary.review_duplicates.connect(lambda: self.show_duplicates(pairs))
            self.summary.show()

        def work(progress: Callable[[int, int], None]) -> Imported:
            return self.desk.sync.import_files(
                paths, progress, accept_new=accept_new, passphrase=passphrase,
                clock_ahead=clock_ahead,
            )  # fmt: skip

        self.long_work = run_long(
            self.window,
            self.runner,
            _("Checking and merging…"),
            work,
            done=done,
            said=self.say,
            handle=handle,
        )

    # duplicates -----------------------------------------------------------------------------

    def review_duplicates(self) -> None:
        self.runner.run(self.desk.sync.duplicates, done=self.show_duplicates, failed=self._failed)

    def show_duplicates(self, pairs: list[DuplicatePair]) -> None:
        from tawthiq.ui.duplicates_dialog import DuplicatesDialog

        self.duplicates = DuplicatesDialog(pairs, self.window)
        self.duplicates.decided.connect(self._decide)
        self.duplicates.show()

    def _decide(self, a: str, b: str, decision: str) -> None:
        def done(_r: object) -> None:
            if self.duplicates is not None:
                self.duplicates.judged(a, b, decision)

        self.runner.run(
            lambda: self.desk.sync.decide_pair(a, b, decision), done=done, failed=self._failed
        )

    # this laptop's key ----------------------------------------------------------------------

    def show_key(self) -> None:
        def done(keys: LaptopKeys) -> None:
            text, fingerprint = keys.receive, keys.receive_fingerprint
            QMessageBox.information(
                self.window,
                _("This laptop's key"),
                _(
                    "Give this key to documenters who send you encrypted exports:\n\n{key}\n\n"
                    "Its fingerprint, to read out over the phone: {fingerprint}"
                ).format(key=isolate(text), fingerprint=isolate(fingerprint)),
            )

        self.runner.run(self.desk.sync.keys, done=done, failed=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.say(error_sentence(exc))
