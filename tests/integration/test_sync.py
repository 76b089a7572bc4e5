"""Export files carry every event with the devices' keys and signed heads; importing them
merges by set union, asks before trusting a new laptop, and changes nothing on a dry run."""

from __future__ import annotations

import gzip
import os
from pathlib import Path
from typing import Any

import pytest
from laptops import Laptop, header, read_lines

from tawthiq import services
from tawthiq.sync import merge
from tawthiq.sync.errors import (
    BadFileError,
    ForgeryError,
    NewDevicesError,
    PassphraseNeeded,
    RollbackError,
    SecretError,
)

# every test here runs on plain and on encrypted laptops (issue 16), and on PostgreSQL
# databases (issue 18) but the few about the file
pytestmark = pytest.mark.usefixtures("at_rest")
ON_SERVER = True


@pytest.fixture
def amal(tmp_path: Path):  # type: ignore[no-untyped-def]
    laptop = Laptop(tmp_path, "Amal")
    yield laptop
    laptop.close()


@pytest.fixture
def basel(tmp_path: Path):  # type: ignore[no-untyped-def]
    laptop = Laptop(tmp_path, "Basel")
    yield laptop
    laptop.close()


def test_export_then_import_gives_the_same_records_and_digest(amal: Laptop, basel: Laptop) -> None:
    first = amal.new_incident(title_ar="قصف على مخيم مرام", killed=9, date_start="2022-11-06")
    amal.edit(first, injured=75)
    path = amal.export()
    summary = basel.import_(path)
    assert (summary.new, summary.known, summary.n_conflicts) == (len(amal.event_ids()), 0, 0)
    assert summary.records_new == {"incident": 1}
    assert basel.incident(first).title_ar == "قصف على مخيم مرام"
    assert basel.incident(first).injured is not None and basel.incident(first).injured.max == 75
    assert basel.digest() == amal.digest()
    assert basel.verify().ok and basel.verify().digest == amal.verify().digest


def test_a_laptop_seen_for_the_first_time_must_be_accepted(amal: Laptop, basel: Laptop) -> None:
    amal.new_incident(title_en="x")
    path = amal.export()
    before = basel.digest()
    with pytest.raises(NewDevicesError) as refused:
        basel.import_(path, accept_new=False)
    assert [d.device_id for d in refused.value.devices] == [amal.ws.identity.device_id]
    assert refused.value.devices[0].authors == ("Amal",)
    fp = refused.value.devices[0].fingerprint
    assert len(fp) == 19 and fp.count(" ") == 3
    assert basel.digest() == before and not basel.event_ids()
    basel.import_(path, accept_new=True)
    assert amal.ws.identity.device_id in basel.trusted()
    amal.new_incident(title_en="y")
    basel.import_(amal.export(), accept_new=False)  # known now: no question asked
    assert basel.digest() == amal.digest()


def test_dry_run_counts_and_changes_nothing(amal: Laptop, basel: Laptop) -> None:
    amal.new_incident(title_en="x", killed=3)
    path = amal.export()
    summary = basel.import_(path, dry_run=True)
    assert summary.dry_run and summary.new == len(amal.event_ids())
    assert summary.records_new == {"incident": 1}
    assert not basel.event_ids()
    assert amal.ws.identity.device_id not in basel.trusted()


