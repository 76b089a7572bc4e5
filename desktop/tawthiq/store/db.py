"""Opening a Tawthiq database: its sessions, schema migrations and clear errors (what is
SQLite's own is in ``sqlite_connection``)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from tawthiq.domain import resources
from tawthiq.domain.errors import N_
from tawthiq.store import pg_connection as server
from tawthiq.store import sqlite_connection as dialect
from tawthiq.store.errors import NewerSchemaError, NotADatabaseError, UnwritableError

SCHEMA_HEAD = "0010"  # checked against the migration scripts by a test


class Database:
    """An open database file; hands out one session per user action."""

    def __init__(
        self,
        path: Path,
        engine: Engine,
        *,
        read_only: bool = False,
        encrypted: bool = False,
        url: str | None = None,
        files_key: bytes | None = None,
    ) -> None:
        self.path = path
        # the key its evidence files are sealed with (``evidence_store.file_key``), while
        # the database is open: it is encrypted
        self.files_key = files_key
        self.engine = engine
        self.read_only = read_only
        self.encrypted = encrypted
        self.url = url  # a PostgreSQL database (a team server): its connection string
        # a server's reads see one snapshot, however many statements they take (a push
        # may commit between two of them)
        reading = engine.execution_options(isolation_level="REPEATABLE READ") if url else engine
        self._read = sessionmaker(reading, expire_on_commit=False)
        writing = server.for_writing(engine) if url else dialect.for_writing(engine)
        self._write = sessionmaker(writing, expire_on_commit=False)
        self._unlocked = sessionmaker(engine, expire_on_commit=False)  # read committed

    @property
    def location(self) -> str:
        """Where the database is, as shown to people (its file, or the server's address
        without its password)."""
        return server.shown(self.url) if self.url else str(self.path)

    @property
    def folder(self) -> Path:
        """The folder the database is kept in (files made from it go beside it; for a
        server, the folder the command runs in)."""
        return Path.cwd() if self.url else self.path.parent

    def is_stored_in(self, path: Path) -> bool:
        """Whether ``path`` is this database's own file (writing to it would destroy it)."""
        if self.url:
            return False
        return path.exists() and self.path.exists() and path.samefile(self.path)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._errors(), self._read() as session, session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction that holds the write lock from its first statement."""
        if self.read_only:  # a reading command's database: a bug of ours, never a user's
            raise RuntimeError(f"{self.location} was opened read-only")
        with self._errors(), self._write() as session, session.begin():
            yield session

    @contextmanager
    def unlocked(self) -> Iterator[Session]:
        """A transaction that may add rows without taking the write lock: for rows no other
        writer reads or changes as it works (a team server's evidence files, added a file
        per transaction, however long it takes, while others sync); each statement sees
        what others committed before it (two laptops adding the same file: the second
        finds the first's rows, and adds none)."""
        if self.read_only:
            raise RuntimeError(f"{self.location} was opened read-only")
        with self._errors(), self._unlocked() as session, session.begin():
            yield session

    def _errors(self) -> Any:
        return _server_errors(self.url) if self.url else _errors(self.path, self.encrypted)

    def check_writable(self) -> None:
        """Take the write lock and let it go at once: a database in use by another program
        is said before a long piece of work, not after it."""
        with self.write() as session:
            session.connection()  # the transaction, and with it the lock, begins here

    def close(self) -> None:
        self.engine.dispose()


@contextmanager
def _errors(path: Path, encrypted: bool = False) -> Iterator[None]:
    try:
        yield
    except DBAPIError as exc:
        if dialect.is_not_a_database(exc):
            raise _not_ours(path, encrypted) from exc
        if isinstance(exc, OperationalError):
            raise dialect.translate(exc, path) from exc
        raise
    except NotADatabaseError:
        if encrypted:
            raise _not_ours(path, encrypted) from None
        raise


@contextmanager
def _server_errors(url: str) -> Iterator[None]:
    try:
        yield
    except DBAPIError as exc:
        raise server.translate(exc, url) from exc


def _not_ours(path: Path, encrypted: bool) -> NotADatabaseError:
    if encrypted:  # its key file opened with the passphrase: it is another database's
        return NotADatabaseError(
            N_(
                "{path} does not open with the key file beside it ({keys}): the file was "
                "damaged or the key file belongs to another database"
            ),
            path=path,
            keys=f"{path.name}.keys",
        )
    return NotADatabaseError(N_("{path} is not a Tawthiq database"), path=path)


def open_database(
    path: str | os.PathLike[str],
    *,
    extra_migrations: Sequence[Path] = (),
    create: bool = True,
    read_only: bool = False,
    key: bytes | None = None,
) -> Database:
    """Open (creating, when ``create``, or migrating as needed) the database at ``path``;
    ``read_only``: never write to it (see ``_open_read_only``); ``key``: the database is
    encrypted with it (SQLCipher). A PostgreSQL connection string opens that database."""
    if server.is_url(path):
        return _open_server(str(path), extra_migrations, create=create, read_only=read_only)
    path = Path(path).expanduser().absolute()
    if path.is_dir():
        raise NotADatabaseError(N_("{path} is a folder, not a Tawthiq database"), path=path)
    if (read_only or not create) and not path.exists():
        raise _no_database(path)
    if read_only:
        with _errors(path, key is not None):
            return _open_read_only(path, extra_migrations, key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UnwritableError(
            N_("cannot create the folder {path}: {reason}"), path=path.parent, reason=exc.strerror
        ) from None
    is_new = not path.exists() or path.stat().st_size == 0
    with _errors(path, key is not None):
        current = None if is_new else dialect.schema_revision(path, key)
    engine = dialect.engine_for(path, key)
    try:
        if current != SCHEMA_HEAD or extra_migrations:
            with _errors(path, key is not None), engine.connect() as conn:
                _migrate(conn, path, current, extra_migrations, key=key)
    except BaseException:
        engine.dispose()
        if is_new and path.exists() and path.stat().st_size == 0:
            path.unlink()
        raise
    return Database(path, engine, encrypted=key is not None, files_key=_files_key(key))


def server_path(url: str) -> Path:
    """A stand-in path naming a server database, for what this laptop keeps about it."""
    u = server.parse(url)
    return Path("postgresql") / f"{u.host or 'local'}_{u.port or 5432}" / str(u.database)


def _open_server(url: str, extra: Sequence[Path], *, create: bool, read_only: bool) -> Database:
    """A PostgreSQL database: migrated through the same scripts as a file when it is
    empty or older (``create``); a reading command changes nothing in it."""
    engine = server.engine_for(url)
    try:
        with _server_errors(url):
            current = server.schema_revision(engine, url)
            if current is None and (read_only or not create):
                raise NotADatabaseError(
                    N_(
                        "the server database {url} is empty; make it a Tawthiq server with "
                        "`tawthiq server init`"
                    ),
                    url=server.shown(url),
                )
            if current != SCHEMA_HEAD or extra:
                if read_only and current != SCHEMA_HEAD:
                    raise NewerSchemaError(
                        N_(
                            "the server database {url} has schema {schema}; run a writing "
                            "command (or `tawthiq server init`) to upgrade it"
                        ),
                        url=server.shown(url),
                        schema=current,
                    )
                with server.for_writing(engine).connect() as conn:
                    if current is not None and not server.may_upgrade(conn):
                        raise NewerSchemaError(
                            N_(
                                "the server database {url} has schema {schema}, older than "
                                "this release's {head}: ask your coordinator to run `tawthiq "
                                "server init` with this release"
                            ),
                            url=server.shown(url),
                            schema=current,
                            head=SCHEMA_HEAD,
                        )
                    _migrate(conn, server_path(url), current, extra, keep_before=False)
    except BaseException:
        engine.dispose()
        raise
    return Database(server_path(url), engine, read_only=read_only, url=url)


def _no_database(path: Path) -> NotADatabaseError:
    return NotADatabaseError(
        f"there is no Tawthiq database at {path}; check the path, or create one with "
        "`tawthiq add`, `tawthiq ingest` or `tawthiq import`"
    )


def _open_read_only(path: Path, extra: Sequence[Path], key: bytes | None) -> Database:
    """The file read through SQLite's read-only open, nothing created or migrated in it
    (DESIGN: reading commands never upgrade a database). A file of an older schema is
    copied into memory and upgraded there, to be read as the current one."""
    current = None if path.stat().st_size == 0 else dialect.schema_revision(path, key)
    if current is None:  # an empty file: nothing to read, and a reader makes nothing
        raise _no_database(path)
    encrypted = key is not None
    if current == SCHEMA_HEAD and not extra:
        engine = dialect.read_only_engine(path, key)
        return Database(
            path, engine, read_only=True, encrypted=encrypted, files_key=_files_key(key)
        )
    engine = dialect.memory_copy(path, key)
    try:
        with _errors(path), engine.connect() as conn:
            _migrate(conn, path, current, extra, keep_before=False)
    except BaseException:
        engine.dispose()
        raise
    return Database(path, engine, read_only=True, encrypted=encrypted, files_key=_files_key(key))


def _files_key(key: bytes | None) -> bytes | None:
    from tawthiq.store.evidence_store import file_key

    return file_key(key) if key is not None else None


def _migrate(
    conn: Any,
    path: Path,
    current: str | None,
    extra: Sequence[Path],
    *,
    keep_before: bool = True,
    key: bytes | None = None,
) -> None:
    """Upgrade the schema of ``conn`` to the newest; ``keep_before``: a copy of the file
    as it was is kept beside it first."""
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
        if keep_before:
            _backup(conn, path, current, key)
    command.upgrade(cfg, "head")
    conn.commit()


def _backup(conn: Any, path: Path, revision: str, key: bytes | None) -> None:
    """Keep a copy of the database as it was before a schema upgrade (encrypted as it is,
    its key file copied beside it)."""
    target = path.with_name(f"{path.name}.before-upgrade-from-{revision}")
    dialect.backup(conn, target, key)
    if key is not None:
        keys = path.with_name(f"{path.name}.keys")
        shutil.copyfile(keys, target.with_name(f"{target.name}.keys"))
