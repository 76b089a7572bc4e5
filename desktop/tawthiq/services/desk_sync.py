"""What the window does with export files and with what a merge brings up: the sync use
cases, reached as ``Desk.sync``, each a user action in its own session."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tawthiq.domain.errors import N_, ValidationError
from tawthiq.services.changes import EVERYTHING, NOTHING, Changes

if TYPE_CHECKING:
    from tawthiq.services.sync import DuplicatePair, ExportResult, ImportSummary
    from tawthiq.services.workspace import Workspace
    from tawthiq.sync.errors import NewDevice

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ExportChoice:
    """What the export dialog (or ``tawthiq export``) asked for: ``since_file``, only what
    came after that earlier export; ``open_passphrase``, to read it if it is locked. An
    export is locked, to ``recipient`` or with ``passphrase``, unless ``plain`` says that
    the person chose to have it readable by anyone."""

    path: Path
    since_last: bool = False
    passphrase: str | None = None
    recipient: str | None = None
    since_file: Path | None = None
    open_passphrase: str | None = None
    plain: bool = False


@dataclass(frozen=True, slots=True)
class Imported:
    summary: ImportSummary
    pairs: list[DuplicatePair]  # possible duplicates among the incidents the merge touched
    changes: Changes
    # a dry run: the laptops whose keys a real import would first ask the person to accept
    unconfirmed: tuple[NewDevice, ...] = ()
    # incidents the merge touched whose fields now contradict each other (a governorate
    # that is not the one of the P-code), with each contradiction
    contradictions: dict[str, list[ValidationError]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class LaptopKeys:
    """This laptop's keys as people compare them: the one others encrypt exports to, with
    its fingerprint, and the fingerprint of the one its events are signed with."""

    receive: str
    receive_fingerprint: str
    device_id: str
    signing_fingerprint: str


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
        """Refused, before anything is read, when nothing locks the file and nobody chose
        a plain one, or when a plain one is asked for with a lock."""
        from tawthiq.services.sync import export_database

        locked = bool(choice.recipient) or choice.passphrase is not None
        if locked == choice.plain:
            raise ValidationError(
                N_("an export is either encrypted (to a key or with a passphrase) or, when "
                   "chosen, not encrypted; nothing was exported")
            )  # fmt: skip
        return export_database(
            self.ws,
            choice.path,
            since="last" if choice.since_last else choice.since_file,
            recipient=choice.recipient,
            passphrase=choice.passphrase,
            open_passphrase=choice.open_passphrase,
            progress=progress,
        )

    def import_files(
        self,
        paths: Sequence[Path],
        progress: Progress,
        *,
        accept_new: bool = False,
        passphrase: str | None = None,
        dry_run: bool = False,
        clock_ahead: Sequence[str] = (),
    ) -> Imported:
        """Merge the files (all or none); then the possible duplicates among what changed.
        A dry run checks and counts and changes nothing; it goes on past laptops not seen
        before and names them, as the import would ask about them."""
        from tawthiq.services.incidents import contradictions
        from tawthiq.services.sync import import_files, possible_duplicates

        summary = import_files(
            self.ws, paths, accept_new=accept_new or dry_run, dry_run=dry_run,
            passphrase=passphrase, progress=progress, clock_ahead=clock_ahead,
        )  # fmt: skip
        if dry_run:
            unconfirmed = () if accept_new else _unconfirmed(summary)
            return Imported(summary, [], NOTHING, unconfirmed=unconfirmed)
        with self.ws.db.read() as s:
            pairs = possible_duplicates(s, summary.touched_incidents)
            contradicting = contradictions(s, summary.touched_incidents)
        return Imported(summary, pairs, EVERYTHING, contradictions=contradicting)

    def duplicates(self) -> list[DuplicatePair]:
        from tawthiq.services.sync import possible_duplicates

        with self.ws.db.read() as s:
            return possible_duplicates(s)

    def decide_pair(self, a: str, b: str, decision: str) -> Changes:
        from tawthiq.services.sync import decide_pair

        with self.ws.writing() as w:
            decide_pair(w, a, b, decision)
        return Changes.of((a, b))

    def keys(self) -> LaptopKeys:
        from tawthiq.services.sync import receive_key, signing_fingerprint

        text, fingerprint = receive_key(self.ws)
        device = self.ws.identity.device_id
        return LaptopKeys(text, fingerprint, device, signing_fingerprint(self.ws))


def _unconfirmed(summary: ImportSummary) -> tuple[NewDevice, ...]:
    """The laptops a real import would ask about, each named by the authors of its signed
    events in any of the files."""
    from dataclasses import replace

    from tawthiq.sync.check_header import new_devices

    found: dict[str, NewDevice] = {}
    for checked in summary.files:
        for d in new_devices(checked):
            count = summary.devices.get(d.device_id)
            if count is not None and count.authors:
                d = replace(d, authors=count.authors, says="")
            found.setdefault(d.device_id, d)
    return tuple(found[k] for k in sorted(found))
