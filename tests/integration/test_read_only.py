"""Reading commands never write: ``verify``, ``list``, ``show``, ``history`` and ``report``
open the database read-only, so they work on a read-only evidence copy, beside another
program that holds the write lock, and during an import; a lock or a disk error is never a
tampering finding (exit 3, not 1)."""

from __future__ import annotations

import gc
import hashlib
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from conftest import AtRest, connect, key_of
from tawthiq.store import NotADatabaseError
from tawthiq.store import sqlite_connection as dialect
from tawthiq.store.db import open_database


@pytest.fixture
def maram(run) -> str:  # type: ignore[no-untyped-def]
    r = run("add", "--title-en", "Maram camp", "--killed", "9", "--injured", "75")
    assert r.code == 0, r.err
    return r.out.strip()


def _state(db: Path) -> tuple[str, int, int]:
    """The file's bytes (as a digest), its modification time, and the size of its
    write-ahead log (where a change would wait before reaching the file)."""
    wal = db.with_name(f"{db.name}-wal")
    size = wal.stat().st_size if wal.exists() else 0
    return hashlib.sha256(db.read_bytes()).hexdigest(), db.stat().st_mtime_ns, size


def _settled(db: Path) -> None:
    """Every change in the file itself, no -wal or -shm beside it (as a copy handed over
    for evidence is)."""
    gc.collect()  # the connections of the commands run before are closed
    con = connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    for suffix in ("-wal", "-shm"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)


def _chattr(flag: str, *paths: Path) -> None:
    subprocess.run(["chattr", flag, *map(str, paths)], check=True, capture_output=True)


@pytest.fixture
def immutable(db_path: Path, maram: str) -> Iterator[Path]:
    """The database and its folder made immutable (``chattr +i``): not even root can write
    to them, as on a read-only mount. Skipped where the system does not allow it."""
    _settled(db_path)
    try:
        _chattr("+i", db_path, db_path.parent)
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("chattr +i is not available here")
    try:
        yield db_path
    finally:
        _chattr("-i", db_path.parent, db_path)


def test_attack_verify_on_an_immutable_evidence_copy(  # type: ignore[no-untyped-def]
    run, immutable: Path, maram: str, at_rest: AtRest
) -> None:
    """Found by an independent review: on a read-only copy verify could not even open the
    file (its search-index check wrote); now every reading command reads it, and not a
    byte of it changes."""
    before = _state(immutable)
    r = run("verify", db=immutable)
    assert r.code == 0 and r.out.startswith("ok: 5 events from 1 device"), r.err
    assert "Maram camp" in run("list", db=immutable).out
    assert "Killed / القتلى: 9" in run("show", maram, db=immutable).out
    assert run("history", maram, db=immutable).code == 0
    assert _state(immutable) == before
    keys = ["records.db.keys"] if at_rest.encrypted else []
    assert sorted(p.name for p in immutable.parent.iterdir()) == ["records.db", *keys, "userdata"]


def test_attack_verify_on_an_immutable_file_in_a_writable_folder(  # type: ignore[no-untyped-def]
    run, db_path: Path, maram: str
) -> None:
    """The review's case exactly: the file cannot be written, its folder can; the search
    index's check wrote, failed, and verify said the index "does not match" (exit 1)."""
    _settled(db_path)
    try:
        _chattr("+i", db_path)
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("chattr +i is not available here")
    try:
        before = _state(db_path)
        r = run("verify")
        assert r.code == 0 and r.out.startswith("ok: 5 events from 1 device"), r.err
        assert _state(db_path) == before
        refused = run("edit", maram, "--killed", "10")  # a writing command: one sentence
        assert refused.code == 2 and "cannot write to" in refused.err
    finally:
        _chattr("-i", db_path)


