"""Opening a Tawthiq database: SQLite settings, schema migrations and clear errors."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from tawthiq.domain import resources
from tawthiq.domain.errors import N_
from tawthiq.store.errors import (
    DatabaseLockedError,
    NewerSchemaError,
    NotADatabaseError,
    StoreError,
    UnwritableError,
)

SCHEMA_HEAD = "0004"  # checked against the migration scripts by a test
_OUR_TABLES = {"event", "incident", "alembic_version"}
CACHE_KIB = 64 * 1024  # SQLite's page cache per connection


def busy_timeout_ms() -> int:
    """How long a writer waits for another (read when a database opens, not at import)."""
    return int(os.environ.get("TAWTHIQ_BUSY_TIMEOUT_MS", "3000"))


def _sqlite_engine(path: Path) -> Engine:
    wait_ms = busy_timeout_ms()
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": wait_ms / 1000})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves, below
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={wait_ms}")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA cache_size=-{CACHE_KIB}")  # the event indexes grow large
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql(f"BEGIN {conn.get_execution_options().get('sqlite_begin', '')}")

    return engine


class Database:
    """An open database file; hands out one session per user action."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        self._read = sessionmaker(engine, expire_on_commit=False)
        self._write = sessionmaker(
            engine.execution_options(sqlite_begin="IMMEDIATE"), expire_on_commit=False
        )

    @contextmanager
    def read(self) -> Iterator[Session]:
        with _errors(self.path), self._read() as session, session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction that holds SQLite's write lock from its first statement."""
        with _errors(self.path), self._write() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()


@contextmanager
def _errors(path: Path) -> Iterator[None]:
    try:
        yield
    except OperationalError as exc:
        raise _translate(exc, path) from exc
    except DBAPIError as exc:
        if "not a database" in str(exc.orig):
            raise NotADatabaseError(N_("{path} is not a Tawthiq database"), path=path) from exc
        raise


def _translate(exc: DBAPIError, path: Path) -> StoreError:
    msg = str(exc.orig)
    if "locked" in msg or "busy" in msg:
        return DatabaseLockedError(
            N_("the database {path} is in use by another program; close it and try again"),
            path=path,
        )
    if "readonly" in msg or "unable to open" in msg or "disk I/O" in msg:
        return UnwritableError(
            N_("cannot write to {path}: the folder or file is not writable"), path=path
        )
    if "not a database" in msg:
        return NotADatabaseError(N_("{path} is not a Tawthiq database"), path=path)
    return StoreError(N_("the database {path} could not be used: {reason}"), path=path, reason=msg)


def open_database(
    path: str | os.PathLike[str], *, extra_migrations: Sequence[Path] = (), create: bool = True
) -> Database:
    """Open (creating, when ``create``, or migrating as needed) the database at ``path``."""
    path = Path(path).expanduser().absolute()
    if path.is_dir():
        raise NotADatabaseError(N_("{path} is a folder, not a Tawthiq database"), path=path)
    if not create and not path.exists():
        raise NotADatabaseError(
            f"there is no Tawthiq database at {path}; check the path, or create one with "
            "`tawthiq add`, `tawthiq ingest` or `tawthiq import`"
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UnwritableError(
            N_("cannot create the folder {path}: {reason}"), path=path.parent, reason=exc.strerror
        ) from None
    is_new = not path.exists() or path.stat().st_size == 0
    current = None if is_new else _inspect(path)
    engine = _sqlite_engine(path)
    try:
        if current != SCHEMA_HEAD or extra_migrations:
            with _errors(path), engine.connect() as conn:
                _migrate(conn, path, current, extra_migrations)
    except BaseException:
        engine.dispose()
        if is_new and path.exists() and path.stat().st_size == 0:
            path.unlink()
        raise
    return Database(path, engine)


def _inspect(path: Path) -> str | None:
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
        wait = busy_timeout_ms() / 1000
        con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=wait)
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
        raise _translate(fake, path) from None
    return row[0] if row else None


def _migrate(conn: Any, path: Path, current: str | None, extra: Sequence[Path]) -> None:
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    migrations = resources.shipped(package=resources.MIGRATIONS)
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations))
    cfg.set_main_option("path_separator", "os")
    cfg.set_main_option(
        "version_locations", os.pathsep.join(str(p) for p in (migrations / "versions", *extra))
    )
    cfg.attributes["connection"] = conn
    scripts = ScriptDirectory.from_config(cfg)
    if current is not None:
        try:
            scripts.get_revision(current)
        except CommandError:
            raise NewerSchemaError(
                N_(
                    "{path} was written by a newer version of Tawthiq (schema {schema}); "
                    "install the newer version to open it"
                ),
                path=path,
                schema=current,
            ) from None
        if current == scripts.get_current_head():
            return
        _backup(conn, path, current)
    command.upgrade(cfg, "head")
    conn.commit()


def _backup(conn: Any, path: Path, revision: str) -> None:
    """Keep a copy of the database as it was before a schema upgrade."""
    target = path.with_name(f"{path.name}.before-upgrade-from-{revision}")
    raw = conn.connection.dbapi_connection
    with sqlite3.connect(target) as dest:
        raw.backup(dest)
    dest.close()
