"""Tamper-matrix scenes on what comes from another laptop or goes to one: dates, claims,
export files (issue 15, items 1, 4 and 7, and the export attacks caught before it)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable

from laptops import Laptop, read_lines, write_lines, write_signed
from tamper_scene import (
    Said,
    Scene,
    Seen,
    amal_and_basel,
    dev,
    refused_import,
)
from test_cli import tawthiq_process
from test_report_tamper import sql as query
from test_sync_claims import SPOOF, SPOOF_SHOWN, _authors, _device_line, resigned
from test_sync_clock import NOW, _dated, _forged_export, _last_seq
from test_sync_export import _killed_export, another_writer
from test_sync_hostile import _with_surrogate
from test_sync_tamper import TAMPERING, _twin
from test_tamper import sql

from conftest import key_of
from tawthiq.store import hlc, open_database
from tawthiq.store.bookkeeping import last_export_heads
from tawthiq.store.hlc import DAY_MS
from tawthiq.sync.keys import fingerprint

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


def dated_import(stamp: int, *, forged_program: bool) -> Callable[[Scene], Seen]:
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
            {"file": path.name, "seq": _last_seq(fld), "device": dev(fld.ws.identity.device_id)},
        )

    return scene


def year_ahead(s: Scene) -> Seen:
    fld, coordinator, maram = _field_and_coordinator(s)
    s.request.node.wall = NOW + 365 * DAY_MS  # the field laptop's clock set a year ahead
    fld.edit(maram, killed=12)
    path = fld.export()
    s.request.node.wall = NOW
    device = dev(fld.ws.identity.device_id)
    said = s.on(coordinator, "import", str(path))
    accepted = s.on(coordinator, "import", str(path), "--accept-clock-ahead", device)
    assert accepted.code == 0, accepted.err
    return Seen(said, {"file": path.name, "seq": _last_seq(fld), "device": device})


# --- item 4: what another laptop's file claims --------------------------------------------


def header_author_spoofed(s: Scene) -> Seen:
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


def header_authors_forged(s: Scene) -> Seen:
    amal = s.laptop("Amal")
    amal.new_incident(title_en="Maram camp", killed=9)
    path = resigned(amal.export(), amal, _authors(["Amal", SPOOF]))
    coordinator = s.tmp / "coordinator.db"
    said = s.run("import", str(path), "--accept-new-devices", db=coordinator)
    assert query(coordinator, "SELECT count(*) FROM event") == [(0,)]
    return Seen(said, {"file": path.name, "device": dev(amal.ws.identity.device_id)})


def history_author_escaped(s: Scene) -> Seen:
    evil = s.laptop("Evil")
    evil.ws.author = SPOOF
    incident = evil.new_incident(title_en="Maram camp")
    coordinator = s.tmp / "coordinator.db"
    assert s.run("import", str(evil.export()), "--accept-new-devices", db=coordinator).code == 0
    said = s.run("history", incident[:8], db=coordinator)
    assert "\x1b" not in said.out and "\r" not in said.out
    return Seen(said, {"shown": SPOOF_SHOWN, "device": dev(evil.ws.identity.device_id)})


# --- item 7: smaller holes ------------------------------------------------------------------


def lone_surrogate(s: Scene) -> Seen:
    """ "\\udcff" is valid JSON but no text; signed again by the exporter."""
    amal, basel = amal_and_basel(s)
    path = amal.export()
    lines = read_lines(path)
    changed = _with_surrogate(lines[1:-1], b'\\"incident 0\\"', b'\\"\\udcff\\"')
    write_signed(path, [lines[0], *changed, lines[-1]], amal)
    return refused_import(s, basel, path, device=dev(amal.ws.identity.device_id))


def named_pipe(s: Scene) -> Seen:
    """Through the real command in a process of its own: the old one waited for ever."""
    basel = s.laptop("Basel")
    basel.new_incident(title_en="Basel's own")
    pipe = s.tmp / "export.tawthiq"
    os.mkfifo(pipe)
    digest = basel.digest()
    s.monkeypatch.setenv("TAWTHIQ_DATA_DIR", str(basel.ws.key_dir))
    done = tawthiq_process(s.tmp, "import", str(pipe), "--db", str(basel.ws.db.path))
    assert basel.digest() == digest
    return Seen(Said(done.returncode, done.stdout, done.stderr), {"pipe": pipe})


def export_beside_a_writer(s: Scene) -> Seen:
    s.maram()
    target = s.tmp / "out" / "amal.tawthiq"
    target.parent.mkdir()
    with another_writer(s.db):
        said = s.run("export", "-o", str(target), "--unencrypted")
    assert list(target.parent.iterdir()) == []  # no file on the stick said to have failed
    db = open_database(s.db, read_only=True, key=key_of(s.db))
    with db.read() as session:
        assert last_export_heads(session) is None  # nor one counted as exported
    db.close()
    assert (
        s.run("export", "-o", str(target), "--unencrypted").code == 0
    )  # once it is free, it is made
    return Seen(said, {"db": s.db})


def killed_export_left_a_part(s: Scene) -> Seen:
    db, keys = s.request.getfixturevalue("full")
    stick = s.tmp / "stick"
    stick.mkdir()
    parts = _killed_export(db, keys, stick / "out.tawthiq")
    assert len(parts) == 1 and parts[0].exists()
    s.monkeypatch.setenv("TAWTHIQ_DATA_DIR", str(keys))
    said = s.run("verify", db=db)  # the next start of Tawthiq, whatever the command
    assert list(stick.iterdir()) == []
    return Seen(said)


def fork_in_an_older_export(s: Scene) -> Seen:
    """Two copies of one laptop each write on. The copy's export was made first but comes
    second: older than the last export merged from that laptop, yet it proves a fork."""
    amal, basel = amal_and_basel(s)
    n = len(amal.event_ids())
    twin = _twin(amal, s.tmp, "Amal-copy")
    s.laptops.append(twin)
    twin.new_incident(title_en="written on the copy")
    from_copy = twin.export()
    amal.new_incident(title_en="written on the laptop")
    basel.import_(amal.export())
    return refused_import(s, basel, from_copy, device=dev(amal.ws.identity.device_id), seq=n + 1)


def rollback(s: Scene) -> Seen:
    amal, basel = amal_and_basel(s)
    old = amal.export()
    amal.new_incident(title_en="later")
    basel.import_(amal.export())
    return refused_import(s, basel, old, device=dev(amal.ws.identity.device_id))


def gap(s: Scene) -> Seen:
    amal, basel = amal_and_basel(s)
    amal.export()
    n = len(amal.event_ids())
    amal.new_incident(title_en="later")
    later = amal.export(since="last")
    return refused_import(s, basel, later, device=dev(amal.ws.identity.device_id), seq=n)


def window_on_a_tampered_database(s: Scene) -> Seen:
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
    assert str(window.trail.label.text()).startswith("⚠ The audit trail has 2 problem(s)")
    return Seen(Said(0, str(window.trail.label.text()), str(box.informativeText())))


def export_tampered(kind: str) -> Callable[[Scene], Seen]:
    def scene(s: Scene) -> Seen:
        amal, basel = amal_and_basel(s)
        path = amal.export()
        lines = read_lines(path)
        write_lines(path, TAMPERING[kind][0](lines))
        identity = amal.ws.identity
        names = {"event": json.loads(lines[5])[0], "key": fingerprint(identity.public_key_hex)}
        return refused_import(s, basel, path, device=dev(identity.device_id), **names)

    return scene
