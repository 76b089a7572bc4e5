"""Pure work on a second core while this process writes to the database.

A large merge spends about half of its time in pure Python (replaying events into rows)
and half in SQLite, and one process uses one core for both. ``Helper`` runs a pure
function over batches in one worker process while the caller goes on reading and
writing, with a few batches in flight at most (memory stays bounded), and gives the
results back in order. The worker is *spawned*, not forked: a fork beside Qt's and
SQLite's threads is unsafe, and spawning is what a PyInstaller bundle supports (its
entry point calls ``multiprocessing.freeze_support``). Where no second process can be
had, the same function runs in this process, so the outcome never depends on it.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")
AHEAD = 4  # batches handed over and not yet taken back


def _end_with_parent() -> None:
    """In the worker: end as soon as the process that started it ends, even by ``kill -9``
    (it would otherwise wait for work forever, holding its memory)."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_after, args=(parent,), daemon=True).start()


def _exit_after(parent: multiprocessing.process.BaseProcess) -> None:
    parent.join()  # returns when the parent has ended
    os._exit(1)


def _ready(module: str) -> None:
    """Imports ``module`` in the worker, so that this overlaps the caller's work."""
    __import__(module)


class Helper:
    """A second process for pure functions over batches when ``parallel`` (not worth its
    start-up for small jobs); in this process when there is only one core, or the worker
    cannot be started or dies. ``warm`` names modules to import in the worker at once."""

    def __init__(self, *, parallel: bool = False, warm: tuple[str, ...] = ()) -> None:
        self._pool: ProcessPoolExecutor | None = None
        if not parallel or (os.cpu_count() or 1) < 2:
            return
        try:
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(
                max_workers=1, mp_context=context, initializer=_end_with_parent
            )
            for module in warm:
                self._pool.submit(_ready, module)
        except (OSError, RuntimeError, BrokenProcessPool):
            self.close()

    @property
    def parallel(self) -> bool:
        """Whether a second process does the work (else ``map`` is worth no look-ahead)."""
        return self._pool is not None

    def map(self, fn: Callable[[T], R], batches: Iterable[T]) -> Iterator[tuple[T, R]]:
        """Each batch with ``fn`` of it, in order, computed while the next are read. Rather
        than wait for the worker, this process does a later batch the worker has not
        started yet, so that the work is shared out whichever side is faster."""
        pending: deque[_Job[T, R]] = deque()
        for batch in batches:
            pending.append(_Job(batch, self._submit(fn, batch)))
            if len(pending) >= AHEAD:
                yield self._take(fn, pending)
        while pending:
            yield self._take(fn, pending)

    def _submit(self, fn: Callable[[T], R], batch: T) -> Future[R] | None:
        if self._pool is None:
            return None
        try:
            return self._pool.submit(fn, batch)
        except (BrokenProcessPool, RuntimeError):
            self.close()
            return None

    def _take(self, fn: Callable[[T], R], pending: deque[_Job[T, R]]) -> tuple[T, R]:
        job = pending.popleft()
        if job.future is not None:
            while not job.future.done():
                spare = next((j for j in reversed(pending) if j.cancel()), None)
                if spare is None:
                    break
                spare.run(fn)
            try:
                return job.batch, job.future.result()
            except BrokenProcessPool:  # the worker died (killed, out of memory): carry on here
                self.close()
                for later in pending:
                    later.future = None
        return job.batch, job.result(fn)

    def close(self) -> None:
        if self._pool is not None:
            pool, self._pool = self._pool, None
            pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Helper:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class _Job(Generic[T, R]):
    """One batch: handed to the worker (``future``), or done or to be done here."""

    __slots__ = ("_outcome", "batch", "future")

    def __init__(self, batch: T, future: Future[R] | None) -> None:
        self.batch = batch
        self.future = future
        self._outcome: tuple[R] | BaseException | None = None

    def cancel(self) -> bool:
        """Takes the batch back from the worker if it has not started on it."""
        if self.future is None or not self.future.cancel():
            return False
        self.future = None
        return True

    def run(self, fn: Callable[[T], R]) -> None:
        try:
            self._outcome = (fn(self.batch),)
        except Exception as exc:  # raised in its turn, as the worker's would be
            self._outcome = exc

    def result(self, fn: Callable[[T], R]) -> R:
        if self._outcome is None:
            self.run(fn)
        if isinstance(self._outcome, BaseException):
            raise self._outcome
        assert self._outcome is not None
        return self._outcome[0]
