"""Encrypting a database file in place and back (SQLCipher's ``sqlcipher_export``), with
its key file beside it (``tawthiq.db.keys``).

The database file's first bytes say which it is: SQLite's header, or SQLCipher's random
salt. Every step leaves a state that header explains, so a crash part-way is finished or
undone by ``tidy`` at the next open: the new file is written whole beside the old one and
renamed over it (one step), while this program alone has the database open (SQLite's
exclusive lock, taken or refused before anything is written).
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tawthiq.domain.errors import N_
from tawthiq.store import keystore, secure_files
from tawthiq.store import sqlite_connection as dialect
from tawthiq.store.errors import DatabaseLockedError, DiskError, StoreError
from tawthiq.store.processes import is_running

KEYS_SUFFIX = ".keys"
# beside the database, named with the process id of the protect or unprotect that writes
# them: a protect's key file until its database is in place, and the new file being written
_PENDING = ".keys.pending-"
_CONVERTING = ".converting-"


def key_file(db: Path) -> Path:
    return db.with_name(db.name + KEYS_SUFFIX)


def _head(db: Path) -> tuple[bytes, int] | None:
    """The first 16 bytes of ``db`` and its size; None when there is no such file."""
    try:
        with db.open("rb") as f:
            return f.read(16), os.fstat(f.fileno()).st_size
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise StoreError(N_("cannot read {path}: {reason}"), path=db, reason=exc.strerror) from None


def is_encrypted(db: Path) -> bool:
    """Whether ``db`` looks like an encrypted database: not SQLite's plain format, and
    whole pages of SQLCipher's (a text or a cut-off file is neither: "not a database")."""
    found = _head(db)
    if found is None:
        return False
    head, size = found
    return len(head) == 16 and head != dialect.SQLITE_HEADER and size % 512 == 0


def is_plain_database(db: Path) -> bool:
    """Whether ``db`` is a plain SQLite file (its header says so)."""
    try:
        found = _head(db)
    except StoreError:
        return False
    return found is not None and found[0] == dialect.SQLITE_HEADER


def tidy(db: Path) -> None:
    """Finish or undo what a protect or unprotect cut short left beside ``db``: a process
    that still runs is left to finish its own. Nothing is done where nothing can be written
    (read-only media: the key file is then read where it is, ``current_key_file``). A plain
    database with a key file beside it (an unprotect cut before removing it) keeps it: it
    opens nothing readable that the plain file does not show, and protect replaces it."""
    secure_files.finish_destroying(db.parent, db.name)
    try:
        for tmp in _left_by_ended(db, _CONVERTING):
            secure_files.destroy(tmp)
        for pending in _left_by_ended(db, _PENDING):
            if is_encrypted(db) and not key_file(db).exists():
                os.replace(pending, key_file(db))  # protect was cut after its database
                secure_files.sync_folder(db.parent)
            else:
                secure_files.destroy(pending)
    except OSError:
        return


def _left_by_ended(db: Path, infix: str) -> list[Path]:
    found = []
    for path in db.parent.glob(f"{glob.escape(db.name)}{infix}*"):
        pid = path.name[len(db.name) + len(infix) :]
        if pid.isdigit() and not is_running(int(pid)):
            found.append(path)
    return sorted(found)


def current_key_file(db: Path) -> Path:
    """The key file of an encrypted database: beside it, or a cut protect's pending one."""
    keys = key_file(db)
    if keys.exists():
        return keys
    pending = sorted(db.parent.glob(f"{glob.escape(db.name)}{_PENDING}*"))
    return pending[-1] if pending else keys


def _mine(db: Path, infix: str) -> Path:
    return db.with_name(f"{db.name}{infix}{os.getpid()}")


def protect(db: Path, key: bytes, kf: keystore.KeyFile) -> None:
    """Encrypt the plain database ``db`` under ``key``; ``kf`` (``key`` wrapped) becomes
    its key file. The plain file's bytes are overwritten where they lay once the encrypted
    one is in place."""
    pending = _mine(db, _PENDING)
    keystore.write_key_file(pending, kf)
    try:
        _convert(db, source_key=None, target_key=key)
    except BaseException as exc:
        secure_files.destroy(pending)
        if isinstance(exc, OSError):
            raise _disk_error(db, exc) from None
        raise
    os.replace(pending, key_file(db))
    secure_files.sync_folder(db.parent)


def unprotect(db: Path, key: bytes) -> None:
    """Decrypt the database ``db`` (its key ``key``), then destroy its key file."""
    _convert(db, source_key=key, target_key=None)
    secure_files.destroy(key_file(db))


def _convert(db: Path, *, source_key: bytes | None, target_key: bytes | None) -> None:
    tmp = _mine(db, _CONVERTING)
    try:
        secure_files.destroy(tmp)
        with _alone(db, source_key) as conn:
            literal = _key_literal(target_key)
            conn.execute(f"ATTACH DATABASE ? AS converted KEY {literal}", (str(tmp),))
            conn.execute("SELECT sqlcipher_export('converted')")
            version = conn.execute("PRAGMA main.user_version").fetchone()[0]
            conn.execute(f"PRAGMA converted.user_version = {int(version)}")
            conn.execute("DETACH DATABASE converted")
            _fsync(tmp)
            if source_key is not None and not key_file(db).exists():
                raise StoreError(  # erased while it was decrypted: its plain copy must not win
                    N_("{path} was erased while it was being decrypted; nothing was kept"),
                    path=db,
                )
            with db.open("r+b", buffering=0) as old:
                os.replace(tmp, db)  # the one step: the old file or the whole new one
                secure_files.sync_folder(db.parent)
                if target_key is not None:
                    secure_files.overwrite(old)  # the plain pages, where they lay
            for leftover in ("-journal", "-wal", "-shm"):
                db.with_name(db.name + leftover).unlink(missing_ok=True)
    except BaseException as exc:
        secure_files.destroy(tmp)
        secure_files.destroy(tmp.with_name(tmp.name + "-journal"))
        if isinstance(exc, OSError):
            raise _disk_error(db, exc) from None
        raise


def _disk_error(db: Path, exc: OSError) -> DiskError:
    return DiskError(
        N_("cannot write beside {path} ({reason}); nothing was changed"),
        path=db,
        reason=exc.strerror or type(exc).__name__,
    )


def check_alone(db: Path) -> None:
    """Refuse, before anything is changed, while another program has ``db`` open."""
    with _alone(db, None, converting=False):
        pass


@contextmanager
def _alone(db: Path, key: bytes | None, *, converting: bool = True) -> Iterator[Any]:
    """A connection to ``db`` holding SQLite's exclusive lock, the write-ahead log folded
    into the file and gone (``converting``): refused while any other program has the
    database open."""
    conn = dialect.cipher_connect(str(db), key=key, timeout=dialect.busy_timeout_ms() / 1000)
    try:
        conn.isolation_level = None
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        try:
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            conn.execute("COMMIT")
            if converting:
                conn.execute("PRAGMA journal_mode=DELETE")
        except dialect.DRIVER_ERRORS as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise DatabaseLockedError(
                    N_(
                        "the database {path} is open in another program (the window, or "
                        "another command); close it and try again; nothing was changed"
                    ),
                    path=db,
                ) from None
            raise
        yield conn
    finally:
        conn.close()


def _key_literal(key: bytes | None) -> str:
    return "''" if key is None else f"\"x'{key.hex()}'\""


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
