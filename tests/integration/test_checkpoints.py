"""Signed checkpoints and trust decisions in the log: whole histories that vanish, a chain
cut back to an older signed head, checkpoints removed or altered, a forged device added
with its own key, a swapped device key — each named by ``verify`` or refused, with its own
sentence; and a coordinator notices a laptop whose history shrank."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from laptops import Laptop

from tawthiq.domain.fields import INCIDENT
from tawthiq.store import EventWriter, open_database
from tawthiq.store.identity import KEY_FILE, DeviceIdentity
from tawthiq.sync.errors import ForgeryError, RollbackError


def sql(db: Path, *statements: tuple[str, tuple[object, ...]]) -> None:
    con = sqlite3.connect(db)
    with con:
        for statement, params in statements:
            con.execute(statement, params)
    con.close()


def rows(db: Path, query: str, *params: object) -> list[tuple[object, ...]]:
    con = sqlite3.connect(db)
    try:
        return con.execute(query, params).fetchall()
    finally:
        con.close()


@pytest.fixture
def coordinator(tmp_path: Path) -> Path:
    """A coordinator's database (the test's db) holding her own work and Basel's, merged."""
    basel = Laptop(tmp_path, "Basel")
    basel.new_incident(title_en="Basel's", killed=2)
    basel.new_incident(title_en="Basel's second", killed=3)
    bundle = basel.export()
    basel.close()
    return bundle


def _merged(run, bundle: Path) -> str:  # type: ignore[no-untyped-def]
    maram = run("add", "--title-en", "Maram camp", "--killed", "9").out.strip()
    assert run("import", str(bundle), "--accept-new-devices").code == 0
    return maram


def _other_device(db: Path, own: str) -> str:
    (device,) = {d for (d,) in rows(db, "SELECT device_id FROM event") if d != own}
    return str(device)


def _own_device(data_dir: Path) -> str:
    return str(json.loads((data_dir / KEY_FILE).read_text())["device_id"])


def _forget_device(db: Path, device: str) -> None:
    """Everything of one device gone, then the tables rebuilt: what the attack did."""
    sql(
        db,
        ("DELETE FROM event WHERE device_id = ?", (device,)),
        ("DELETE FROM chain_head WHERE device_id = ?", (device,)),
        ("DELETE FROM device WHERE device_id = ?", (device,)),
    )


def test_attack_another_devices_whole_history_removed(  # type: ignore[no-untyped-def]
    run, coordinator: Path, db_path: Path, data_dir: Path
) -> None:
    _merged(run, coordinator)
    basel = _other_device(db_path, _own_device(data_dir))
    [(held,)] = rows(db_path, "SELECT seq FROM chain_head WHERE device_id = ?", basel)
    [(latest,)] = rows(db_path, "SELECT max(number) FROM checkpoint")
    _forget_device(db_path, basel)
    assert run("rebuild").code == 0
    done = run("verify")
    assert done.code == 1
    assert (
        f"the history of device {basel[:8]} (events #1..#{held}) is missing: checkpoint "
        f"#{latest} holds it; it was removed"
    ) in done.err


def test_attack_this_laptops_own_history_removed_never_restarts(  # type: ignore[no-untyped-def]
    run, coordinator: Path, db_path: Path, data_dir: Path
) -> None:
    maram = _merged(run, coordinator)
    own = _own_device(data_dir)
    _forget_device(db_path, own)
    run("rebuild")
    done = run("verify")
    assert done.code == 1 and f"the history of device {own[:8]}" in done.err
    again = run("add", "--title-en", "after the attack")
    assert again.code == 2 and "changed outside Tawthiq since its last save" in again.err
    assert rows(db_path, "SELECT count(*) FROM event WHERE device_id = ?", own) == [(0,)]
    assert maram  # the record the attack took away


