"""Every test gets its own data folder and database; nothing touches the real user's files."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt
os.environ.setdefault("TAWTHIQ_BUSY_TIMEOUT_MS", "300")

import itertools
import sqlite3
import subprocess
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest

from tawthiq import cli, services
from tawthiq.domain.fields import INCIDENT
from tawthiq.services import Workspace, protection
from tawthiq.store import EventWriter, keystore
from tawthiq.store import protection as key_files
from tawthiq.store.pg_connection import is_url as is_server_url

T = TypeVar("T")
_laptops = itertools.count(1)


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "userdata"
    monkeypatch.setenv("TAWTHIQ_DATA_DIR", str(folder))
    monkeypatch.delenv("TAWTHIQ_DB", raising=False)
    # a documenter's name, as every laptop in use has one (tests of its absence unset it)
    monkeypatch.setenv("TAWTHIQ_AUTHOR", "Test documenter")
    return folder


PASSPHRASE = "a passphrase for tests"


def fast_kdf() -> keystore.Kdf:
    """Argon2id at its cheapest: the derivation a protected database needs is not what the
    tests measure (its parameters are stored in the key file, so later opens are fast too)."""
    return keystore.Kdf(os.urandom(16), iterations=1, memory_kib=8 * 1024, lanes=1)


def protect_for_tests(db: Path, folder: Path | None = None, *, forget: bool = True) -> None:
    """Encrypt ``db`` and the laptop's key folder ``folder`` (the data folder unless named)
    as ``tawthiq protect`` does, with ``PASSPHRASE``; then (``forget``) forget every key
    this process holds, as a new session starts locked."""
    from tawthiq.services.settings import data_dir

    protection.protect(db, folder or data_dir(), PASSPHRASE, kdf=fast_kdf())
    if forget:
        keystore.forget()


def ask_passphrase() -> str:
    return PASSPHRASE


def connect(db: Path | str, **options: Any) -> Any:
    """A DB-API connection to a test's database file as another program (or someone
    tampering with it) opens it: SQLite's for a plain file, SQLCipher's with the database's
    key for an encrypted one, psycopg's for a PostgreSQL database (its connection string)."""
    if is_server_url(db):
        return ServerConnection(str(db))
    path = Path(db)
    if not key_files.is_encrypted(path):
        return sqlite3.connect(path, **options)
    import sqlcipher3.dbapi2 as sqlcipher

    con = sqlcipher.connect(str(path), **options)
    con.execute(f"PRAGMA key = \"x'{database_key(path).hex()}'\"")
    return con


def database_key(db: Path) -> bytes:
    """The key of the encrypted test database ``db`` (opened with ``PASSPHRASE``)."""
    kf = keystore.read_key_file(key_files.current_key_file(db))
    key = keystore.open_with_passphrase(kf, PASSPHRASE)
    assert key is not None, f"{db} does not open with the tests' passphrase"
    return key


def key_of(db: Path | str) -> bytes | None:
    """The key to open the test database ``db`` with (None for a plain one or a server's)."""
    if is_server_url(db):
        return None
    return database_key(Path(db)) if key_files.is_encrypted(Path(db)) else None


class ServerConnection:
    """A PostgreSQL database opened as someone with its owner's password would, to tamper
    with it behind Tawthiq: SQL written for ``sqlite3`` (``?`` parameters) runs unchanged,
    and ``with con:`` commits as it does there."""

    def __init__(self, url: str) -> None:
        import psycopg

        self._con = psycopg.connect(url)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._con.execute(sql.replace("?", "%s"), tuple(params))

    def commit(self) -> None:
        self._con.commit()

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> ServerConnection:
        return self

    def __exit__(self, kind: object, *_: object) -> None:
        if kind is None:
            self._con.commit()
        else:
            self._con.rollback()


def where(ws: Workspace) -> Path | str:
    """What ``--db`` names for the test's workspace: its file or its server database."""
    return ws.db.url or ws.db.path


