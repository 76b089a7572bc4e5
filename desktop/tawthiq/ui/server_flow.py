"""File → Sync with team server…: the window's side of syncing through a team server, as
an import is (progress, the same summary, the trust question). Every question goes through
a replaceable method (``ask_*``, ``tell_error``), so tests answer them without modal
dialogs."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from tawthiq.domain.errors import Cancelled
from tawthiq.i18n import _, format_number, ngettext
from tawthiq.services.desk import Desk
from tawthiq.services.desk_sync import ServerSynced
from tawthiq.services.values import ClockAhead, NewDevice
from tawthiq.ui.long_work import run_long
from tawthiq.ui.ops import Runner, error_sentence

if TYPE_CHECKING:
    from tawthiq.services.sync import DuplicatePair
    from tawthiq.ui.server_dialogs import ServerSummaryDialog


class ServerFlow(QObject):
    running_changed = Signal(bool)  # a sync began (True) or ended: it cannot start twice

    def __init__(
        self,
        window: QWidget,
        desk: Desk,
        runner: Runner,
        *,
        say: Callable[[str], None],
        open_incident: Callable[[str], None],
        show_duplicates: Callable[[list[DuplicatePair]], None],
    ) -> None:
        super().__init__(window)
        self.window, self.desk, self.runner = window, desk, runner
        self.say, self.open_incident, self.show_duplicates = say, open_incident, show_duplicates
        self.running = False
        self.summary: ServerSummaryDialog | None = None

    # questions (tests replace these) --------------------------------------------------------

    def ask_server(self, remembered: str | None) -> str | None:
        from tawthiq.ui.server_dialogs import ServerDialog

        dialog = ServerDialog(remembered, self.window)
        return dialog.connection() if dialog.exec() else None

    def ask_trust(self, devices: tuple[NewDevice, ...]) -> bool:
        from tawthiq.ui.server_dialogs import trust_box
        from tawthiq.ui.sync_dialogs import answered_yes

        return answered_yes(trust_box(devices, self.window))

    def ask_clock_ahead(self, devices: tuple[ClockAhead, ...], server: str) -> bool:
        from tawthiq.ui.sync_dialogs import ask_clock

        return ask_clock(self.window, devices, server)

    def tell_error(self, sentence: str) -> None:
        QMessageBox.warning(self.window, _("Sync with the team server"), sentence)

    # the sync -------------------------------------------------------------------------------

    def start(self) -> None:
        """Ask for the server (the remembered one filled in), then sync with it."""
        if self.running:
            self.say(_("A sync with the team server is already under way."))
            return
        self._running(True)
        self.runner.run(self.desk.sync.remembered_server, done=self._ask, failed=self._failed)

    def _running(self, running: bool) -> None:
        self.running = running
        self.running_changed.emit(running)

    def _failed(self, exc: BaseException) -> None:
        self._running(False)
        sentence = error_sentence(exc)
        self.say(sentence)
        self.tell_error(sentence)

    def _ask(self, remembered: str | None) -> None:
        url = self.ask_server(remembered)
        if url is None:
            self._running(False)
            return
        self._sync(url, accept={}, clock_ahead=(), after=None)

    def _sync(
        self,
        url: str,
        *,
        accept: dict[str, str],
        clock_ahead: tuple[str, ...],
        after: ServerSynced | None,
    ) -> None:
        def done(result: ServerSynced) -> None:
            """The answers a person can give (new laptops, clocks); then another sync that
            takes the work they allow, or the summary."""
            asked = [d for d in result.waiting if d.device_id not in accept]
            trust = bool(asked) and self.ask_trust(tuple(asked))
            clocks = tuple(
                c for r in result.refused for c in r.clock if c.device_id not in clock_ahead
            )
            take = bool(clocks) and self.ask_clock_ahead(clocks, result.server)
            if trust or take:
                more = tuple(c.device_id for c in clocks) if take else ()
                # the laptops shown, with the keys shown: not one that came since
                shown = {d.device_id: d.fingerprint for d in asked} if trust else {}
                self._sync(url, accept={**accept, **shown}, clock_ahead=(*clock_ahead, *more),
                           after=result)  # fmt: skip
                return
            self._running(False)
            self._show(result)

        def handle(exc: BaseException) -> bool:
            if isinstance(exc, Cancelled):
                self._running(False)
                return False  # said in the status bar, as any long work stopped
            self._failed(exc)  # in a message box, as well as the status bar
            return True

        self.long_work = run_long(
            self.window,
            self.runner,
            _("Syncing with the team server…"),
            lambda progress: self.desk.sync.server_sync(
                url, progress, accept=accept, clock_ahead=clock_ahead, after=after
            ),
            done=done,
            said=self.say,
            handle=handle,
        )

    def _show(self, result: ServerSynced) -> None:
        from tawthiq.ui.server_dialogs import ServerSummaryDialog, synced_text

        said = synced_text(result)
        if result.waiting:
            n = len(result.waiting)
            said += " " + ngettext(
                "The work of {n} laptop not trusted here was not taken.",
                "The work of {n} laptops not trusted here was not taken.",
                n,
            ).format(n=format_number(n))
        self.say(said)
        self.summary = ServerSummaryDialog(result, self.window)
        self.summary.open_incident.connect(self.open_incident)
        pairs = result.pulled.pairs
        self.summary.review_duplicates.connect(lambda: self.show_duplicates(pairs))
        self.summary.show()
