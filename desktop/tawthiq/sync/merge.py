"""Merging export files: check each completely, apply all of them in one transaction.

A merge is a set union of events: whatever the order and however often a file is
merged, the database comes out the same. Nothing is applied from a file that fails any
check, and when one of several files fails, none of them is applied.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tawthiq.domain.errors import N_
from tawthiq.store import bookkeeping, merging
from tawthiq.store.chain import SignedHead, latest_hlc, record_head
from tawthiq.store.parallel import Helper
from tawthiq.store.refresh import refresh_touched
from tawthiq.sync import seal
from tawthiq.sync.check import Checker, DeviceCount, FileCheck
from tawthiq.sync.check_checkpoint import check_checkpoint
from tawthiq.sync.check_header import short_id
from tawthiq.sync.errors import ForgeryError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tawthiq.store.evidence_store import FileStore

Progress = Callable[[int, int], None]
PARALLEL_BYTES = 4 * 2**20  # files from this size on are worth a second process


@dataclass
class ImportSummary:
    """What merging some files did (or, in a dry run, would do)."""

    files: list[FileCheck] = field(default_factory=list)
    devices: dict[str, DeviceCount] = field(default_factory=dict)
    records_new: dict[str, int] = field(default_factory=dict)
    records_changed: dict[str, int] = field(default_factory=dict)
    conflicts: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    new_keys: dict[str, str] = field(default_factory=dict)  # devices accepted by this import
    touched_incidents: list[str] = field(default_factory=list)
    dry_run: bool = False
    files_received: int = 0  # evidence files new here, put in place by ``publish_files``

    def publish_files(self) -> int:
        """Once the import is saved: the files it brought put in place (checked already)."""
        done = sum(bool(inc.publish()) for f in self.files for inc in f.incoming)
        for f in self.files:
            f.incoming = []
        return done

    def drop_files(self) -> None:
        """The import was not saved: the files it brought thrown away."""
        for f in self.files:
            for inc in f.incoming:
                inc.abort()
            f.incoming = []

    @property
    def new(self) -> int:
        return sum(f.new for f in self.files)

    @property
    def known(self) -> int:
        return sum(f.known for f in self.files)

    @property
    def n_conflicts(self) -> int:
        return sum(len(fields) for _, fields in self.conflicts.values())


class DryRun(Exception):
    """Raised inside the write transaction to undo a dry run; carries its summary."""

    def __init__(self, summary: ImportSummary) -> None:
        super().__init__("dry run")
        self.summary = summary


def merge_files(
    session: Session,
    paths: Sequence[Path],
    *,
    trusted: Mapping[str, str],
    accept_new: bool = False,
    keys: seal.Keys | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    clock_ahead: Collection[str] = (),
    files: FileStore | None = None,
) -> ImportSummary:
    """Check and apply ``paths`` in ``session``'s write transaction; with ``dry_run``,
    raise ``DryRun`` with the summary once everything is checked and counted, so the
    caller's transaction is rolled back. ``clock_ahead``: devices whose events may be dated
    further ahead of this laptop's clock than ``CLOCK_MARGIN`` (a person checked).
    ``files``: where the evidence files the exports carry go once the caller saved the
    import (``ImportSummary.publish_files``); until then they wait in temporary files."""
    tell = progress or (lambda _d, _t: None)
    summary = ImportSummary(dry_run=dry_run)
    try:
        with merging.merging(session):
            return _merge(
                session, paths, summary, trusted, accept_new, keys, dry_run, tell, clock_ahead,
                files,
            )  # fmt: skip
    except BaseException:
        summary.drop_files()
        raise


def _merge(
    session: Session,
    paths: Sequence[Path],
    summary: ImportSummary,
    trusted: Mapping[str, str],
    accept_new: bool,
    keys: seal.Keys | None,
    dry_run: bool,
    tell: Progress,
    clock_ahead: Collection[str],
    files: FileStore | None,
) -> ImportSummary:
    sizes = [_size(p) for p in paths]
    read = sum(sizes) or 1
    # A merge large enough to be worth it has its lines screened and its records replayed on
    # a second core, while this one reads, checks what needs the database, and writes.
    warm = ("tawthiq.sync.screen", "tawthiq.store.refresh")
    with Helper(parallel=read >= PARALLEL_BYTES, warm=warm) as helper:
        # Progress: the files' bytes checked and applied, then the records they touched written
        # again; each takes about half of a large merge.
        total = 2 * read
        before = 0
        for path, size in zip(paths, sizes, strict=True):
            offset = before

            def file_progress(done: int, _size: int, offset: int = offset) -> None:
                tell(min(offset + done, read), total)

            checked = Checker(
                session,
                path,
                trusted={**trusted, **summary.new_keys},
                accept_new=accept_new,
                keys=keys or seal.Keys(),
                progress=file_progress,
                helper=helper,
                clock_ahead=clock_ahead,
                files=files,
            ).run()
            summary.files.append(checked)
            summary.files_received += len(checked.incoming)
            _apply(session, checked, summary)
            before += size
        tell(read, total)
        counts = refresh_touched(
            session,
            progress=lambda done, n: tell(read + read * done // max(n, 1), total),
            helper=helper,
        )
        summary.records_new = counts["new"]
        summary.records_changed = counts["changed"]
        summary.conflicts = counts["conflicts"]
        summary.touched_incidents = merging.touched_incidents(session)
        tell(total, total)
        if dry_run:
            raise DryRun(summary)
        return summary


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _apply(session: Session, checked: FileCheck, summary: ImportSummary) -> None:
    """Move one checked file's new events from staging into the log, with their devices'
    keys and signed heads, and note the records they touch."""
    clash = merging.staged_id_clash(session)
    if clash is not None:
        raise ForgeryError(
            N_("event #{seq} of device {device} reuses the id of another event: it was forged"),
            seq=clash[0],
            device=short_id(str(clash[1])),
        )
    kinds = merging.staged_kind_clash(session)
    if kinds is not None:
        raise ForgeryError(
            N_(
                "event #{seq} of device {device} names record {id} as another kind of record "
                "than it is: it was forged"
            ),
            seq=kinds[1],
            device=short_id(str(kinds[2])),
            id=str(kinds[0])[:8],
        )
    merging.apply_staged(session)
    header = checked.header
    now = latest_hlc(session)
    for d in header.devices:
        record_head(
            session,
            SignedHead(d.device_id, d.last, d.head_hash, d.head_signature),
            public_key=d.public_key,
            first_seen=lambda: now,
        )
        count = checked.devices[d.device_id]
        total = summary.devices.setdefault(
            d.device_id, DeviceCount(d.device_id, first_seen=count.first_seen)
        )
        total.authors = tuple(sorted({*total.authors, *count.authors}))  # as signed
        total.new += count.new
        total.known += count.known
    check_checkpoint(session, header, checked.path, now=latest_hlc(session), repeat=checked.repeat)
    summary.new_keys.update(checked.new_keys)
    if not checked.repeat:
        bookkeeping.remember_import(
            session,
            bundle_id=header.bundle_id,
            exporter=header.exporter,
            created_hlc=header.created_hlc,
            imported_hlc=now,
            file_name=checked.path.name,
            events_new=checked.new,
            events_known=checked.known,
        )
    session.flush()
