"""The tamper matrix: every attack on the audit trail that Tawthiq refuses or detects, one row
each — the scene made with real parts (a database changed with sqlite3, real signed exports,
the command as a person types it), the command that must catch it, its exit code (DESIGN:
1 a finding, 2 a refusal, 3 in use or unreadable) and the sentence it prints. ``ATTACKS`` is
also what the closing table of the issue is printed from."""

from __future__ import annotations

import dataclasses
import gc
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from laptops import Laptop, read_lines, write_lines, write_signed
from test_cli import tawthiq_process
from test_read_only import _chattr, _settled, _state
from test_report_tamper import (
    REFUSED,
    altered,
    copy_row,
    killed_event,
    print_report,
    printed_fingerprint,
)
from test_report_tamper import sql as query
from test_sync_claims import SPOOF, SPOOF_SHOWN, _authors, _device_line, resigned
from test_sync_clock import NOW, YEAR_4199, _dated, _forged_export, _last_seq
from test_sync_export import _killed_export, another_writer, full  # noqa: F401 (a fixture)
from test_sync_hostile import _with_surrogate
from test_sync_tamper import TAMPERING, _twin
from test_tamper import events, sql

from tawthiq.domain.fields import INCIDENT
from tawthiq.domain.resources import read_text
from tawthiq.services.demo import SAMPLE
from tawthiq.store import EventWriter, hlc, open_database
from tawthiq.store.bookkeeping import last_export_heads
from tawthiq.store.events import head_message, rehash
from tawthiq.store.hlc import DAY_MS, MAX_HLC
from tawthiq.store.identity import KEY_FILE, DeviceIdentity, load_identity
from tawthiq.sync.keys import fingerprint


@dataclass
class Scene:
    """What a row builds its attack with: the ``run`` fixture (this laptop's database and
    key folder by default), a folder of its own, and the test's fixtures on request."""

    run: Callable[..., Any]
    tmp: Path
    db: Path
    keys: Path
    monkeypatch: pytest.MonkeyPatch
    request: pytest.FixtureRequest
    laptops: list[Laptop] = field(default_factory=list)

    def laptop(self, name: str) -> Laptop:
        made = Laptop(self.tmp, name)
        self.laptops.append(made)
        return made

    def on(self, laptop: Laptop, *args: str) -> Any:
        """``tawthiq ARGS`` on ``laptop``'s database, signed with its key."""
        self.monkeypatch.setenv("TAWTHIQ_DATA_DIR", str(laptop.ws.key_dir))
        return self.run(*args, db=laptop.ws.db.path)

    def maram(self) -> str:
        """This laptop's database with one record: 5 events, checkpoint #1."""
        r = self.run("add", "--title-en", "Maram camp", "--killed", "9", "--injured", "75")
        assert r.code == 0, r.err
        return str(r.out.strip())


@dataclass
class Seen:
    """What the command said (a ``Result``), and the values its sentence names."""

    said: Any
    names: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Attack:
    id: str
    item: str  # the item (1-7), or "before" for attacks caught before it
    attack: str  # what was done, in words, for the table
    command: str  # what catches it, as typed (FILE, DB, ID: what the scene made)
    code: int | None  # the exit code; None for the window
    message: str  # the sentence, or its distinctive part, with {names} from the scene
    scene: Callable[[Scene], Seen]


def _dev(device: object) -> str:
    return str(device)[:8]


def _own_device(s: Scene) -> str:
    return str(json.loads((s.keys / KEY_FILE).read_text())["device_id"])


def _forget_device(db: Path, device: str) -> None:
    for table in ("event", "chain_head", "device"):
        sql(db, f"DELETE FROM {table} WHERE device_id = ?", device)


def _basel_merged(s: Scene) -> str:
    """This laptop (a coordinator) holding its own record and Basel's two, merged."""
    basel = s.laptop("Basel")
    basel.new_incident(title_en="Basel's", killed=2)
    basel.new_incident(title_en="Basel's second", killed=3)
    s.maram()
    assert s.run("import", str(basel.export()), "--accept-new-devices").code == 0
    return basel.ws.identity.device_id


# --- item 1: timestamps -------------------------------------------------------------------


def _field_and_coordinator(s: Scene) -> tuple[Laptop, Laptop, str]:
    s.monkeypatch.setattr(hlc, "wall_ms", lambda: s.request.node.wall)
    s.request.node.wall = NOW
    coordinator = s.laptop("Coordinator")
    coordinator.new_incident(title_en="the coordinator's own")
    fld = s.laptop("Field")
    maram = fld.new_incident(title_en="Maram camp", killed=9)
    coordinator.import_(fld.export(), accept_new=True)
    return fld, coordinator, maram


def _dated_import(stamp: int, *, forged_program: bool) -> Callable[[Scene], Seen]:
    def scene(s: Scene) -> Seen:
        fld, coordinator, maram = _field_and_coordinator(s)
        _dated(fld, stamp, maram, killed=90)
        path = _forged_export(fld, s.monkeypatch) if forged_program else fld.export()
        digest = coordinator.digest()
        said = s.on(coordinator, "import", str(path))
        assert coordinator.digest() == digest
        assert s.on(coordinator, "add", "--title-en", "later").code == 0  # not stopped
        return Seen(
            said,
            {"file": path.name, "seq": _last_seq(fld), "device": _dev(fld.ws.identity.device_id)},
        )

    return scene


