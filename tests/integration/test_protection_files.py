"""What a protect cut short leaves beside the database, finished or left alone at the next
open: a running protect's files are its own, an ended one's are finished or removed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tawthiq import services
from tawthiq.services import protection as use
from tawthiq.store import keystore, protection

PLAIN_ONLY = True  # each scene starts from a plain laptop and protects it itself

FAST = keystore.Kdf(os.urandom(16), iterations=1, memory_kib=8 * 1024, lanes=1)
PASS = "a passphrase for the field"


def _ended_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _protected(db: Path, folder: Path) -> None:
    ws = services.open_workspace(db, author="Amal", key_dir=folder)
    services.Desk(ws).save({"title_en": "Shelling of Maram camp", "date_start": "2022-11-06"})
    ws.close()
    use.protect(db, folder, PASS, kdf=FAST)
    keystore.forget()


def _titles(db: Path, folder: Path) -> list[str]:
    keystore.forget()
    ws = services.open_workspace(db, key_dir=folder, read_only=True, ask=lambda: PASS)
    try:
        return [
            i.title_en for i in services.Desk(ws).page(services.IncidentFilter(), limit=5, offset=0)
        ]
    finally:
        ws.close()


def test_a_protect_cut_after_its_database_was_in_place_is_finished(
    db_path: Path, data_dir: Path
) -> None:
    _protected(db_path, data_dir)
    keys = protection.key_file(db_path)
    pending = db_path.with_name(f"{db_path.name}.keys.pending-{_ended_pid()}")
    os.replace(keys, pending)  # as a protect killed between its two renames leaves it
    assert _titles(db_path, data_dir) == ["Shelling of Maram camp"]
    assert keys.exists() and not pending.exists()


def test_a_running_protect_keeps_its_files(db_path: Path, data_dir: Path) -> None:
    _protected(db_path, data_dir)
    keys = protection.key_file(db_path)
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        pending = db_path.with_name(f"{db_path.name}.keys.pending-{running.pid}")
        converting = db_path.with_name(f"{db_path.name}.converting-{running.pid}")
        shutil.copyfile(keys, pending)
        converting.write_bytes(b"being written")
        assert _titles(db_path, data_dir) == ["Shelling of Maram camp"]
        assert pending.exists() and converting.exists()  # not ours to finish or remove
    finally:
        running.kill()
        running.wait()
    protection.tidy(db_path)
    assert not pending.exists() and not converting.exists()
    assert keys.exists()


def test_a_plain_database_beside_a_pending_key_file_stays_plain(
    db_path: Path, data_dir: Path
) -> None:
    ws = services.open_workspace(db_path, author="Amal", key_dir=data_dir)
    services.Desk(ws).save({"title_en": "Shelling", "date_start": "2022-11-06"})
    ws.close()
    pending = db_path.with_name(f"{db_path.name}.keys.pending-{_ended_pid()}")
    keystore.write_key_file(
        pending, keystore.new_key_file(os.urandom(32), PASS, b"r" * 16, kdf=FAST)
    )
    assert _titles(db_path, data_dir) == ["Shelling"]  # a protect killed before its rename
    assert not pending.exists() and not protection.key_file(db_path).exists()
