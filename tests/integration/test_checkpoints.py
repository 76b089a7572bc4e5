"""Checkpoints beyond the tamper matrix (tests/integration/test_tamper_matrix.py): the same
export again after newer ones, a laptop put back to an old copy that exports nothing new,
and the checkpoint tables' parts that no signature reaches."""

from __future__ import annotations

from pathlib import Path

import pytest
from laptops import Laptop
from tamper_history import _copy_db
from test_report_tamper import sql as query

from conftest import device_id_of, key_of
from tawthiq.store import open_database
from tawthiq.sync.errors import RollbackError

ON_SERVER = True  # the store's behaviour: on PostgreSQL too (issue 18)

# every test here runs on plain and on encrypted laptops (issue 16)
pytestmark = pytest.mark.usefixtures("at_rest")


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


@pytest.mark.sqlite_only  # a copy of the database file put back
def test_attack_a_laptop_restored_from_an_old_copy_exports_nothing_new(tmp_path: Path) -> None:
    """A laptop put back to an old copy of its database exports before writing anything: the
    file brings nothing new, but it is made now, at a checkpoint older than one its laptop
    sent before, and only the checkpoint tells (the same file again is another matter)."""
    amal, coord = Laptop(tmp_path, "Amal"), Laptop(tmp_path, "Coord")
    amal.new_incident(title_en="a1")
    backup = tmp_path / "amal-backup.db"
    _copy_db(amal.ws.db.path, backup)
    amal.new_incident(title_en="a2")
    coord.import_(amal.export())
    amal.close()
    _copy_db(backup, amal.ws.db.path)
    amal.ws = type(amal.ws)(
        open_database(amal.ws.db.path, key=key_of(amal.ws.db.path)), amal.ws.key_dir, "Amal"
    )
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


@pytest.mark.sqlite_only  # a copy of the database file put back
def test_attack_checkpoint_tables_changed_where_no_signature_reaches(  # type: ignore[no-untyped-def]
    run, db_path: Path, data_dir: Path, tmp_path: Path
) -> None:
    """A head stored for a checkpoint that does not exist, a checkpoint's counts changed, a
    head stored again where its device did not move: no signature covers these, yet the
    next save is weighed against them (the first two refuse every save), so verify names
    each."""
    basel_laptop = Laptop(tmp_path, "Basel")
    basel_laptop.new_incident(title_en="Basel's", killed=2)
    maram = run("add", "--title-en", "Maram camp", "--killed", "9").out.strip()
    assert run("import", str(basel_laptop.export()), "--accept-new-devices").code == 0
    basel_laptop.close()
    assert run("edit", maram, "--killed", "10").code == 0  # a checkpoint where Basel stays
    own = device_id_of(data_dir)
    basel = basel_laptop.ws.identity.device_id
    [(latest,)] = query(db_path, "SELECT max(number) FROM checkpoint")
    [(devices, events)] = query(
        db_path, "SELECT devices, events FROM checkpoint WHERE number = ?", latest
    )
    [(seq, head_hash)] = query(
        db_path,
        "SELECT seq, hash FROM checkpoint_head WHERE device_id = ? ORDER BY number DESC LIMIT 1",
        basel,
    )
    keep = db_path.with_name("keep.db")
    _copy_db(db_path, keep)
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
        _copy_db(keep, db_path)
        query(db_path, statement[0], *statement[1])
        done = run("verify")
        assert done.code == 1, kind
        assert done.err.splitlines()[0] == f"tawthiq: verify failed: {message}", kind
