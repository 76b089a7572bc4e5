"""Files that are not honest exports (cut off, empty, random, a database, a zip bomb, a
file claiming a billion events, bad text) end in one clear sentence; the database is left
as it was and memory stays bounded."""

from __future__ import annotations

import gzip
import json
import os
import socket
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest
from laptops import Laptop, read_lines, write_lines, write_signed

from conftest import backup_database
from tawthiq.domain.errors import TawthiqError
from tawthiq.store.events import canonical_json


@pytest.fixture
def amal(tmp_path: Path):  # type: ignore[no-untyped-def]
    laptop = Laptop(tmp_path, "Amal")
    laptop.new_incident(title_en="a", killed=1)
    laptop.new_incident(title_en="b", killed=2)
    yield laptop
    laptop.close()


@pytest.fixture
def basel(tmp_path: Path):  # type: ignore[no-untyped-def]
    laptop = Laptop(tmp_path, "Basel")
    laptop.new_incident(title_en="Basel's own")
    yield laptop
    laptop.close()


def _refused(laptop: Laptop, path: Path, message: str) -> None:
    digest, events = laptop.digest(), laptop.event_ids()
    with pytest.raises(TawthiqError, match=message) as caught:
        laptop.import_(path)
    text = str(caught.value)
    assert "\n" not in text and "Traceback" not in text
    assert laptop.digest() == digest and laptop.event_ids() == events


