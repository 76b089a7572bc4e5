"""``kill -9`` in the middle of an import or an export: the database holds all of the
file or none of it and passes SQLite's integrity check; the export's path holds the old
file or a complete new one."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from laptops import Laptop, read_lines

from conftest import AtRest, backup_database, connect, device_id_of, protect_for_tests
from tawthiq import services

# every test here runs on plain and on encrypted laptops (issue 16)
pytestmark = pytest.mark.usefixtures("at_rest")

N_INCIDENTS = 800


def _fill(laptop: Laptop) -> None:
    batch = [
        {"title_en": f"incident {i}", "title_ar": f"حادثة {i}", "killed": i % 40,
         "injured": i % 90, "date_start": "2022-11-06", "governorate": "Idlib",
         "place_name": "مخيم مرام", "incident_type": "shelling_artillery_missile",
         "weapons": ["rocket", "cluster_munition"], "narrative": f"نص الرواية رقم {i}"}
        for i in range(N_INCIDENTS)
    ]  # fmt: skip
    with laptop.ws.writing() as w:
        services.incidents.create_incidents(w, batch)


def _tawthiq(*args: str, keys: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TAWTHIQ_DATA_DIR": str(keys)}
    return subprocess.Popen(
        [sys.executable, "-m", "tawthiq", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _kill_when(proc: subprocess.Popen[bytes], started, delay: float) -> bool:  # type: ignore[no-untyped-def]
    """Kill -9 ``delay`` seconds after ``started()`` turns true; False if it finished first."""
    deadline = time.monotonic() + 60
    while not started():
        if proc.poll() is not None or time.monotonic() > deadline:
            return False
        time.sleep(0.002)
    time.sleep(delay)
    if proc.poll() is not None:
        return False
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return True


def _count(db: Path, own: str = "") -> tuple[str, int]:
    """The database's integrity check, and how many events it holds (of laptops other than
    ``own``: accepting a laptop adds this one's own signed decision too)."""
    con = connect(db)
    try:
        check = con.execute("PRAGMA integrity_check").fetchone()[0]
        query = "SELECT count(*) FROM event WHERE device_id != ?"
        return check, con.execute(query, (own,)).fetchone()[0]
    finally:
        con.close()


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, Path, Path]:
    """Once for all kills: Amal's export, and Basel's database and keys before importing it."""
    root = tmp_path_factory.mktemp("made")
    amal = Laptop(root, "Amal")
    _fill(amal)
    bundle = amal.export()
    n = len(amal.event_ids())
    amal.close()
    basel = Laptop(root, "Basel")
    basel.new_incident(title_en="Basel's own")
    basel.close()
    return bundle, n, root / "Basel.db", root / "Basel-keys"


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.3, 0.8])
def test_kill_during_import_keeps_all_or_none(
    tmp_path: Path, made: tuple[Path, int, Path, Path], delay: float, at_rest: AtRest
) -> None:
    bundle, n, template, keys = made
    db = tmp_path / "Basel.db"
    backup_database(template, db)
    shutil.copytree(keys, tmp_path / "Basel-keys")
    if at_rest.encrypted:  # Basel protected his laptop before the import
        protect_for_tests(db, tmp_path / "Basel-keys")
    own = device_id_of(keys)
    before = _count(db, own)[1]
    wal = db.with_name(db.name + "-wal")
    size = wal.stat().st_size if wal.exists() else 0
    proc = _tawthiq("import", str(bundle), "--db", str(db), "--accept-new-devices",
                    keys=tmp_path / "Basel-keys")  # fmt: skip
    killed = _kill_when(proc, lambda: wal.exists() and wal.stat().st_size > size, delay)
    check, count = _count(db, own)
    assert check == "ok"
    assert count in (before, before + n)
    if not killed:
        assert proc.returncode == 0 and count == before + n
    if delay == 0.0:  # killed as its first write reached the disk: undone entirely
        assert killed and count == before
    again = Laptop(tmp_path, "Basel")
    assert again.verify().ok
    if count == before:  # nothing was applied: importing again completes it
        again.import_(bundle)
    assert _count(db, own)[1] == before + n
    again.close()


@pytest.mark.parametrize("delay", [0.0, 0.3])
def test_kill_during_export_leaves_the_old_file_or_a_complete_new_one(
    tmp_path: Path, delay: float
) -> None:
    amal = Laptop(tmp_path, "Amal")
    amal.new_incident(title_en="the first")
    target = amal.export("out.tawthiq")
    old = target.read_bytes()
    _fill(amal)
    n = len(amal.event_ids())
    db = amal.ws.db.path
    amal.close()
    proc = _tawthiq(
        "export", "-o", str(target), "--unencrypted", "--db", str(db), keys=tmp_path / "Amal-keys"
    )
    parts = lambda: any(tmp_path.glob(".out.tawthiq.*.part"))  # noqa: E731
    killed = _kill_when(proc, parts, delay)
    data = target.read_bytes()
    if data != old:  # then it is the whole new export
        lines = read_lines(target)
        assert lines[-1].startswith(b'{"end":') and len(lines) == n + 2
    else:
        assert killed
    assert _count(db)[0] == "ok"
    again = Laptop(tmp_path, "Amal")
    again.export("out.tawthiq")  # the next export clears what the crash left
    assert not list(tmp_path.glob(".out.tawthiq.*.part"))
    again.close()
