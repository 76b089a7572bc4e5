"""Tamper-matrix scenes on the event log, the tables, the printed report and reading under a
lock (issue 15, items 3 and 5, and the attacks caught before it)."""

from __future__ import annotations

import dataclasses
import gc
import subprocess
from collections.abc import Callable

import pytest
from tamper_scene import (
    Scene,
    Seen,
    dev,
)
from test_read_only import _chattr, _settled, _state
from test_report_tamper import (
    altered,
    copy_row,
    killed_event,
    print_report,
    printed_fingerprint,
)
from test_report_tamper import sql as query
from test_tamper import events, sql

from conftest import connect
from tawthiq.domain.resources import read_text
from tawthiq.services.demo import SAMPLE
from tawthiq.store.events import head_message, rehash
from tawthiq.store.identity import DeviceIdentity

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


def report_value_changed(s: Scene) -> Seen:
    maram = _ingested(s)
    event_id, seq, device = killed_event(s.db, maram)
    sql(s.db, "UPDATE event SET value = ? WHERE event_id = ?",
        '{"approximate":false,"max":90,"min":90}', event_id)  # fmt: skip
    return _printed(s, maram, {"problem": altered(event_id, seq, device)})


def fingerprint_after_value_changed(s: Scene) -> Seen:
    maram = _ingested(s)
    assert print_report(s.run, maram, s.tmp / "before.pdf").code == 0
    before = printed_fingerprint(s.tmp / "before.pdf")
    event_id, _, _ = killed_event(s.db, maram)
    sql(s.db, "UPDATE event SET value = ? WHERE event_id = ?",
        '{"approximate":false,"max":90,"min":90}', event_id)  # fmt: skip
    said = s.run("verify", "--fingerprint", before, "--id", maram[:8])
    assert "as it is now" not in said.out
    return Seen(said, {"id": maram[:8]})


def report_row_changed(s: Scene) -> Seen:
    maram = _ingested(s)
    sql(s.db, "UPDATE incident SET killed_max = 90 WHERE id = ?", maram)
    return _printed(
        s, maram, {"problem": f"incident {maram}: the stored killed_max does not match its history"}
    )


def report_source_event_changed(s: Scene) -> Seen:
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


def report_source_row_changed(s: Scene) -> Seen:
    maram = _ingested(s)
    [(report_id,)] = query(s.db, "SELECT id FROM source_report")
    sql(s.db, "UPDATE source_report SET data = json_set(data, '$.text', ?) WHERE id = ?",
        "قُتل تسعون مدنياً", report_id)  # fmt: skip
    problem = f"source_report {report_id}: the stored data does not match its history"
    return _printed(s, maram, {"problem": problem})


def report_source_without_history(s: Scene) -> Seen:
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


def report_chain_broken_elsewhere(s: Scene) -> Seen:
    """An event of another incident by the same laptop altered: the chain the report's
    events belong to no longer verifies."""
    maram = _ingested(s)
    other = s.run("add", "--title-en", "Sarmada market", "--killed", "4").out.strip()
    event_id, seq, device = killed_event(s.db, other)
    sql(s.db, "UPDATE event SET value = ? WHERE event_id = ?",
        '{"approximate":false,"max":0,"min":0}', event_id)  # fmt: skip
    return _printed(s, maram, {"problem": altered(event_id, seq, device)})


# --- item 5: verify is read-only and tells a lock from a finding --------------------------


