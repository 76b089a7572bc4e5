"""`tawthiq gui` as a user starts it: a screenshot needs no screen, a window says it needs one."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path


def _tawthiq(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    base.pop("QT_QPA_PLATFORM", None)  # as on a machine with no screen at all
    return subprocess.run(
        [sys.executable, "-m", "tawthiq", *args],
        env={**base, "TAWTHIQ_DATA_DIR": str(tmp_path / "data"), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def test_a_screenshot_of_the_arabic_window_needs_no_screen(tmp_path: Path) -> None:
    shot = tmp_path / "window-ar.png"
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    done = _tawthiq(tmp_path, "gui", "--screenshot", str(shot), "--lang", "ar", TMPDIR=str(scratch))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(shot)
    assert _png_size(shot) == (1360, 860)
    assert shot.stat().st_size > 60_000  # a window full of text, not a blank picture
    assert not (tmp_path / "data" / "tawthiq.db").exists()  # a sample database, not yours
    assert not (tmp_path / "data" / "device-key.json").exists()  # nor signed with your key
    assert list(scratch.iterdir()) == []  # and gone once the picture is taken


def test_without_a_screen_the_window_says_so_in_one_sentence(tmp_path: Path) -> None:
    done = _tawthiq(tmp_path, "--db", str(tmp_path / "x.db"))
    assert done.returncode == 2
    assert done.stderr.startswith("tawthiq: no display to open the window on")
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.db").exists()


def test_a_display_with_no_server_says_so_in_one_sentence(tmp_path: Path) -> None:
    """DISPLAY set to a local display nothing listens on: no Qt abort, one sentence."""
    done = _tawthiq(tmp_path, "--db", str(tmp_path / "x.db"), DISPLAY=":87")
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("tawthiq: no display to open the window on")
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.db").exists()


STRESS = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from tawthiq.ui.ops import Runner

app = QApplication([])
runner, calls = Runner(), [0]
timer = QTimer(interval=0)
timer.timeout.connect(lambda: calls.__setitem__(0, calls[0] + 1))
timer.start()
for i in range(4000):
    runner.run(lambda: None, done=lambda v: None)
    runner.run(lambda p: p(1, 2), progress=lambda a, b: None, done=lambda v: None)
while runner.busy or calls[0] < 20000:
    app.processEvents()
print("survived", calls[0])
"""


def test_the_installed_qt_survives_a_long_working_day() -> None:
    """Qt calling Python tens of thousands of times, and results coming back from worker
    threads: PySide6 6.12.0 dies of this on Python 3.11 within seconds."""
    done = subprocess.run(
        [sys.executable, "-c", STRESS], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0 and done.stdout.startswith("survived"), done.stderr[-2000:]


def test_a_file_that_is_not_a_database_is_refused_in_one_sentence(tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("a witness's phone number, not a database\n", encoding="utf-8")
    before = notes.read_bytes()
    shot = str(tmp_path / "x.png")
    done = _tawthiq(tmp_path, "gui", "--db", str(notes), "--screenshot", shot, "--lang", "en")
    assert done.returncode == 2
    assert done.stderr.strip().endswith(f"tawthiq: {notes} is not a Tawthiq database")
    assert "Traceback" not in done.stderr and notes.read_bytes() == before
    assert not (tmp_path / "x.png").exists()
