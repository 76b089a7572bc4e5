"""Nothing a documenter keeps leaks into what leaves the laptop or stays behind in a log:
a PDF's metadata names no local user, home folder or computer; a public PDF repeats no
words searched for; a bug is reported by its type and place, never by its message, which
may quote report text."""

from __future__ import annotations

import logging
import os
import re
import socket
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from tawthiq import services

MARK = "ZAYNABMARK"  # the local user's name, as the system knows it


def _everything_in(pdf: Path) -> bytes:
    """A PDF's bytes with each of its compressed streams opened, where metadata, text and
    page content may hide."""
    data = pdf.read_bytes()
    opened = [data]
    for found in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            opened.append(zlib.decompress(found.group(1)))
        except zlib.error:
            continue
    return b"\n".join(opened)


def _info(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def _tawthiq(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real command in its own process, for a local user whose name and home folder are
    markers (as a laptop's account is named after its owner)."""
    env = {**os.environ, "HOME": str(home), "USER": MARK, "LOGNAME": MARK,
           "TAWTHIQ_DATA_DIR": str(home / ".local" / "share" / "tawthiq")}  # fmt: skip
    env.pop("TAWTHIQ_AUTHOR", None)
    return subprocess.run(
        [sys.executable, "-m", "tawthiq", *args],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=home,
    )


def test_a_pdf_names_no_local_user_home_folder_or_computer(tmp_path: Path) -> None:
    home = tmp_path / f"home-{MARK}"
    home.mkdir()
    db = str(home / "records.db")
    made = _tawthiq(home, "add", "--title-en", "Shelling of Maram camp", "--killed", "9",
                    "--confidentiality", "public", "--author", "Amal", "--db", db)  # fmt: skip
    assert made.returncode == 0, made.stderr
    incident = made.stdout.strip()[:8]
    host = socket.gethostname()
    for public in (False, True):
        pdf = home / f"report-{public}.pdf"
        args = ["report", incident, "-o", str(pdf), "--db", db, *(["--public"] * public)]
        assert _tawthiq(home, *args).returncode == 0
        info = _info(pdf)
        fields = " ".join(info.get(k, "") for k in ("Title", "Subject", "Keywords", "Author",
                                                     "Creator", "Producer"))  # fmt: skip
        assert MARK not in fields and str(home) not in fields
        assert info.get("Author", "") == ""  # no --author given: nobody is named
        inside = _everything_in(pdf)
        assert MARK.encode() not in inside and str(tmp_path).encode() not in inside
        if len(host) >= 6:  # a short name ("vm") is found by chance in compressed bytes
            assert host.encode() not in inside
    # the documenter's chosen name is the only name a private report's metadata carries
    named = home / "named.pdf"
    done = _tawthiq(home, "report", incident, "-o", str(named), "--db", db, "--author", "Amal")
    assert done.returncode == 0 and _info(named).get("Author") == "Amal"


def test_a_public_pdf_does_not_repeat_the_words_searched_for(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A search for a witness's name chose the incidents; a public report said so, name
    and all, on its first page."""
    from test_report import pdf_text

    for place in ("Atarib", "Sarmada"):
        added = run("add", "--title-en", f"Strike on the {place} market", "--confidentiality",
                    "public", "--notes", "told by Abu Khaled")  # fmt: skip
        assert added.code == 0
    pdf = tmp_path / "public.pdf"
    done = run("report", "--public", "--search", "market", "-o", str(pdf))
    assert done.code == 0, done.err
    text = pdf_text(pdf)
    assert "Strike on the Atarib market" in text and "words searched for" in text
    assert "«market»" not in text and "Abu Khaled" not in text
    private = tmp_path / "private.pdf"
    assert run("report", "--search", "market", "-o", str(private)).code == 0
    assert "«market»" in pdf_text(private)  # a report for the documenters says how it chose


def test_a_public_pdf_cites_a_witness_account_without_its_text(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A source report is what was pasted: a witness's account names the witness. A public
    report printed it whole; now it cites it (outlet, dates) and says why not more."""
    from test_report import pdf_text

    account = tmp_path / "account.txt"
    account.write_text(
        "Abu Khaled Haddad, who lives beside the market, said that an air strike hit the "
        "Atarib market on 2 February 2022 in the morning, killing eight people.",
        "utf-8",
    )
    ingested = run("ingest", str(account), "--ref-date", "2022-02-03", "--outlet", "Syria TV")
    assert ingested.code == 0, ingested.err
    incident = ingested.out.split()[0][:8]
    assert run("edit", incident, "--confidentiality", "public").code == 0
    public, private = tmp_path / "public.pdf", tmp_path / "private.pdf"
    assert run("report", incident, "--public", "-o", str(public)).code == 0
    assert run("report", incident, "-o", str(private)).code == 0
    assert "Abu Khaled Haddad" in pdf_text(private)  # the documenters' copy keeps it
    text = " ".join(pdf_text(public).split())
    assert "Abu Khaled" not in text and "Haddad" not in text
    assert "Syria TV" in text and "a witness's account names the witness" in text


def test_an_exports_temporary_file_does_not_name_the_computer() -> None:
    """A killed export leaves its temporary file on the stick; its name carried a hash of
    the computer's name alone, which anyone who guesses the name ("amal-laptop") can check."""
    import hashlib

    from tawthiq.sync.stream import part_name

    name = part_name("out.tawthiq", 1234)
    host = socket.gethostname()
    assert hashlib.sha256(host.encode()).hexdigest()[:8] not in name
    assert part_name("other.tawthiq", 99).split("-")[1][:8] == name.split("-")[1][:8]  # stable


def test_an_unexpected_error_says_its_type_and_place_never_its_message(
    run, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """A bug whose message quotes a record (a KeyError on a value, a ValueError repeating
    the text it choked on) printed that record on standard error, where logs keep it."""
    added = run("add", "--title-en", "Maram camp", "--narrative", "WITNESS-MARK spoke")
    assert added.code == 0

    def broken(self, incident_id: str):  # type: ignore[no-untyped-def]
        raise ValueError("cannot read 'WITNESS-MARK spoke, passphrase hunter2'")

    monkeypatch.setattr(services.Desk, "incident", broken)
    monkeypatch.delenv("TAWTHIQ_DEBUG", raising=False)
    done = run("show", added.out.strip()[:8])
    assert done.code == 70 and done.out == ""
    said = done.err.strip()
    assert said.count("\n") == 0 and "WITNESS-MARK" not in said and "hunter2" not in said
    assert re.fullmatch(
        r"tawthiq: unexpected error \(ValueError in tawthiq/cli/__init__\.py:\d+\); run again "
        r"with TAWTHIQ_DEBUG=1 and report it",
        said,
    ), said


def test_a_failed_operation_of_the_window_logs_no_record_text(
    qtbot, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from tawthiq.ui.ops import Runner, error_sentence

    monkeypatch.delenv("TAWTHIQ_DEBUG", raising=False)
    runner = Runner()

    def work() -> None:
        raise KeyError("WITNESS-MARK told us")

    with caplog.at_level(logging.ERROR):
        runner.run(work)  # nobody to tell: it is logged
        qtbot.waitUntil(lambda: runner.busy == 0, timeout=5000)
    assert "operation failed: KeyError in tawthiq/" in caplog.text
    assert "WITNESS-MARK" not in caplog.text
    assert all(r.exc_info is None for r in caplog.records)
    shown = error_sentence(ValueError("WITNESS-MARK"))
    assert "WITNESS-MARK" not in shown and "ValueError" in shown
    runner.wait()


_SLOT_BUG = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from tawthiq.ui.ops import quiet_bugs

app = QApplication([])
quiet_bugs()  # as the application does

def slot():
    raise ValueError("cannot place 'WITNESS-MARK spoke'")

QTimer.singleShot(0, slot)
QTimer.singleShot(200, app.quit)
app.exec()
"""


def test_a_bug_in_a_slot_of_the_window_is_told_without_its_message(tmp_path: Path) -> None:
    """Python's own report of a bug in a slot is a traceback ending in the exception's
    message; a desktop session keeps the window's stderr in its journal."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("TAWTHIQ_DEBUG", None)
    done = subprocess.run([sys.executable, "-c", _SLOT_BUG], env=env, capture_output=True,
                          text=True, timeout=60, cwd=tmp_path)  # fmt: skip
    assert "unexpected error (ValueError" in done.stderr
    assert "WITNESS-MARK" not in done.stderr and "Traceback" not in done.stderr
    env["TAWTHIQ_DEBUG"] = "1"
    debug = subprocess.run([sys.executable, "-c", _SLOT_BUG], env=env, capture_output=True,
                           text=True, timeout=60, cwd=tmp_path)  # fmt: skip
    assert "WITNESS-MARK" in debug.stderr  # asked for: the whole traceback
