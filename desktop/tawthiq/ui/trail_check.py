"""The audit trail checked as the window opens a database: a quick check first (the latest
checkpoint, every chain head and its signature, whether this laptop's key may write), then
the full ``verify`` in the background; what they found stays in the status bar, and a
problem is also said in a message that does not stop the work."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox

from tawthiq.i18n import _, format_number, sentence_text
from tawthiq.services.desk import Desk
from tawthiq.ui.ops import Handle, Runner, error_sentence

if TYPE_CHECKING:
    from tawthiq.services.maintenance import VerifyReport


class TrailCheck(QObject):
    """Owns the status bar's audit-trail label and the background check behind it."""

    finished = Signal(bool)  # the full check ended: whether the trail is intact

    def __init__(self, window: QMainWindow, desk: Desk) -> None:
        super().__init__(window)
        self.window, self.desk = window, desk
        self.runner = Runner(self, threads=1)  # its own worker: the window's stay free
        self.label = QLabel(window)
        self.label.setObjectName("trail")
        window.statusBar().addPermanentWidget(self.label)
        self.problems: list[str] = []
        self.report: VerifyReport | None = None
        self._handle: Handle | None = None
        self._box: QMessageBox | None = None

    def start(self) -> None:
        self.label.setText(_("Checking the audit trail…"))
        self.runner.run(self.desk.trail.opening_check, done=self._quick_done, failed=self._failed)

    def _quick_done(self, problems: list[str]) -> None:
        if problems:
            self._found(problems)
        self._handle = self.runner.run(
            self.desk.trail.verify, done=self._full_done, failed=self._failed, progress=self._step
        )

    def _step(self, done: int, total: int) -> None:
        if total and not self.problems:
            pct = format_number(100 * done // total)
            self.label.setText(_("Checking the audit trail… {pct}%").format(pct=pct))

    def _full_done(self, report: VerifyReport) -> None:
        self.report = report
        if report.ok and not self.problems:
            cp = report.checkpoint
            if report.team_server:  # no laptop owns it, so it has no checkpoints of its own
                text = _("Audit trail intact · a team server's database")
            elif cp:
                text = _("Audit trail intact · checkpoint #{n}").format(n=format_number(cp.number))
            elif report.events:
                text = _("Audit trail intact · no checkpoint yet")
            else:
                text = _("Audit trail: nothing saved yet")
            self.label.setText(text)
            self.label.setToolTip(
                _("{events} events from {devices} devices checked.").format(
                    events=format_number(report.events), devices=format_number(report.devices)
                )
            )
        elif not report.ok:
            self._found([p for p in report.problems if p not in self.problems])
        self.finished.emit(report.ok and not self.problems)

    def _failed(self, exc: BaseException) -> None:
        self.label.setText(_("The audit trail could not be checked: {error}").format(
            error=error_sentence(exc)
        ))  # fmt: skip

    def _found(self, problems: list[str]) -> None:
        self.problems.extend(problems)
        shown = [sentence_text(p) for p in self.problems]
        self.label.setText(
            "⚠ "
            + _("The audit trail has {n} problem(s): Tools → Verify for details").format(
                n=format_number(len(shown))
            )
        )
        self.label.setToolTip("\n".join(shown))
        if self._box is None:
            self._box = QMessageBox(
                QMessageBox.Icon.Warning, _("Tawthiq"), "", QMessageBox.StandardButton.Ok,
                self.window,
            )  # fmt: skip
            self._box.setModal(False)  # the documenter may read it and go on working
        self._box.setText(_("The audit trail of this database does not verify:"))
        self._box.setInformativeText("\n".join(shown))
        self._box.show()

    def stop(self) -> None:
        """At close: the check stops at its next step; nothing waits for it to end."""
        if self._handle is not None:
            self._handle.cancel()
        self.runner.wait()
        self.runner = Runner(self, threads=1)  # a later start (the window unlocked) checks again
