"""Long work (importing report files, rebuilding, verifying) with a progress dialog that can
stop it; what stopping undoes is said by the operation itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from tawthiq.domain.errors import Cancelled
from tawthiq.i18n import _
from tawthiq.ui.ops import Handle, Runner, error_sentence


def run_long(
    parent: QWidget,
    runner: Runner,
    title: str,
    work: Callable[[Callable[[int, int], None]], Any],
    *,
    done: Callable[[Any], None],
    said: Callable[[str], None],
    handle: Callable[[BaseException], bool] | None = None,
) -> tuple[Handle, QProgressDialog]:
    """Run ``work(progress)`` off the UI thread behind a progress dialog with a Stop button;
    ``done(result)`` when it finishes, ``said(sentence)`` when it stopped or failed (unless
    ``handle(error)`` took care of the error: a question to ask, then another try)."""
    dialog = QProgressDialog(title, _("Stop"), 0, 0, parent)
    dialog.setWindowTitle(_("Tawthiq"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)

    def progress(step: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(step, max(total, 1)))

    def finished(result: Any) -> None:
        dialog.close()
        done(result)

    def failed(exc: BaseException) -> None:
        dialog.close()
        if handle is not None and handle(exc):
            return
        if isinstance(exc, Cancelled):
            said(_("Stopped: nothing of the unfinished part was kept."))
        else:
            said(error_sentence(exc))

    running = runner.run(work, done=finished, failed=failed, progress=progress)
    dialog.canceled.connect(running.cancel)
    return running, dialog


def run_waiting(parent: QWidget | None, runner: Runner, title: str, text: str,
                work: Callable[[], Any]) -> Any:  # fmt: skip
    """``work()`` off the UI thread behind a dialog saying ``text`` (short work that cannot
    be stopped: encrypting, a key derivation); its result, or its error raised here."""
    busy = QProgressDialog(text, "", 0, 0, parent)
    busy.setWindowTitle(title)
    busy.setCancelButton(None)
    busy.setWindowModality(Qt.WindowModality.WindowModal)
    busy.setMinimumDuration(300)
    loop, out = QEventLoop(), {}

    def end(key: str, value: Any) -> None:
        out[key] = value
        loop.quit()

    runner.run(work, done=lambda r: end("result", r), failed=lambda e: end("error", e))
    if not out:
        loop.exec()
    busy.close()
    if "error" in out:
        raise out["error"]
    return out["result"]
