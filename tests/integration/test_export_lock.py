"""``tawthiq export`` locks its file unless told in so many words not to: to a recipient's
key, with the export's own passphrase (a file, ``$TAWTHIQ_PASSPHRASE``, or asked twice on
the terminal), or plain with ``--unencrypted``, which says what the file exposes. With no
choice and no terminal to ask on, it refuses; the passphrase never shows on the screen."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tawthiq.store import open_database
from tawthiq.store.bookkeeping import last_export_heads

PLAIN_ONLY = True  # written for a plain laptop; the export's lock is the same on both

PHRASE = "correct horse battery"


@pytest.fixture
def recorded(run, db_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """A database holding an incident whose title is a marker."""
    assert run("add", "--title-en", "Maram camp MARKER-TITLE", "--killed", "9").code == 0
    return db_path


def _phrase_file(tmp_path: Path, text: str = PHRASE + "\n") -> Path:
    path = tmp_path / "export-phrase.txt"
    path.write_text(text, "utf-8")
    return path


def _plain(path: Path) -> bool:
    """Whether anyone can read the export: a gzip of JSON lines that name our format."""
    try:
        return b'"format":"tawthiq-export"' in gzip.decompress(path.read_bytes())
    except OSError:
        return False


def _exported(db: Path) -> bool:
    """Whether the database noted an export (for the next `--since last`)."""
    database = open_database(db, read_only=True)
    try:
        with database.read() as s:
            return last_export_heads(s) is not None
    finally:
        database.close()


def test_with_no_choice_and_no_terminal_export_refuses_naming_the_three(
    recorded: Path, tmp_path: Path
) -> None:
    """The real command in its own process, its input not a terminal (a script, a cron job):
    it wrote an export anyone could read; now it says how to choose, and writes nothing."""
    target = tmp_path / "out.tawthiq"
    env = {k: v for k, v in os.environ.items() if k != "TAWTHIQ_PASSPHRASE"}
    done = subprocess.run(
        [sys.executable, "-m", "tawthiq", "export", "-o", str(target), "--db", str(recorded)],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and done.stdout == ""
    said = done.stderr.strip()
    assert said.count("\n") == 0 and said.startswith("tawthiq: ")
    for option in ("--to KEY", "--export-passphrase-file F", "--passphrase", "--unencrypted"):
        assert option in said
    assert not target.exists() and not _exported(recorded)


def test_unencrypted_is_the_explicit_choice_and_says_what_it_exposes(
    run, recorded: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "out.tawthiq"
    done = run("export", "-o", str(target), "--unencrypted")
    assert done.code == 0 and "not encrypted" in done.out
    assert _plain(target) and b"MARKER-TITLE" in gzip.decompress(target.read_bytes())
    warning = done.err.strip()
    assert warning.count("\n") == 0
    for exposed in ("not encrypted", "anyone who gets the file", "every record", "names"):
        assert exposed in warning


def test_a_passphrase_file_locks_the_export_and_opens_it(
    run, recorded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("TAWTHIQ_PASSPHRASE", raising=False)
    phrase = _phrase_file(tmp_path)  # its line ending is not part of the passphrase
    target = tmp_path / "out.tawthiq"
    done = run("export", "-o", str(target), "--export-passphrase-file", str(phrase))
    assert done.code == 0 and "encrypted with a passphrase" in done.out and done.err == ""
    assert not _plain(target) and b"MARKER" not in target.read_bytes()
    other = tmp_path / "other.db"
    monkeypatch.setenv("TAWTHIQ_DATA_DIR", str(tmp_path / "other-keys"))
    refused = run("import", str(target), "--accept-new-devices", db=other)
    assert refused.code == 2 and "give its passphrase" in refused.err
    monkeypatch.setenv("TAWTHIQ_PASSPHRASE", PHRASE)  # the same passphrase, as typed
    assert run("import", str(target), "--accept-new-devices", db=other).code == 0
    monkeypatch.delenv("TAWTHIQ_PASSPHRASE")
    again = run("import", str(target), "--export-passphrase-file", str(phrase), db=other)
    assert again.code == 0 and "0 new events" in again.out


def test_the_environments_passphrase_still_locks_an_export(
    run, recorded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TAWTHIQ_PASSPHRASE", PHRASE)
    target = tmp_path / "out.tawthiq"
    done = run("export", "-o", str(target))
    assert done.code == 0 and "encrypted with a passphrase" in done.out
    assert not _plain(target)


@pytest.mark.parametrize(
    "options",
    [
        ["--to", "KEY", "--unencrypted"],
        ["--to", "KEY", "--export-passphrase-file", "PHRASE"],
        ["--unencrypted", "--export-passphrase-file", "PHRASE"],
        ["--unencrypted", "--passphrase"],
        ["--passphrase", "--export-passphrase-file", "PHRASE"],
    ],
)
def test_choices_that_contradict_each_other_are_refused(
    run, recorded: Path, tmp_path: Path, options: list[str]
) -> None:  # type: ignore[no-untyped-def]
    key = "tqk-" + "a" * 52
    phrase = str(_phrase_file(tmp_path))
    target = tmp_path / "out.tawthiq"
    given = [key if o == "KEY" else phrase if o == "PHRASE" else o for o in options]
    done = run("export", "-o", str(target), *given)
    assert done.code == 2 and done.out == "" and done.err.count("\n") == 1
    assert "nothing was exported" in done.err and PHRASE not in done.err
    assert not target.exists() and not _exported(recorded)


def test_on_a_terminal_the_passphrase_is_asked_twice(
    run, recorded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    import getpass

    monkeypatch.delenv("TAWTHIQ_PASSPHRASE", raising=False)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    prompts: list[str] = []
    answers = iter([PHRASE, PHRASE + "!", PHRASE, PHRASE])

    def typed(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr(getpass, "getpass", typed)
    target = tmp_path / "out.tawthiq"
    differ = run("export", "-o", str(target))
    assert differ.code == 2 and "differ" in differ.err and PHRASE not in differ.err
    assert not target.exists()
    done = run("export", "-o", str(target))
    assert done.code == 0 and not _plain(target) and len(prompts) == 4
    assert all("export" in p or "again" in p for p in prompts)


def test_passphrases_never_show_in_what_is_said(
    run, recorded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """A wrong passphrase, a passphrase too short, a file that is no text: the sentence
    names the file at most, never what it holds."""
    monkeypatch.delenv("TAWTHIQ_PASSPHRASE", raising=False)
    target = tmp_path / "out.tawthiq"
    assert run("export", "-o", str(target), "--export-passphrase-file",
               str(_phrase_file(tmp_path))).code == 0  # fmt: skip
    wrong = _phrase_file(tmp_path, "SECRET-WRONG-horse\n")
    monkeypatch.setenv("TAWTHIQ_DATA_DIR", str(tmp_path / "other-keys"))
    other = tmp_path / "other.db"
    said = run("import", str(target), "--export-passphrase-file", str(wrong), db=other)
    assert said.code == 2 and "passphrase is wrong" in said.err
    assert "SECRET-WRONG" not in said.err + said.out
    short = _phrase_file(tmp_path, "SECRET\n")
    said = run("export", "-o", str(tmp_path / "b.tawthiq"), "--export-passphrase-file", str(short))
    assert said.code == 2 and "at least 8" in said.err and "SECRET" not in said.err
    (tmp_path / "binary").write_bytes(b"\xffSECRET-BYTES\n")
    said = run("export", "-o", str(tmp_path / "c.tawthiq"),
               "--export-passphrase-file", str(tmp_path / "binary"))  # fmt: skip
    assert said.code == 2 and "not UTF-8" in said.err and "SECRET" not in said.err
    missing = run("export", "-o", str(tmp_path / "d.tawthiq"),
                  "--export-passphrase-file", str(tmp_path / "nowhere"))  # fmt: skip
    assert missing.code == 2 and "cannot read the passphrase file" in missing.err
