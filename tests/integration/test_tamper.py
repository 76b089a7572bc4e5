"""Someone with the database file but not this laptop's key edits it with the sqlite3 tool:
``verify`` names what was done, and Tawthiq refuses to build new history on top of it."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from tawthiq.store.events import Event, head_message, rehash
from tawthiq.store.identity import DeviceIdentity


def sql(db: Path, statement: str, *params: object) -> None:
    con = sqlite3.connect(db)
    with con:
        con.execute(statement, params)
    con.close()


def events(db: Path) -> list[Event]:
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    rows = [Event.from_row(dict(r)) for r in con.execute("SELECT * FROM event ORDER BY seq")]
    con.close()
    return rows


@pytest.fixture
def maram(run) -> str:  # type: ignore[no-untyped-def]
    r = run("add", "--title-en", "Maram camp", "--killed", "9", "--injured", "75")
    assert r.code == 0
    return r.out.strip()


def _edit_is_refused(run, maram: str) -> None:  # type: ignore[no-untyped-def]
    r = run("edit", maram, "--status", "reviewed")
    assert r.code == 2
    assert "changed outside Tawthiq since its last save" in r.err


def test_removed_last_event_blocks_new_writes(run, maram: str, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    last = events(db_path)[-1]
    sql(db_path, "DELETE FROM event WHERE event_id = ?", last.event_id)
    _edit_is_refused(run, maram)
    assert f"events #{last.seq}..#{last.seq} of device" in run("verify").err


def test_forged_tail_event_is_not_signed_over(run, maram: str, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    """An event added with a correct hash still lacks the device's signature."""
    last = events(db_path)[-1]
    forged = dataclasses.replace(
        last,
        event_id="00000000-0000-7000-8000-000000000000",
        field="killed",
        value='{"approximate":false,"max":0,"min":0}',
        seq=last.seq + 1,
        prev_hash=last.hash,
        hlc=last.hlc + 1,
        parents=(),
    )
    forged = dataclasses.replace(forged, hash=rehash(forged))
    sql(db_path, "INSERT INTO event VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", *forged.as_tuple())
    _edit_is_refused(run, maram)
    r = run("verify")
    assert r.code == 1 and "not covered by its signature" in r.err


def test_rewritten_chain_with_a_new_key_is_caught(run, maram: str, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Re-hash every event, sign with a key of one's own, put that key in the database:
    the laptop's own key file, outside the database, gives it away."""
    rows = events(db_path)
    prev = rows[0].prev_hash
    con = sqlite3.connect(db_path)
    with con:
        for e in rows:
            value = '{"approximate":false,"max":1,"min":1}' if e.field == "killed" else e.value
            new = dataclasses.replace(e, value=value, prev_hash=prev, hash="")
            new = dataclasses.replace(new, hash=rehash(new))
            con.execute(
                "UPDATE event SET value=?, prev_hash=?, hash=? WHERE event_id=?",
                (value, prev, new.hash, e.event_id),
            )
            prev = new.hash
        fake = DeviceIdentity.generate()
        device = rows[0].device_id
        con.execute("UPDATE device SET public_key=?", (fake.public_key_hex,))
        con.execute(
            "UPDATE chain_head SET hash=?, signature=?",
            (prev, fake.sign(head_message(device, rows[-1].seq, prev))),
        )
    con.close()
    r = run("verify")
    assert r.code == 1 and "was replaced: it is not the key this laptop trusts" in r.err
    _edit_is_refused(run, maram)


def test_value_changed_and_rehashed_names_that_event(run, maram: str, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    e = events(db_path)[2]
    changed = dataclasses.replace(e, value='"x"')
    sql(
        db_path,
        "UPDATE event SET value=?, hash=? WHERE event_id=?",
        '"x"',
        rehash(changed),
        e.event_id,
    )
    err = run("verify").err
    assert f"does not follow event #{e.seq} ({e.event_id}): event #{e.seq} was altered" in err


@pytest.mark.parametrize(
    ("column", "value"), [("parents", "x"), ("value", b'"blob"'), ("hlc", "soon"), ("seq", "x")]
)
def test_unreadable_event_rows_are_named_not_crashed_on(  # type: ignore[no-untyped-def]
    run, maram: str, db_path: Path, column: str, value: object
) -> None:
    e = events(db_path)[1]
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


@pytest.mark.parametrize(
    ("statement", "message"),
    [
        ("UPDATE incident SET deleted = ''", "the stored deleted does not match"),
        ("UPDATE incident SET killed_max = 'nine'", "the stored killed_max does not match"),
        ("UPDATE incident SET num = 77", "search index of incident does not match"),
    ],
)
def test_hidden_edits_of_the_tables_are_caught(  # type: ignore[no-untyped-def]
    run, maram: str, statement: str, message: str, db_path: Path
) -> None:
    sql(db_path, statement)
    r = run("verify")
    assert r.code == 1 and message in r.err


def test_rebuild_refuses_a_damaged_log(run, maram: str, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    sql(db_path, "UPDATE event SET value = '0' WHERE field = 'killed'")
    r = run("rebuild")
    assert r.code == 2 and "the event log is damaged" in r.err
    assert "killed 9" in run("list").out


def test_reading_commands_create_nothing(run, tmp_path: Path, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "typo" / "recrods.db"
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
    assert not (data_dir / "device-key.json").exists()


def test_device_key_folder_unwritable_leaves_no_database(  # type: ignore[no-untyped-def]
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "blocker").write_text("x")
    monkeypatch.setenv("TAWTHIQ_DATA_DIR", str(tmp_path / "blocker" / "data"))
    new = tmp_path / "new.db"
    r = run("add", "--title-en", "x", db=new)
    assert r.code == 2 and "cannot store the device key" in r.err
    assert not new.exists()