def _folder_refuses_wal(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """SQLite's read-only open failing as it does where the folder cannot take the -wal
    and -shm files (read-only media); the URIs then opened, for the test to see."""
    probe, opened = dialect._probe, []

    def refusing(uri: str, **key: bytes | None) -> None:
        opened.append(uri)
        if "mode=ro" in uri:
            exc = sqlite3.OperationalError("unable to open database file")
            exc.sqlite_errorcode = sqlite3.SQLITE_CANTOPEN  # type: ignore[attr-defined]
            raise exc
        probe(uri, **key)

    monkeypatch.setattr(dialect, "_probe", refusing)
    return opened


def test_attack_verify_where_the_folder_cannot_take_the_wal_files(  # type: ignore[no-untyped-def]
    run, db_path: Path, maram: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _settled(db_path)
    before = _state(db_path)
    opened = _folder_refuses_wal(monkeypatch)
    r = run("verify")
    assert r.code == 0 and r.out.startswith("ok: 5 events from 1 device"), r.err
    assert "Maram camp" in run("list").out
    assert opened and all("mode=ro" in uri for uri in opened)  # it read immutable=1 then
    assert dialect.read_only_uri(db_path) == f"{db_path.as_uri()}?immutable=1"
    assert _state(db_path) == before
    assert not db_path.with_name("records.db-wal").exists()


def test_attack_verify_refuses_a_copy_whose_latest_changes_it_cannot_read(  # type: ignore[no-untyped-def]
    run, db_path: Path, maram: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only folder holding the file and a write-ahead log: the immutable open would
    not read the log's changes, so verify says it cannot read the copy (exit 3)."""
    # another laptop's Tawthiq, still open, has just written: its edit is in the -wal (a
    # command of this process closes its database when it ends, so the edit is made here
    # through a workspace kept open)
    from tawthiq import services
    from tawthiq.services.incidents import edit_incident

    writing = services.open_workspace(db_path, author="Amal")
    with writing.writing() as w:
        edit_incident(w, maram, {"killed": 10})
    wal = db_path.with_name("records.db-wal")
    assert wal.stat().st_size > 0
    _folder_refuses_wal(monkeypatch)
    r = run("verify")
    writing.close()
    assert r.code == 3 and r.out == ""
    assert r.err == (
        f"tawthiq: cannot read {db_path}: its latest changes are in records.db-wal, in a "
        "folder that cannot be written; copy both files to a writable folder and try again\n"
    )


_SLOW_IMPORT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from tawthiq import cli
    from tawthiq.store import bookkeeping

    remember = bookkeeping.remember_import
    inside, go_on = Path(sys.argv[1]), Path(sys.argv[2])

    def slowly(session, **kw):  # the merge has written its rows, not yet committed them
        remember(session, **kw)
        session.flush()
        inside.write_text("merging")
        deadline = time.monotonic() + 60
        while not go_on.exists() and time.monotonic() < deadline:
            time.sleep(0.02)

    bookkeeping.remember_import = slowly
    sys.exit(cli.main(["import", sys.argv[3], "--accept-new-devices", "--db", sys.argv[4]]))
    """
)


def test_attack_verify_during_an_import_in_another_process(  # type: ignore[no-untyped-def]
    run, db_path: Path, maram: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An import in another process holds the write transaction of its merge (its events
    and rows written, not committed) while verify runs: verify checks the state before the
    import, exit 0; afterwards, the state with it."""
    other, bundle = tmp_path / "other.db", tmp_path / "other.tawthiq"
    with monkeypatch.context() as basel:  # another laptop, with its own key
        basel.setenv("TAWTHIQ_DATA_DIR", str(tmp_path / "basel"))
        for title in ("Sarmada market", "Atmeh camp"):
            assert run("add", "--title-en", title, "--killed", "3", db=other).code == 0
        assert run("export", "-o", str(bundle), "--unencrypted", db=other).code == 0
    inside, go_on = tmp_path / "merging", tmp_path / "go-on"
    importer = subprocess.Popen(  # this laptop, its key folder and database
        [sys.executable, "-c", _SLOW_IMPORT, str(inside), str(go_on), str(bundle), str(db_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not inside.exists():
            assert importer.poll() is None, importer.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.02)
        during = run("verify")
        assert importer.poll() is None  # the import still held its transaction
    finally:
        go_on.touch()
        _, err = importer.communicate(timeout=60)
    assert importer.returncode == 0, err
    assert during.code == 0 and during.out.startswith("ok: 5 events from 1 device"), during.err
    after = run("verify")
    # the 8 events imported, and this laptop's signed decision accepting their laptop
    assert after.code == 0 and after.out.startswith("ok: 15 events from 2 devices"), after.err


def test_attack_an_emptied_search_index_is_caught_by_the_read_only_check(  # type: ignore[no-untyped-def]
    run, db_path: Path, maram: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The search index's check only reads now, and still finds an index that no longer
    holds a record (a search would hide it), on a copy that cannot be written too."""
    con = connect(db_path)
    with con:
        con.execute(
            "INSERT INTO incident_fts(incident_fts, rowid, search_text) "
            "SELECT 'delete', num, search_text FROM incident"
        )
    con.close()
    _settled(db_path)
    _folder_refuses_wal(monkeypatch)
    before = _state(db_path)
    r = run("verify")
    assert r.code == 1 and r.out == ""
    assert (
        r.err == "tawthiq: verify failed: the search index of incident does not match the table\n"
    )
    assert _state(db_path) == before


def test_a_reading_open_makes_nothing_and_refuses_to_write(tmp_path: Path, db_path: Path) -> None:
    missing, empty = tmp_path / "nothing" / "here.db", tmp_path / "empty.db"
    empty.touch()
    for path in (missing, empty):
        with pytest.raises(NotADatabaseError, match="there is no Tawthiq database at"):
            open_database(path, read_only=True, key=key_of(path))
    assert not missing.parent.exists() and empty.stat().st_size == 0
    open_database(db_path, key=key_of(db_path)).close()
    db = open_database(db_path, read_only=True, key=key_of(db_path))
    try:
        with pytest.raises(RuntimeError, match="opened read-only"), db.write():
            pass
    finally:
        db.close()


@pytest.mark.parametrize(
    ("driver", "code"),
    [
        ("database is locked", 3),
        ("disk I/O error", 3),
        ("attempt to write a readonly database", 2),
        ("file is not a database", 2),
    ],
)
def test_a_lock_or_a_disk_error_is_exit_3_a_refusal_exit_2(
    driver: str, code: int, db_path: Path
) -> None:
    error = dialect.translate(OperationalError("x", {}, sqlite3.OperationalError(driver)), db_path)
    assert error.exit_code == code and str(db_path) in str(error)