def _year_ahead(s: Scene) -> Seen:
    fld, coordinator, maram = _field_and_coordinator(s)
    s.request.node.wall = NOW + 365 * DAY_MS  # the field laptop's clock set a year ahead
    fld.edit(maram, killed=12)
    path = fld.export()
    s.request.node.wall = NOW
    device = _dev(fld.ws.identity.device_id)
    said = s.on(coordinator, "import", str(path))
    accepted = s.on(coordinator, "import", str(path), "--accept-clock-ahead", device)
    assert accepted.code == 0, accepted.err
    return Seen(said, {"file": path.name, "seq": _last_seq(fld), "device": device})


# --- item 2: whole histories, checkpoints -------------------------------------------------


def _another_device_removed(s: Scene) -> Seen:
    basel = _basel_merged(s)
    [(held,)] = query(s.db, "SELECT seq FROM chain_head WHERE device_id = ?", basel)
    [(latest,)] = query(s.db, "SELECT max(number) FROM checkpoint")
    _forget_device(s.db, basel)
    assert s.run("rebuild").code == 0
    return Seen(s.run("verify"), {"device": _dev(basel), "seq": held, "checkpoint": latest})


def _own_removed(s: Scene) -> str:
    _basel_merged(s)
    own = _own_device(s)
    [(held,)] = query(s.db, "SELECT seq FROM chain_head WHERE device_id = ?", own)
    _forget_device(s.db, own)
    s.run("rebuild")
    return f"{_dev(own)} (events #1..#{held})"


def _own_removed_verify(s: Scene) -> Seen:
    device = _own_removed(s)
    return Seen(s.run("verify"), {"device": device})


def _own_removed_add(s: Scene) -> Seen:
    _own_removed(s)
    said = s.run("add", "--title-en", "after the attack")
    assert query(s.db, "SELECT count(*) FROM event WHERE device_id = ?", _own_device(s)) == [(0,)]
    return Seen(said)


def _cut_back(s: Scene) -> Seen:
    maram = s.maram()
    [(device, seq, head_hash, signature)] = query(
        s.db, "SELECT device_id, seq, hash, signature FROM chain_head"
    )
    assert s.run("edit", maram, "--killed", "12").code == 0
    sql(s.db, "DELETE FROM event WHERE device_id = ? AND seq > ?", device, seq)
    sql(s.db, "UPDATE chain_head SET seq = ?, hash = ?, signature = ?", seq, head_hash, signature)
    s.run("rebuild")
    said = s.run("verify")
    refused = s.run("edit", maram, "--killed", "13")
    assert refused.code == 2 and "changed outside Tawthiq" in refused.err
    return Seen(said, {"from": int(seq) + 1, "device": _dev(device)})


def _checkpoints(*statements: str) -> Callable[[Scene], Seen]:
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
    laptop.ws = type(laptop.ws)(open_database(laptop.ws.db.path), laptop.ws.key_dir, laptop.name)


def _shrank(edits: int) -> Callable[[Scene], Seen]:
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
        _restart(amal, backup)  # the laptop put back to the copy; its documenter carries on
        one = amal.new_incident(title_en="a2")
        for _ in range(edits):
            amal.edit(one, killed=1)
        digest = coord.digest()
        said = s.on(coord, "import", str(amal.export()))
        assert coord.digest() == digest
        return Seen(said, {"device": _dev(basel.ws.identity.device_id),
                           "laptop": _dev(amal.ws.identity.device_id)})  # fmt: skip

    return scene


def _pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _copy_db(source: Path, target: Path) -> None:
    """A whole database (its write-ahead log included) copied over another."""
    for suffix in ("-wal", "-shm"):
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    target.unlink(missing_ok=True)
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    src.backup(dst)
    src.close()
    dst.close()


