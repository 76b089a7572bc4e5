"""The bytes of evidence files, kept beside the database under their SHA-256.

``<folder>/<sha256[:2]>/<sha256>``: written once through a temporary file and ``os.replace``,
never changed, never kept twice (the same bytes are the same name). The SHA-256 is always of
the original bytes, and is checked again whenever they are read back.

When the database is encrypted, so are the files: a header (``MAGIC``, a random 8-byte file
nonce) and then the bytes in chunks of ``CHUNK`` sealed with ChaCha20-Poly1305 under a key
derived from the database key. Each chunk's nonce is the file nonce and its number; its
associated data its number and whether it is the last, so chunks cannot be reordered or
cut off unnoticed; a file moved under another name fails the SHA-256 check on reading. A
1 GB file is written and read a chunk at a time, in bounded memory.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from tawthiq.domain.errors import N_, Sentence
from tawthiq.store.errors import StoreError
from tawthiq.store.processes import is_running
from tawthiq.store.secure_files import destroy, overwrite, sync_folder

CHUNK = 1024 * 1024  # plain bytes per sealed chunk, and per read
MAGIC = b"TWQFILE1"
_NONCE = 8
_TAG = 16
_PART = ".part-"


def folder_beside(db: Path) -> Path:
    """The folder of the files of the database file ``db``."""
    return db.with_name(db.name + ".files")


def file_key(database_key: bytes) -> bytes:
    """The key the files of an encrypted database are sealed with: derived from the
    database key, so unlocking the database unlocks its files and nothing else is kept."""
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"tawthiq evidence files v1"
    ).derive(database_key)


class FileProblem(StoreError):
    """A stored file that is missing, unreadable or no longer the bytes its SHA-256 names."""


def _ad(index: int, last: bool) -> bytes:
    return f"tawthiq file chunk {index} {int(last)}".encode("ascii")


def _nonce(prefix: bytes, index: int) -> bytes:
    return prefix + index.to_bytes(4, "big")


class FileStore:
    """The folder of one database's files; ``key``: they are sealed with it."""

    def __init__(self, folder: Path, key: bytes | None = None) -> None:
        self.folder = folder
        self.key = key

    @property
    def encrypted(self) -> bool:
        return self.key is not None

    def path_of(self, sha256: str) -> Path:
        return self.folder / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path_of(sha256).is_file()

    def sealed(self, sha256: str) -> bool:
        """Whether stored file ``sha256`` is kept sealed (its first bytes say so); a plain
        store's files never are."""
        try:
            with self.path_of(sha256).open("rb") as f:
                return f.read(len(MAGIC)) == MAGIC
        except OSError:
            return False

    def sound(self, sha256: str) -> bool:
        """Whether stored file ``sha256`` is there, its bytes those its SHA-256 names, and
        sealed when the store is encrypted: every byte read and hashed."""
        if not self.has(sha256) or (self.key is not None and not self.sealed(sha256)):
            return False
        return self.problem(sha256) is None

    def size_of(self, sha256: str) -> int:
        """The size of the original bytes of a stored file, from its size on disk."""
        stored = self.path_of(sha256).stat().st_size
        if self.key is None:
            return stored
        body = stored - len(MAGIC) - _NONCE
        chunks = max(1, -(-body // (CHUNK + _TAG)))
        return max(0, body - chunks * _TAG)

    # --- writing ------------------------------------------------------------------------

    def incoming(self) -> Incoming:
        """A file being received: bytes in, hashed and (when encrypted) sealed as they come."""
        return Incoming(self)

    def put(self, chunks: Iterable[bytes], *, expected: str | None = None) -> tuple[str, int]:
        """Store the bytes ``chunks`` give; their (SHA-256, size). With ``expected``, bytes
        of another SHA-256 are refused and nothing is kept."""
        with self.incoming() as inc:
            for chunk in chunks:
                inc.write(chunk)
            sha256, size = inc.finish()
            if expected is not None and sha256 != expected:
                raise FileProblem(
                    N_("the bytes received for file {sha} do not match its SHA-256"),
                    sha=expected[:12],
                )
            inc.publish()
        return sha256, size

    # --- reading ------------------------------------------------------------------------

    def read(self, sha256: str) -> Iterator[bytes]:
        """The original bytes of ``sha256``, a chunk at a time, decrypted; raises
        ``FileProblem`` when they are missing, or not what their SHA-256 names (at the end:
        a caller keeping what it read keeps it only once the iteration completed)."""
        path = self.path_of(sha256)
        try:
            f = path.open("rb")
        except FileNotFoundError:
            raise FileProblem(N_("stored file {sha} is missing"), sha=sha256[:12]) from None
        except OSError as exc:
            raise FileProblem(
                N_("cannot read stored file {sha}: {reason}"), sha=sha256[:12], reason=exc.strerror
            ) from None
        digest = hashlib.sha256()
        with f:
            for chunk in self._plain(f, sha256):
                digest.update(chunk)
                yield chunk
        if digest.hexdigest() != sha256:
            raise _changed(sha256)

    def _plain(self, f: BinaryIO, sha256: str) -> Iterator[bytes]:
        head = f.read(len(MAGIC) + _NONCE) if self.key is not None else b""
        if self.key is None or not head.startswith(MAGIC):
            # a plain database's file; or, in an encrypted one, a file its encryption was
            # cut off before (``convert``): read as it is, and proven by its SHA-256 alone
            if head:
                yield head
            while block := f.read(CHUNK):
                yield block
            return
        if len(head) != len(MAGIC) + _NONCE:
            raise _changed(sha256)
        prefix = head[len(MAGIC) :]
        aead = ChaCha20Poly1305(self.key)
        index = 0
        block = f.read(CHUNK + _TAG)
        while True:
            after = f.read(CHUNK + _TAG) if len(block) == CHUNK + _TAG else b""
            last = not after
            try:
                yield aead.decrypt(_nonce(prefix, index), block, _ad(index, last))
            except InvalidTag:
                raise _changed(sha256) from None
            if last:
                return
            block, index = after, index + 1

    def problem(self, sha256: str) -> Sentence | None:
        """What is wrong with stored file ``sha256``, or None: every byte read and hashed."""
        try:
            for _ in self.read(sha256):
                pass
        except FileProblem as exc:
            return Sentence(exc.template, **exc.params)
        return None

    def remove_leftovers(self) -> int:
        """The temporary files that a write killed before it finished left (never one a
        running process is writing, never a stored file), their bytes overwritten where they
        lay (on a plain laptop they are evidence in the clear); how many."""
        removed = 0
        try:
            found = list(self.folder.glob(f"{_PART}*"))
        except OSError:
            return 0
        for p in found:
            pid = p.name[len(_PART) :].partition("-")[0]
            if pid.isdigit() and not is_running(int(pid)):
                with contextlib.suppress(OSError):
                    removed += destroy(p)
        return removed

    # --- encrypting or decrypting every file (protect, unprotect) -------------------------

    def convert(self, key: bytes | None) -> int:
        """Every stored file written again sealed under ``key`` (None: plain), each checked
        against its SHA-256 as it is read, and put in place of the old one, whose bytes are
        overwritten where they lay when they were plain; how many. The one time a stored
        file is replaced: by the same original bytes, kept another way."""
        self.remove_leftovers()  # a killed write's plain bytes: not left as they are
        target = FileStore(self.folder, key)
        done = 0
        for sha256 in self.stored():
            with target.incoming() as inc:
                for chunk in self.read(sha256):
                    inc.write(chunk)
                if inc.finish()[0] != sha256:
                    raise _changed(sha256)
                path = self.path_of(sha256)
                with path.open("r+b", buffering=0) as old:
                    os.replace(inc.tmp, path)
                    sync_folder(path.parent)
                    if self.key is None:
                        overwrite(old)  # the plain bytes, where they lay
            done += 1
        self.key = key
        return done

    def stored(self) -> list[str]:
        if not self.folder.is_dir():
            return []
        return sorted(
            p.name
            for sub in self.folder.iterdir()
            if sub.is_dir() and len(sub.name) == 2
            for p in sub.iterdir()
            if len(p.name) == 64 and p.name.startswith(sub.name)
        )


def _changed(sha256: str) -> FileProblem:
    return FileProblem(
        N_("stored file {sha} was changed: its bytes no longer match its SHA-256"),
        sha=sha256[:12],
    )


class Incoming:
    """Bytes being stored: into a temporary file in the store's folder, hashed and (when
    encrypted) sealed a chunk at a time as they come, one chunk held back to know the last;
    ``publish`` puts the file in place under its SHA-256."""

    def __init__(self, store: FileStore) -> None:
        self.store = store
        self._digest = hashlib.sha256()
        self.size = 0
        self.sha256: str | None = None
        self.tmp = store.folder / f"{_PART}{os.getpid()}-{uuid.uuid4().hex[:12]}"
        try:
            store.folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError as exc:
            raise StoreError(
                N_("cannot write evidence files into {path}: {reason}"),
                path=store.folder,
                reason=exc.strerror,
            ) from None
        self._file = os.fdopen(fd, "wb")
        self._aead = ChaCha20Poly1305(store.key) if store.key is not None else None
        self._prefix = os.urandom(_NONCE)
        self._pending = bytearray()
        self._index = 0
        if self._aead is not None:
            self._file.write(MAGIC + self._prefix)

    def __enter__(self) -> Incoming:
        return self

    def __exit__(self, *exc: object) -> None:
        self.abort()

    def write(self, data: bytes) -> None:
        self._digest.update(data)
        self.size += len(data)
        if self._aead is None:
            self._file.write(data)
            return
        self._pending += data
        while len(self._pending) > CHUNK:  # more follows this chunk: it is not the last
            self._seal(bytes(self._pending[:CHUNK]), last=False)
            del self._pending[:CHUNK]

    def _seal(self, block: bytes, *, last: bool) -> None:
        assert self._aead is not None
        nonce = _nonce(self._prefix, self._index)
        self._file.write(self._aead.encrypt(nonce, block, _ad(self._index, last)))
        self._index += 1

    def finish(self) -> tuple[str, int]:
        """All bytes received: their SHA-256 and size."""
        if self._aead is not None:
            self._seal(bytes(self._pending), last=True)
            self._pending.clear()
        self.sha256 = self._digest.hexdigest()
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        return self.sha256, self.size

    def publish(self) -> bool:
        """Put the file in place under its SHA-256; False when those bytes were already
        kept, sound (the temporary file is then dropped). A stored copy that is damaged, or
        left plain in an encrypted store, is replaced by these bytes, proven against the
        same SHA-256 (its plain bytes then overwritten where they lay)."""
        assert self.sha256 is not None, "finish() first"
        target = self.store.path_of(self.sha256)
        if target.exists() and self.store.sound(self.sha256):
            self.abort()
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        old = None
        if self.store.key is not None and target.exists() and not self.store.sealed(self.sha256):
            with contextlib.suppress(OSError):
                old = target.open("r+b", buffering=0)
        try:
            os.replace(self.tmp, target)
            with contextlib.suppress(OSError):
                os.chmod(target, stat.S_IRUSR | stat.S_IWUSR)
            sync_folder(target.parent)
            if old is not None:
                overwrite(old)
        finally:
            if old is not None:
                old.close()
        return True

    def abort(self) -> None:
        if not self._file.closed:
            self._file.close()
        self.tmp.unlink(missing_ok=True)