def backup_database(source: Path, target: Path) -> None:
    """Copy the database ``source`` while it may be in use (its write-ahead log included)
    with SQLite's backup, to ``target`` on the same or another laptop; an encrypted one
    stays encrypted under the same key, and its key file goes along."""
    for suffix in ("-wal", "-shm"):
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    target.unlink(missing_ok=True)
    encrypted = key_files.is_encrypted(source)
    src = connect(source)
    try:
        if encrypted:
            import shutil

            shutil.copy(key_files.key_file(source), key_files.key_file(target))
            src.execute(f"ATTACH DATABASE ? AS copied KEY \"x'{database_key(source).hex()}'\"",
                        (str(target),))  # fmt: skip
            src.execute("SELECT sqlcipher_export('copied')")
            version = src.execute("PRAGMA main.user_version").fetchone()[0]
            src.execute(f"PRAGMA copied.user_version = {int(version)}")
            src.execute("DETACH DATABASE copied")
        else:
            dst = sqlite3.connect(target)
            try:
                src.backup(dst)
            finally:
                dst.close()
    finally:
        src.close()


def device_id_of(folder: Path) -> str:
    """The device id of the laptop whose key folder is ``folder`` (its key file may be
    sealed: the laptop is unlocked first, as a command does)."""
    from tawthiq.store import sealed
    from tawthiq.store.identity import KEY_FILE

    protection.unlock_laptop(folder, at_rest_now().ask)
    return str(sealed.read(folder / KEY_FILE)["device_id"])


@dataclass(frozen=True)
class AtRest:
    """How the test's databases are kept: plain, or encrypted (the laptop's key folder
    sealed with them, the passphrase given to commands by TAWTHIQ_PASSPHRASE_FILE), or on a
    PostgreSQL server (``server``: its superuser's connection string; issue 18)."""

    encrypted: bool
    server: str | None = None

    @property
    def ask(self) -> Callable[[], str] | None:
        return ask_passphrase if self.encrypted else None


_AT_REST: list[AtRest] = [AtRest(False)]  # the current test's, for laptops.py
_SERVER_DATABASES: list[str] = []  # made for the current test, dropped after it


def at_rest_now() -> AtRest:
    return _AT_REST[-1]


def server_database() -> str:
    """A new, empty database on the test's PostgreSQL server (dropped after the test)."""
    from tests import pg

    server = at_rest_now().server
    assert server is not None, "the test does not run on a server"
    url = pg.create_database(server)
    _SERVER_DATABASES.append(url)
    return url


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only: a test about the database file, not run on PostgreSQL"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test on a workspace runs on a plain and an encrypted laptop, but in modules
    whose scenes start plain and protect it themselves (``PLAIN_ONLY = True``); in modules
    about the store's own behaviour (``ON_SERVER = True``) on a PostgreSQL database too,
    but the tests about the file (marked ``sqlite_only``). A test parametrising ``at_rest``
    itself chooses its own."""
    chosen = any("at_rest" in m.args[0] for m in metafunc.definition.iter_markers("parametrize"))
    if "at_rest" in metafunc.fixturenames and not chosen:
        only = getattr(metafunc.module, "PLAIN_ONLY", False)
        modes = ["plain"] if only else ["plain", "encrypted"]
        on_server = getattr(metafunc.module, "ON_SERVER", False)
        if on_server and not metafunc.definition.get_closest_marker("sqlite_only"):
            modes.append("postgresql")
        metafunc.parametrize("at_rest", modes, indirect=True)


@pytest.fixture
def at_rest(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[AtRest]:
    """Every test on a workspace runs twice: on a plain database and on an encrypted one
    (issue 16: both pass the whole suite); the store's own, a third time on PostgreSQL."""
    server = request.getfixturevalue("pg_server") if request.param == "postgresql" else None
    mode = AtRest(request.param == "encrypted", server)
    if mode.encrypted:
        secret = tmp_path_factory.mktemp("passphrase") / "passphrase.txt"  # not the test's
        secret.write_text(PASSPHRASE + "\n", "utf-8")
        monkeypatch.setenv("TAWTHIQ_PASSPHRASE_FILE", str(secret))
    _AT_REST.append(mode)
    yield mode
    _AT_REST.pop()
    keystore.forget()
    if server is not None:
        from tests import pg

        while _SERVER_DATABASES:
            pg.drop_database(server, _SERVER_DATABASES.pop())


