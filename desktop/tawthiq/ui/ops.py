"""Operations off the UI thread: a callable runs in a worker, its result (or error) comes
back to the UI thread. Nothing in an operation touches widgets. What an operation changed
(``Changes``, alone or in its result) is broadcast as ``Runner.changed`` before its own
callback runs, and each view refreshes itself from that (Anki's ``OpChanges``); a read
changes nothing and is only handed to its callback (Anki's ``QueryOp``).

The workers are Python threads and hand their results over through a queue that a timer
empties on the UI thread, so no Qt object is ever touched from two threads. (PySide6 6.12.0
miscounts references to None and True on Python 3.11 whenever Qt calls Python, and the
process dies after a few thousand calls; pyproject.toml leaves that release out, and
tests/integration/test_ui_app.py checks the installed one.)
"""

from __future__ import annotations

import logging
import os
import queue
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from tawthiq.domain.errors import N_, Cancelled, TawthiqError, bug_place
from tawthiq.i18n import _, error_text
from tawthiq.services.changes import changes_of

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
_DONE, _FAILED, _PROGRESS = range(3)


class Handle:
    """A running operation: ``cancel()`` asks it to stop at its next progress report."""

    def __init__(
        self,
        done: Callable[[Any], None] | None,
        failed: Callable[[BaseException], None] | None,
        progress: Callable[[int, int], None] | None,
    ) -> None:
        self._stop = threading.Event()
        self.finished = False
        self.done, self.failed, self.progress = done, failed, progress

    def cancel(self) -> None:
        self._stop.set()

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()


def error_sentence(exc: BaseException) -> str:
    """What the window says of a failed operation: its own sentence, or that it was a bug,
    by its type and place (its message may quote report text)."""
    if isinstance(exc, TawthiqError):
        return error_text(exc)
    return _("Unexpected error: {error}").format(error=bug_place(exc))


def quiet_bugs() -> None:
    """Once, where the application is put together: a bug in a slot of ours is told on
    stderr (which a desktop session keeps in its journal) by its type and place only, not
    with a traceback whose message may quote a record; TAWTHIQ_DEBUG keeps Python's own."""
    if os.environ.get("TAWTHIQ_DEBUG"):
        return

    def tell(kind: type[BaseException], exc: BaseException, tb: object) -> None:
        print(f"tawthiq: unexpected error ({bug_place(exc)}); run again with "
              "TAWTHIQ_DEBUG=1 and report it", file=sys.stderr)  # fmt: skip

    sys.excepthook = tell


def keep_window_responsive() -> None:
    """Once, where the application is put together: PySide calls into Python (taking its
    lock) for nearly every event of our widgets; with the default 5 ms switch interval, a
    worker running pure Python (the extractor on a long report) makes each of those calls
    wait, and the window stalls for seconds. 0.5 ms keeps it responsive at a few per cent
    of the worker's speed."""
    sys.setswitchinterval(min(sys.getswitchinterval(), 0.0005))


class Runner(QObject):
    """Runs operations on a few worker threads; ``busy`` tells how many are under way."""

    idle = Signal()
    changed = Signal(object)  # Changes: what an operation that ended changed

    def __init__(self, parent: QObject | None = None, threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(threads, thread_name_prefix="tawthiq-op")
        self._inbox: queue.SimpleQueue[tuple[Handle, int, Any]] = queue.SimpleQueue()
        self._live: set[Handle] = set()
        self._closed = False
        self._timer = QTimer(self)
        self._timer.setInterval(5)  # only while operations run
        self._timer.timeout.connect(self._deliver)

    @property
    def busy(self) -> int:
        return len(self._live)

    def run(
        self,
        fn: Callable[..., Any],
        *,
        done: Callable[[Any], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> Handle:
        """Run ``fn()`` (or ``fn(progress)`` when ``progress`` is given: it raises Cancelled
        once the handle is cancelled) and call ``done(result)`` or ``failed(error)`` on the
        UI thread."""
        handle = Handle(done, failed, progress)
        if self._closed:  # shutting down: nothing new starts
            return handle
        inbox = self._inbox

        def tell(step: int, total: int) -> None:
            if handle.cancelled:
                raise Cancelled(
                    N_("stopped before the end; nothing of the unfinished part was kept")
                )
            inbox.put((handle, _PROGRESS, (step, total)))

        def work() -> None:
            try:
                result = fn(tell) if progress is not None else fn()
            except BaseException as exc:  # every failure goes back to the UI thread
                inbox.put((handle, _FAILED, exc))
            else:
                inbox.put((handle, _DONE, result))

        self._live.add(handle)
        self._timer.start()
        self._pool.submit(work)
        return handle

    def _deliver(self) -> None:
        """On the UI thread: hand each finished operation's result to its callback."""
        while True:
            try:
                handle, kind, value = self._inbox.get_nowait()
            except queue.Empty:
                break
            if kind == _PROGRESS:
                if handle.progress is not None and not handle.finished:
                    handle.progress(*value)
                continue
            handle.finished = True
            self._live.discard(handle)
            changes = changes_of(value)
            if changes is not None:  # every view first, then the one who asked
                self.changed.emit(changes)
            callback = handle.done if kind == _DONE else handle.failed
            if callback is not None:
                callback(value)  # a bug of its own reaches Qt's handler (and pytest-qt)
            elif kind == _FAILED:  # the traceback only on request: its message may quote a record
                debug = bool(os.environ.get("TAWTHIQ_DEBUG"))
                log.error(
                    "operation failed: %s", bug_place(value), exc_info=value if debug else None
                )
        if not self._live:
            self._timer.stop()
            self.idle.emit()

    def wait(self) -> None:
        """Let every started operation finish (at shutdown), then deliver its result."""
        self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=False)
        self._deliver()
