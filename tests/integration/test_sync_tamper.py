"""A changed export file is refused with a sentence that says what was done to it, and
the database it was offered to is left exactly as it was."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from laptops import Laptop, read_lines, use_two_cores, write_lines

from conftest import backup_database
from tawthiq.store.errors import StoreError
from tawthiq.store.events import canonical_json, head_message
from tawthiq.store.identity import DeviceIdentity
from tawthiq.sync.errors import ForgeryError, NewDevicesError, SyncError
from tawthiq.sync.format import end_message

ON_SERVER = True  # the store's behaviour: on PostgreSQL too (issue 18)

# every test here runs on plain and on encrypted laptops (issue 16)
pytestmark = pytest.mark.usefixtures("at_rest")

Lines = list[bytes]


@pytest.fixture
def amal(tmp_path: Path):  # type: ignore[no-untyped-def]
    laptop = Laptop(tmp_path, "Amal")
    for i in range(3):
        laptop.new_incident(title_en=f"incident {i}", killed=9, date_start="2022-11-06")
    yield laptop
    laptop.close()


@pytest.fixture
def basel(tmp_path: Path, amal: Laptop):  # type: ignore[no-untyped-def]
    """A laptop that already trusts Amal's and holds one record of its own."""
    laptop = Laptop(tmp_path, "Basel")
    laptop.new_incident(title_en="Basel's own")
    laptop.trust(amal)  # Amal's key accepted before any of Amal's events came
    yield laptop
    laptop.close()


def _json(line: bytes) -> object:
    return json.loads(line)


def _line(item: object) -> bytes:
    return canonical_json(item).encode()


def _changed_value(lines: Lines) -> Lines:
    item = _json(lines[5])
    assert isinstance(item, list)
    item[4] = item[4].replace("9", "90") if "9" in item[4] else canonical_json("forged")
    return [*lines[:5], _line(item), *lines[6:]]


def _removed_middle(lines: Lines) -> Lines:
    return [*lines[:5], *lines[6:]]


def _reordered(lines: Lines) -> Lines:
    return [*lines[:4], lines[5], lines[4], *lines[6:]]


def _head(lines: Lines, change: Callable[[dict[str, object]], None]) -> Lines:
    head = _json(lines[0])
    assert isinstance(head, dict)
    change(head["devices"][0]["head"])
    return [_line(head), *lines[1:]]


def _stripped_signature(lines: Lines) -> Lines:
    return _head(lines, lambda h: h.pop("signature"))


def _replaced_signature(lines: Lines) -> Lines:
    head = _json(lines[0])
    assert isinstance(head, dict)
    d = head["devices"][0]
    forger = DeviceIdentity.generate()
    signature = forger.sign(head_message(d["device"], d["last"], d["head"]["hash"]))
    return _head(lines, lambda h: h.update(signature=signature))


def _key_replaced(lines: Lines) -> Lines:
    """Someone re-signs the chain with a key of their own and claims it is Amal's."""
    head = _json(lines[0])
    assert isinstance(head, dict)
    d = head["devices"][0]
    forger = DeviceIdentity.generate()
    d["public_key"] = head["exporter_key"] = forger.public_key_hex
    d["head"]["signature"] = forger.sign(head_message(d["device"], d["last"], d["head"]["hash"]))
    end = _json(lines[-1])
    assert isinstance(end, dict)
    first = _line(head)
    e = end["end"]
    e["signature"] = forger.sign(end_message(first, e["sha256"], e["events"]))
    return [first, *lines[1:-1], _line(end)]


def _unlisted_device(lines: Lines) -> Lines:
    item = _json(lines[2])
    assert isinstance(item, list)
    item[8] = "00000000-0000-4000-8000-000000000000"
    return [*lines[:2], _line(item), *lines[3:]]


def _header_changed(lines: Lines) -> Lines:
    head = _json(lines[0])
    assert isinstance(head, dict)
    head["author"] = "Someone else"
    return [_line(head), *lines[1:]]


def _event_added(lines: Lines) -> Lines:
    return [*lines[:-1], lines[-2], lines[-1]]


def _end_digest_changed(lines: Lines) -> Lines:
    end = _json(lines[-1])
    assert isinstance(end, dict)
    end["end"]["sha256"] = "0" * 64
    return [*lines[:-1], _line(end)]


def _end_signature_replaced(lines: Lines) -> Lines:
    end = _json(lines[-1])
    assert isinstance(end, dict)
    end["end"]["signature"] = DeviceIdentity.generate().sign(b"anything")
    return [*lines[:-1], _line(end)]