@pytest.fixture
def db_path(tmp_path: Path, at_rest: AtRest) -> Path:
    """The test's database; the encrypted variant made (empty) and protected beforehand;
    on a server, the connection string of a new empty database."""
    if at_rest.server:
        return server_database()  # type: ignore[return-value]  # where --db is given
    path = tmp_path / "records.db"
    if at_rest.encrypted:
        services.open_workspace(path, author="Amal").close()
        # unlocked in this process from then on, as after the passphrase typed once in a
        # session (laptops a test made before stay unlocked too)
        protect_for_tests(path, forget=False)
        _PREPARED[path] = _digest(path)
    return path


_PREPARED: dict[Path, str] = {}


def _digest(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def untouched(db: Path) -> bool:
    """Whether nothing was written to the test's database: none made where there was none
    (plain), the one prepared beforehand not changed (encrypted)."""
    if db in _PREPARED:
        return db.exists() and _digest(db) == _PREPARED[db]
    return not db.exists()


@pytest.fixture
def ws(db_path: Path, at_rest: AtRest) -> Iterator[Workspace]:
    workspace = services.open_workspace(db_path, author="Amal", ask=at_rest.ask)
    yield workspace
    workspace.close()


@pytest.fixture
def killed_conflict(ws: Workspace) -> str:
    """The id of an incident whose toll is in conflict, as two laptops make one: Amal wrote 6
    killed, then 9; Basel, on a laptop that had only seen 6, wrote 8 (as an import brings it
    in). Both 9 and 8 are heads of "killed"; 8, written last, is the value shown."""
    with ws.writing() as w:
        incident_id = services.incidents.create_incident(w, {"title_en": "Maram camp", "killed": 6})
        base = [e.event_id for e in w.events_of(incident_id) if e.field == "killed"]
    with ws.writing() as w:
        services.incidents.edit_incident(w, incident_id, {"killed": 9})
    eight = {"min": 8, "max": 8, "approximate": False}
    on_other_laptop(
        ws, lambda w: w.record(INCIDENT, incident_id, {"killed": eight}, seen={"killed": base})
    )
    return incident_id


def on_other_laptop(ws: Workspace, write: Callable[[EventWriter], T], name: str = "Basel") -> T:
    """``write`` done on another laptop (its own database and key) that had received all
    ``ws`` holds; its work then comes back through a real export and import, accepted."""
    folder = (ws.key_dir if ws.db.url else ws.db.path).parent / f"laptop-{next(_laptops)}"
    folder.mkdir()
    there = folder / "to-other.tawthiq"
    services.sync.export_database(ws, there)
    other_db, keys = folder / "other.db", folder / "keys"
    if at_rest_now().encrypted:  # the other laptop protects its database too
        services.open_workspace(other_db, author=name, key_dir=keys).close()
        protect_for_tests(other_db, keys, forget=False)  # the test's own laptop stays open
    other = services.open_workspace(other_db, author=name, key_dir=keys, ask=at_rest_now().ask)
    try:
        services.sync.import_files(other, [there], accept_new=True)
        with other.writing() as w:
            done = write(w)
        back = folder / "from-other.tawthiq"
        services.sync.export_database(other, back)
    finally:
        other.close()
    services.sync.import_files(ws, [back], accept_new=True)
    return done


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], db_path: Path):  # type: ignore[no-untyped-def]
    """Run ``tawthiq ARGS --db <test db>`` in-process, as a user would type it."""

    def _run(*args: str, db: Path | None = db_path) -> Result:
        argv = (
            [*args, "--db", str(db)]
            if db is not None and args and args[0] != "--help"
            else list(args)
        )
        try:
            code = cli.main(argv)
        except SystemExit as exc:  # argparse: usage mistakes and --help
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return _run


