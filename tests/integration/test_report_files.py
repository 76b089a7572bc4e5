"""Evidence files in the PDF: each file's thumbnail (a photo's) or kind, type, size, when
attached and its whole SHA-256; the name it came under only in a report that is not public;
no EXIF of a photo in the PDF; and the printed fingerprint covering the files printed."""

from __future__ import annotations

import hashlib
import re
import subprocess
from pathlib import Path

from test_evidence_files import MARKER, exif_photo
from test_report import pdf_text


def _incident(run, *, public: bool = False) -> str:  # type: ignore[no-untyped-def]
    args = ["--confidentiality", "public"] if public else []
    said = run("add", "--title-en", "Strike on the market", "--killed", "3", *args)
    assert said.code == 0, said.err
    return said.out.split()[0]


def _joined(text: str) -> str:
    """The text with every space and line break gone: a hash cut across lines is whole."""
    return re.sub(r"\s+", "", text)


def _fingerprint(text: str) -> str:
    found = re.search(r"tawthiq verify --fingerprint ([0-9a-f]{16})", text)
    assert found, text
    return found.group(1)


def test_a_full_report_prints_each_file_its_name_and_whole_sha256(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    incident = _incident(run)
    photo = tmp_path / "witness-photo-market.jpg"
    data = exif_photo(photo)
    doc = tmp_path / "statement-abu-khaled.pdf"
    doc.write_bytes(b"%PDF-1.4 a statement\n")
    attach = run("attach", incident[:8], str(photo), str(doc), "--origin", "WhatsApp-from-Abu")
    assert attach.code == 0, attach.err
    pdf = tmp_path / "full.pdf"
    r = run("report", incident[:8], "-o", str(pdf))
    assert r.code == 0, r.err
    text = pdf_text(pdf)
    assert "Files" in text and "الملفات" in text
    joined = _joined(text)
    assert hashlib.sha256(data).hexdigest() in joined
    assert hashlib.sha256(doc.read_bytes()).hexdigest() in joined
    assert "witness-photo-market.jpg" in text and "statement-abu-khaled.pdf" in text
    assert "WhatsApp-from-Abu" in text and "Canon EOS 80D" in text  # private, not public
    assert "image/jpeg" in text and f"{len(data):,} bytes" in text
    assert "PDF document" in " ".join(text.split())  # a narrow cell: on two lines
    assert "Test documenter" in text
    # the thumbnail is in the PDF as an image; the photo's EXIF is not
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True)
    assert len(images.stdout.strip().splitlines()) >= 3, images.stdout  # head, rule, one image
    raw = pdf.read_bytes()
    assert MARKER not in raw and b"Exif" not in raw and b"Canon" not in raw
    # every font of the report embedded, the SHA-256s' too
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    assert rows and all(r[-5] == "yes" for r in rows), fonts


def test_a_public_report_leaves_out_names_origins_and_who_attached(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    incident = _incident(run, public=True)
    photo = tmp_path / "witness-photo-market.jpg"
    data = exif_photo(photo)
    assert run("attach", incident[:8], str(photo), "--origin", "WhatsApp-from-Abu").code == 0
    pdf = tmp_path / "public.pdf"
    r = run("report", incident[:8], "--public", "-o", str(pdf))
    assert r.code == 0, r.err
    text = pdf_text(pdf)
    assert hashlib.sha256(data).hexdigest() in _joined(text)
    assert "image/jpeg" in text and "Files" in text
    for private in ("witness-photo-market", "WhatsApp-from-Abu", "Canon", "Test documenter"):
        assert private not in text, private
    raw = pdf.read_bytes()
    assert MARKER not in raw and b"Exif" not in raw and b"Canon" not in raw
    listed = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True)
    # no picture of the photo in a public report: the face of someone it names no one for
    # would go out unblurred (the full report prints its thumbnail, made from pixels alone)
    assert " image " not in listed.stdout