def verify_beside_a_writer(s: Scene) -> Seen:
    s.maram()
    other = connect(s.db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE incident SET killed_max = 99")  # uncommitted: no reader sees it
    try:
        return Seen(s.run("verify"))
    finally:
        other.execute("ROLLBACK")
        other.close()


def verify_locked_out(s: Scene) -> Seen:
    s.maram()
    gc.collect()  # the connections of the commands run before are closed
    other = connect(s.db, isolation_level=None)
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


def verify_immutable(s: Scene) -> Seen:
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


def search_index_emptied(s: Scene) -> Seen:
    s.maram()
    sql(s.db, "INSERT INTO incident_fts(incident_fts, rowid, search_text) "
        "SELECT 'delete', num, search_text FROM incident")  # fmt: skip
    _settled(s.db)
    before = _state(s.db)
    said = s.run("verify")
    assert _state(s.db) == before
    return Seen(said)


# --- attacks caught before issue 15 ----------------------------------------------------------


def value_of_the_wrong_shape(command: str) -> Callable[[Scene], Seen]:
    """A toll replaced in its event by a bare number (no figure Tawthiq writes): showing the
    record says so in one sentence, never an internal error."""

    def scene(s: Scene) -> Seen:
        maram = s.maram()
        sql(s.db, "UPDATE event SET value = '0' WHERE field = 'killed'")
        return Seen(s.run(command, maram), {"id": maram[:8]})

    return scene


def last_event_removed(s: Scene) -> Seen:
    maram = s.maram()
    last = events(s.db)[-1]
    sql(s.db, "DELETE FROM event WHERE event_id = ?", last.event_id)
    said = s.run("verify")
    refused = s.run("edit", maram, "--status", "reviewed")
    assert refused.code == 2 and "changed outside Tawthiq since its last save" in refused.err
    return Seen(said, {"seq": last.seq, "device": dev(last.device_id)})


def forged_tail_event(s: Scene) -> Seen:
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
    return Seen(said, {"seq": last.seq, "device": dev(last.device_id)})


def rehashed(*, new_key: bool) -> Callable[[Scene], Seen]:
    """Every event re-hashed with a toll of 1; the head re-signed with a key of one's own
    put in the database, or left with this laptop's old signature."""

    def scene(s: Scene) -> Seen:
        maram = s.maram()
        rows = events(s.db)
        prev = rows[0].prev_hash
        con = connect(s.db)
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
        return Seen(said, {"device": dev(rows[0].device_id)})

    return scene


def value_rehashed(s: Scene) -> Seen:
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
    return Seen(s.run("verify"), {"device": dev(e.device_id), **names})


def middle_event_removed(s: Scene) -> Seen:
    s.maram()
    rows = events(s.db)
    sql(s.db, "DELETE FROM event WHERE event_id = ?", rows[2].event_id)
    names = {"device": dev(rows[0].device_id), "seq": rows[2].seq}
    return Seen(s.run("verify"), {"next": rows[3].seq, "next_id": rows[3].event_id, **names})


def events_reordered(s: Scene) -> Seen:
    """Events #2 and #3 swapped in their places in the chain."""
    s.maram()
    rows = events(s.db)
    second, third = rows[1], rows[2]
    sql(s.db, "UPDATE event SET seq = -1 WHERE event_id = ?", second.event_id)
    sql(s.db, "UPDATE event SET seq = ? WHERE event_id = ?", second.seq, third.event_id)
    sql(s.db, "UPDATE event SET seq = ? WHERE event_id = ?", third.seq, second.event_id)
    names = {"device": dev(second.device_id), "seq": second.seq, "id": third.event_id}
    return Seen(s.run("verify"), names)  # the place is inside the hash: "altered"


def origin_changed(s: Scene) -> Seen:
    """An extractor's unchecked suggestion marked as typed or confirmed by a person."""
    _ingested(s)
    [(event_id, seq, device)] = query(
        s.db, "SELECT event_id, seq, device_id FROM event WHERE origin = 'extractor' LIMIT 1"
    )
    sql(s.db, "UPDATE event SET origin = 'person' WHERE event_id = ?", event_id)
    return Seen(s.run("verify"), {"device": dev(device), "seq": seq, "id": event_id})


def on_maram(statement: str, command: str = "verify") -> Callable[[Scene], Seen]:
    def scene(s: Scene) -> Seen:
        maram = s.maram()
        sql(s.db, statement)
        killed = killed_event(s.db, maram)
        said = s.run(command)
        if command == "rebuild":  # the tables were left as they were
            assert "killed 9" in s.run("list").out
        return Seen(said, {"id": maram, "problem": altered(*killed)})

    return scene