TAMPERING: dict[str, tuple[Callable[[Lines], Lines], str]] = {
    "changed value": (_changed_value, r"event #5 of device \w+ \(.*\) was changed: its content"),
    "removed middle event": (_removed_middle, r"event #5 of device \w+ is missing .*\(removed\)"),
    "reordered events": (_reordered, r"events were reordered"),
    "stripped signature": (_stripped_signature, r"carries no signature"),
    "replaced signature": (
        _replaced_signature,
        r"signature on the chain of device \w+ is not valid",
    ),
    "key replaced": (
        _key_replaced,
        r"signs this export with key .* but this laptop knows it by key",
    ),
    "event of an unlisted device": (_unlisted_device, r"holds events of device 00000000"),
    "header changed": (_header_changed, r"is not signed by the laptop it names"),
    "event added": (_event_added, r"holds events its header does not list"),
    "end digest changed": (_end_digest_changed, r"was changed after it was exported"),
    "end signature replaced": (_end_signature_replaced, r"is not signed by the laptop it names"),
}


@pytest.mark.parametrize("kind", sorted(TAMPERING))
def test_tampered_export_is_refused_by_a_merge_on_two_cores(
    kind: str, amal: Laptop, basel: Laptop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a large merge: the lines screened ahead in a second process (on one core, each
    is a row of the tamper matrix)."""
    use_two_cores(monkeypatch)
    tamper, message = TAMPERING[kind]
    path = amal.export()
    write_lines(path, tamper(read_lines(path)))
    digest, events = basel.digest(), basel.event_ids()
    with pytest.raises(SyncError, match=message):
        basel.import_(path, accept_new=False)
    assert basel.digest() == digest and basel.event_ids() == events
    assert basel.verify().ok


def test_untampered_copy_of_the_same_file_is_accepted(amal: Laptop, basel: Laptop) -> None:
    path = amal.export()
    write_lines(path, read_lines(path))  # rewritten, unchanged: the control for the matrix
    assert basel.import_(path, accept_new=False).new == len(amal.event_ids())


def test_a_laptop_unknown_here_is_not_merged_without_acceptance(
    amal: Laptop, tmp_path: Path
) -> None:
    stranger = Laptop(tmp_path, "Stranger")
    stranger.new_incident(title_en="from nowhere")
    digest = amal.digest()
    with pytest.raises(NewDevicesError):
        amal.import_(stranger.export(), accept_new=False)
    assert amal.digest() == digest


@pytest.mark.sqlite_only  # a copy of the database file put back
def test_fork_a_laptop_restored_from_an_old_backup(
    amal: Laptop, basel: Laptop, tmp_path: Path
) -> None:
    backup = tmp_path / "amal-backup.db"
    backup_database(amal.ws.db.path, backup)
    n = len(amal.event_ids())
    incident = amal.new_incident(title_en="written after the backup")
    basel.import_(amal.export())
    # The laptop's disk is restored from the backup; the same device writes something else.
    restored = Laptop.__new__(Laptop)
    restored.name, restored.root = "Amal", tmp_path
    from tawthiq import services

    restored.ws = services.open_workspace(backup, author="Amal", key_dir=amal.ws.key_dir)
    with pytest.raises(StoreError, match="the database's checkpoints end at #"):
        restored.new_incident(title_en="refused: the laptop remembers a later checkpoint")
    restored.accept_rollback()  # the documenter carries on from the copy, knowingly
    restored.new_incident(title_en="a different story with the same sequence numbers")
    digest, events = basel.digest(), basel.event_ids()
    with pytest.raises(
        ForgeryError, match=rf"device \w+ has two different histories: its event #{n + 1}\b"
    ):
        basel.import_(restored.export(), accept_new=False)
    assert basel.digest() == digest and basel.event_ids() == events
    assert basel.incident(incident).title_en == "written after the backup"
    restored.close()


def _twin(laptop: Laptop, tmp_path: Path, name: str) -> Laptop:
    """A copy of ``laptop``'s database and key: the same device, from now on two."""
    backup_database(laptop.ws.db.path, tmp_path / f"{name}.db")
    shutil.copytree(laptop.ws.key_dir, tmp_path / f"{name}-keys")
    twin = Laptop(tmp_path, name)
    assert twin.ws.identity.device_id == laptop.ws.identity.device_id
    return twin