def test_attack_chain_cut_back_to_an_older_signed_head(  # type: ignore[no-untyped-def]
    run, db_path: Path, data_dir: Path
) -> None:
    """The end of the chain cut off and the signed head of an earlier moment put back (any
    earlier export carries one): the chain and its head agree, the checkpoint does not."""
    maram = run("add", "--title-en", "Maram camp", "--killed", "9").out.strip()
    (old_head,) = rows(db_path, "SELECT device_id, seq, hash, signature FROM chain_head")
    assert run("edit", maram, "--killed", "12").code == 0
    device, seq, head_hash, signature = old_head
    sql(
        db_path,
        ("DELETE FROM event WHERE device_id = ? AND seq > ?", (device, seq)),
        (
            "UPDATE chain_head SET seq = ?, hash = ?, signature = ? WHERE device_id = ?",
            (seq, head_hash, signature, device),
        ),
    )
    run("rebuild")
    done = run("verify")
    assert done.code == 1
    assert (
        f"events #{int(seq) + 1}..#{int(seq) + 1} of device {str(device)[:8]} are missing: "
        f"checkpoint #2 holds its chain to #{int(seq) + 1}; the chain was cut back"
    ) in done.err
    refused = run("edit", maram, "--killed", "13")
    assert refused.code == 2 and "changed outside Tawthiq" in refused.err


def test_attack_a_checkpoint_removed_or_altered_or_all_removed(  # type: ignore[no-untyped-def]
    run, db_path: Path
) -> None:
    maram = run("add", "--title-en", "Maram camp", "--killed", "9").out.strip()
    for killed in (10, 11, 12):
        assert run("edit", maram, "--killed", str(killed)).code == 0
    keep = db_path.with_name("keep.db")
    _copy(db_path, keep)

    sql(db_path, ("DELETE FROM checkpoint WHERE number = 2", ()))
    done = run("verify")
    assert done.code == 1
    assert "checkpoint #2 is missing (removed); the checkpoints jump to #3" in done.err

    _copy(keep, db_path)
    sql(db_path, ("UPDATE checkpoint_head SET seq = seq + 1 WHERE number = 3", ()))
    done = run("verify")
    assert done.code == 1
    assert "checkpoint #3 was altered: its heads, root or signature no longer match" in done.err

    _copy(keep, db_path)
    sql(db_path, ("DELETE FROM checkpoint", ()), ("DELETE FROM checkpoint_head", ()))
    done = run("verify")
    assert done.code == 1
    assert (
        "the database holds events of this release but no checkpoint: its checkpoints were removed"
    ) in done.err


def _copy(source: Path, target: Path) -> None:
    """A whole database (its write-ahead log included) copied over another."""
    for suffix in ("-wal", "-shm"):
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    target.unlink(missing_ok=True)
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    src.backup(dst)
    src.close()
    dst.close()


def test_attack_forged_device_with_a_key_of_its_own(  # type: ignore[no-untyped-def]
    run, db_path: Path, data_dir: Path
) -> None:
    """A forger writes a whole device of their own (events hashed and signed with their key,
    the key in the device table, a line in the old trust file): no decision in the log
    accepted that key."""
    maram = run("add", "--title-en", "Maram camp", "--killed", "9").out.strip()
    forger = DeviceIdentity.generate()
    _forged_device(db_path, forger, maram)
    (data_dir / "trusted-devices.json").write_text(
        json.dumps({forger.device_id: forger.public_key_hex}), "utf-8"
    )
    done = run("verify")
    assert done.code == 1
    assert f"device {forger.device_id[:8]} is not among the devices this laptop trusts" in done.err


def _forged_device(db_path: Path, forger: DeviceIdentity, maram: str) -> None:
    """The forger's events as another database would hold them, copied in with sqlite3."""
    other = db_path.with_name("forger.db")
    db = open_database(other)
    with db.write() as s, EventWriter(s, forger, "Forger") as w:
        w.record(INCIDENT, maram, {"killed": {"min": 0, "max": 0, "approximate": False}}, new=True)
    db.close()
    con = sqlite3.connect(db_path)
    with con:
        con.execute("ATTACH DATABASE ? AS f", (str(other),))
        con.execute("INSERT INTO event SELECT * FROM f.event")
        con.execute("INSERT INTO device SELECT * FROM f.device")
        con.execute("INSERT INTO chain_head SELECT * FROM f.chain_head")
    con.close()