def test_truncated_file(amal: Laptop, basel: Laptop) -> None:
    path = amal.export()
    data = path.read_bytes()
    for cut in (len(data) // 2, len(data) - 9, 40):
        path.write_bytes(data[:cut])
        _refused(basel, path, r"is cut off: the export is incomplete|is damaged")


def test_empty_file(basel: Laptop, tmp_path: Path) -> None:
    path = tmp_path / "empty.tawthiq"
    path.write_bytes(b"")
    _refused(basel, path, r"empty\.tawthiq is empty")


def test_random_bytes(basel: Laptop, tmp_path: Path) -> None:
    path = tmp_path / "noise.tawthiq"
    path.write_bytes(os.urandom(5000))
    _refused(basel, path, r"noise\.tawthiq is not a Tawthiq export")
    path.write_bytes(b"\x1f\x8b" + os.urandom(5000))  # looks like gzip at first
    _refused(basel, path, r"noise\.tawthiq is damaged: its compressed data is corrupt")


def test_a_plain_sqlite_file(amal: Laptop, basel: Laptop, tmp_path: Path) -> None:
    copy = tmp_path / "their.db"
    backup_database(amal.ws.db.path, copy)
    _refused(basel, copy, r"their\.db is a database, not an export: export from it with")


def test_gzip_bomb(basel: Laptop, tmp_path: Path) -> None:
    """About 300 KB that would inflate to 300 MB of one line."""
    path = tmp_path / "bomb.tawthiq"
    squeeze = zlib.compressobj(9, zlib.DEFLATED, 31)
    with path.open("wb") as f:
        block = b"A" * 2**20
        for _ in range(300):
            f.write(squeeze.compress(block))
        f.write(squeeze.flush())
    assert path.stat().st_size < 1_000_000
    tracemalloc.start()
    try:
        _refused(basel, path, r"bomb\.tawthiq is damaged: it holds a line longer than 16 MB")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 80 * 2**20, f"peak {peak / 2**20:.0f} MiB"


def test_zip_archive_bomb(basel: Laptop, tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("events.jsonl", b"\n" * 50_000_000)
    _refused(basel, path, r"bomb\.zip is a ZIP archive, not a Tawthiq export")


def test_a_file_declaring_a_billion_events(amal: Laptop, basel: Laptop) -> None:
    path = amal.export()
    lines = read_lines(path)
    head = json.loads(lines[0])
    head["devices"][0]["last"] = head["devices"][0]["head"]["seq"] = 10**9
    head["events"] = 10**9
    write_lines(path, [canonical_json(head).encode(), *lines[1:]])
    tracemalloc.start()
    try:
        _refused(basel, path, r"claims 1000000000 events but is only \d+ bytes long")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 2**20


def test_invalid_utf8_in_an_event(amal: Laptop, basel: Laptop) -> None:
    path = amal.export()
    lines = read_lines(path)
    assert b'"Amal"' in lines[3]
    lines[3] = lines[3].replace(b'"Amal"', b'"Am\xff\xfeal"')
    write_lines(path, lines)
    _refused(basel, path, r"is damaged: event #3 of device \w+ is not valid text")


def test_a_header_that_is_not_json(basel: Laptop, tmp_path: Path) -> None:
    path = tmp_path / "odd.tawthiq"
    path.write_bytes(gzip.compress(b"SELECT * FROM event;\n"))
    _refused(basel, path, r"not a Tawthiq export \(its first line is not one\)")


def test_sql_in_values_is_kept_as_text(amal: Laptop, basel: Laptop) -> None:
    evil = "'); DROP TABLE event; --"
    incident = amal.new_incident(title_en=evil, narrative='" OR 1=1; DELETE FROM incident')
    basel.import_(amal.export())
    assert basel.incident(incident).title_en == evil
    assert basel.incident(incident).values["narrative"] == '" OR 1=1; DELETE FROM incident'
    assert basel.verify().ok and len(basel.event_ids()) > len(amal.event_ids())


def test_a_value_tawthiq_would_never_write(amal: Laptop, basel: Laptop) -> None:
    """Well signed, but holding a casualty count of -5: refused by the same checks as a form."""
    from tawthiq.store.events import column_hash

    path = amal.export()
    lines = read_lines(path)
    item = json.loads(lines[2])
    item[3], item[4] = "killed", canonical_json({"min": -5, "max": -5, "approximate": False})
    item[11] = column_hash(item)
    write_lines(path, [*lines[:2], canonical_json(item).encode(), *lines[3:]])
    # The chain after it no longer follows, but the value is checked first where it stands.
    _refused(basel, path, r"event #2 of device \w+ .*(cannot accept for killed|does not follow)")


def _with_surrogate(lines: list[bytes], old: bytes, new: bytes) -> list[bytes]:
    """``lines`` with ``old`` written as ``new``, a JSON escape of a lone surrogate."""
    changed = [line.replace(old, new) for line in lines]
    assert changed != lines
    return changed


def test_attack_lone_surrogate_in_an_event_author(amal: Laptop, basel: Laptop) -> None:
    path = amal.export()
    lines = read_lines(path)
    events = _with_surrogate(lines[1:-1], b'"Amal"', b'"Am\\udcffal"')
    write_signed(path, [lines[0], *events, lines[-1]], amal)
    _refused(basel, path, r"^\S+ is damaged: event #1 of device \w{8} is not valid text$")


@pytest.mark.parametrize("field", [b'"author":"Amal"', b'"authors":["Amal"]'])
def test_attack_lone_surrogate_in_the_header(amal: Laptop, basel: Laptop, field: bytes) -> None:
    path = amal.export()
    lines = read_lines(path)
    lines[0] = _with_surrogate([lines[0]], field, field.replace(b"Amal", b"Am\\udcffal"))[0]
    write_signed(path, lines, amal)
    _refused(
        basel,
        path,
        r"^the export's header is damaged \(it holds a lone surrogate, which is not text\)$",
    )


def test_a_file_name_that_is_not_utf8_is_imported_and_exported(
    amal: Laptop, basel: Laptop, tmp_path: Path
) -> None:
    """A USB stick written by another system: the name's bad byte arrives as a lone
    surrogate; the file is what counts, its name is remembered as well as it can be."""
    odd = tmp_path / os.fsdecode(b"from-amal-\xff.tawthiq")
    amal.export().rename(odd)
    assert basel.import_(odd).new > 0
    out = basel.export(os.fsdecode(b"to-\xfe.tawthiq"), since="last")
    assert out.exists() and basel.verify().ok


def test_attack_importing_a_device_folder_or_socket_is_refused(
    basel: Laptop, tmp_path: Path
) -> None:
    _refused(basel, Path("/dev/zero"), r"^/dev/zero is a device, not an export file$")
    _refused(basel, Path("/dev/urandom"), r"^/dev/urandom is a device, not an export file$")
    _refused(basel, tmp_path, rf"^{tmp_path} is a folder, not an export file$")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(tmp_path / "s"))
        _refused(basel, tmp_path / "s", r"/s is not a regular file, so not an export file$")


def test_a_link_to_an_export_is_imported(amal: Laptop, basel: Laptop, tmp_path: Path) -> None:
    link = tmp_path / "link.tawthiq"
    link.symlink_to(amal.export())
    assert basel.import_(link).new == len(amal.event_ids())


def test_attack_a_sealed_header_naming_its_recipient_with_escape_codes(
    amal: Laptop, basel: Laptop
) -> None:
    """The key an export was sealed for is shown when it is not this laptop's: a file
    naming it with terminal escape codes (or a lone surrogate) is damaged, not shown."""
    from tawthiq.services.sync import receive_key
    from tawthiq.sync import seal

    key, _ = receive_key(amal.ws)
    path = amal.export(recipient=key)
    data = path.read_bytes()
    end = data.index(b"\n", len(seal.MAGIC))
    head = json.loads(data[len(seal.MAGIC) : end])
    for forged in ("\r\x1b[2K3f2a 91c0 77de 41b2", "3f2a 91c0 77de \udcff"):
        head["recipient"] = forged
        path.write_bytes(seal.MAGIC + json.dumps(head).encode() + data[end:])
        _refused(basel, path, r"^the encrypted export is damaged: its header is unreadable$")
