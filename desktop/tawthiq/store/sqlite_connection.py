"""SQLite's own side of opening a database: the connection's PRAGMAs, locking (a busy
timeout, and ``BEGIN IMMEDIATE`` so a write holds the lock from its first statement),
reading a file's schema revision without changing it, opening one read-only (an evidence
copy, read-only media), backing a file up, and the driver's errors as sentences. A
PostgreSQL store is another module with these functions.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.pool import StaticPool

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


def engine_for(path: Path) -> Engine:
    """An engine on the file at ``path``: WAL, full sync, foreign keys, a large page cache,
    and transactions begun by us (deferred unless ``for_writing`` asks otherwise)."""
    wait_ms = busy_timeout_ms()
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": wait_ms / 1000})
    _tend(engine, "PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON")
    return engine


def read_only_engine(path: Path) -> Engine:
    """An engine that reads the file at ``path`` and cannot write a byte of it (SQLite
    refuses every write), even on read-only media: for verifying an evidence copy."""
    uri, wait_s = read_only_uri(path), busy_timeout_ms() / 1000
    engine = create_engine(
        f"sqlite:///{path}",
        creator=lambda: sqlite3.connect(uri, uri=True, timeout=wait_s, check_same_thread=False),
    )
    _tend(engine)
    return engine


def memory_copy(path: Path) -> Engine:
    """An engine on a copy of the file at ``path`` held in memory, read without writing to
    the file: an old schema is upgraded there to be read, and the file stays as it was."""
    mem = sqlite3.connect(":memory:", check_same_thread=False)
    try:
        src = sqlite3.connect(read_only_uri(path), uri=True, timeout=busy_timeout_ms() / 1000)
        try:
            src.backup(mem)
        finally:
            src.close()
    except sqlite3.Error as exc:
        mem.close()
        raise translate(OperationalError("copy", {}, exc), path) from None
    engine = create_engine("sqlite://", creator=lambda: mem, poolclass=StaticPool)
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


def schema_revision(path: Path) -> str | None:
    """The schema revision of an existing file, read without changing a byte of it."""
    try:
        with path.open("rb") as f:
            header = f.read(16)
    except OSError as exc:
        raise NotADatabaseError(
            N_("cannot read {path}: {reason}"), path=path, reason=exc.strerror
        ) from None
    if header != b"SQLite format 3\x00":
        raise NotADatabaseError(N_("{path} is not a Tawthiq database"), path=path)
    try:
        con = sqlite3.connect(read_only_uri(path), uri=True, timeout=busy_timeout_ms() / 1000)
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
    except sqlite3.Error as exc:
        fake = OperationalError("inspect", {}, exc)
        raise translate(fake, path) from None
    return row[0] if row else None


def read_only_uri(path: Path) -> str:
    """The URI that opens ``path`` for reading only: ``mode=ro``; where the folder or the
    file cannot take SQLite's -wal and -shm files (read-only media), ``immutable=1``. That
    one does not read a write-ahead log, so a file with one beside it is refused there."""
    uri = f"{path.as_uri()}?mode=ro"
    try:
        _probe(uri)
        return uri
    except sqlite3.Error as exc:
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


def _probe(uri: str) -> None:
    """Open ``uri`` and read its schema (SQLite opens the -wal and -shm files only then)."""
    con = sqlite3.connect(uri, uri=True, timeout=busy_timeout_ms() / 1000)
    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        con.close()


def backup(conn: Any, target: Path) -> None:
    """Copy the database of ``conn`` (a SQLAlchemy connection) to the file ``target``."""
    raw = conn.connection.dbapi_connection
    with sqlite3.connect(target) as dest:
        raw.backup(dest)
    dest.close()