def test_progress_moves_while_the_merged_records_are_written(
    amal: Laptop, basel: Laptop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long merge spends half its time writing the records again after the files are
    read: the progress bar must keep moving then, not sit at 100%."""
    with amal.ws.writing() as w:
        services.incidents.create_incidents(
            w, [{"title_en": f"n{i}", "killed": i} for i in range(4500)]
        )
    path = amal.export()
    heard: list[tuple[int, int]] = []
    files_read: list[int] = []
    refresh = merge.refresh_touched

    def noted(*args: Any, **kwargs: Any) -> Any:
        files_read.append(len(heard))  # every file checked and applied by now
        return refresh(*args, **kwargs)

    monkeypatch.setattr(merge, "refresh_touched", noted)
    basel.import_(path, progress=lambda done, total: heard.append((done, total)))
    total = heard[-1][1]
    assert heard[-1] == (total, total)
    assert all(t == total for _, t in heard)
    assert [d for d, _ in heard] == sorted(d for d, _ in heard)  # never goes back
    while_writing = {d for d, _ in heard[files_read[0] :] if d < total}
    assert len(while_writing) >= 2  # the 4,500 records written again, heard of as they go


def test_importing_again_or_in_any_order_changes_nothing(amal: Laptop, basel: Laptop) -> None:
    amal.new_incident(title_en="a")
    a1 = amal.export()
    basel.new_incident(title_en="b")
    b1 = basel.export()
    amal.import_(b1)
    basel.import_(a1)
    digest = amal.digest()
    assert basel.digest() == digest
    for path in (a1, b1, a1, b1):
        again = amal.import_(path)
        assert again.new == 0 and again.known > 0
    assert amal.digest() == digest


def test_since_last_holds_only_the_new_events_and_needs_the_earlier_file(
    amal: Laptop, basel: Laptop
) -> None:
    first = amal.new_incident(title_en="a", killed=1)
    full = amal.export()
    amal.edit(first, killed=2)
    later = amal.export(since="last")
    assert header(later)["events"] == 1
    assert header(later)["since"] == {amal.ws.identity.device_id: header(full)["events"]}
    with pytest.raises(ForgeryError, match="import the earlier export first"):
        basel.import_(later)
    assert not basel.event_ids()
    basel.import_(full)
    basel.import_(later)
    assert basel.digest() == amal.digest()
    nothing = amal.export(since="last")
    assert header(nothing)["events"] == 0
    assert basel.import_(nothing).new == 0


def test_since_an_earlier_file(amal: Laptop, basel: Laptop) -> None:
    amal.new_incident(title_en="a")
    full = amal.export()
    amal.new_incident(title_en="b")
    amal.export()  # another export in between does not matter
    amal.new_incident(title_en="c")
    after = amal.export(since=full)
    assert header(after)["events"] == len(amal.event_ids()) - header(full)["events"]
    basel.import_(full, after)  # two files at once, in one transaction
    assert basel.digest() == amal.digest()


def test_an_older_export_after_a_newer_one_is_refused(amal: Laptop, basel: Laptop) -> None:
    amal.new_incident(title_en="a")
    old = amal.export()
    amal.new_incident(title_en="b")
    new = amal.export()
    basel.import_(new)
    digest = basel.digest()
    with pytest.raises(RollbackError, match="older than an export from the same laptop"):
        basel.import_(old)
    assert basel.digest() == digest
    assert basel.import_(new).new == 0  # the same file again is a repeat, not a rollback


def test_one_bad_file_among_several_imports_none(
    amal: Laptop, basel: Laptop, tmp_path: Path
) -> None:
    amal.new_incident(title_en="good")
    good = amal.export()
    bad = tmp_path / "bad.tawthiq"
    bad.write_bytes(os.urandom(300))
    with pytest.raises(Exception, match=r"bad\.tawthiq is not a Tawthiq export"):
        basel.import_(good, bad)
    assert not basel.event_ids()


def test_export_encrypted_with_a_passphrase(amal: Laptop, basel: Laptop) -> None:
    amal.new_incident(title_ar="شهادة سرية", killed=2)
    path = amal.export(passphrase="correct horse battery")
    data = path.read_bytes()
    assert data.startswith(b"TAWTHIQ-SEALED/1\n")
    assert "شهادة".encode() not in data and b"Amal" not in data
    with pytest.raises(PassphraseNeeded):
        basel.import_(path)
    with pytest.raises(SecretError, match="the passphrase is wrong"):
        basel.import_(path, passphrase="wrong horse battery")
    assert not basel.event_ids()
    basel.import_(path, passphrase="correct horse battery")
    assert basel.digest() == amal.digest()


def test_export_encrypted_to_a_coordinators_key(
    amal: Laptop, basel: Laptop, tmp_path: Path
) -> None:
    from tawthiq.services.sync import receive_key

    amal.new_incident(title_en="for the coordinator")
    key, fingerprint = receive_key(basel.ws)
    assert key.startswith("tqk-") and len(fingerprint) == 19
    assert receive_key(basel.ws) == (key, fingerprint)  # made once, kept
    path = amal.export(recipient=key)
    other = Laptop(tmp_path, "Other")
    receive_key(other.ws)
    with pytest.raises(SecretError, match=f"encrypted for another laptop \\(key {fingerprint}\\)"):
        other.import_(path)
    with pytest.raises(SecretError, match="encrypted for another laptop"):
        amal.import_(path)  # not even its writer can open it
    basel.import_(path)
    assert basel.digest() == amal.digest()


def test_encrypted_file_cut_off_or_changed_does_not_open(amal: Laptop, basel: Laptop) -> None:
    for i in range(300):
        amal.new_incident(title_en=f"incident {i}", narrative="x" * 200)
    path = amal.export(passphrase="correct horse battery")
    data = path.read_bytes()
    start = data.index(b"\n", 17) + 1  # where the sealed chunks begin
    assert len(data) > start + 65536 + 16  # more than one chunk
    at_boundary = data[: start + 65536 + 16]  # exactly the first chunk: the rest cut off
    for broken in (data[:-100], at_boundary, data[:-1] + bytes([data[-1] ^ 1])):
        path.write_bytes(broken)
        with pytest.raises(BadFileError, match=r"damaged or cut off \(part \d+ does not open\)"):
            basel.import_(path, passphrase="correct horse battery")
    assert not basel.event_ids()


def test_export_is_written_whole_or_not_at_all(amal: Laptop, tmp_path: Path) -> None:
    amal.new_incident(title_en="a")
    path = amal.export("same.tawthiq")
    old = path.read_bytes()
    with pytest.raises(SecretError):
        amal.export("same.tawthiq", recipient="tqk-not-a-key")
    assert path.read_bytes() == old
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []
    lines = read_lines(path)
    assert lines[0].startswith(b'{"author":"Amal"') and lines[-1].startswith(b'{"end":')
    assert gzip.decompress(old)  # a complete gzip stream


@pytest.mark.sqlite_only  # the database is a file here
def test_export_refuses_to_overwrite_the_database(amal: Laptop) -> None:
    from tawthiq.services.sync import export_database
    from tawthiq.sync.errors import SyncError

    amal.new_incident(title_en="a")
    before = amal.ws.db.path.read_bytes()
    with pytest.raises(SyncError, match="is the database itself"):
        export_database(amal.ws, amal.ws.db.path)
    assert amal.ws.db.path.read_bytes() == before
