"""The evidence files an export carries, after its signed end (``sync.format``): written
from the store a chunk at a time, and read back into the store's temporary files, each
checked against the SHA-256 its events name before anything of the export is applied."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from tawthiq.domain.errors import N_
from tawthiq.store.events import canonical_json
from tawthiq.store.evidence_store import FileStore, Incoming
from tawthiq.sync.errors import BadFileError, ForgeryError

FILE_LINE = 192 * 1024  # bytes of a file per line (256 KiB of base64)
_CUT_OFF = N_("{path} is cut off: the export is incomplete (copy it again)")


def write_files(
    write: Callable[[bytes], None], store: FileStore, files: Iterable[tuple[str, int]]
) -> None:
    """Each file as its announcing line and its base64 lines. The store checks each file
    against its SHA-256 as it is read, so a file damaged on this laptop is not sent."""
    for sha256, size in files:
        write(canonical_json({"file": sha256, "size": size}).encode("ascii") + b"\n")
        sent = 0
        pending = bytearray()
        for chunk in store.read(sha256):
            pending += chunk
            while len(pending) >= FILE_LINE:
                write(base64.b64encode(pending[:FILE_LINE]) + b"\n")
                del pending[:FILE_LINE]
            sent += len(chunk)
        if pending:
            write(base64.b64encode(pending) + b"\n")
        if sent != size:
            raise BadFileError(
                N_("stored file {sha} changed size while it was exported; run `tawthiq verify`"),
                sha=sha256[:12],
            )


def read_files(
    lines: Iterator[bytes],
    files: Iterable[tuple[str, int]],
    *,
    store: FileStore | None,
    path: Path,
    names: Mapping[str, str],
) -> list[Incoming]:
    """Read the files the header listed, in order; each is hashed as it comes and, when the
    store lacks it, written to a temporary file there. Refuses the whole export, naming the
    file, at the first whose bytes do not match its SHA-256. Returns the files to put in
    place once the import is saved (``Incoming.publish``); a caller that does not save them
    aborts them. ``names``: SHA-256 -> the name a file was attached under ("" when none),
    for every file a record here or in the export names."""
    taken: list[Incoming] = []
    try:
        for sha256, size in files:
            found = _announced(next(lines, None), path)
            if found != (sha256, size):
                raise BadFileError(
                    N_("{path} is damaged: its files are not the ones its header lists"),
                    path=path,
                )
            # kept only when a record names it (an honest export carries no other file), and
            # not already stored sound here (a damaged copy here is repaired by it)
            keep = store is not None and sha256 in names and not store.sound(sha256)
            inc = store.incoming() if keep and store is not None else _Hasher()
            got = 0
            while got < size:
                line = next(lines, None)
                if line is None:
                    raise BadFileError(_CUT_OFF, path=path)
                try:
                    data = base64.b64decode(line, validate=True)
                except (binascii.Error, ValueError):
                    raise _changed(sha256, names, path) from None
                got += len(data)
                if got > size or not data:
                    raise _changed(sha256, names, path)
                inc.write(data)
            sha, _ = inc.finish()
            if sha != sha256:
                inc.abort()
                raise _changed(sha256, names, path)
            if isinstance(inc, Incoming):
                taken.append(inc)
        if next(lines, None) is not None:
            raise BadFileError(N_("{path} has unexpected data after its end"), path=path)
    except BaseException:
        for inc in taken:
            inc.abort()
        raise
    return taken


def _announced(line: bytes | None, path: Path) -> tuple[str, int] | None:
    if line is None:
        raise BadFileError(_CUT_OFF, path=path)
    try:
        data = json.loads(line)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    sha, size = data.get("file"), data.get("size")
    if not isinstance(sha, str) or type(size) is not int:
        return None
    return sha, size


def _changed(sha256: str, names: Mapping[str, str], path: Path) -> ForgeryError:
    name = names.get(sha256) or sha256[:12]
    return ForgeryError(
        N_(
            "{path} carries file {name} (SHA-256 {sha}) whose bytes do not match its SHA-256: "
            "it was changed after it was exported; nothing was imported"
        ),
        path=path.name,
        name=name,
        sha=sha256[:12],
    )


class _Hasher:
    """Bytes of a file already kept here: only checked against their SHA-256."""

    def __init__(self) -> None:
        import hashlib

        self._digest = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> None:
        self._digest.update(data)
        self.size += len(data)

    def finish(self) -> tuple[str, int]:
        return self._digest.hexdigest(), self.size

    def abort(self) -> None:
        pass
