"""SQLite's own side of opening a database: the connection's PRAGMAs, locking (a busy
timeout, and ``BEGIN IMMEDIATE`` so a write holds the lock from its first statement),
reading a file's schema revision without changing it, opening one read-only (an evidence
copy, read-only media), backing a file up, and the driver's errors as sentences. A
PostgreSQL store is another module with these functions.

An encrypted database is opened through SQLCipher (``sqlcipher3``, the same API) with its
raw 256-bit key, given before anything else on every connection: no key derivation per
connection, temporary tables in memory only, and SQLCipher's own log silenced (a wrong key
is said by us, in one sentence).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.pool import StaticPool

try:
    import sqlcipher3.dbapi2 as sqlcipher
except ImportError:  # pragma: no cover - a dependency; a broken install is said on use
    sqlcipher = None

from tawthiq.domain.errors import N_
from tawthiq.store.errors import (
    DatabaseLockedError,
    NotADatabaseError,
    StoreError,
    UnreadableError,
    UnwritableError,
)


def busy_timeout_ms() -> int:
    """How long a writer waits for another (read when a database opens, not at import)."""
    return int(os.environ.get("TAWTHIQ_BUSY_TIMEOUT_MS", "3000"))


CACHE_KIB = 64 * 1024  # SQLite's page cache per connection
_OUR_TABLES = {"event", "incident", "alembic_version"}
SQLITE_HEADER = b"SQLite format 3\x00"
DRIVER_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error,) + (
    (sqlcipher.Error,) if sqlcipher is not None else ()
)


def cipher_connect(target: str, *, key: bytes | None, timeout: float, uri: bool = False) -> Any:
    """A DB-API connection to ``target``: SQLite's own for a plain file, SQLCipher's with
    ``key`` for an encrypted one (and, with no key, for converting a plain one)."""
    if key is None and sqlcipher is None:
        return sqlite3.connect(target, uri=uri, timeout=timeout, check_same_thread=False)
    if sqlcipher is None:
        raise StoreError(N_("this installation of Tawthiq lacks SQLCipher; reinstall it"))
    conn = sqlcipher.connect(target, uri=uri, timeout=timeout, check_same_thread=False)
    conn.execute("PRAGMA cipher_log_level = NONE")
    if key is not None:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("PRAGMA temp_store = MEMORY")
    return conn


def _connect(target: str, key: bytes | None, *, uri: bool = False) -> Any:
    timeout = busy_timeout_ms() / 1000
    if key is None:
        return sqlite3.connect(target, uri=uri, timeout=timeout, check_same_thread=False)
    return cipher_connect(target, key=key, timeout=timeout, uri=uri)


def engine_for(path: Path, key: bytes | None = None) -> Engine:
    """An engine on the file at ``path`` (encrypted with ``key`` when given): WAL, full
    sync, foreign keys, a large page cache, and transactions begun by us (deferred unless
    ``for_writing`` asks otherwise)."""
    engine = _engine(path, lambda: _connect(str(path), key), key)
    _tend(engine, "PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON")
    return engine


def _engine(path: Path | None, creator: Any, key: bytes | None, **kw: Any) -> Engine:
    """An engine whose connections ``creator`` makes (SQLCipher's driver when ``key``);
    on a file, SQLAlchemy's pool for files, as for a URL of it."""
    module = {"module": sqlcipher} if key is not None else {}
    url = f"sqlite:///{path}" if path is not None else "sqlite://"
    return create_engine(url, creator=creator, **module, **kw)


def read_only_engine(path: Path, key: bytes | None = None) -> Engine:
    """An engine that reads the file at ``path`` and cannot write a byte of it (SQLite
    refuses every write), even on read-only media: for verifying an evidence copy."""
    uri = read_only_uri(path, key)
    engine = _engine(path, lambda: _connect(uri, key, uri=True), key)
    _tend(engine)
    return engine


def memory_copy(path: Path, key: bytes | None = None) -> Engine:
    """An engine on a copy of the file at ``path`` held in memory, read without writing to
    the file: an old schema is upgraded there to be read, and the file stays as it was
    (an encrypted file's copy is plain, in this process's memory only)."""
    uri = read_only_uri(path, key)
    mem = (
        _connect(":memory:", None)
        if key is None
        else cipher_connect(":memory:", key=None, timeout=busy_timeout_ms() / 1000, uri=True)
    )
    try:
        if key is None:
            src = _connect(uri, None, uri=True)
            try:
                src.backup(mem)
            finally:
                src.close()
        else:
            mem.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", (uri,))
            mem.execute("SELECT sqlcipher_export('main', 'encrypted')")
            mem.execute("DETACH DATABASE encrypted")
    except DRIVER_ERRORS as exc:
        mem.close()
        raise translate(OperationalError("copy", {}, exc), path) from None
    engine = _engine(None, lambda: mem, key, poolclass=StaticPool)
    _tend(engine, "PRAGMA foreign_keys=ON")
    return engine


def _tend(engine: Engine, *pragmas: str) -> None:
    """Every connection of ``engine``: the busy timeout, the page cache, ``pragmas``, and
    transactions begun by us (deferred unless ``for_writing`` asks otherwise)."""
    wait_ms = busy_timeout_ms()

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves, below
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={wait_ms}")
        for pragma in pragmas:
            cur.execute(pragma)
        cur.execute(f"PRAGMA cache_size=-{CACHE_KIB}")  # the event indexes grow large
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql(f"BEGIN {conn.get_execution_options().get('sqlite_begin', '')}")


def for_writing(engine: Engine) -> Engine:
    """The same engine, its transactions taking SQLite's write lock at once: two writers
    then wait for each other (up to the busy timeout) instead of failing half-way."""
    return engine.execution_options(sqlite_begin="IMMEDIATE")


def translate(exc: DBAPIError, path: Path) -> StoreError:
    """The sentence a user reads for a driver error on the database at ``path``."""
    msg = str(exc.orig)
    if "locked" in msg or "busy" in msg:
        return DatabaseLockedError(
            N_("the database {path} is in use by another program; close it and try again"),
            path=path,
        )
    if "disk I/O" in msg:
        return UnreadableError(
            N_("the database {path} could not be read or written (a disk error); try again"),
            path=path,
        )
    if "readonly" in msg or "unable to open" in msg:
        return UnwritableError(
            N_("cannot write to {path}: the folder or file is not writable"), path=path
        )
    if "not a database" in msg:
        return NotADatabaseError(N_("{path} is not a Tawthiq database"), path=path)
    return StoreError(N_("the database {path} could not be used: {reason}"), path=path, reason=msg)


def is_not_a_database(exc: DBAPIError) -> bool:
    return "not a database" in str(exc.orig)


def schema_revision(path: Path, key: bytes | None = None) -> str | None:
    """The schema revision of an existing file, read without changing a byte of it."""
    try:
        with path.open("rb") as f:
            header = f.read(16)
    except OSError as exc:
        raise NotADatabaseError(
            N_("cannot read {path}: {reason}"), path=path, reason=exc.strerror
        ) from None
    if key is None and header != SQLITE_HEADER:
        raise NotADatabaseError(N_("{path} is not a Tawthiq database"), path=path)
    try:
        con = _connect(read_only_uri(path, key), key, uri=True)
        try:
            tables = {
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if tables and not tables >= _OUR_TABLES:
                raise NotADatabaseError(
                    N_("{path} is an SQLite file but not a Tawthiq database"), path=path
                )
            row = (
                con.execute("SELECT version_num FROM alembic_version").fetchone()
                if tables
                else None
            )
        finally:
            con.close()
    except DRIVER_ERRORS as exc:
        fake = OperationalError("inspect", {}, exc)
        raise translate(fake, path) from None
    return row[0] if row else None


def read_only_uri(path: Path, key: bytes | None = None) -> str:
    """The URI that opens ``path`` for reading only: ``mode=ro``; where the folder or the
    file cannot take SQLite's -wal and -shm files (read-only media), ``immutable=1``. That
    one does not read a write-ahead log, so a file with one beside it is refused there."""
    uri = f"{path.as_uri()}?mode=ro"
    try:
        _probe(uri, key=key) if key is not None else _probe(uri)
        return uri
    except DRIVER_ERRORS as exc:
        if getattr(exc, "sqlite_errorcode", 0) & 0xFF not in _CANNOT_WRITE_BESIDE:
            raise translate(OperationalError("open", {}, exc), path) from None
    wal = path.with_name(f"{path.name}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise UnreadableError(
            N_(
                "cannot read {path}: its latest changes are in {wal}, in a folder that "
                "cannot be written; copy both files to a writable folder and try again"
            ),
            path=path,
            wal=wal.name,
        )
    return f"{path.as_uri()}?immutable=1"


_CANNOT_WRITE_BESIDE = (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY)


def _probe(uri: str, key: bytes | None = None) -> None:
    """Open ``uri`` and read its schema (SQLite opens the -wal and -shm files only then)."""
    con = _connect(uri, key, uri=True)
    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        con.close()


def backup(conn: Any, target: Path, key: bytes | None = None) -> None:
    """Copy the database of ``conn`` (a SQLAlchemy connection) to the file ``target``
    (encrypted with the same ``key`` when it is)."""
    raw = conn.connection.dbapi_connection
    if key is not None:
        raw.execute(f"ATTACH DATABASE ? AS kept KEY \"x'{key.hex()}'\"", (str(target),))
        try:
            raw.execute("SELECT sqlcipher_export('kept')")
            version = raw.execute("PRAGMA main.user_version").fetchone()[0]
            raw.execute(f"PRAGMA kept.user_version = {int(version)}")
        finally:
            raw.execute("DETACH DATABASE kept")
        return
    with sqlite3.connect(target) as dest:
        raw.backup(dest)
    dest.close()