def listed(qtbot, incidents) -> None:  # type: ignore[no-untyped-def]
    """Wait for the incident list to show what it was asked to load (it reads off the UI
    thread)."""
    qtbot.waitUntil(lambda: not incidents.loading, timeout=10_000)


def paste_and_read(qtbot, window, text: str) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Shift+V with ``text`` on the clipboard, as a documenter pastes a report; waits
    until the extractor has filled the form."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest

    QGuiApplication.clipboard().setText(text)
    with qtbot.waitSignal(window.review.drafts_ready, timeout=30_000):
        QTest.keyClick(window, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier
                       | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip


def incident_count(ws) -> int:  # type: ignore[no-untyped-def]
    """Incidents in the database (deleted ones left out), read as the list reads them."""
    from tawthiq import services
    from tawthiq.store import IncidentFilter

    with ws.db.read() as s:
        return services.incidents.count_incidents(s, IncidentFilter())


def plain(text: str) -> str:
    """A sentence without the invisible marks that keep quoted words in their own direction."""
    return text.translate(dict.fromkeys(range(0x2066, 0x206A)))


@pytest.fixture(autouse=True)
def english_interface() -> Iterator[None]:
    """The interface's language is process-wide: every test starts and ends in English."""
    from tawthiq.i18n import setup_i18n

    setup_i18n("en")
    yield
    setup_i18n("en")


@pytest.fixture
def window_factory(qtbot, ws: Workspace):  # type: ignore[no-untyped-def]
    """Opens the main window on the test's database, in English, as a documenter named
    Amal, when the test asks (after it has prepared the database)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from tawthiq.services.desk import Desk
    from tawthiq.services.settings import Settings
    from tawthiq.ui.language import Language
    from tawthiq.ui.main_window import MainWindow
    from tawthiq.ui.ops import keep_window_responsive

    app = QApplication.instance()
    keep_window_responsive()  # as the application does
    language = Language(app)
    language.apply("en")
    made = []

    def make():  # type: ignore[no-untyped-def]
        win = MainWindow(
            Desk(ws),
            Settings(author="Amal", language="en"),
            lambda s: language.apply(s.language, arabic_digits=s.arabic_digits),
        )
        win.review.confirm = lambda question: True  # no modal questions in tests
        # Saving unchecked suggestions: noted, and saved so (a test of the question sets its own).
        win.unchecked_asked = []
        win.review.save_unchecked = lambda n: win.unchecked_asked.append(n) or True
        qtbot.addWidget(win)
        win.resize(1280, 800)
        win.show()
        win.activateWindow()  # focus events reach its fields
        qtbot.waitUntil(lambda: win.ready and win.runner.busy == 0, timeout=30_000)  # open, warm
        made.append(win)
        return win

    yield make
    for win in made:
        win.runner.wait()
    language.apply("en")
    app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


@pytest.fixture
def window(window_factory):  # type: ignore[no-untyped-def]
    """The main window on the test's database, in English, as a documenter named Amal."""
    return window_factory()


# -- PostgreSQL (the team server, issue 18): see tests/pg.py ---------------------------------


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A superuser's connection string to a running PostgreSQL server (CI's, or one
    started for this run)."""
    from tests import pg

    named = os.environ.get(pg.ENV)
    if named:
        yield named
        return
    try:
        cluster = pg.throwaway_cluster()
        url = cluster.__enter__()
    except (OSError, subprocess.CalledProcessError) as exc:
        pg.unavailable(f"{pg.ENV} is not set and none could be started ({exc})")
        return
    try:
        yield url
    finally:
        cluster.__exit__(None, None, None)


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A new, empty PostgreSQL database for this test (its owner's connection string)."""
    from tests import pg

    url = pg.create_database(pg_server)
    yield url
    pg.drop_database(pg_server, url)


@pytest.fixture
def crew(tmp_path: Path, pg_url: str):  # type: ignore[no-untyped-def]
    """A team server on a new database, with its coordinator's laptop
    (tests/integration/server_team.py)."""
    from server_team import Team

    t = Team(tmp_path, pg_url)
    yield t
    t.close()