def _rolled_back(s: Scene) -> Seen:
    """Not detectable from inside: every checkpoint in yesterday's copy is genuine. The
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
    assert said.out.splitlines()[1].startswith("checkpoint #1 ")
    assert said.out.splitlines()[1] not in _pdf_text(pdf)  # the paper knows better
    return Seen(said)


# --- item 3: the printed report -----------------------------------------------------------


def _ingested(s: Scene) -> str:
    """The sample report ingested: an incident resting on one source report."""
    report = s.tmp / "maram.txt"
    report.write_text(read_text(SAMPLE), encoding="utf-8")
    r = s.run("ingest", str(report), "--ref-date", "2022-11-06")
    assert r.code == 0, r.err
    return str(r.out.split()[0])


def _printed(s: Scene, maram: str, problem: dict[str, object]) -> Seen:
    pdf = s.tmp / "forged.pdf"
    said = print_report(s.run, maram, pdf)
    assert said.out == "" and not pdf.exists() and not list(pdf.parent.glob(".forged.pdf.*"))
    return Seen(said, {"id": maram[:8], **problem})


def _report_value_changed(s: Scene) -> Seen:
    maram = _ingested(s)
    event_id, seq, device = killed_event(s.db, maram)
    sql(s.db, "UPDATE event SET value = ? WHERE event_id = ?",
        '{"approximate":false,"max":90,"min":90}', event_id)  # fmt: skip
    return _printed(s, maram, {"problem": altered(event_id, seq, device)})


def _fingerprint_after_value_changed(s: Scene) -> Seen:
    maram = _ingested(s)
    assert print_report(s.run, maram, s.tmp / "before.pdf").code == 0
    before = printed_fingerprint(s.tmp / "before.pdf")
    event_id, _, _ = killed_event(s.db, maram)
    sql(s.db, "UPDATE event SET value = ? WHERE event_id = ?",
        '{"approximate":false,"max":90,"min":90}', event_id)  # fmt: skip
    said = s.run("verify", "--fingerprint", before, "--id", maram[:8])
    assert "as it is now" not in said.out
    return Seen(said, {"id": maram[:8]})


def _report_row_changed(s: Scene) -> Seen:
    maram = _ingested(s)
    sql(s.db, "UPDATE incident SET killed_max = 90 WHERE id = ?", maram)
    return _printed(
        s, maram, {"problem": f"incident {maram}: the stored killed_max does not match its history"}
    )


def _report_source_event_changed(s: Scene) -> Seen:
    """The linked source report's text changed in its event, and in its row to agree."""
    maram = _ingested(s)
    [(event_id, seq, device, report_id)] = query(
        s.db,
        "SELECT event_id, seq, device_id, entity_id FROM event "
        "WHERE entity = 'source_report' AND field = 'text'",
    )
    forged = '"قُتل تسعون مدنياً"'
    sql(s.db, "UPDATE event SET value = ? WHERE event_id = ?", forged, event_id)
    sql(s.db, "UPDATE source_report SET data = json_set(data, '$.text', json(?)) WHERE id = ?",
        forged, report_id)  # fmt: skip
    return _printed(s, maram, {"problem": altered(event_id, seq, device)})


def _report_source_row_changed(s: Scene) -> Seen:
    maram = _ingested(s)
    [(report_id,)] = query(s.db, "SELECT id FROM source_report")
    sql(s.db, "UPDATE source_report SET data = json_set(data, '$.text', ?) WHERE id = ?",
        "قُتل تسعون مدنياً", report_id)  # fmt: skip
    problem = f"source_report {report_id}: the stored data does not match its history"
    return _printed(s, maram, {"problem": problem})


def _report_source_without_history(s: Scene) -> Seen:
    """A source report and its link put in the tables, with no event."""
    maram = _ingested(s)
    [(report_id, link_id)] = query(s.db, "SELECT source_report_id, id FROM incident_source")
    forged = "00000000-0000-7000-8000-00000000f0f0"
    data = query(s.db, "SELECT json_set(data, '$.text', 'قُتل تسعون مدنياً') FROM source_report")
    copy_row(s.db, "source_report", str(report_id), id=forged, data=data[0][0])
    copy_row(s.db, "incident_source", str(link_id), id=forged[:-4] + "f1f1",
             source_report_id=forged)  # fmt: skip
    problem = f"incident_source {forged[:-4]}f1f1 has no history in the event log"
    return _printed(s, maram, {"problem": problem})


def _report_chain_broken_elsewhere(s: Scene) -> Seen:
    """An event of another incident by the same laptop altered: the chain the report's
    events belong to no longer verifies."""
    maram = _ingested(s)
    other = s.run("add", "--title-en", "Sarmada market", "--killed", "4").out.strip()
    event_id, seq, device = killed_event(s.db, other)
    sql(s.db, "UPDATE event SET value = ? WHERE event_id = ?",
        '{"approximate":false,"max":0,"min":0}', event_id)  # fmt: skip
    return _printed(s, maram, {"problem": altered(event_id, seq, device)})


# --- item 4: what another laptop's file claims --------------------------------------------


def _header_author_spoofed(s: Scene) -> Seen:
    """Mallory forwards Amal's work in an export of her own, whose header calls her
    "\\r\\x1b[2KEvil": printed raw, her line of the trust question would be erased."""
    amal, mallory = s.laptop("Amal"), s.laptop("Mallory")
    amal.new_incident(title_en="Maram camp", killed=9)
    mallory.import_(amal.export())
    path = resigned(mallory.export(), mallory, lambda h: h.update(author=SPOOF))
    said = s.run("import", str(path), db=s.tmp / "coordinator.db")
    assert "\x1b" not in said.err and "\r" not in said.err and "Evil" not in said.err
    assert _device_line(amal, " (events by Amal)") in said.err.splitlines()
    identity = mallory.ws.identity
    return Seen(said, {"device": identity.device_id, "key": fingerprint(identity.public_key_hex)})


def _header_authors_forged(s: Scene) -> Seen:
    amal = s.laptop("Amal")
    amal.new_incident(title_en="Maram camp", killed=9)
    path = resigned(amal.export(), amal, _authors(["Amal", SPOOF]))
    coordinator = s.tmp / "coordinator.db"
    said = s.run("import", str(path), "--accept-new-devices", db=coordinator)
    assert query(coordinator, "SELECT count(*) FROM event") == [(0,)]
    return Seen(said, {"file": path.name, "device": _dev(amal.ws.identity.device_id)})


def _history_author_escaped(s: Scene) -> Seen:
    evil = s.laptop("Evil")
    evil.ws.author = SPOOF
    incident = evil.new_incident(title_en="Maram camp")
    coordinator = s.tmp / "coordinator.db"
    assert s.run("import", str(evil.export()), "--accept-new-devices", db=coordinator).code == 0
    said = s.run("history", incident[:8], db=coordinator)
    assert "\x1b" not in said.out and "\r" not in said.out
    return Seen(said, {"shown": SPOOF_SHOWN, "device": _dev(evil.ws.identity.device_id)})