def test_attack_swapped_device_key_is_refused_at_the_first_write(  # type: ignore[no-untyped-def]
    run, db_path: Path, data_dir: Path, tmp_path: Path
) -> None:
    maram = run("add", "--title-en", "Maram camp", "--killed", "9").out.strip()
    other = Laptop(tmp_path, "Other")
    other.new_incident(title_en="x")
    other.close()
    before = rows(db_path, "SELECT count(*) FROM event")
    shutil.copy(tmp_path / "Other-keys" / KEY_FILE, data_dir / KEY_FILE)
    refused = run("edit", maram, "--killed", "10")
    assert refused.code == 2
    assert "the key file was replaced, or the database was copied from another laptop" in (
        refused.err
    )
    assert rows(db_path, "SELECT count(*) FROM event") == before
    bundle = tmp_path / "signed-by-the-wrong-key.tawthiq"
    exported = run("export", "-o", str(bundle))
    assert exported.code == 2 and "the key file was replaced" in exported.err
    assert not bundle.exists()
    # reading is never refused: a copy of another laptop's database opens and verifies
    assert run("verify").code == 0 and maram[:8] in run("list").out


def test_a_laptops_history_that_shrank_is_noticed_by_the_coordinator(
    tmp_path: Path,
) -> None:
    """Amal's laptop restored from a copy of its database made before a merge: what it
    exports next holds Basel's chain shorter than its checkpoint said before."""
    amal, basel, coord = (Laptop(tmp_path, n) for n in ("Amal", "Basel", "Coord"))
    basel.new_incident(title_en="b1")
    amal.new_incident(title_en="a1")
    amal.import_(basel.export())
    backup = tmp_path / "amal-backup.db"
    amal.ws.close()
    shutil.copy(amal.ws.db.path, backup)
    amal.ws = type(amal.ws)(open_database(amal.ws.db.path), amal.ws.key_dir, "Amal")
    basel.new_incident(title_en="b2")
    amal.import_(basel.export())
    coord.import_(amal.export())
    # the laptop is put back to the copy, and its documenter carries on
    amal.close()
    shutil.copy(backup, amal.ws.db.path)
    amal.ws = type(amal.ws)(open_database(amal.ws.db.path), amal.ws.key_dir, "Amal")
    one = amal.new_incident(title_en="a2")
    with pytest.raises(ForgeryError, match=r"signed two different checkpoints #\d+: it has two"):
        coord.import_(amal.export())
    amal.edit(one, killed=1)
    with pytest.raises(ForgeryError, match=r"its history shrank") as shrank:
        coord.import_(amal.export())
    assert f"holds device {basel.ws.identity.device_id[:8]} at #" in str(shrank.value)
    for laptop in (amal, basel, coord):
        laptop.close()


def _pdf_text(path: Path) -> str:
    import subprocess

    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_a_printed_report_is_the_outside_witness_of_a_file_rolled_back(  # type: ignore[no-untyped-def]
    run, db_path: Path, tmp_path: Path
) -> None:
    """Each page names the checkpoint `verify` prints; a database file put back to an older
    copy of itself verifies on its own, but names an earlier checkpoint than the paper."""
    maram = run("add", "--title-en", "Maram camp", "--killed", "9").out.strip()
    yesterday = tmp_path / "yesterday.db"
    _copy(db_path, yesterday)
    assert run("edit", maram, "--killed", "12").code == 0
    pdf = tmp_path / "printed.pdf"
    assert run("report", maram, "-o", str(pdf)).code == 0
    now = run("verify").out.splitlines()[1]
    assert now.startswith("checkpoint #2 ") and now in _pdf_text(pdf)

    _copy(yesterday, db_path)  # the file rolled back: every checkpoint in it is genuine
    done = run("verify")
    assert done.code == 0 and done.out.splitlines()[1].startswith("checkpoint #1 ")
    assert done.out.splitlines()[1] not in _pdf_text(pdf)  # the paper knows better


def test_the_same_export_again_after_newer_ones_is_fine(tmp_path: Path) -> None:
    """A file imported before may come again (sent twice, or imported again to be sure),
    even after later files from its laptop: it takes nothing back, and the coordinator
    keeps the latest checkpoint it received."""
    amal, coord = Laptop(tmp_path, "Amal"), Laptop(tmp_path, "Coord")
    amal.new_incident(title_en="a1")
    w1 = amal.export()
    amal.new_incident(title_en="a2")
    w2 = amal.export(since="last")
    amal.new_incident(title_en="a3")
    w3 = amal.export(since="last")
    for path in (w1, w2, w3):
        coord.import_(path)
    digest = coord.digest()
    for path in (w2, w1, w3):
        assert coord.import_(path).new == 0
    assert coord.digest() == digest
    amal.new_incident(title_en="a4")
    assert coord.import_(amal.export(since="last")).new > 0
    for laptop in (amal, coord):
        laptop.close()


