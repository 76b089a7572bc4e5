"""Writing an export when things go wrong around it: another program holding the database,
an export killed half-way. Nothing is left that was not asked for: no file reported as
failed, no temporary file outliving its export, nothing readable in an encrypted one."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from laptops import Laptop

from conftest import connect
from tawthiq import services
from tawthiq.services import sync
from tawthiq.store.bookkeeping import last_export_heads
from tawthiq.sync.stream import part_name

ON_SERVER = True  # the store's behaviour: on PostgreSQL too (issue 18)

# every test here runs on plain and on encrypted laptops (issue 16)
pytestmark = pytest.mark.usefixtures("at_rest")


@pytest.fixture
def amal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Laptop]:
    monkeypatch.setenv("TAWTHIQ_BUSY_TIMEOUT_MS", "300")  # read when the database opens
    monkeypatch.setenv("TAWTHIQ_DATA_DIR", str(tmp_path / "Amal-keys"))
    laptop = Laptop(tmp_path, "Amal")
    laptop.new_incident(title_en="a", killed=1)
    yield laptop
    laptop.close()


@contextmanager
def another_writer(db: Path) -> Iterator[sqlite3.Connection]:
    """Another program, in the middle of a write transaction on ``db``."""
    other = connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield other
    finally:
        other.execute("ROLLBACK")
        other.close()


def _left_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".tawthiq" in p.name)


@pytest.mark.sqlite_only  # another program holding SQLite's file lock
def test_a_writer_that_comes_during_the_export_leaves_no_file(amal: Laptop, tmp_path: Path) -> None:
    """The lock is free when the export starts and taken while it writes: the finished
    file is neither noted nor put in place; its temporary file is gone."""
    from tawthiq.store.errors import DatabaseLockedError

    target = tmp_path / "out" / "amal.tawthiq"
    target.parent.mkdir()
    held: list[sqlite3.Connection] = []

    def progress(done: int, total: int) -> None:
        if not held:  # the export has begun: another program starts writing
            held.append(connect(amal.ws.db.path, isolation_level=None))
            held[0].execute("BEGIN IMMEDIATE")

    try:
        with pytest.raises(DatabaseLockedError, match="is in use by another program"):
            amal.export("out/amal.tawthiq", progress=progress)
    finally:
        held[0].execute("ROLLBACK")
        held[0].close()
    assert _left_in(target.parent) == []
    with amal.ws.db.read() as s:
        assert last_export_heads(s) is None


# --- what a killed export leaves ----------------------------------------------------------

N_INCIDENTS = 800


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A database large enough that its export takes a while: its file and key folder."""
    root = tmp_path_factory.mktemp("full")
    laptop = Laptop(root, "Amal")
    batch = [
        {"title_en": f"incident {i}", "killed": i % 40, "date_start": "2022-11-06",
         "governorate": "Idlib", "place_name": "مخيم مرام", "narrative": f"the account {i}"}
        for i in range(N_INCIDENTS)
    ]  # fmt: skip
    with laptop.ws.writing() as w:
        services.incidents.create_incidents(w, batch)
    laptop.close()
    return root / "Amal.db", root / "Amal-keys"


def _tawthiq(*args: str, keys: Path, **env: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tawthiq", *args],
        env={**os.environ, "TAWTHIQ_DATA_DIR": str(keys), **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _killed_export(db: Path, keys: Path, target: Path) -> list[Path]:
    """``tawthiq export`` killed (-9) as soon as its temporary file appears; that file."""
    for _ in range(5):
        proc = _tawthiq("export", "-o", str(target), "--unencrypted", "--db", str(db), keys=keys)
        deadline = time.monotonic() + 60
        while not (parts := list(target.parent.glob(f".{target.name}.*.part"))):
            if proc.poll() is not None or time.monotonic() > deadline:
                break
            time.sleep(0.001)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            return parts
        target.unlink(missing_ok=True)  # it finished first: again
    pytest.fail("the export always finished before it could be killed")


def test_the_next_export_to_the_folder_removes_leftovers_of_dead_exports_only(
    amal: Laptop, tmp_path: Path
) -> None:
    """As the exporter names its temporary files: a dead process's goes, a running
    export's stays, and what is not Tawthiq's is never touched."""
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    folder = tmp_path / "stick"
    folder.mkdir()
    running = folder / part_name("other.tawthiq", sleeper.pid)
    left = folder / part_name("other.tawthiq", dead.pid)
    older = folder / ".out.tawthiq.89abcdef.part"  # as exports named them before, long ago
    theirs = [folder / "notes.part", folder / ".notes.txt", folder / "x.0123abcd.part"]
    for path in (running, left, older, *theirs):
        path.write_bytes(b"\x1f\x8b...")
    an_hour_ago = time.time() - 3601
    os.utime(older, (an_hour_ago, an_hour_ago))
    try:
        amal.export("stick/out.tawthiq")
        assert sorted(p.name for p in folder.iterdir()) == sorted(
            ["out.tawthiq", running.name, *(p.name for p in theirs)]
        )
    finally:
        sleeper.kill()
        sleeper.wait()
    amal.export("stick/again.tawthiq")  # its export is over: what it left goes too
    assert not running.exists()


def test_attack_leftovers_removal_spares_what_may_be_another_programs_file(
    amal: Laptop, tmp_path: Path
) -> None:
    """Only this computer's own dead exports go before the hour is out: a fresh hidden
    file without a process in its name (a report being written beside it, an earlier
    release's export) and one another computer is writing into a shared folder (its
    process is unknown here) are kept."""
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    folder = tmp_path / "shared"
    folder.mkdir()
    no_pid = folder / ".report.pdf.0123abcd.part"
    left = folder / part_name("mine.tawthiq", dead.pid)
    host = "0badc0de" if "-0badc0de." not in left.name else "5ca1ab1e"
    elsewhere = folder / f".other.tawthiq.{dead.pid}-{host}.4567cdef.part"
    for path in (no_pid, elsewhere, left):
        path.write_bytes(b"%PDF...")
    amal.export("shared/out.tawthiq")
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["out.tawthiq", no_pid.name, elsewhere.name]
    )


def test_an_encrypted_export_is_sealed_from_its_first_byte_on_disk(
    full: tuple[Path, Path], tmp_path: Path
) -> None:
    """What a kill would leave of an export with a passphrase, looked at half-way: the
    sealed header, then nothing readable (no gzip stream, no text of the record)."""
    from tawthiq.sync import seal

    db, keys = full
    shutil.copytree(keys, tmp_path / "keys")
    laptop = Laptop.__new__(Laptop)
    laptop.ws = services.open_workspace(db, author="Amal", key_dir=tmp_path / "keys")
    seen: list[bytes] = []

    def progress(done: int, total: int) -> None:
        if 0 < done < total:  # half-way: the temporary file as it is on disk now
            (part,) = tmp_path.glob(".sealed.tawthiq.*.part")
            seen.append(part.read_bytes())

    sync.export_database(
        laptop.ws, tmp_path / "sealed.tawthiq", passphrase="a long passphrase", progress=progress
    )
    laptop.close()
    assert seen and all(len(data) > 64 * 1024 for data in seen)
    for data in seen:
        _, start = seal.read_header(data)
        assert data.startswith(seal.MAGIC) and b"\x1f\x8b" not in data[: start + 2]
        assert b"incident" not in data and "مرام".encode() not in data