# --- item 5: verify is read-only and tells a lock from a finding --------------------------


def _verify_beside_a_writer(s: Scene) -> Seen:
    s.maram()
    other = sqlite3.connect(s.db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE incident SET killed_max = 99")  # uncommitted: no reader sees it
    try:
        return Seen(s.run("verify"))
    finally:
        other.execute("ROLLBACK")
        other.close()


def _verify_locked_out(s: Scene) -> Seen:
    s.maram()
    gc.collect()  # the connections of the commands run before are closed
    other = sqlite3.connect(s.db, isolation_level=None)
    other.execute("PRAGMA locking_mode=EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    other.execute("UPDATE incident SET killed_max = 99")
    try:
        said, listed = s.run("verify"), s.run("list")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert listed.code == 3 and listed.err == said.err  # a reading command like any other
    return Seen(said, {"db": s.db})


def _verify_immutable(s: Scene) -> Seen:
    s.maram()
    _settled(s.db)
    try:
        _chattr("+i", s.db, s.db.parent)
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("chattr +i is not available here")
    try:
        before = _state(s.db)
        said = s.run("verify")
        assert _state(s.db) == before
        return Seen(said)
    finally:
        _chattr("-i", s.db.parent, s.db)


def _search_index_emptied(s: Scene) -> Seen:
    s.maram()
    sql(s.db, "INSERT INTO incident_fts(incident_fts, rowid, search_text) "
        "SELECT 'delete', num, search_text FROM incident")  # fmt: skip
    _settled(s.db)
    before = _state(s.db)
    said = s.run("verify")
    assert _state(s.db) == before
    return Seen(said)


# --- item 6: trust decisions and the device key -------------------------------------------


def _forged_device(s: Scene) -> Seen:
    """A forger writes a whole device of their own (hashed and signed with their key, the
    key in the device table, a line in the old trust file)."""
    maram = s.maram()
    forger = DeviceIdentity.generate()
    other = s.tmp / "forger.db"
    db = open_database(other)
    with db.write() as session, EventWriter(session, forger, "Forger") as w:
        w.record(INCIDENT, maram, {"killed": {"min": 0, "max": 0, "approximate": False}}, new=True)
    db.close()
    con = sqlite3.connect(s.db)
    with con:
        con.execute("ATTACH DATABASE ? AS f", (str(other),))
        for table in ("event", "device", "chain_head"):
            con.execute(f"INSERT INTO {table} SELECT * FROM f.{table}")
    con.close()
    (s.keys / "trusted-devices.json").write_text(
        json.dumps({forger.device_id: forger.public_key_hex}), "utf-8"
    )
    return Seen(s.run("verify"), {"device": _dev(forger.device_id)})


def _swapped_key(*command: str) -> Callable[[Scene], Seen]:
    def scene(s: Scene) -> Seen:
        maram = s.maram()
        other = s.laptop("Other")
        other.new_incident(title_en="x")
        before = query(s.db, "SELECT count(*) FROM event")
        (s.tmp / "mine").mkdir()
        shutil.copy(s.keys / KEY_FILE, s.tmp / "mine" / KEY_FILE)
        shutil.copy(other.ws.key_dir / KEY_FILE, s.keys / KEY_FILE)
        bundle = s.tmp / "signed-by-the-wrong-key.tawthiq"
        said = s.run(*(str(bundle) if a == "FILE" else maram if a == "ID" else a for a in command))
        assert query(s.db, "SELECT count(*) FROM event") == before and not bundle.exists()
        # reading is never refused: a copy of another laptop's database can be examined
        assert s.run("verify").code == 0 and maram[:8] in s.run("list").out
        mine, theirs = load_identity(s.tmp / "mine"), other.ws.identity
        assert mine is not None
        return Seen(said, {"own": _dev(mine.device_id), "own_key": fingerprint(mine.public_key_hex),
                           "other": _dev(theirs.device_id),
                           "other_key": fingerprint(theirs.public_key_hex)})  # fmt: skip

    return scene


# --- item 7: smaller holes ------------------------------------------------------------------


def _amal_and_basel(s: Scene) -> tuple[Laptop, Laptop]:
    """Amal with three records; Basel, with one of his own, already trusting Amal."""
    amal, basel = s.laptop("Amal"), s.laptop("Basel")
    for i in range(3):
        amal.new_incident(title_en=f"incident {i}", killed=9, date_start="2022-11-06")
    basel.new_incident(title_en="Basel's own")
    basel.trust(amal)
    return amal, basel


def _refused_import(s: Scene, basel: Laptop, path: Path, **names: object) -> Seen:
    """``tawthiq import FILE`` on Basel's laptop, which is left exactly as it was."""
    digest, ids = basel.digest(), basel.event_ids()
    said = s.on(basel, "import", str(path))
    assert basel.digest() == digest and basel.event_ids() == ids
    return Seen(said, {"file": path.name, "path": path, **names})


def _lone_surrogate(s: Scene) -> Seen:
    """ "\\udcff" is valid JSON but no text; signed again by the exporter."""
    amal, basel = _amal_and_basel(s)
    path = amal.export()
    lines = read_lines(path)
    changed = _with_surrogate(lines[1:-1], b'\\"incident 0\\"', b'\\"\\udcff\\"')
    write_signed(path, [lines[0], *changed, lines[-1]], amal)
    return _refused_import(s, basel, path, device=_dev(amal.ws.identity.device_id))


def _named_pipe(s: Scene) -> Seen:
    """Through the real command in a process of its own: the old one waited for ever."""
    basel = s.laptop("Basel")
    basel.new_incident(title_en="Basel's own")
    pipe = s.tmp / "export.tawthiq"
    os.mkfifo(pipe)
    digest = basel.digest()
    s.monkeypatch.setenv("TAWTHIQ_DATA_DIR", str(basel.ws.key_dir))
    done = tawthiq_process(s.tmp, "import", str(pipe), "--db", str(basel.ws.db.path))
    assert basel.digest() == digest
    return Seen(_Said(done.returncode, done.stdout, done.stderr), {"pipe": pipe})


@dataclass
class _Said:
    code: int
    out: str
    err: str


def _export_beside_a_writer(s: Scene) -> Seen:
    s.maram()
    target = s.tmp / "out" / "amal.tawthiq"
    target.parent.mkdir()
    with another_writer(s.db):
        said = s.run("export", "-o", str(target))
    assert list(target.parent.iterdir()) == []  # no file on the stick said to have failed
    db = open_database(s.db, read_only=True)
    with db.read() as session:
        assert last_export_heads(session) is None  # nor one counted as exported
    db.close()
    assert s.run("export", "-o", str(target)).code == 0  # once it is free, it is made
    return Seen(said, {"db": s.db})


def _killed_export_left_a_part(s: Scene) -> Seen:
    db, keys = s.request.getfixturevalue("full")
    stick = s.tmp / "stick"
    stick.mkdir()
    parts = _killed_export(db, keys, stick / "out.tawthiq")
    assert len(parts) == 1 and parts[0].exists()
    s.monkeypatch.setenv("TAWTHIQ_DATA_DIR", str(keys))
    said = s.run("verify", db=db)  # the next start of Tawthiq, whatever the command
    assert list(stick.iterdir()) == []
    return Seen(said)


def _fork_in_an_older_export(s: Scene) -> Seen:
    """Two copies of one laptop each write on. The copy's export was made first but comes
    second: older than the last export merged from that laptop, yet it proves a fork."""
    amal, basel = _amal_and_basel(s)
    n = len(amal.event_ids())
    twin = _twin(amal, s.tmp, "Amal-copy")
    s.laptops.append(twin)
    twin.new_incident(title_en="written on the copy")
    from_copy = twin.export()
    amal.new_incident(title_en="written on the laptop")
    basel.import_(amal.export())
    return _refused_import(s, basel, from_copy, device=_dev(amal.ws.identity.device_id), seq=n + 1)


def _rollback(s: Scene) -> Seen:
    amal, basel = _amal_and_basel(s)
    old = amal.export()
    amal.new_incident(title_en="later")
    basel.import_(amal.export())
    return _refused_import(s, basel, old, device=_dev(amal.ws.identity.device_id))


def _gap(s: Scene) -> Seen:
    amal, basel = _amal_and_basel(s)
    amal.export()
    n = len(amal.event_ids())
    amal.new_incident(title_en="later")
    later = amal.export(since="last")
    return _refused_import(s, basel, later, device=_dev(amal.ws.identity.device_id), seq=n)


def _window_on_a_tampered_database(s: Scene) -> Seen:
    from PySide6.QtWidgets import QMessageBox

    s.maram()
    sql(s.db, "DELETE FROM checkpoint")
    qtbot = s.request.getfixturevalue("qtbot")
    window = s.request.getfixturevalue("window_factory")()
    qtbot.waitUntil(lambda: window.trail.report is not None, timeout=30_000)
    box = window.trail._box
    assert isinstance(box, QMessageBox) and box.isVisible() and not box.isModal()
    window.tabs.setCurrentIndex(1)  # the window still answers: the list is there
    assert window.incidents.isVisible()
    assert str(window.trail.label.text()).startswith("⚠ The audit trail has 1 problem(s)")
    return Seen(_Said(0, str(window.trail.label.text()), str(box.informativeText())))


# --- attacks caught before issue 15 ----------------------------------------------------------


def _last_event_removed(s: Scene) -> Seen:
    maram = s.maram()
    last = events(s.db)[-1]
    sql(s.db, "DELETE FROM event WHERE event_id = ?", last.event_id)
    said = s.run("verify")
    refused = s.run("edit", maram, "--status", "reviewed")
    assert refused.code == 2 and "changed outside Tawthiq since its last save" in refused.err
    return Seen(said, {"seq": last.seq, "device": _dev(last.device_id)})


def _forged_tail_event(s: Scene) -> Seen:
    """An event added with a correct hash still lacks the device's signature."""
    maram = s.maram()
    last = events(s.db)[-1]
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
    sql(s.db, "INSERT INTO event VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", *forged.as_tuple())
    said = s.run("verify")
    assert s.run("edit", maram, "--status", "reviewed").code == 2
    return Seen(said, {"seq": last.seq, "device": _dev(last.device_id)})


def _rehashed(*, new_key: bool) -> Callable[[Scene], Seen]:
    """Every event re-hashed with a toll of 1; the head re-signed with a key of one's own
    put in the database, or left with this laptop's old signature."""

    def scene(s: Scene) -> Seen:
        maram = s.maram()
        rows = events(s.db)
        prev = rows[0].prev_hash
        con = sqlite3.connect(s.db)
        with con:
            for e in rows:
                value = '{"approximate":false,"max":1,"min":1}' if e.field == "killed" else e.value
                new = dataclasses.replace(e, value=value, prev_hash=prev, hash="")
                new = dataclasses.replace(new, hash=rehash(new))
                con.execute("UPDATE event SET value=?, prev_hash=?, hash=? WHERE event_id=?",
                            (value, prev, new.hash, e.event_id))  # fmt: skip
                prev = new.hash
            signature = None
            if new_key:
                fake = DeviceIdentity.generate()
                con.execute("UPDATE device SET public_key=?", (fake.public_key_hex,))
                signature = fake.sign(head_message(rows[0].device_id, rows[-1].seq, prev))
            con.execute("UPDATE chain_head SET hash=?, signature=coalesce(?, signature)",
                        (prev, signature))  # fmt: skip
        con.close()
        said = s.run("verify")
        assert s.run("edit", maram, "--status", "reviewed").code == 2
        return Seen(said, {"device": _dev(rows[0].device_id)})

    return scene


def _value_rehashed(s: Scene) -> Seen:
    s.maram()
    e = events(s.db)[2]
    changed = dataclasses.replace(e, value='"x"')
    sql(
        s.db,
        "UPDATE event SET value=?, hash=? WHERE event_id=?",
        '"x"',
        rehash(changed),
        e.event_id,
    )
    after = events(s.db)[3]
    names = {"seq": e.seq, "id": e.event_id, "next": after.seq, "next_id": after.event_id}
    return Seen(s.run("verify"), {"device": _dev(e.device_id), **names})


def _on_maram(statement: str, command: str = "verify") -> Callable[[Scene], Seen]:
    def scene(s: Scene) -> Seen:
        maram = s.maram()
        sql(s.db, statement)
        killed = killed_event(s.db, maram)
        said = s.run(command)
        if command == "rebuild":  # the tables were left as they were
            assert "killed 9" in s.run("list").out
        return Seen(said, {"id": maram, "problem": altered(*killed)})

    return scene


def _export_tampered(kind: str) -> Callable[[Scene], Seen]:
    def scene(s: Scene) -> Seen:
        amal, basel = _amal_and_basel(s)
        path = amal.export()
        lines = read_lines(path)
        write_lines(path, TAMPERING[kind][0](lines))
        identity = amal.ws.identity
        names = {"event": json.loads(lines[5])[0], "key": fingerprint(identity.public_key_hex)}
        return _refused_import(s, basel, path, device=_dev(identity.device_id), **names)

    return scene


def _rows() -> list[Attack]:
    verify, tampered = "verify", "verify failed: "
    ahead = (
        "{file} holds event #{seq} of device {device} dated {date}, {days} days ahead of this "
        "laptop's clock (at most 24 hours are allowed); nothing was imported"
    )
    printed = REFUSED.removeprefix("tawthiq: ").strip()
    return [
        Attack("hlc-end-of-time", "1", "an event dated 2^63-1 (a forger's program), signed",
               "import FILE", 2,
               ahead.replace("{date}", "6429-10-17").replace("{days}", "1,608,112"),
               _dated_import(MAX_HLC, forged_program=True)),
        Attack("hlc-year-4199", "1", "an event dated in the year 4199, signed", "import FILE", 2,
               ahead.replace("{date}", "4199-01-01").replace("{days}", "793,332"),
               _dated_import(YEAR_4199, forged_program=False)),
        Attack("clock-a-year-ahead", "1", "an honest laptop whose clock was a year ahead",
               "import FILE (then --accept-clock-ahead DEVICE: 0)", 2,
               ahead.replace("{date}", "2027-12-07").replace("{days}", "365"), _year_ahead),
        Attack("device-history-removed", "2",
               "another device's events, chain head and key row deleted, then `rebuild`",
               verify, 1, "the history of device {device} (events #1..#{seq}) is missing: "
               "checkpoint #{checkpoint} holds it; it was removed", _another_device_removed),
        Attack("own-history-removed", "2", "this laptop's own history deleted, then `rebuild`",
               verify, 1,
               "the history of device {device} is missing: checkpoint #2 holds it; it was removed",
               _own_removed_verify),
        Attack("own-history-removed-next-save", "2",
               "this laptop's own history deleted: its next save", "add --title-en …", 2,
               "this laptop's history in the database was changed outside Tawthiq since its last "
               "save (run `tawthiq verify` to see where); nothing was saved", _own_removed_add),
        Attack("chain-cut-back", "2", "the end of the chain cut off, an older signed head put back",
               verify, 1, "events #{from}..#{from} of device {device} are missing: checkpoint #2 "
               "holds its chain to #{from}; the chain was cut back", _cut_back),
        Attack("checkpoint-removed", "2", "checkpoint #2 of 4 deleted", verify, 1,
               "checkpoint #2 is missing (removed); the checkpoints jump to #3",
               _checkpoints("DELETE FROM checkpoint WHERE number = 2")),
        Attack("checkpoint-altered", "2", "a head in checkpoint #3 moved on by one", verify, 1,
               "checkpoint #3 was altered: its heads, root or signature no longer match",
               _checkpoints("UPDATE checkpoint_head SET seq = seq + 1 WHERE number = 3")),
        Attack("checkpoints-all-removed", "2", "every checkpoint deleted", verify, 1,
               "the database holds events of this release but no checkpoint: its checkpoints "
               "were removed",
               _checkpoints("DELETE FROM checkpoint", "DELETE FROM checkpoint_head")),
        Attack("checkpoints-two-with-one-number", "2",
               "a laptop restored from an older copy writes on (coordinator imports its export)",
               "import FILE", 2, "laptop {laptop} signed two different checkpoints #3: it has two "
               "histories (restored from an old copy, or its key used on two laptops); nothing "
               "was imported", _shrank(0)),
        Attack("history-shrank", "2",
               "a laptop restored from an older copy, its checkpoints past the coordinator's",
               "import FILE", 2,
               "laptop {laptop}'s checkpoint #4 holds device {device} at #3, but its "
               "earlier checkpoint #3 held it at #6: its history shrank (events removed, or "
               "restored from an old copy); nothing was imported", _shrank(1)),
        Attack("file-rolled-back", "2",
               "the whole file replaced by yesterday's copy (not detectable inside: the printed "
               "report names a later checkpoint)", verify, 0, "ok: 5 events from 1 device",
               _rolled_back),
        Attack("report-event-value-changed", "3", "an event's toll changed in place", "report ID",
               1, printed, _report_value_changed),
        Attack("fingerprint-after-value-changed", "3",
               "an event's toll changed after the report was printed",
               "verify --fingerprint FP --id ID", 1,
               "it is not the fingerprint of incident {id} at any moment of its history",
               _fingerprint_after_value_changed),
        Attack("report-incident-row-changed", "3", "the incident row's toll changed", "report ID",
               1, printed, _report_row_changed),
        Attack("report-source-text-changed", "3",
               "a source report's text changed in its event and row", "report ID", 1, printed,
               _report_source_event_changed),
        Attack("report-source-row-changed", "3", "a source report's text changed in its row",
               "report ID", 1, printed, _report_source_row_changed),
        Attack("report-source-without-history", "3",
               "a source report and its link added to the tables, no event", "report ID", 1,
               printed, _report_source_without_history),
        Attack("report-chain-broken-elsewhere", "3",
               "an event of another incident of the same laptop changed", "report ID", 1, printed,
               _report_chain_broken_elsewhere),
        Attack("header-author-spoofed", "4", 'a header author "\\r\\x1b[2KEvil" (file re-signed)',
               "import FILE", 2, "  device {device}  key fingerprint {key} (events by Mallory)",
               _header_author_spoofed),
        Attack("header-authors-forged", "4",
               "a header's authors list naming someone the events do not (re-signed)",
               "import FILE --accept-new-devices", 2, "{file} names other authors for device "
               "{device} than its signed events do: its header was forged", _header_authors_forged),
        Attack("history-author-escapes", "4", "an author name with ESC and CR, in signed events",
               "history ID", 0, "Z  {shown}  device {device}  title_en: (new) -> Maram camp",
               _history_author_escaped),
        Attack("verify-beside-a-writer", "5", "another program holds the write lock", verify, 0,
               "ok: 5 events from 1 device", _verify_beside_a_writer),
        Attack("verify-locked-out", "5", "another program holds the file exclusively", verify, 3,
               "the database {db} is in use by another program; close it and try again",
               _verify_locked_out),
        Attack("verify-immutable-copy", "5", "the evidence copy made immutable (chattr +i)",
               verify, 0, "ok: 5 events from 1 device", _verify_immutable),
        Attack("forged-device-trusted-by-file", "6",
               "a forger's device (own key, signed events) added, and a line in the old "
               "trusted-devices.json", verify, 1,
               "device {device} is not among the devices this laptop trusts", _forged_device),
        Attack("swapped-key-save", "6", "device-key.json swapped for another laptop's",
               "edit ID --killed 10", 2, SWAPPED, _swapped_key("edit", "ID", "--killed", "10")),
        Attack("swapped-key-export", "6", "device-key.json swapped for another laptop's",
               "export -o FILE", 2, SWAPPED, _swapped_key("export", "-o", "FILE")),
        Attack("lone-surrogate", "7", 'a lone surrogate "\\udcff" in a value (file re-signed)',
               "import FILE", 2, "{path} is damaged: event #1 of device {device} is not valid text",
               _lone_surrogate),
        Attack("named-pipe", "7", "a named pipe given as the export file", "import FIFO", 2,
               "{pipe} is a named pipe, not an export file", _named_pipe),
        Attack("export-beside-a-writer", "7", "another program holds the write lock",
               "export -o FILE", 3,
               "the database {db} is in use by another program; close it and try again",
               _export_beside_a_writer),
        Attack("killed-export-part", "7", "an export killed (-9) half-way leaves its .part file",
               "(the next start) verify — the .part file is gone", 0, "ok: ",
               _killed_export_left_a_part),
        Attack("fork-in-older-export", "7",
               "a copy of a laptop writes on; its export arrives after a newer one of the laptop",
               "import FILE", 2, "device {device} has two different histories: its event #{seq} "
               "in this export differs from the one already here", _fork_in_an_older_export),
        Attack("window-tampered-database", "7", "every checkpoint deleted, then the window opened",
               "(open the window)", None, "holds events of this release but no checkpoint",
               _window_on_a_tampered_database),
        Attack("rollback", "before", "an older export of a laptop after a newer one",
               "import FILE", 2, "{file} is older than an export from the same laptop ({device}) "
               "already imported: it would take this database back", _rollback),
        Attack("gap", "before", "a `--since last` export without the one before it",
               "import FILE", 2, "{file} continues an earlier export: events #1..#{seq} of device "
               "{device} are missing here; import the earlier export first", _gap),
        Attack("value-changed-rehashed", "before", "an event's value changed and re-hashed",
               verify, 1,
               "event #{next} of device {device} ({next_id}) does not follow event #{seq} ({id}): "
               "event #{seq} was altered or replaced, or events were removed or reordered",
               _value_rehashed),
        Attack("last-event-removed", "before", "the last event deleted", verify, 1,
               "events #{seq}..#{seq} of device {device} are missing (removed from the end)",
               _last_event_removed),
        Attack("forged-tail-event", "before", "an event added at the end with a correct hash",
               verify, 1, "events after #{seq} of device {device} are not covered by its signature "
               "(added outside Tawthiq)", _forged_tail_event),
        Attack("chain-rehashed-new-key", "before",
               "every event re-hashed, the head signed with a new key put in the database",
               verify, 1,
               "the key recorded for device {device} was replaced: it is not the key this laptop "
               "trusts",
               _rehashed(new_key=True)),
        Attack("chain-rehashed-old-signature", "before",
               "every event re-hashed, the head's hash changed, its signature left", verify, 1,
               "the signature on the chain of device {device} is not valid: the chain was "
               "re-written", _rehashed(new_key=False)),
        Attack("row-deleted-flag", "before", "an incident row's deleted flag changed", verify, 1,
               tampered + "incident {id}: the stored deleted does not match its history",
               _on_maram("UPDATE incident SET deleted = ''")),
        Attack("row-toll-changed", "before", "an incident row's toll changed", verify, 1,
               tampered + "incident {id}: the stored killed_max does not match its history",
               _on_maram("UPDATE incident SET killed_max = 'nine'")),
        Attack("row-renumbered", "before", "an incident row's number changed", verify, 1,
               "the search index of incident does not match the table",
               _on_maram("UPDATE incident SET num = 77")),
        Attack("search-index-emptied", "before", "the search index emptied", verify, 1,
               "the search index of incident does not match the table", _search_index_emptied),
        Attack("rebuild-damaged-log", "before", "an event's value changed, then `rebuild`",
               "rebuild", 2, "the event log is damaged ({problem}); rebuild would not repair it",
               _on_maram("UPDATE event SET value = '0' WHERE field = 'killed'", "rebuild")),
        *(
            Attack(f"export-{kind.replace(' ', '-')}", "before", f"an export: {kind}",
                   "import FILE", 2, message, _export_tampered(kind))
            for kind, message in EXPORT_TAMPERING.items()
        ),
    ]  # fmt: skip


SWAPPED = (
    "this database belongs to laptop {own} (key {own_key}), but the device key here is laptop "
    "{other} (key {other_key}): the key file was replaced, or the database was copied from "
    "another laptop; nothing was saved"
)
NOT_SIGNED = "{path} is not signed by the laptop it names ({device}): it was changed or forged"
EXPORT_TAMPERING = {
    "changed value": "event #5 of device {device} ({event}) was changed: its content no longer "
    "matches its hash",
    "removed middle event": "event #5 of device {device} is missing from the export (removed)",
    "reordered events": "event #4 of device {device} comes later in the export than its place: "
    "the events were reordered",
    "stripped signature": "the chain of device {device} carries no signature: it cannot be "
    "vouched for",
    "replaced signature": "the signature on the chain of device {device} is not valid: it was "
    "forged",
    "key replaced": "but this laptop knows it by key {key}: the export is forged or that "
    "laptop's key was replaced; nothing was imported",
    "event of an unlisted device": "{file} holds events of device 00000000, which it does not "
    "list: no key vouches for them",
    "header changed": NOT_SIGNED,
    "event added": "{path} holds events its header does not list: events were added",
    "end digest changed": "{path} was changed after it was exported: its events do not match "
    "its end",
    "end signature replaced": NOT_SIGNED,
}
ATTACKS = _rows()


@pytest.mark.parametrize("attack", ATTACKS, ids=[a.id for a in ATTACKS])
def test_tamper_matrix(  # type: ignore[no-untyped-def]
    attack: Attack,
    run,
    tmp_path: Path,
    db_path: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    scene = Scene(run, tmp_path, db_path, data_dir, monkeypatch, request)
    try:
        seen = attack.scene(scene)
    finally:
        for laptop in scene.laptops:
            laptop.close()
    said = seen.said
    if attack.code is not None:
        assert said.code == attack.code, said.err
    text = said.err if said.code else said.out
    if attack.code is None:
        text = said.err
    assert "Traceback" not in said.err
    assert attack.message.format(**seen.names) in text, text
    if said.code in (1, 2, 3):  # one sentence, as every refusal and finding
        assert said.err.startswith("tawthiq: ")
