"""Bundle benchmark: start-up of the PyInstaller bundle against the pip-installed command.

    python bench/bench_bundle.py [BUNDLE_FOLDER]        (default: dist/tawthiq)

Build the bundle first (bash packaging/build.sh). Runs `--version`, `demo` and
`gui --screenshot --lang ar` through the bundle and, as the baseline in the same run,
through the `tawthiq` of this virtual environment; three warm runs of each (median), and
one cold run after dropping the page cache when the machine allows it (as root on Linux).
Prints seconds, the bundle/baseline ratios, and the bundle's size on disk.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = {
    "--version": ["--version"],
    "demo": ["demo"],
    "gui --screenshot": ["gui", "--screenshot", "{tmp}/shot.png", "--lang", "ar"],
}


def drop_caches() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def timed(program: Path, args: list[str], tmp: Path) -> float:
    env = {
        "HOME": str(tmp),
        "PATH": "/nonexistent",
        "LANG": "C.UTF-8",
        "TAWTHIQ_DATA_DIR": str(tmp / "data"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    t = time.perf_counter()
    subprocess.run(
        [str(program), *(a.format(tmp=tmp) for a in args)],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - t


def folder_mb(folder: Path) -> float:
    return (
        sum(f.lstat().st_size for f in folder.rglob("*") if not f.is_symlink() and f.is_file())
        / 1e6
    )


def main() -> int:
    bundle = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "dist" / "tawthiq")
    program = bundle / "tawthiq"
    baseline = Path(sys.executable).with_name("tawthiq")
    if not program.is_file():
        print(f"bench_bundle: no bundle at {bundle}; build it with packaging/build.sh")
        return 2
    cold = drop_caches()
    print(f"bundle {bundle}: {folder_mb(bundle):.0f} MB on disk")
    print(f"baseline: {baseline} (the pip-installed command)")
    print(f"{'command':18} {'bundle warm':>12} {'baseline warm':>14} {'ratio':>6}"
          f" {'bundle cold':>12} {'baseline cold':>14}")  # fmt: skip
    for name, args in COMMANDS.items():
        row = []
        for exe in (program, baseline):
            with tempfile.TemporaryDirectory() as d:
                tmp = Path(d)
                first = timed(exe, args, tmp) if not cold or drop_caches() else 0.0
                warm = statistics.median(timed(exe, args, tmp) for _ in range(3))
                shutil.rmtree(tmp / "data", ignore_errors=True)
            row.append((warm, first))
        (bw, bc), (vw, vc) = row
        cold_cols = (
            f" {bc:11.2f}s {vc:13.2f}s" if cold else "  (no cold runs: page cache not droppable)"
        )
        print(f"{name:18} {bw:11.2f}s {vw:13.2f}s {bw / vw:5.2f}x{cold_cols}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
