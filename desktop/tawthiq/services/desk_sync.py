"""What the window does with export files and with what a merge brings up: the sync use
cases, reached as ``Desk.sync``, each a user action in its own session."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tawthiq.services.changes import EVERYTHING, Changes

if TYPE_CHECKING:
    from tawthiq.services.sync import DuplicatePair, ExportResult, ImportSummary
    from tawthiq.services.workspace import Workspace

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ExportChoice:
    """What the export dialog asked for."""

    path: Path
    since_last: bool = False
    passphrase: str | None = None
    recipient: str | None = None


@dataclass(frozen=True, slots=True)
class Imported:
    summary: ImportSummary
    pairs: list[DuplicatePair]  # possible duplicates among the incidents the merge touched
    changes: Changes


class SyncDesk:
    def __init__(self, workspace: Callable[[], Workspace]) -> None:
        """``workspace``: the desk's, opened when first needed."""
        self._workspace = workspace

    @property
    def ws(self) -> Workspace:
        return self._workspace()

    def last_export(self) -> datetime | None:
        """When this laptop last exported (None: never)."""
        from tawthiq.store.bookkeeping import last_export_hlc
        from tawthiq.store.hlc import to_datetime

        with self.ws.db.read() as s:
            hlc = last_export_hlc(s)
        return None if hlc is None else to_datetime(hlc)

    def export(self, choice: ExportChoice, progress: Progress) -> ExportResult:
        from tawthiq.services.sync import export_database

        return export_database(
            self.ws,
            choice.path,
            since="last" if choice.since_last else None,
            recipient=choice.recipient,
            passphrase=choice.passphrase,
            progress=progress,
        )

    def import_files(
        self,
        paths: Sequence[Path],
        progress: Progress,
        *,
        accept_new: bool = False,
        passphrase: str | None = None,
    ) -> Imported:
        """Merge the files (all or none); then the possible duplicates among what changed."""
        from tawthiq.services.sync import import_files, possible_duplicates

        summary = import_files(
            self.ws, paths, accept_new=accept_new, passphrase=passphrase, progress=progress
        )
        with self.ws.db.read() as s:
            pairs = possible_duplicates(s, summary.touched_incidents)
        return Imported(summary, pairs, EVERYTHING)

    def duplicates(self) -> list[DuplicatePair]:
        from tawthiq.services.sync import possible_duplicates

        with self.ws.db.read() as s:
            return possible_duplicates(s)

    def decide_pair(self, a: str, b: str, decision: str) -> Changes:
        from tawthiq.services.sync import decide_pair

        with self.ws.writing() as w:
            decide_pair(w, a, b, decision)
        return Changes.of((a, b))

    def receive_key(self) -> tuple[str, str]:
        from tawthiq.services.sync import receive_key

        return receive_key(self.ws)
