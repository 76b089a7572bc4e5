"""Someone with the database file but not this laptop's key edits it with the sqlite3 tool:
``verify`` names what was done, and Tawthiq refuses to build new history on top of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import connect
from tawthiq.store.events import Event

ON_SERVER = True  # the store's behaviour: on PostgreSQL too (issue 18)


def sql(db: Path, statement: str, *params: object) -> None:
    con = connect(db)
    with con:
        con.execute(statement, params)
    con.close()


def events(db: Path) -> list[Event]:
    con = connect(db)
    cur = con.execute("SELECT * FROM event ORDER BY seq")
    names = [d[0] for d in cur.description]
    rows = [Event.from_row(dict(zip(names, r, strict=True))) for r in cur]
    con.close()
    return rows


@pytest.fixture
def maram(run) -> str:  # type: ignore[no-untyped-def]
    r = run("add", "--title-en", "Maram camp", "--killed", "9", "--injured", "75")
    assert r.code == 0
    return r.out.strip()


@pytest.mark.parametrize(
    ("column", "value"), [("parents", "x"), ("value", b'"blob"'), ("hlc", "soon"), ("seq", "x")]
)
def test_unreadable_event_rows_are_named_not_crashed_on(  # type: ignore[no-untyped-def]
    run, maram: str, db_path: Path, column: str, value: object, at_rest
) -> None:
    e = events(db_path)[1]
    if at_rest.server and column in ("hlc", "seq"):  # PostgreSQL's integer columns
        import psycopg

        with pytest.raises(psycopg.errors.InvalidTextRepresentation):
            sql(db_path, f"UPDATE event SET {column}=? WHERE event_id=?", value, e.event_id)
        assert run("verify").code == 0  # the row could not be made unreadable
        return
    sql(db_path, f"UPDATE event SET {column}=? WHERE event_id=?", value, e.event_id)
    r = run("verify")
    assert r.code == 1 and r.err.startswith("tawthiq: verify failed: ")
    assert "Traceback" not in r.err


def test_rebuild_restores_a_deleted_row(run, maram: str, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    sql(db_path, "DELETE FROM incident WHERE id = ?", maram)
    assert "is missing from the incident table" in run("verify").err
    r = run("rebuild")
    assert r.code == 0 and "changed: the tables had drifted from the log" in r.out
    assert run("verify").code == 0
    assert "killed 9" in run("list").out


def test_reading_commands_create_nothing(run, tmp_path: Path, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "typo" / "recrods.db"
    had_a_key = (data_dir / "device-key.json").exists()  # the encrypted variant's laptop has
    for args in (
        ["verify"],
        ["list"],
        ["show", "abcd"],
        ["history", "abcd"],
        ["rebuild"],
        ["edit", "abcd", "--killed", "3"],
        ["delete", "abcd"],
    ):
        r = run(*args, db=missing)
        assert r.code == 2 and "there is no Tawthiq database at" in r.err, args
    assert not missing.parent.exists()
    assert (data_dir / "device-key.json").exists() == had_a_key


def test_device_key_folder_unwritable_leaves_no_database(  # type: ignore[no-untyped-def]
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "blocker").write_text("x")
    monkeypatch.setenv("TAWTHIQ_DATA_DIR", str(tmp_path / "blocker" / "data"))
    new = tmp_path / "new.db"
    r = run("add", "--title-en", "x", db=new)
    assert r.code == 2 and "cannot store the device key" in r.err
    assert not new.exists()
