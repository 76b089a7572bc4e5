"""``tawthiq protect``, ``unprotect``, ``passphrase`` and ``erase`` as a documenter runs
them from a terminal-less script (``--passphrase-file``), each command a fresh process as
far as keys go (nothing unlocked carries over)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tawthiq.store import keystore, protection

PLAIN_ONLY = True  # each scene starts from a plain laptop and protects it itself

PLAIN_HEADER = b"SQLite format 3\x00"


@pytest.fixture
def tq(run):  # type: ignore[no-untyped-def]
    def _tq(*args: str):  # type: ignore[no-untyped-def]
        keystore.forget()  # a new command: a new process, nothing unlocked
        return run(*args)

    return _tq


def _file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text + "\n", "utf-8")
    return path


def test_protect_then_every_command_needs_the_passphrase(  # type: ignore[no-untyped-def]
    tq, db_path: Path, data_dir: Path, tmp_path: Path
) -> None:
    assert tq("add", "--title", "قصف مخيم مرام", "--date", "2022-11-06", "--killed", "9").code == 0
    pw = _file(tmp_path, "pw", "a passphrase for the field")
    r = tq("protect", "--passphrase-file", str(pw))
    assert r.code == 0, r.err
    words = r.out.splitlines()[-1].strip()
    assert len(words.split()) == 12  # shown once, on standard output, without asking back
    assert db_path.read_bytes()[:16] != PLAIN_HEADER
    assert protection.key_file(db_path).exists() and (data_dir / "laptop-keys.json").exists()

    locked = tq("list")
    assert locked.code == 2 and locked.out == ""
    assert locked.err.count("\n") == 1 and "--passphrase-file" in locked.err
    listed = tq("list", "--passphrase-file", str(pw))
    assert listed.code == 0 and "مخيم مرام" in listed.out, listed.err
    assert tq("verify", "--passphrase-file", str(pw)).code == 0

    before = db_path.read_bytes(), protection.key_file(db_path).read_bytes()
    wrong = tq("list", "--passphrase-file", str(_file(tmp_path, "bad", "not the passphrase")))
    assert wrong.code == 2 and wrong.err == (
        "tawthiq: the passphrase is not right; nothing was opened or changed\n"
    )
    assert (db_path.read_bytes(), protection.key_file(db_path).read_bytes()) == before

    # a new passphrase; the old one no longer opens, the recovery words still do
    new = _file(tmp_path, "new", "another passphrase")
    r = tq("passphrase", "--passphrase-file", str(pw), "--new-passphrase-file", str(new))
    assert r.code == 0, r.err
    assert tq("list", "--passphrase-file", str(pw)).code == 2
    assert tq("list", "--passphrase-file", str(new)).code == 0
    third = _file(tmp_path, "third", "a third passphrase")
    words_file = _file(tmp_path, "words", words.upper())
    r = tq("passphrase", "--recovery-file", str(words_file), "--new-passphrase-file", str(third))
    assert r.code == 0, r.err
    assert "مخيم مرام" in tq("list", "--passphrase-file", str(third)).out

    r = tq("unprotect", "--passphrase-file", str(third))
    assert r.code == 0, r.err
    assert db_path.read_bytes()[:16] == PLAIN_HEADER
    assert not protection.key_file(db_path).exists()
    assert "مخيم مرام" in tq("list").out  # no passphrase any more
    assert not (data_dir / "laptop-keys.json").exists()


def test_erase_destroys_the_keys_before_anything_else(  # type: ignore[no-untyped-def]
    tq, db_path: Path, data_dir: Path, tmp_path: Path
) -> None:
    assert tq("add", "--title", "Shelling of Maram camp", "--date", "2022-11-06").code == 0
    pw = _file(tmp_path, "pw", "a passphrase for the field")
    words = tq("protect", "--passphrase-file", str(pw)).out.splitlines()[-1]
    wrapped = keystore.wrapped_bytes(keystore.read_key_file(protection.key_file(db_path)))
    refused = tq("erase")
    assert refused.code == 2 and "--yes" in refused.err and db_path.exists()
    r = tq("erase", "--yes")
    assert r.code == 0 and "recovery words" in r.out, r.err
    assert not db_path.exists() and not protection.key_file(db_path).exists()
    for folder in (db_path.parent, data_dir):
        for f in folder.rglob("*"):
            if f.is_file():
                data = f.read_bytes()
                assert not any(w in data or w.hex().encode() in data for w in wrapped), f
    assert not (data_dir / "device-key.json").exists()
    words_file = _file(tmp_path, "words", words)
    gone = tq("passphrase", "--recovery-file", str(words_file), "--new-passphrase-file", str(pw))
    assert gone.code == 2 and gone.err.count("\n") == 1


def test_a_database_from_the_command_line_stays_plain_until_protect(  # type: ignore[no-untyped-def]
    tq, db_path: Path
) -> None:
    assert tq("add", "--title", "x", "--date", "2022-11-06").code == 0
    assert db_path.read_bytes()[:16] == PLAIN_HEADER
    r = tq("protect")  # no terminal, no passphrase file
    assert r.code == 2 and "--passphrase-file" in r.err
    assert db_path.read_bytes()[:16] == PLAIN_HEADER
    again = tq("unprotect")
    assert again.code == 2 and "not protected" in again.err


def test_protect_is_refused_while_the_database_is_open_elsewhere(  # type: ignore[no-untyped-def]
    tq, db_path: Path, data_dir: Path, tmp_path: Path
) -> None:
    import subprocess
    import sys

    assert tq("add", "--title", "Shelling", "--date", "2022-11-06").code == 0
    holder = subprocess.Popen(  # another program with the database open (as the window has)
        [sys.executable, "-c", "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1]); "
         "c.execute('SELECT count(*) FROM event').fetchone(); print('open', flush=True); "
         "time.sleep(60)", str(db_path)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        before = db_path.read_bytes()
        pw = _file(tmp_path, "pw", "a passphrase for the field")
        r = tq("protect", "--passphrase-file", str(pw))
        assert r.code == 3 and "open in another program" in r.err
        assert db_path.read_bytes() == before
        assert not (data_dir / "laptop-keys.json").exists()  # the laptop's secrets untouched
    finally:
        holder.kill()
        holder.wait()
    assert tq("protect", "--passphrase-file", str(pw)).code == 0