def test_detaching_or_attaching_after_printing_is_a_change_since(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    incident = _incident(run)
    photo = tmp_path / "a.jpg"
    data = exif_photo(photo)
    assert run("attach", incident[:8], str(photo)).code == 0
    pdf = tmp_path / "r.pdf"
    assert run("report", incident[:8], "-o", str(pdf)).code == 0
    printed = _fingerprint(pdf_text(pdf))
    now = run("verify", "--fingerprint", printed)
    assert now.code == 0 and "as it is now" in now.out, now.out + now.err

    sha = hashlib.sha256(data).hexdigest()
    detached = run("files", incident[:8], "--detach", sha[:12])
    assert detached.code == 0, detached.err
    after = run("verify", "--fingerprint", printed)
    assert after.code == 0 and "as it is now" not in after.out
    assert "1 change(s) were made after it was printed" in after.out

    # a report printed now has no file; attaching one afterwards changes it too
    again = tmp_path / "r2.pdf"
    assert run("report", incident[:8], "-o", str(again)).code == 0
    text = pdf_text(again)
    assert sha not in _joined(text) and "الملفات" not in text
    second = _fingerprint(text)
    other = tmp_path / "b.pdf"
    other.write_bytes(b"%PDF-1.4 another\n")
    assert run("attach", incident[:8], str(other)).code == 0
    assert "as it is now" not in run("verify", "--fingerprint", second).out


def test_show_lists_the_files_and_detach_refuses_in_one_sentence(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    incident = _incident(run)
    photo = tmp_path / "witness.jpg"
    sha = hashlib.sha256(exif_photo(photo)).hexdigest()
    assert run("show", incident[:8]).out.count("Files (") == 0  # none yet: nothing said
    assert run("attach", incident[:8], str(photo)).code == 0
    shown = run("show", incident[:8])
    assert shown.code == 0, shown.err
    lines = shown.out.splitlines()
    at = lines.index("Files (1):")
    line = lines[at + 1]
    assert line.split()[0] == sha[:12]
    assert "image/jpeg" in line and "Test documenter" in line and "UTC" in line
    assert "witness.jpg" in line

    for bad, said in (
        ("xyz", "is not a SHA-256: give at least its first 6 characters"),
        ("abc", "is not a SHA-256"),
        ("000000", f"no file attached to incident {incident[:8]} has a SHA-256 starting 000000"),
    ):
        r = run("files", incident[:8], "--detach", bad)
        assert r.code == 2 and said in r.err, r.err
        assert r.err.count("\n") == 1 and "Traceback" not in r.err
    r = run("files", incident[:8], "--detach", sha[:8], "--share-copy", str(tmp_path))
    assert r.code == 2 and "--detach goes alone" in r.err
    assert "Files (1):" in run("show", incident[:8]).out  # nothing changed

    done = run("files", incident[:8], "--detach", sha[:8].upper())
    assert done.code == 0, done.err
    assert done.out.startswith(f"{sha}  detached from incident {incident[:8]}")
    assert "Files (" not in run("show", incident[:8]).out
    listed = run("files", incident[:8]).out.strip()
    assert listed == f"0 file(s) attached to incident {incident[:8]}"
    again = run("files", incident[:8], "--detach", sha[:8])
    assert again.code == 2 and "has a SHA-256 starting" in again.err


def test_a_file_row_changed_behind_the_log_stops_the_report(run, ws, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from conftest import connect

    incident = _incident(run)
    photo = tmp_path / "p.jpg"
    sha = hashlib.sha256(exif_photo(photo)).hexdigest()
    assert run("attach", incident[:8], str(photo)).code == 0
    con = connect(ws.db.path)
    with con:  # a SHA-256 put in the table by hand: a printed copy would show a false one
        con.execute("UPDATE evidence_file SET sha256 = ? WHERE sha256 = ?", ("0" * 64, sha))
    con.close()
    pdf = tmp_path / "r.pdf"
    r = run("report", incident[:8], "-o", str(pdf))
    assert r.code != 0 and "the report was not written" in r.err and "evidence_file" in r.err
    assert not pdf.exists()
