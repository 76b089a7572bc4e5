"""Evidence files: attached by the command line, stored once under their SHA-256 (sealed
with the database key when it is encrypted), listed, checked by `verify`, and copied
without their metadata (and with regions blurred) for sharing."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import pytest
from PIL import Image

from conftest import ask_passphrase, protect_for_tests
from tawthiq.services.evidence_files import file_store

MARKER = b"GPS-MARKER-7f3a"


def exif_photo(path: Path, *, orientation: int = 1) -> bytes:
    """A JPEG carrying EXIF with a camera, a time taken and a GPS position, and a comment."""
    img = Image.new("RGB", (160, 120), (200, 30, 30))
    for x in range(80, 160):
        for y in range(120):
            img.putpixel((x, y), (20, 40, 220))
    exif = Image.Exif()
    exif[0x010F] = "Canon"  # Make
    exif[0x0110] = "Canon EOS 80D"  # Model
    exif[0x0112] = orientation
    exif[0x0131] = MARKER.decode()  # Software: a marker to search the bytes for
    exif.get_ifd(0x8769)[0x9003] = "2024:03:05 14:22:01"  # DateTimeOriginal
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (36.0, 12.0, 30.0)  # latitude
    gps[3], gps[4] = "E", (36.0, 38.0, 10.0)  # longitude
    out = io.BytesIO()
    img.save(out, format="JPEG", exif=exif, comment=b"taken by a witness")
    path.write_bytes(out.getvalue())
    return out.getvalue()


def _incident(run) -> str:  # type: ignore[no-untyped-def]
    said = run("add", "--title-en", "Strike on the market", "--killed", "3")
    assert said.code == 0, said.err
    return said.out.split()[0]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_attach_list_and_attach_again(run, ws, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    incident = _incident(run)
    photo = tmp_path / "witness photo.jpg"
    data = exif_photo(photo)
    note = tmp_path / "statement.pdf"
    note.write_bytes(b"%PDF-1.4 a statement\n")
    r = run("attach", incident[:8], str(photo), str(note), "--origin", "WhatsApp from a contact")
    assert r.code == 0, r.err
    assert r.out.split("\n")[0].split()[0] == _sha(data)
    assert r.out.split("\n")[1].split()[0] == _sha(note.read_bytes())
    # stored once under its SHA-256, beside the database
    store = file_store(ws)
    assert store.path_of(_sha(data)).is_file()
    assert store.path_of(_sha(data)).parent.parent == Path(str(ws.db.path) + ".files")
    assert b"".join(store.read(_sha(data))) == data

    listed = run("files", incident[:8])
    assert listed.code == 0, listed.err
    lines = listed.out.strip().split("\n")
    assert lines[0].startswith(_sha(data)) and "image/jpeg" in lines[0]
    assert "Test documenter" in lines[0] and "witness photo.jpg" in lines[0]
    assert "application/pdf" in lines[1]
    assert lines[-1] == f"2 file(s) attached to incident {incident[:8]}"

    again = run("attach", incident[:8], str(photo))
    assert again.code == 0
    assert "already attached to this incident: nothing changed" in again.out
    assert run("files", incident[:8]).out.count("image/jpeg") == 1

    # what the photo said of itself is in the record: when and with which camera
    f = ws_files(ws, incident)[0]
    assert f.record.values["taken_at"] == "2024-03-05T14:22:01"
    assert f.record.values["device"] == "Canon EOS 80D"
    assert f.record.values["origin"] == "WhatsApp from a contact"
    assert f.record.values["size"] == len(data)


def ws_files(ws, incident: str):  # type: ignore[no-untyped-def]
    from tawthiq.services import Desk

    return Desk(ws).files.files_of(incident)


def test_attach_refuses_a_folder_a_missing_file_or_no_incident(run, ws, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    incident = _incident(run)
    photo = tmp_path / "p.jpg"
    exif_photo(photo)
    r = run("attach", incident[:8], str(tmp_path))
    assert r.code == 2 and "is a folder" in r.err and "Traceback" not in r.err
    r = run("attach", incident[:8], str(photo), str(tmp_path / "nothing.jpg"))
    assert r.code == 2 and "does not exist" in r.err
    assert "0 file(s)" in run("files", incident[:8]).out  # the first one was not kept either
    assert not Path(f"{ws.db.path}.files").exists()  # nor its bytes
    r = run("attach", "abcdef12", str(photo))
    assert r.code == 2 and "no incident" in r.err


def test_share_copy_has_no_exif_gps_or_comment_and_keeps_the_original(
    run, ws, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    incident = _incident(run)
    photo = tmp_path / "p.jpg"
    data = exif_photo(photo, orientation=6)  # to be shown turned a quarter
    video = tmp_path / "clip.mp4"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 100)
    assert run("attach", incident[:8], str(photo), str(video)).code == 0
    out = tmp_path / "share"
    out.mkdir()
    r = run("files", incident[:8], "--share-copy", str(out))
    assert r.code == 0, r.err
    assert "1 copy(ies) without metadata" in r.out and "1 file(s) not cleaned" in r.out
    assert "clip.mp4 (video/mp4) cannot be cleaned of its metadata by Tawthiq" in r.err
    (copy,) = out.iterdir()
    # named apart from the original: nothing ties the published copy to it
    assert _sha(data)[:8] not in copy.name and copy.suffix == ".jpg"
    raw = copy.read_bytes()
    assert MARKER not in raw and b"Canon" not in raw and b"witness" not in raw
    assert b"Exif" not in raw and b"http://ns.adobe.com/xap" not in raw
    with Image.open(copy) as img:
        assert not img.getexif()
        assert img.size == (120, 160)  # the orientation applied
        assert "exif" not in img.info and "comment" not in img.info
    nowhere = run("files", incident[:8], "--share-copy", str(tmp_path / "nowhere"))
    assert nowhere.code == 2 and "does not exist" in nowhere.err and nowhere.out == ""
    # the original, untouched, still proves itself
    assert b"".join(file_store(ws).read(_sha(data))) == data
    assert run("verify").code == 0


def test_blur_changes_the_region_and_nothing_else(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    incident = _incident(run)
    img = Image.new("RGB", (64, 48))
    for x in range(64):
        for y in range(48):
            img.putpixel((x, y), ((x * 37) % 256, (y * 53) % 256, ((x + y) * 11) % 256))
    photo = tmp_path / "faces.png"
    img.save(photo)
    assert run("attach", incident[:8], str(photo)).code == 0
    plain_dir, blur_dir = tmp_path / "plain", tmp_path / "blurred"
    plain_dir.mkdir()
    blur_dir.mkdir()
    assert run("files", incident[:8], "--share-copy", str(plain_dir)).code == 0
    r = run("files", incident[:8], "--share-copy", str(blur_dir), "--blur", "10,8,20,16")
    assert r.code == 0, r.err
    (plain,) = (Image.open(p).convert("RGB") for p in plain_dir.iterdir())
    (blurred,) = (Image.open(p).convert("RGB") for p in blur_dir.iterdir())
    assert plain.tobytes() == img.tobytes()  # PNG: the pixels exactly, nothing else
    inside = outside = 0
    for x in range(64):
        for y in range(48):
            same = plain.getpixel((x, y)) == blurred.getpixel((x, y))
            if 10 <= x < 30 and 8 <= y < 24:
                inside += not same
            else:
                outside += not same
    assert outside == 0
    assert inside > 0.8 * 20 * 16
    bad = run("files", incident[:8], "--share-copy", str(blur_dir), "--blur", "10,8,x,16")
    assert bad.code == 2 and "--blur takes x,y,width,height" in bad.err


def test_verify_names_a_stored_file_changed_or_missing(run, ws, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    incident = _incident(run)
    photo = tmp_path / "market.jpg"
    data = exif_photo(photo)
    assert run("attach", incident[:8], str(photo)).code == 0
    assert run("verify").code == 0
    stored = file_store(ws).path_of(_sha(data))
    raw = bytearray(stored.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    stored.chmod(0o600)
    stored.write_bytes(bytes(raw))
    r = run("verify")
    assert r.code == 1
    assert f"evidence file market.jpg (SHA-256 {_sha(data)[:12]}) was changed" in r.err
    stored.unlink()
    r = run("verify")
    assert r.code == 1 and "evidence file market.jpg" in r.err and "is missing" in r.err


def test_stored_bytes_are_sealed_when_the_database_is_encrypted(run, ws, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    incident = _incident(run)
    doc = tmp_path / "testimony.txt"
    text = b"SECRET-TESTIMONY-MARKER " * 100_000  # over two chunks
    doc.write_bytes(text)
    assert run("attach", incident[:8], str(doc)).code == 0
    store = file_store(ws)
    on_disk = store.path_of(_sha(text)).read_bytes()
    if ws.db.encrypted:
        assert b"SECRET-TESTIMONY" not in on_disk
        assert len(on_disk) > len(text)
    else:
        assert on_disk == text
    assert b"".join(store.read(_sha(text))) == text


@pytest.mark.parametrize("at_rest", ["plain"], indirect=True)
def test_protect_seals_the_files_unprotect_opens_them_erase_removes_them(
    ws, tmp_path: Path, data_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    from tawthiq import services
    from tawthiq.services import Desk
    from tawthiq.services.protection import erase, unprotect

    incident = Desk(ws).save({"title_en": "Strike"}).incident_id
    doc = tmp_path / "statement.txt"
    text = b"PLAIN-STATEMENT-MARKER " * 70_000
    doc.write_bytes(text)
    Desk(ws).files.attach(incident, [doc])
    stored = file_store(ws).path_of(_sha(text))
    db = ws.db.path
    ws.close()
    protect_for_tests(db, forget=False)
    assert b"PLAIN-STATEMENT" not in stored.read_bytes()
    again = services.open_workspace(db, author="Amal", ask=ask_passphrase)
    try:
        assert again.db.files_key is not None
        assert b"".join(file_store(again).read(_sha(text))) == text
        assert Desk(again).trail.verify().ok
    finally:
        again.close()
    unprotect(db, data_dir, ask_passphrase)
    assert stored.read_bytes() == text
    erase(db, data_dir)
    assert not stored.exists() and not stored.parent.parent.exists()


def test_a_thumbnail_of_a_photo_and_none_of_a_document(ws, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tawthiq.services import Desk

    incident = Desk(ws).save({"title_en": "Strike"}).incident_id
    photo, doc = tmp_path / "p.jpg", tmp_path / "d.pdf"
    exif_photo(photo, orientation=6)
    doc.write_bytes(b"%PDF-1.4 nothing")
    Desk(ws).files.attach(incident, [photo, doc])
    shot, pdf = Desk(ws).files.files_of(incident)
    png = Desk(ws).files.thumbnail(shot)
    assert png is not None and png.startswith(b"\x89PNG")
    with Image.open(io.BytesIO(png)) as img:
        assert img.size == (120, 160)  # 160 x 120 turned a quarter; within 256: not shrunk
        assert not img.getexif()
    assert Desk(ws).files.thumbnail(pdf) is None


def test_verify_names_an_evidence_row_changed_behind_the_log(run, ws, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from conftest import connect

    incident = _incident(run)
    photo = tmp_path / "p.jpg"
    data = exif_photo(photo)
    assert run("attach", incident[:8], str(photo)).code == 0
    con = connect(ws.db.path)
    with con:
        con.execute("UPDATE evidence_file SET sha256 = ? WHERE sha256 = ?", ("0" * 64, _sha(data)))
    con.close()
    r = run("verify")
    assert r.code == 1 and "evidence_file" in r.err


def test_detach_then_attach_again_and_files_of_a_report(ws, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tawthiq.domain.errors import NotFoundError
    from tawthiq.services import Desk

    saved = Desk(ws).save({"title_en": "Strike"}, report={"text": "A strike hit the market."})
    files = Desk(ws).files
    photo = tmp_path / "p.jpg"
    data = exif_photo(photo)
    files.attach(saved.incident_id, [photo])
    assert files.detach(saved.incident_id, _sha(data)).touches(saved.incident_id)
    assert files.files_of(saved.incident_id) == []
    assert file_store(ws).has(_sha(data))  # a tombstone: the bytes stay
    (again,) = files.attach(saved.incident_id, [photo]).files
    assert again.new and len(files.files_of(saved.incident_id)) == 1
    assert saved.report_id is not None
    files.attach_to_report(saved.report_id, [photo], "the outlet's own photo")
    (on_report,) = files.files_of_report(saved.report_id)
    assert on_report.record.values["source_report_id"] == saved.report_id
    assert "incident_id" not in on_report.record.values
    assert len(files.files_of(saved.incident_id)) == 1  # the report's is its own
    try:
        files.attach_to_report("abcdef12-0000-4000-8000-000000000000", [photo])
    except NotFoundError as exc:
        assert "no source report" in str(exc)
    else:
        raise AssertionError("attached to a report that does not exist")
    assert Desk(ws).trail.verify().ok


def test_what_a_killed_attach_left_is_removed_at_the_next(ws, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    from tawthiq.services import Desk

    incident = Desk(ws).save({"title_en": "Strike"}).incident_id
    folder = file_store(ws).folder
    folder.mkdir(parents=True, exist_ok=True)
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], text=True,
                          capture_output=True, check=True).stdout.strip()  # fmt: skip
    left = folder / f".part-{gone}-0123456789ab"
    left.write_bytes(b"half of a file")
    mine = folder / f".part-{os.getpid()}-0123456789ab"  # a write running now: kept
    mine.write_bytes(b"being written")
    doc = tmp_path / "d.txt"
    doc.write_bytes(b"a statement")
    Desk(ws).files.attach(incident, [doc])
    assert not left.exists() and mine.exists()


@pytest.mark.parametrize("kind", ["PNG", "WEBP", "TIFF"])
def test_png_webp_and_tiff_copies_lose_their_exif_too(run, ws, tmp_path: Path, kind: str) -> None:  # type: ignore[no-untyped-def]
    incident = _incident(run)
    exif = Image.Exif()
    exif[0x0131] = MARKER.decode()
    exif.get_ifd(0x8825)[1] = "N"
    photo = tmp_path / f"p.{kind.lower()}"
    Image.new("RGB", (40, 30), (10, 200, 90)).save(photo, format=kind, exif=exif)
    assert MARKER in photo.read_bytes()
    assert run("attach", incident[:8], str(photo)).code == 0
    out = tmp_path / "share"
    out.mkdir()
    r = run("files", incident[:8], "--share-copy", str(out))
    assert r.code == 0 and "1 copy(ies)" in r.out, r.err
    (copy,) = out.iterdir()
    assert MARKER not in copy.read_bytes()
    with Image.open(copy) as img:
        assert img.format == kind and not img.getexif().get(0x0131)
        got = img.convert("RGB").getpixel((5, 5))  # WebP is encoded lossy: nearly the same
        assert all(abs(a - b) <= 3 for a, b in zip(got, (10, 200, 90), strict=True))


def test_attaching_again_says_a_lost_copy_is_stored_again(run, ws, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    incident = _incident(run)
    doc = tmp_path / "statement.txt"
    doc.write_bytes(b"what the neighbour saw " * 500)
    assert run("attach", incident[:8], str(doc)).code == 0
    said = run("attach", incident[:8], str(doc))
    assert said.code == 0 and "nothing changed" in said.out
    file_store(ws).path_of(_sha(doc.read_bytes())).unlink()
    said = run("attach", incident[:8], str(doc))
    assert said.code == 0 and "lost or damaged copy is stored again" in said.out, said.out
    assert run("verify").code == 0


def test_an_import_repairs_a_damaged_copy_of_a_file_it_carries(ws, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.integration.test_evidence_sync import _other

    from tawthiq import services
    from tawthiq.services import Desk

    incident = Desk(ws).save({"title_en": "Strike"}).incident_id
    data = os.urandom(50_000)
    photo = tmp_path / "p.jpg"
    photo.write_bytes(data)
    Desk(ws).files.attach(incident, [photo])
    export = tmp_path / "e.tawthiq"
    services.sync.export_database(ws, export)
    other = _other(ws, tmp_path)
    try:
        services.sync.import_files(other, [export], accept_new=True)
        store = file_store(other)
        stored = store.path_of(_sha(data))
        stored.chmod(0o600)
        raw = bytearray(stored.read_bytes())
        raw[-50] ^= 0x10
        stored.write_bytes(bytes(raw))
        assert not Desk(other).trail.verify().ok
        assert services.sync.import_files(other, [export], accept_new=True).files_received == 1
        assert store.problem(_sha(data)) is None
        assert Desk(other).trail.verify().ok
    finally:
        other.close()


@pytest.mark.parametrize("at_rest", ["encrypted"], indirect=True)
def test_a_file_a_cut_protect_left_plain_is_named_then_sealed_by_attaching_again(
    run, ws, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from tawthiq.store.evidence_store import MAGIC

    incident = _incident(run)
    video = tmp_path / "strike.mp4"
    data = b"PLAIN-FRAME " * 30_000
    video.write_bytes(data)
    assert run("attach", incident[:8], str(video)).code == 0
    stored = file_store(ws).path_of(_sha(data))
    stored.chmod(0o600)
    stored.write_bytes(data)  # as a protect cut off before this file leaves it
    r = run("verify")
    assert r.code == 1 and "strike.mp4" in r.err and "unencrypted" in r.err, r.err
    assert run("attach", incident[:8], str(video)).code == 0
    on_disk = stored.read_bytes()
    assert on_disk.startswith(MAGIC) and b"PLAIN-FRAME" not in on_disk
    assert run("verify").code == 0
