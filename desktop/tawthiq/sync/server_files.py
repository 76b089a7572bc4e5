"""Evidence files' bytes through a team server (issue 20): events travel as ``server_sync``
moves them; the files they name follow, a chunk at a time either way (a 1 GB file is never
held whole).

- **Send** (after a push): the files this laptop keeps that the evidence events of the
  devices it pushes name, and that the server lacks (by SHA-256 and size), each added in
  one transaction of its own, without the writers' lock (others sync meanwhile). A file
  damaged here is not sent, and named.
- **Receive** (after a pull is saved): the files this laptop's records name, lacks, and the
  server holds; each is hashed as it comes and kept (sealed, when the database is
  encrypted) only when its bytes match its SHA-256. A file the server serves changed is
  refused and named; the others are taken; its record stays, and the file may come later
  by export.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from tawthiq.domain.errors import N_, TawthiqError
from tawthiq.store import chain, server_blobs
from tawthiq.store.evidence_queries import hashes_in, named_files
from tawthiq.store.evidence_store import FileProblem, FileStore
from tawthiq.sync.errors import ForgeryError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tawthiq.store import Database

Progress = Callable[[int, int], None]
EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"  # no bytes at all


@dataclass(frozen=True, slots=True)
class RefusedFile:
    sha256: str
    name: str  # as it was attached ("" when none was given)
    reason: TawthiqError


@dataclass
class FilesMoved:
    """What a sync did with evidence files: ``supported`` False when the server keeps none
    (made by a release before issue 20: its coordinator runs `server init` again)."""

    sent: int = 0
    received: int = 0
    refused: list[RefusedFile] = field(default_factory=list)  # served changed: not taken
    not_sent: list[RefusedFile] = field(default_factory=list)  # damaged here: not sent
    supported: bool = True


def supported(server_db: Database) -> bool:
    with server_db.read() as s:
        return server_blobs.is_installed(s)


def send(
    laptop_db: Database,
    server_db: Database,
    store: FileStore,
    devices: Collection[str] | None,
    moved: FilesMoved,
    progress: Progress | None = None,
) -> None:
    """Add to the server the files the evidence events of ``devices`` (None: every device's)
    name, kept here, that it lacks."""
    with laptop_db.read() as s:
        names = named_files(s)
        if devices is not None:
            ranges = {d: (1, chain.last_seq(s, d)) for d in devices}
            shas = hashes_in(s, {d: r for d, r in ranges.items() if r[1] > 0})
        else:
            shas = sorted(names)
    kept = [sha for sha in shas if sha != EMPTY and store.has(sha)]
    with server_db.read() as s:
        there = server_blobs.held(s, kept)
    todo = [(sha, store.size_of(sha)) for sha in kept]
    todo = [(sha, size) for sha, size in todo if sha not in there or there[sha].size != size]
    total, done = sum(size for _, size in todo), 0
    for sha, size in todo:
        try:
            with server_db.unlocked() as s:
                added = _upload(s, store, sha, partial(_tell, progress, done, total))
        except FileProblem as exc:
            moved.not_sent.append(RefusedFile(sha, names.get(sha, ""), exc))
            continue
        done += size
        moved.sent += int(added)


def _upload(session: Session, store: FileStore, sha256: str, tell: Callable[[int], None]) -> bool:
    """The file's chunks, read (and checked against its SHA-256) a chunk at a time; an error
    reading it rolls back the chunks added."""
    size = server_blobs.CHUNK
    index, sent, added = 0, 0, False
    pending = bytearray()
    for part in store.read(sha256):
        pending += part
        while len(pending) >= size:
            added |= server_blobs.add_chunk(session, sha256, index, bytes(pending[:size]))
            del pending[:size]
            index, sent = index + 1, sent + size
            tell(sent)
    if pending:
        added |= server_blobs.add_chunk(session, sha256, index, bytes(pending))
    return added


def receive(
    laptop_db: Database,
    server_db: Database,
    store: FileStore,
    moved: FilesMoved,
    progress: Progress | None = None,
) -> None:
    """Take from the server the files this laptop's records name and it lacks."""
    with laptop_db.read() as s:
        names = named_files(s)
    wanted = [sha for sha in sorted(names) if not store.has(sha)]
    if EMPTY in wanted:  # nothing to fetch: its bytes are none
        store.put([], expected=EMPTY)
        wanted.remove(EMPTY)
    if not wanted:
        return
    with server_db.read() as s:
        there = server_blobs.held(s, wanted)
    total, done = sum(h.size for h in there.values()), 0
    for sha in wanted:
        held = there.get(sha)
        if held is None:
            continue  # not on the server (yet): it may come by a later sync or an export
        try:
            with server_db.read() as s:
                chunks = _chunks(s, sha, held.chunks, partial(_tell, progress, done, total))
                store.put(chunks, expected=sha)
        except FileProblem:
            moved.refused.append(RefusedFile(sha, names.get(sha, ""), _changed(sha, names)))
        else:
            moved.received += 1
        done += held.size


def _chunks(
    session: Session, sha256: str, count: int, tell: Callable[[int], None]
) -> Iterator[bytes]:
    got = 0
    for index in range(count):
        data = server_blobs.chunk(session, sha256, index)
        if data is None:  # rows gone since they were counted: not what was announced
            raise FileProblem(N_("stored file {sha} is missing"), sha=sha256[:12])
        got += len(data)
        tell(got)
        yield data


def _tell(progress: Progress | None, before: int, total: int, done: int) -> None:
    if progress is not None:
        progress(min(before + done, total), max(total, 1))


def _changed(sha256: str, names: dict[str, str]) -> ForgeryError:
    return ForgeryError(
        N_(
            "the server's copy of evidence file {name} (SHA-256 {sha}) does not match its "
            "SHA-256: it was changed on the server, and was not taken"
        ),
        name=names.get(sha256) or sha256[:12],
        sha=sha256[:12],
    )
