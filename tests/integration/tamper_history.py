"""Tamper-matrix scenes on whole histories, checkpoints, trust and the device key (issue 15,
items 2 and 6)."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from laptops import Laptop
from tamper_scene import (
    Scene,
    Seen,
    basel_merged,
    dev,
    forget_device,
    own_device,
)
from test_report_tamper import sql as query
from test_tamper import sql

from conftest import backup_database, connect, key_of
from tawthiq.domain.fields import INCIDENT
from tawthiq.store import EventWriter, open_database, sealed
from tawthiq.store.identity import KEY_FILE, DeviceIdentity, load_identity
from tawthiq.sync.keys import fingerprint

# --- item 2: whole histories, checkpoints -------------------------------------------------


def another_device_removed(s: Scene) -> Seen:
    basel = basel_merged(s)
    [(held,)] = query(s.db, "SELECT seq FROM chain_head WHERE device_id = ?", basel)
    [(latest,)] = query(s.db, "SELECT max(number) FROM checkpoint")
    forget_device(s.db, basel)
    assert s.run("rebuild").code == 0
    return Seen(s.run("verify"), {"device": dev(basel), "seq": held, "checkpoint": latest})


def _own_removed(s: Scene) -> str:
    basel_merged(s)
    own = own_device(s)
    [(held,)] = query(s.db, "SELECT seq FROM chain_head WHERE device_id = ?", own)
    forget_device(s.db, own)
    s.run("rebuild")
    return f"{dev(own)} (events #1..#{held})"


def own_removed_verify(s: Scene) -> Seen:
    device = _own_removed(s)
    return Seen(s.run("verify"), {"device": device})


def own_removed_add(s: Scene) -> Seen:
    _own_removed(s)
    said = s.run("add", "--title-en", "after the attack")
    assert query(s.db, "SELECT count(*) FROM event WHERE device_id = ?", own_device(s)) == [(0,)]
    return Seen(said)


def _tail_cut(s: Scene) -> tuple[str, str, int]:
    """An edit's event cut off the end of the chain and the signed head of the moment before
    it put back (any earlier export carries one): the record, the device, that head's #."""
    maram = s.maram()
    [(device, seq, head_hash, signature)] = query(
        s.db, "SELECT device_id, seq, hash, signature FROM chain_head"
    )
    assert s.run("edit", maram, "--killed", "12").code == 0
    sql(s.db, "DELETE FROM event WHERE device_id = ? AND seq > ?", device, seq)
    sql(s.db, "UPDATE chain_head SET seq = ?, hash = ?, signature = ?", seq, head_hash, signature)
    return maram, str(device), int(str(seq))


def cut_back(s: Scene) -> Seen:
    maram, device, seq = _tail_cut(s)
    s.run("rebuild")
    said = s.run("verify")
    refused = s.run("edit", maram, "--killed", "13")
    assert refused.code == 2 and "changed outside Tawthiq" in refused.err
    return Seen(said, {"from": int(seq) + 1, "device": dev(device)})


def checkpoints(*statements: str) -> Callable[[Scene], Seen]:
    def scene(s: Scene) -> Seen:
        maram = s.maram()
        for killed in (10, 11, 12):
            assert s.run("edit", maram, "--killed", str(killed)).code == 0
        for statement in statements:
            sql(s.db, statement)
        return Seen(s.run("verify"))

    return scene


def _restart(laptop: Laptop, db: Path | None = None) -> None:
    """``laptop`` closed, its database file replaced by ``db``, and opened again."""
    laptop.close()
    if db is not None:
        shutil.copy(db, laptop.ws.db.path)
    for suffix in ("-wal", "-shm"):
        laptop.ws.db.path.with_name(laptop.ws.db.path.name + suffix).unlink(missing_ok=True)
    laptop.ws = type(laptop.ws)(
        open_database(laptop.ws.db.path, key=key_of(laptop.ws.db.path)),
        laptop.ws.key_dir,
        laptop.name,
    )