def test_attack_a_laptop_restored_from_an_old_copy_exports_nothing_new(tmp_path: Path) -> None:
    """A laptop put back to an old copy of its database exports before writing anything: the
    file brings nothing new, but it is made now, at a checkpoint older than one its laptop
    sent before, and only the checkpoint tells (the same file again is another matter)."""
    amal, coord = Laptop(tmp_path, "Amal"), Laptop(tmp_path, "Coord")
    amal.new_incident(title_en="a1")
    backup = tmp_path / "amal-backup.db"
    _copy(amal.ws.db.path, backup)
    amal.new_incident(title_en="a2")
    coord.import_(amal.export())
    amal.close()
    _copy(backup, amal.ws.db.path)
    amal.ws = type(amal.ws)(open_database(amal.ws.db.path), amal.ws.key_dir, "Amal")
    stale = amal.export()
    digest = coord.digest()
    with pytest.raises(RollbackError) as refused:
        coord.import_(stale)
    assert str(refused.value) == (
        f"{stale.name} was made at checkpoint #1 of laptop {amal.ws.identity.device_id[:8]}, "
        "before checkpoint #2 already received from it: it would take this database back; "
        "ask for a new export"
    )
    assert coord.digest() == digest
    for laptop in (amal, coord):
        laptop.close()


def test_attack_checkpoint_tables_changed_where_no_signature_reaches(  # type: ignore[no-untyped-def]
    run, coordinator: Path, db_path: Path, data_dir: Path
) -> None:
    """A head stored for a checkpoint that does not exist, a checkpoint's counts changed, a
    head stored again where its device did not move: no signature covers these, yet the
    next save is weighed against them (the first two refuse every save), so verify names
    each."""
    maram = _merged(run, coordinator)
    assert run("edit", maram, "--killed", "10").code == 0  # a checkpoint where Basel stays
    own = _own_device(data_dir)
    basel = _other_device(db_path, own)
    [(latest,)] = rows(db_path, "SELECT max(number) FROM checkpoint")
    [(devices, events)] = rows(
        db_path, "SELECT devices, events FROM checkpoint WHERE number = ?", latest
    )
    [(seq, head_hash)] = rows(
        db_path,
        "SELECT seq, hash FROM checkpoint_head WHERE device_id = ? ORDER BY number DESC LIMIT 1",
        basel,
    )
    keep = db_path.with_name("keep.db")
    _copy(db_path, keep)
    attacks = {
        "a head for no checkpoint": (
            ("INSERT INTO checkpoint_head VALUES (999, ?, 1000000, ?)", (own, "f" * 64)),
            f"a chain head of device {own[:8]} is stored for checkpoint #999, which does not "
            "exist: it was added outside Tawthiq",
        ),
        "one device more": (
            ("UPDATE checkpoint SET devices = devices + 1 WHERE number = ?", (latest,)),
            f"checkpoint #{latest} counts {devices + 1} devices and {events} events, but the "
            f"heads it covers are {devices} devices and {events} events: it was changed outside "
            "Tawthiq",
        ),
        "one event more": (
            ("UPDATE checkpoint SET events = events + 1 WHERE number = ?", (latest,)),
            f"checkpoint #{latest} counts {devices} devices and {events + 1} events, but the "
            f"heads it covers are {devices} devices and {events} events: it was changed outside "
            "Tawthiq",
        ),
        "a head that does not move": (
            (
                "INSERT INTO checkpoint_head VALUES (?, ?, ?, ?)",
                (latest, basel, seq, head_hash),
            ),
            f"checkpoint #{latest} stores a head of device {basel[:8]} at #{seq}, which does "
            f"not move it forward from #{seq}: it was added outside Tawthiq",
        ),
    }
    for kind, (statement, message) in attacks.items():
        _copy(keep, db_path)
        sql(db_path, statement)
        done = run("verify")
        assert done.code == 1, kind
        assert done.err.splitlines()[0] == f"tawthiq: verify failed: {message}", kind
