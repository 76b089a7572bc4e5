"""Export files as streams of lines: written compressed (and sealed) into a temporary file
that replaces the target only once complete; read back with every size bounded, so a cut
off, bloated or foreign file ends in one clear sentence, never in memory exhaustion."""

from __future__ import annotations

import hashlib
import os
import re
import socket
import stat
import time
import uuid
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from tawthiq.domain.errors import N_
from tawthiq.store.processes import is_running
from tawthiq.store.secure_files import sync_folder
from tawthiq.sync import seal
from tawthiq.sync.errors import BadFileError, SyncError

READ_BLOCK = 256 * 1024
MAX_LINE = 16 * 1024 * 1024  # a report pasted whole fits many times over
_INFLATE_STEP = 1024 * 1024
_GZIP = 16 + zlib.MAX_WBITS


class AtomicWriter:
    """Lines into ``path``, gzip-compressed and optionally sealed; the file appears under
    its name only after ``commit`` (synced to disk first), so a crash or an error leaves the
    old file, or none, never half of one."""

    def __init__(self, path: Path, lock: seal.Lock | None = None) -> None:
        self.path = path
        remove_leftovers(path.parent)
        # the process in the name: another export's file is told from a crashed one's
        self.tmp = path.with_name(part_name(path.name, os.getpid()))
        try:
            fd = os.open(self.tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError as exc:
            raise SyncError(
                N_("cannot write the export to {path}: {reason}"),
                path=path,
                reason=exc.strerror,
            ) from None
        self._file = os.fdopen(fd, "wb")
        self._sealer = seal.Sealer(self._file, lock) if lock else None
        self._deflate = zlib.compressobj(3, zlib.DEFLATED, _GZIP)
        self.bytes_in = 0

    def write(self, data: bytes) -> None:
        self.bytes_in += len(data)
        self._out(self._deflate.compress(data))

    def _out(self, data: bytes) -> None:
        if data:
            (self._sealer or self._file).write(data)

    def finish(self) -> int:
        """Write out the last of it and sync it to disk, still under its temporary name;
        its size in bytes."""
        try:
            if not self._file.closed:
                self._out(self._deflate.flush())
                if self._sealer:
                    self._sealer.close()
                self._file.flush()
                os.fsync(self._file.fileno())
                self._file.close()
            return self.tmp.stat().st_size
        except OSError as exc:
            raise self._failed(exc) from None

    def commit(self) -> None:
        """Put the finished file in place under its name."""
        self.finish()
        try:
            os.replace(self.tmp, self.path)
            sync_folder(self.path.parent)
        except OSError as exc:
            raise self._failed(exc) from None

    def _failed(self, exc: OSError) -> SyncError:
        self.abort()
        return SyncError(
            N_("cannot write the export to {path}: {reason}"),
            path=self.path,
            reason=exc.strerror,
        )

    def abort(self) -> None:
        if not self._file.closed:
            self._file.close()
        self.tmp.unlink(missing_ok=True)

    def __enter__(self) -> AtomicWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if kind is not None:
            self.abort()


def _this_computer() -> bytes:
    """What tells this computer from others: its machine id where the system keeps one
    (random, so a file name on a stick does not name the computer to whoever can guess its
    name), else its name."""
    for path in ("/etc/machine-id", "/var/lib/dbus/machine-id"):
        try:
            found = Path(path).read_bytes().strip()
        except OSError:
            continue
        if found:
            return found
    return socket.gethostname().encode("utf-8", "surrogateescape")


# This computer, as the temporary files of its exports name it: a folder may be shared
# with others, whose process numbers mean nothing here.
_HOST = hashlib.sha256(b"tawthiq export part\0" + _this_computer()).hexdigest()[:8]


def part_name(name: str, pid: int) -> str:
    """The temporary file an export to ``name`` by process ``pid`` of this computer writes."""
    return f".{name}.{pid}-{_HOST}.{uuid.uuid4().hex[:8]}.part"


# Every way Tawthiq has named them: with the process and computer, with the process only,
# with neither (release 0.1; a PDF being written looks the same).
_TEMPORARY = re.compile(r"\..+?\.(?:(\d+)(?:-([0-9a-f]{8}))?\.)?[0-9a-f]{8}\.part")
_STALE_AFTER = 3600.0  # seconds: an export writes to its file all the time


def remove_leftovers(folder: Path) -> int:
    """Remove the temporary files that exports killed before they finished left in
    ``folder`` (a whole export, unencrypted when it was asked for unencrypted), never the
    file of an export still running; how many were removed. Before the hour is out, only
    the files of this computer's exports whose process is gone: another's file may be
    written now (a report beside it, another computer's export in a shared folder).
    Errors are no one's business here: a folder that cannot be read or changed keeps what
    it has."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        found = _TEMPORARY.fullmatch(entry.name)
        if found is None:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode):
                continue
            stale = time.time() - info.st_mtime >= _STALE_AFTER
            dead = found[2] == _HOST and not is_running(int(found[1]))
            if not (stale or dead):
                continue
            os.unlink(entry.path)
            removed += 1
        except OSError:
            continue
    return removed


@contextmanager
def noted_export(notes: Path, folder: Path) -> Iterator[None]:
    """While an export runs, a note in this laptop's own folder ``notes`` names the folder
    it writes in: when the export is killed, the next start of Tawthiq on this laptop
    removes what it left there (``clear_killed_exports``), whatever command it runs."""
    note: Path | None = notes / f".exporting-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        note.write_bytes(os.fsencode(folder))  # type: ignore[union-attr]
    except OSError:  # no note: the next export to that folder still clears it
        note = None
    try:
        yield
    finally:
        if note is not None:
            note.unlink(missing_ok=True)


def clear_killed_exports(notes: Path) -> None:
    """What exports that were killed left in the folders they wrote in, removed."""
    try:
        found = list(notes.glob(".exporting-*"))
    except OSError:
        return
    for note in found:
        named = re.fullmatch(r"\.exporting-(\d+)-[0-9a-f]{8}", note.name)
        if named is None or is_running(int(named[1])):
            continue
        try:
            remove_leftovers(Path(os.fsdecode(note.read_bytes())))
            note.unlink()
        except OSError:
            continue


def check_readable(path: Path) -> None:
    """Refuse, before anything waits on it, what cannot be an export: a missing file, a
    folder, a named pipe (reading it would wait for ever), a device such as /dev/zero (it
    never ends) or a socket. A link to a regular file is fine."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise _unreadable(path, exc) from None
    _check_kind(path, mode)


def _check_kind(path: Path, mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise BadFileError(N_("{path} is a folder, not an export file"), path=path)
    if stat.S_ISFIFO(mode):
        raise BadFileError(N_("{path} is a named pipe, not an export file"), path=path)
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        raise BadFileError(N_("{path} is a device, not an export file"), path=path)
    raise BadFileError(N_("{path} is not a regular file, so not an export file"), path=path)


def _unreadable(path: Path, exc: OSError) -> BadFileError:
    if isinstance(exc, IsADirectoryError):
        return BadFileError(N_("{path} is a folder, not an export file"), path=path)
    return BadFileError(N_("cannot read {path}: {reason}"), path=path, reason=exc.strerror)


def _blocks(f: object, first: bytes, tell: Callable[[int], None]) -> Iterator[bytes]:
    done = len(first)
    if first:
        yield first
    while block := f.read(READ_BLOCK):  # type: ignore[attr-defined]
        done += len(block)
        tell(done)
        yield block


class BundleFile:
    """An export file opened for reading: its kind told apart by its first bytes."""

    def __init__(self, path: Path, keys: seal.Keys, tell: Callable[[int], None]) -> None:
        self.path = path
        self.keys = keys
        self.tell = tell
        try:
            # Without blocking: a named pipe would wait for a writer for ever. What is
            # opened is what is checked, so a file swapped after ``check_readable`` is too.
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except OSError as exc:
            raise _unreadable(path, exc) from None
        try:
            info = os.fstat(fd)
            _check_kind(path, info.st_mode)
            if hasattr(os, "set_blocking"):
                os.set_blocking(fd, True)
        except BaseException:
            os.close(fd)
            raise
        self.size = info.st_size
        self._file = os.fdopen(fd, "rb")
        self.sealed = False

    def close(self) -> None:
        self._file.close()

    def _payload(self) -> Iterator[bytes]:
        first = self._file.read(seal._MAX_HEADER + len(seal.MAGIC))
        if not first:
            raise BadFileError(N_("{path} is empty"), path=self.path)
        if first.startswith(seal.MAGIC):
            self.sealed = True
            head, start = seal.read_header(first)
            header = first[:start]
            key = seal.opening_key(head, header, self.keys)
            return seal.unseal(_blocks(self._file, first[start:], self.tell), key, header)
        if first.startswith(b"\x1f\x8b"):
            return _blocks(self._file, first, self.tell)
        raise BadFileError(_what_it_is(first), path=self.path)

    def lines(self) -> Iterator[bytes]:
        """Every line (without its newline), decompressed a bounded step at a time."""
        inflate = zlib.decompressobj(_GZIP)
        pending = bytearray()
        for block in self._payload():
            data = block
            while data:
                try:
                    out = inflate.decompress(data, _INFLATE_STEP)
                except zlib.error:
                    raise BadFileError(
                        N_("{path} is damaged: its compressed data is corrupt"), path=self.path
                    ) from None
                data = inflate.unconsumed_tail
                pending += out
                start = 0
                while (end := pending.find(b"\n", start)) >= 0:
                    yield bytes(pending[start:end])
                    start = end + 1
                del pending[:start]
                if len(pending) > MAX_LINE:
                    raise BadFileError(
                        N_("{path} is damaged: it holds a line longer than {mb} MB"),
                        path=self.path,
                        mb=MAX_LINE // 2**20,
                    )
                if inflate.eof:
                    if data or inflate.unused_data:
                        raise BadFileError(
                            N_("{path} has unexpected data after its end"), path=self.path
                        )
                    break
        if not inflate.eof:
            raise BadFileError(
                N_("{path} is cut off: the export is incomplete (copy it again)"), path=self.path
            )
        if pending:
            raise BadFileError(
                N_("{path} is cut off: the export is incomplete (copy it again)"), path=self.path
            )


def _what_it_is(first: bytes) -> str:
    if first.startswith(b"SQLite format 3\x00"):
        return N_(
            "{path} is a database, not an export: export from it with "
            "`tawthiq export --db {path} -o FILE.tawthiq`, then import that file"
        )
    if first.startswith(b"PK\x03\x04"):
        return N_("{path} is a ZIP archive, not a Tawthiq export")
    if first.startswith(b"%PDF"):
        return N_("{path} is a PDF document, not a Tawthiq export")
    return N_("{path} is not a Tawthiq export (it does not begin like one)")