def shrank(edits: int) -> Callable[[Scene], Seen]:
    """Amal's laptop restored from a copy of its database made before a merge; what it
    exports next holds Basel's chain shorter than its checkpoint said before."""

    def scene(s: Scene) -> Seen:
        amal, basel, coord = (s.laptop(n) for n in ("Amal", "Basel", "Coord"))
        basel.new_incident(title_en="b1")
        amal.new_incident(title_en="a1")
        amal.import_(basel.export())
        backup = s.tmp / "amal-backup.db"
        _restart(amal)  # everything in the file itself
        shutil.copy(amal.ws.db.path, backup)
        basel.new_incident(title_en="b2")
        amal.import_(basel.export())
        coord.import_(amal.export())
        _restart(amal, backup)  # the laptop put back to the copy; its documenter carries on,
        amal.accept_rollback()  # knowingly (`rebuild --accept-rollback`)
        one = amal.new_incident(title_en="a2")
        for _ in range(edits):
            amal.edit(one, killed=1)
        digest = coord.digest()
        said = s.on(coord, "import", str(amal.export()))
        assert coord.digest() == digest
        return Seen(said, {"device": dev(basel.ws.identity.device_id),
                           "laptop": dev(amal.ws.identity.device_id)})  # fmt: skip

    return scene


def _pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _copy_db(source: Path, target: Path) -> None:
    """A whole database (its write-ahead log included) copied over another."""
    backup_database(source, target)


def rolled_back(s: Scene) -> Seen:
    """Every checkpoint in yesterday's copy is genuine; the laptop remembers, beside its key,
    the later one it signed. On another laptop (no such memory) the copy verifies, and the
    printed report, an outside witness, names a later checkpoint than verify does."""
    maram = s.maram()
    yesterday = s.tmp / "yesterday.db"
    _copy_db(s.db, yesterday)
    assert s.run("edit", maram, "--killed", "12").code == 0
    pdf = s.tmp / "printed.pdf"
    assert s.run("report", maram, "-o", str(pdf)).code == 0
    now = s.run("verify").out.splitlines()[1]
    assert now.startswith("checkpoint #2 ") and now in _pdf_text(pdf)
    _copy_db(yesterday, s.db)
    said = s.run("verify")
    refused = s.run("edit", maram, "--killed", "13")
    assert refused.code == 2 and "rebuild --accept-rollback" in refused.err
    (s.keys / "checkpoints-signed.json").unlink()  # the same copy, on another laptop
    elsewhere = s.run("verify")
    assert elsewhere.code == 0 and elsewhere.out.splitlines()[1].startswith("checkpoint #1 ")
    assert elsewhere.out.splitlines()[1] not in _pdf_text(pdf)  # the paper knows better
    return Seen(said)


def stripped_then_saved(s: Scene) -> Seen:
    """Every checkpoint removed with Basel's history: the victim's own next save would sign
    a new checkpoint #1 over what is left."""
    basel = basel_merged(s)
    forget_device(s.db, basel)
    sql(s.db, "DELETE FROM checkpoint")
    sql(s.db, "DELETE FROM checkpoint_head")
    before = query(s.db, "SELECT count(*) FROM event")
    said = s.run("add", "--title-en", "after the attack")
    assert query(s.db, "SELECT count(*) FROM event") == before
    return Seen(said)


def tail_and_checkpoint_cut(s: Scene) -> Seen:
    """The end of the chain cut back to a signed head an earlier export carries, and the
    newest checkpoint removed with it: the file agrees with itself."""
    _tail_cut(s)
    sql(s.db, "DELETE FROM checkpoint_head WHERE number = 2")
    sql(s.db, "DELETE FROM checkpoint WHERE number = 2")
    s.run("rebuild")
    return Seen(s.run("verify"))


