"""A protected laptop at rest (issue 16): after a session of work, a crash and a merge,
nothing readable is left in its folders; a wrong passphrase changes nothing; an erase
leaves no key; reading commands change no byte; the previous release's database can be
protected."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from laptops import Laptop

from conftest import PASSPHRASE, fast_kdf, protect_for_tests
from tawthiq import cli, services
from tawthiq.services import protection as use_cases
from tawthiq.store import keystore, protection, secure_files

FIXTURE = Path(__file__).parent / "fixtures" / "release-0.1"
MARKER, MARKER_AR = "QZXMARKER", "قزكسعلامة"
WITNESS, WITNESS_AR = "Khalid Haddad", "خالد الحداد"
# the last two: the fixture's witness, and the name the tests' documenter signs with
SECRETS = (MARKER, MARKER_AR, WITNESS, WITNESS_AR, "أبو محمد", "Test documenter")


def _tawthiq(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``tawthiq ARGS`` in this process, as typed (the passphrase from the environment)."""
    try:
        code = cli.main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def _child(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tawthiq", *args],
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _encodings(word: str) -> list[bytes]:
    """The ways a word may lie in a file: UTF-8, UTF-16 either way round, JSON-escaped."""
    escaped = json.dumps(word)[1:-1].encode()
    return [word.encode("utf-8"), word.encode("utf-16-le"), word.encode("utf-16-be"), escaped]


def _leaks(*folders: Path, words: tuple[str, ...] = SECRETS) -> list[str]:
    """Every file under ``folders`` whose bytes (or name) hold one of ``words``."""
    found = []
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            data = path.read_bytes()
            for word in words:
                if word in str(path) or any(form in data for form in _encodings(word)):
                    found.append(f"{path.relative_to(folder)}: {word}")
    return found


def _files(*folders: Path) -> dict[str, str]:
    """Every file under ``folders`` and the SHA-256 of its bytes."""
    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest()
        for folder in folders
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _passphrase_file(folder: Path, text: str = PASSPHRASE, name: str = "pass.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text + "\n", "utf-8")
    return path


def _fill_other_laptop(root: Path, n: int) -> Path:
    """Basel's laptop (plain, elsewhere) with ``n`` incidents naming the witness and the
    marker; its export, on a stick."""
    basel = Laptop(root, "Basel")
    batch = [
        {"title_en": f"{MARKER} {i}", "title_ar": f"{MARKER_AR} {i}", "killed": i % 30,
         "narrative": f"{WITNESS_AR} قال {i}", "private_notes": f"witness: {WITNESS}"}
        for i in range(n)
    ]  # fmt: skip
    with basel.ws.writing() as w:
        services.incidents.create_incidents(w, batch)
    bundle = basel.export(f"basel-{n}.tawthiq")
    basel.close()
    return bundle


# -- nothing readable in the folders ---------------------------------------------------------


def test_no_byte_of_a_protected_laptops_folder_names_the_marker_or_the_witness(
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The previous release's database in the default place, protected with `tawthiq
    protect`, then a session of work (ingest, add, edit), a merge, an export, an import
    killed with -9 half-way, and the reading after it: the data folder (database, -wal, -shm,
    journals, the backup before the upgrade, key files, settings, sealed files) and the
    temporary folder hold no trace of the report's words or the witness's name."""
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr("tempfile.tempdir", str(temp))
    shutil.copytree(FIXTURE / "data", data_dir)
    db = data_dir / "tawthiq.db"  # the default database, beside the laptop's keys
    shutil.copy(FIXTURE / "laptop-a.db", db)
    secret = _passphrase_file(tmp_path / "outside")
    monkeypatch.setenv("TAWTHIQ_PASSPHRASE_FILE", str(secret))
    stick = tmp_path / "stick"
    stick.mkdir()
    bundle = _fill_other_laptop(stick, 3)
    big = _fill_other_laptop(tmp_path / "big", 600)

    code, out, err = _tawthiq(capsys, "protect")
    assert code == 0 and "recovery words" in out, err
    report = tmp_path / "outside" / "report.txt"
    report.write_text(
        f"قصف مخيم مرام في إدلب صباح اليوم الأحد 6 تشرين الثاني 2022 ومقتل 9 مدنيين. "
        f"{MARKER_AR} وقال الشاهد {WITNESS_AR} ({WITNESS}) إن {MARKER} ...",
        "utf-8",
    )
    code, out, err = _tawthiq(capsys, "ingest", str(report), "--ref-date", "2022-11-06")
    assert code == 0, err
    code, out, err = _tawthiq(
        capsys, "add", "--title-en", f"{MARKER} market", "--notes", f"witness: {WITNESS_AR}"
    )
    assert code == 0, err
    added = out.split()[0]
    code, out, err = _tawthiq(capsys, "edit", added, "--narrative", f"{WITNESS} saw it; {MARKER}")
    assert code == 0, err
    code, out, err = _tawthiq(capsys, "import", str(bundle), "--accept-new-devices")
    assert code == 0, err
    code, out, err = _tawthiq(capsys, "export", "-o", str(stick / "amal.tawthiq"), "--unencrypted")
    assert code == 0, err
    assert db.with_name("tawthiq.db.before-upgrade-from-0003").exists()  # the upgrade's backup

    wal = db.with_name("tawthiq.db-wal")
    size = wal.stat().st_size if wal.exists() else 0
    proc = _child("import", str(big), "--accept-new-devices")
    deadline = time.monotonic() + 120
    while not (wal.exists() and wal.stat().st_size > size):
        assert proc.poll() is None, proc.communicate()[1].decode()
        assert time.monotonic() < deadline, "the import never wrote"
        time.sleep(0.002)
    time.sleep(0.05)
    assert proc.poll() is None, "the import finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert wal.stat().st_size > size  # the crash left its write-ahead log behind
    assert _leaks(data_dir, temp) == []  # the laptop as it is found after the crash

    keystore.forget()  # the next session
    code, out, err = _tawthiq(capsys, "verify")
    assert code == 0, err
    code, out, err = _tawthiq(capsys, "show", added)
    assert code == 0 and MARKER in out  # the words are there, for whoever has the passphrase
    assert _leaks(data_dir, temp) == []
    assert {p.name for p in data_dir.iterdir()} >= {
        "tawthiq.db", "tawthiq.db.keys", "laptop-keys.json", "device-key.json",
        "private-settings.json", "tawthiq.db.before-upgrade-from-0003",
    }  # fmt: skip


def test_the_marker_check_finds_the_words_in_a_plain_laptops_folder(data_dir: Path) -> None:
    """The check above can fail: on an unprotected laptop the same words are found."""
    ws = services.open_workspace(data_dir / "tawthiq.db", author="Amal")
    with ws.writing() as w:
        services.incidents.create_incident(w, {"title_ar": MARKER_AR, "private_notes": WITNESS})
    ws.close()
    found = "\n".join(_leaks(data_dir))
    assert MARKER_AR in found and WITNESS in found


# -- a wrong passphrase ----------------------------------------------------------------------


@pytest.fixture
def protected(tmp_path: Path, data_dir: Path) -> Path:
    """A protected database (two incidents) in its own folder; this laptop sealed with it."""
    db = tmp_path / "records" / "tawthiq.db"
    ws = services.open_workspace(db, author="Amal")
    with ws.writing() as w:
        services.incidents.create_incident(
            w, {"title_en": f"{MARKER} camp", "private_notes": WITNESS}
        )
        services.incidents.create_incident(w, {"title_en": "a second one"})
    ws.close()
    protect_for_tests(db)
    return db


def test_a_wrong_passphrase_says_one_sentence_and_changes_no_byte(
    protected: Path, data_dir: Path, tmp_path: Path
) -> None:
    """Through the real command: exit 2, one line of ours on stderr (no SQLCipher log, no
    traceback), the database, its key file and every file beside it as they were; in the
    laptop's folder only the count of wrong tries changed."""
    wrong = _passphrase_file(tmp_path / "outside", "not the passphrase at all")
    folder_before, laptop_before = _files(protected.parent), _files(data_dir)
    for command in (["list"], ["verify"], ["add", "--title-en", "x"]):
        proc = subprocess.run(
            [sys.executable, "-m", "tawthiq", *command, "--db", str(protected)],
            env={**os.environ, "TAWTHIQ_PASSPHRASE_FILE": str(wrong)},
            capture_output=True,
            timeout=120,
        )
        err = proc.stderr.decode()
        assert proc.returncode == 2, err
        assert err == "tawthiq: the passphrase is not right; nothing was opened or changed\n"
        assert proc.stdout == b""
        assert _files(protected.parent) == folder_before
    changed = {p for p, h in _files(data_dir).items() if laptop_before.get(p) != h}
    assert changed == {str(data_dir / use_cases.TRIES_FILE)}
    assert use_cases.wrong_tries(data_dir) == 3


def test_five_wrong_passphrases_in_a_row_slow_down_the_sixth(
    protected: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first five wrong tries answer at once, each further one waits longer (also for
    the right passphrase); the right one then resets the count."""
    waits: list[float] = []
    monkeypatch.setattr(use_cases.time, "sleep", waits.append)

    def attempt(passphrase: str) -> None:
        keystore.forget()
        use_cases.database_key(protected, data_dir, lambda: passphrase)

    for n in range(1, 6):
        with pytest.raises(keystore.WrongPassphraseError):
            attempt(f"wrong passphrase {n}")
        assert waits == [] and use_cases.wrong_tries(data_dir) == n
    with pytest.raises(keystore.WrongPassphraseError):
        attempt("wrong passphrase 6")
    assert len(waits) == 1 and waits[0] >= 2
    with pytest.raises(keystore.WrongPassphraseError):
        attempt("wrong passphrase 7")
    assert len(waits) == 2 and waits[1] > waits[0]
    attempt(PASSPHRASE)  # the right one, slowed down too
    assert len(waits) == 3 and use_cases.wrong_tries(data_dir) == 0
    attempt(PASSPHRASE)
    assert len(waits) == 3


def _note_overwrites(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files an erase overwrites from now on (``secure_files.destroy``), as it does them."""
    overwritten: list[Path] = []
    destroy = secure_files.destroy

    def noted(path: Path) -> bool:
        existed = destroy(path)
        if existed:
            overwritten.append(path)
        return existed

    monkeypatch.setattr(secure_files, "destroy", noted)
    return overwritten


# -- erase -----------------------------------------------------------------------------------


def test_erase_leaves_no_key_material_and_the_recovery_words_open_nothing(
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`tawthiq erase --yes` on a database protected with `tawthiq protect`: the wrapped keys
    read from its key files before are in no byte of either folder (raw or as hex), the
    files are gone, and `passphrase --recovery-file` with the words shown at protect says one
    sentence and opens nothing."""
    db = tmp_path / "records" / "tawthiq.db"
    ws = services.open_workspace(db, author="Amal")
    with ws.writing() as w:
        services.incidents.create_incident(w, {"title_en": MARKER})
    ws.close()
    monkeypatch.setenv("TAWTHIQ_PASSPHRASE_FILE", str(_passphrase_file(tmp_path / "outside")))
    monkeypatch.setattr(keystore, "tuned_kdf", lambda target=0.5: fast_kdf())
    code, out, err = _tawthiq(capsys, "protect", "--db", str(db))
    assert code == 0, err
    words = out.splitlines()[-1].strip()
    assert len(words.split()) == 12
    recovery = tmp_path / "outside" / "words.txt"
    recovery.write_text(words, "utf-8")
    key_files = [protection.key_file(db), data_dir / "laptop-keys.json"]
    material = [b for p in key_files for b in keystore.wrapped_bytes(keystore.read_key_file(p))]
    assert len(material) == 4
    copy = tmp_path / "copy"  # what a seizure could have taken before: to show the words work
    shutil.copytree(db.parent, copy / "records")
    shutil.copytree(data_dir, copy / "userdata")

    code, out, err = _tawthiq(capsys, "erase", "--yes", "--db", str(db))
    assert code == 0, err
    assert "cannot be read any more" in out
    assert [p.name for p in db.parent.iterdir()] == []
    left = {p.name for p in data_dir.iterdir()}
    assert not left & {"laptop-keys.json", "device-key.json", "recovery.json", "receive-key.json"}
    for path in [*db.parent.rglob("*"), *data_dir.rglob("*")]:
        data = path.read_bytes() if path.is_file() else b""
        assert not any(m in data or m.hex().encode() in data for m in material), path

    keystore.forget()
    code, out, err = _tawthiq(
        capsys, "passphrase", "--db", str(db), "--recovery-file", str(recovery),
        "--new-passphrase-file", str(_passphrase_file(tmp_path / "outside", "a new one!", "n")),
    )  # fmt: skip
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1, err
    # the check can fail: the same words open the copy taken before the erase
    monkeypatch.setenv("TAWTHIQ_DATA_DIR", str(copy / "userdata"))
    code, out, err = _tawthiq(
        capsys, "passphrase", "--db", str(copy / "records" / "tawthiq.db"),
        "--recovery-file", str(recovery),
        "--new-passphrase-file", str(_passphrase_file(tmp_path / "outside", "a new one!", "n")),
    )  # fmt: skip
    assert code == 0, err


def test_erase_without_yes_and_without_a_terminal_refuses_and_keeps_everything(
    protected: Path, data_dir: Path, tmp_path: Path
) -> None:
    before = _files(protected.parent), _files(data_dir)
    proc = subprocess.run(
        [sys.executable, "-m", "tawthiq", "erase", "--db", str(protected)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert (
        proc.stderr.decode()
        == "tawthiq: erase destroys the database for ever: confirm with --yes\n"
    )
    assert (_files(protected.parent), _files(data_dir)) == before


def test_erase_of_a_plain_database_overwrites_it_and_names_the_ssd_caveat(
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = tmp_path / "records" / "tawthiq.db"
    ws = services.open_workspace(db, author="Amal")
    with ws.writing() as w:
        services.incidents.create_incident(w, {"title_en": MARKER})
    ws.close()
    overwritten = _note_overwrites(monkeypatch)
    code, out, err = _tawthiq(capsys, "erase", "--yes", "--db", str(db))
    assert code == 0, err
    assert "SSD" in out and "not encrypted" in out
    assert db in overwritten and not db.exists()
    assert list(db.parent.iterdir()) == []


# -- reading an encrypted copy changes nothing ------------------------------------------------


def test_reading_commands_on_a_read_only_encrypted_copy_change_no_byte(
    protected: Path, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """`verify`, `list`, `show` and `report` on an encrypted evidence copy whose files are
    read-only: they work, and not a byte of the copy nor of its folder changes."""
    monkeypatch.setenv("TAWTHIQ_PASSPHRASE_FILE", str(_passphrase_file(tmp_path / "outside")))
    copy = tmp_path / "evidence"
    shutil.copytree(protected.parent, copy)
    db = copy / "tawthiq.db"
    files = sorted(copy.iterdir())
    try:  # immutable: not even root can write there, as on a read-only mount
        subprocess.run(["chattr", "+i", *map(str, files), str(copy)], check=True)
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("chattr +i is not available here")
    try:
        before = _files(copy)
        code, out, err = _tawthiq(capsys, "verify", "--db", str(db))
        assert code == 0 and out.startswith("ok: "), err
        code, out, err = _tawthiq(capsys, "list", "--db", str(db))
        assert code == 0 and MARKER in out, err
        marked = next(line.split()[0] for line in out.splitlines() if MARKER in line)
        code, out, err = _tawthiq(capsys, "show", marked, "--db", str(db))
        assert code == 0 and MARKER in out and WITNESS in out, err
        pdf = tmp_path / "outside" / "report.pdf"
        code, out, err = _tawthiq(capsys, "report", marked, "-o", str(pdf), "--db", str(db))
        assert code == 0 and pdf.exists(), err
        assert _files(copy) == before and sorted(copy.iterdir()) == files
    finally:
        subprocess.run(["chattr", "-i", str(copy), *map(str, files)], check=True)


# -- the previous release's database ---------------------------------------------------------


def test_the_previous_releases_database_can_be_protected_then_opens_verifies_and_merges(
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shutil.copytree(FIXTURE / "data", data_dir)
    db = tmp_path / "laptop-a.db"
    shutil.copy(FIXTURE / "laptop-a.db", db)
    monkeypatch.setenv("TAWTHIQ_PASSPHRASE_FILE", str(_passphrase_file(tmp_path / "outside")))
    monkeypatch.setattr(keystore, "tuned_kdf", lambda target=0.5: fast_kdf())
    code, out, err = _tawthiq(capsys, "protect", "--db", str(db))
    assert code == 0 and protection.is_encrypted(db), err
    keystore.forget()
    code, out, err = _tawthiq(capsys, "verify", "--db", str(db))
    assert code == 0 and out.startswith("ok: 49 events from 2 devices"), err
    code, out, err = _tawthiq(capsys, "import", str(FIXTURE / "laptop-b.tawthiq"), "--db", str(db))
    assert code == 0, err
    code, out, err = _tawthiq(capsys, "show", "263d0e37", "--db", str(db))
    assert code == 0 and "CONFLICT in killed" in out and "أبو محمد" in out, err
    code, out, err = _tawthiq(capsys, "verify", "--db", str(db))
    assert code == 0 and out.startswith("ok: "), err
    assert db.with_name("laptop-a.db.before-upgrade-from-0003").exists()
    assert protection.is_encrypted(db.with_name("laptop-a.db.before-upgrade-from-0003"))


def test_an_encrypted_database_exports_to_a_plain_one_and_back(
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The previous release's database, protected, exports into a new plain database on
    another laptop, and that one's export merges back into the encrypted one."""
    shutil.copytree(FIXTURE / "data", data_dir)
    db = tmp_path / "laptop-a.db"
    shutil.copy(FIXTURE / "laptop-a.db", db)
    protect_for_tests(db)
    monkeypatch.setenv("TAWTHIQ_PASSPHRASE_FILE", str(_passphrase_file(tmp_path / "outside")))
    out_file = tmp_path / "a.tawthiq"
    code, out, err = _tawthiq(
        capsys, "export", "-o", str(out_file), "--db", str(db), "--unencrypted"
    )
    assert code == 0, err
    basel = Laptop(tmp_path, "Basel")
    assert not protection.is_encrypted(basel.ws.db.path)
    basel.import_(out_file)
    basel.new_incident(title_en=f"{MARKER} from a plain laptop")
    back = basel.export()
    events = len(basel.event_ids())
    basel.close()
    code, out, err = _tawthiq(capsys, "import", str(back), "--db", str(db), "--accept-new-devices")
    assert code == 0, err
    code, out, err = _tawthiq(capsys, "list", "--db", str(db))
    assert MARKER in out and "263d0e37" in out
    code, out, err = _tawthiq(capsys, "verify", "--db", str(db))
    assert code == 0 and int(out.split()[1]) > events, err


def test_erase_overwrites_the_plain_copy_a_cut_unprotect_left_beside_the_database(
    protected: Path,
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``unprotect`` writes the decrypted database beside the encrypted one before the
    rename; killed then, that plain file stays until the next open. An erase right after
    (the laptop about to be seized) must not leave it readable."""
    plain = tmp_path / "plain.db"
    ws = services.open_workspace(plain, author="Amal", key_dir=tmp_path / "elsewhere")
    with ws.writing() as w:
        services.incidents.create_incident(w, {"title_en": MARKER, "private_notes": WITNESS})
    ws.close()
    cut = protected.with_name(protected.name + ".converting-4194304")  # its process ended
    shutil.copy(plain, cut)  # as the killed unprotect left it
    overwritten = _note_overwrites(monkeypatch)
    code, _, err = _tawthiq(capsys, "erase", "--yes", "--db", str(protected))
    assert code == 0, err
    assert cut in overwritten and not cut.exists()
    assert _leaks(protected.parent, data_dir) == []


def test_protecting_another_key_folder_leaves_the_locked_data_folder_alone(
    protected: Path, data_dir: Path, tmp_path: Path
) -> None:
    """Protecting a database with a key folder other than the data folder (another laptop's,
    as the sync tests make them) seals that folder only: the documenter's settings in the
    data folder, protected and locked here, are neither read nor written."""
    before = _files(data_dir)
    other = tmp_path / "other"
    services.open_workspace(other / "o.db", author="Basel", key_dir=other / "keys").close()
    use_cases.protect(other / "o.db", other / "keys", PASSPHRASE, kdf=fast_kdf())
    assert protection.is_encrypted(other / "o.db")
    assert (other / "keys" / "laptop-keys.json").exists()
    assert _files(data_dir) == before