def rebuilt_under_another_key(s: Scene) -> Seen:
    """Everything but Basel's work removed and the rest signed again by an attacker's
    fresh key: a database that verifies by itself, at the victim's place."""
    basel = s.laptop("Basel")
    basel.new_incident(title_en="Basel's", killed=2)
    bundle = basel.export()
    s.maram()
    assert s.run("import", str(bundle), "--accept-new-devices").code == 0
    forged = s.tmp / "attacker.db"
    s.monkeypatch.setenv("TAWTHIQ_DATA_DIR", str(s.tmp / "attacker-keys"))
    assert s.run("import", str(bundle), "--accept-new-devices", db=forged).code == 0
    s.monkeypatch.setenv("TAWTHIQ_DATA_DIR", str(s.keys))
    _copy_db(forged, s.db)
    return Seen(s.run("verify"))


def device_row_added(command: str) -> Callable[[Scene], Seen]:
    """A key put by hand in the (unsigned) device table: no decision in the log accepted it."""

    def scene(s: Scene) -> Seen:
        maram = s.maram()
        evil = s.laptop("Evil")
        evil.new_incident(title_en="planted", killed=1)
        bundle = evil.export()
        identity = evil.ws.identity
        sql(s.db, "INSERT INTO device VALUES (?, ?, 0, 1)", identity.device_id,
            identity.public_key_hex)  # fmt: skip
        if command == "import":
            said = s.run("import", str(bundle))
        else:
            said = s.run("report", maram, "-o", str(s.tmp / "r.pdf"))
            assert not (s.tmp / "r.pdf").exists()
        return Seen(said, {"device": dev(identity.device_id), "file": bundle.name})

    return scene


# --- item 6: trust decisions and the device key -------------------------------------------


def forged_device(s: Scene) -> Seen:
    """A forger writes a whole device of their own (hashed and signed with their key, the
    key in the device table, a line in the old trust file)."""
    maram = s.maram()
    forger = DeviceIdentity.generate()
    other = s.tmp / "forger.db"
    db = open_database(other, key=key_of(other))
    with db.write() as session, EventWriter(session, forger, "Forger") as w:
        w.record(INCIDENT, maram, {"killed": {"min": 0, "max": 0, "approximate": False}}, new=True)
    db.close()
    con = connect(s.db)
    with con:
        plain = " KEY ''" if key_of(s.db) else ""  # the forger's file is not encrypted
        con.execute(f"ATTACH DATABASE ? AS f{plain}", (str(other),))
        for table in ("event", "device", "chain_head"):
            con.execute(f"INSERT INTO {table} SELECT * FROM f.{table}")
    con.close()
    (s.keys / "trusted-devices.json").write_text(
        json.dumps({forger.device_id: forger.public_key_hex}), "utf-8"
    )
    return Seen(s.run("verify"), {"device": dev(forger.device_id)})


def swapped_key(*command: str) -> Callable[[Scene], Seen]:
    def scene(s: Scene) -> Seen:
        maram = s.maram()
        other = s.laptop("Other")
        other.new_incident(title_en="x")
        before = query(s.db, "SELECT count(*) FROM event")
        (s.tmp / "mine").mkdir()
        # the keys themselves (sealed under each laptop's own key when it is protected)
        mine_plain = json.dumps(sealed.read(s.keys / KEY_FILE))
        (s.tmp / "mine" / KEY_FILE).write_text(mine_plain, "utf-8")
        sealed.write(s.keys / KEY_FILE, sealed.read(other.ws.key_dir / KEY_FILE))
        bundle = s.tmp / "signed-by-the-wrong-key.tawthiq"
        said = s.run(*(str(bundle) if a == "FILE" else maram if a == "ID" else a for a in command))
        assert query(s.db, "SELECT count(*) FROM event") == before and not bundle.exists()
        # reading is never refused: a copy of another laptop's database can be examined
        assert s.run("verify").code == 0 and maram[:8] in s.run("list").out
        mine, theirs = load_identity(s.tmp / "mine"), other.ws.identity
        assert mine is not None
        return Seen(said, {"own": dev(mine.device_id), "own_key": fingerprint(mine.public_key_hex),
                           "other": dev(theirs.device_id),
                           "other_key": fingerprint(theirs.public_key_hex)})  # fmt: skip

    return scene
