"""Window benchmark: start-up, paste-to-filled-form, and the incident list on 100,000 incidents.

    python bench/bench_ui.py [N]     (default 100000; the database is kept in bench/out/)

Prints, each with a baseline measured in the same run:
- the main window shown, counted from the end of ``import PySide6`` (a fresh process each
  time), against the import itself;
- a report pasted until its form is filled (extraction off the UI thread, the form filled
  on it), against the bare ``extract()`` of the same text;
- the list model on N incidents: first page with its count, ``fetchMore`` pages, a filter
  change, a search and a sort, against plain ``sqlite3`` reading the same 200-row page.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus" / "dev.jsonl"

STARTUP = """
import os, sys, tempfile, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["TAWTHIQ_DATA_DIR"] = tempfile.mkdtemp()
t0 = time.perf_counter()
import PySide6.QtWidgets
t1 = time.perf_counter()
from PySide6.QtWidgets import QApplication
from tawthiq.services.desk import Desk
from tawthiq.services.settings import Settings
from tawthiq.ui.language import Language
from tawthiq.ui.main_window import MainWindow
def opener():  # as `tawthiq` does: the database layer is imported off the UI thread
    from tawthiq.services.workspace import open_workspace
    return open_workspace(sys.argv[1], author="bench")
app = QApplication([])
language = Language(app)
language.apply("ar")
window = MainWindow(Desk(opener), Settings(author="bench", language="ar"), lambda s: None)
window.resize(1360, 860)
window.show()
while not window.windowHandle() or not window.windowHandle().isExposed():
    app.processEvents()
app.processEvents()
t2 = time.perf_counter()
while not window.ready:
    app.processEvents()
    time.sleep(0.001)
t3 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t1)
window.runner.wait()
"""


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def startup(db: Path, runs: int = 5) -> None:
    """A fresh process each time, on an existing database of N incidents."""
    imports, shown, listed = [], [], []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", STARTUP, str(db)], capture_output=True, text=True, check=True
        ).stdout.split()
        imports.append(float(out[0]))
        shown.append(float(out[1]))
        listed.append(float(out[2]))
    imp, win, ready = (statistics.median(x) * 1000 for x in (imports, shown, listed))
    print(
        f"start: import PySide6 {imp:.0f} ms; then the Arabic main window shown in {win:.0f} ms "
        f"({win / imp:.1f}x the import), its list filled from the database at {ready:.0f} ms "
        f"(median of {runs} fresh processes)"
    )


def report_text() -> str:
    """The longest development report up to 5 KB (read for timing, not shipped)."""
    best = ""
    if CORPUS.exists():
        for line in CORPUS.read_text("utf-8").splitlines():
            d = json.loads(line)
            text = d.get("text") or (CORPUS.parent / d["text_file"]).read_text("utf-8")
            if len(best) < len(text.encode()) <= 5000:
                best = text
    if not best:
        from tawthiq.domain.resources import read_text

        best = read_text("samples/maram-camp.ar.txt")
    return best


def paste_to_form(window, app, text: str) -> None:  # type: ignore[no-untyped-def]
    from tawthiq.extract import extract

    def once() -> None:
        window.review.new_report(ask=False)
        window.review.start(text)
        while window.review.reading:
            app.processEvents()
            time.sleep(0.0005)

    once()  # resources loaded, caches warm
    ui = median_ms(once, 15)
    bare = median_ms(lambda: extract(text), 15)
    filled = len([c for c in window.review.form.cells.values() if c.value() is not None])
    print(
        f"paste to filled form ({len(text.encode())} bytes, {filled} fields filled): "
        f"{ui:.1f} ms median; bare extract() {bare:.1f} ms; the window adds "
        f"{ui - bare:.1f} ms ({ui / bare:.1f}x)"
    )


def database(n: int) -> Path:
    sys.path.insert(0, str(HERE))
    from bench_store import sample

    from tawthiq import services

    path = HERE / "out" / f"ui-{n}.db"
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    # the laptop's key folder is kept beside it: bench_encryption.py writes to copies
    ws = services.open_workspace(path, author="bench", key_dir=laptop_of(path))
    rng = random.Random(7)
    t = time.perf_counter()
    for start in range(0, n, 1000):
        with ws.writing() as w:
            services.incidents.create_incidents(
                w, [sample(rng, i) for i in range(start, start + 1000)]
            )
    ws.close()
    print(f"(made {n} incidents in {time.perf_counter() - t:.0f} s: {path})")
    return path


def laptop_of(path: Path) -> Path:
    """The key folder of the laptop that made the database ``path``."""
    return path.with_name(f"{path.stem}-laptop")


def list_model(path: Path) -> None:
    from PySide6.QtCore import QModelIndex, Qt

    from tawthiq import services
    from tawthiq.services.desk import Desk
    from tawthiq.store import IncidentFilter
    from tawthiq.ui.list_model import KILLED, PAGE, IncidentTableModel

    ws = services.open_workspace(path, author="bench", create=False)
    desk = Desk(ws)
    model = IncidentTableModel(desk.page, desk.count)
    first = median_ms(model.reload, 10)
    total = model.total
    root = QModelIndex()
    pages = []
    for _ in range(50):
        t = time.perf_counter()
        model.fetchMore(root)
        pages.append((time.perf_counter() - t) * 1000)
    depth = min(20_000, model.total - PAGE * 10)
    while model.rowCount() < depth:
        model.fetchMore(root)
    deep = median_ms(lambda: model.fetchMore(root), 10)
    flt = IncidentFilter(governorate="Idlib", date_from="2015-01-01", date_to="2015-12-31")
    filtered = median_ms(lambda: model.reload(flt), 10)
    matches = model.total
    searched = median_ms(lambda: model.reload(IncidentFilter(text="مخيم مرام")), 10)
    found = model.total
    model.reload(IncidentFilter())
    sort = median_ms(lambda: model.sort(KILLED, Qt.SortOrder.AscendingOrder), 5)
    con = sqlite3.connect(path)

    def raw_page() -> list[object]:
        rows = con.execute(
            "SELECT id, data FROM incident WHERE deleted = 0 "
            "ORDER BY date_start DESC, num DESC LIMIT ? OFFSET ?",
            (PAGE, 400),
        ).fetchall()
        return [(i, json.loads(d)) for i, d in rows]

    raw = median_ms(raw_page, 20)
    con.close()
    ws.close()
    page = statistics.median(pages)
    print(f"list of {total:,} incidents, pages of {PAGE}:")
    print(f"  first page with its count {first:.1f} ms; fetchMore {page:.1f} ms median "
          f"(max {max(pages):.1f}); at row {depth:,} {deep:.1f} ms")  # fmt: skip
    print(f"  plain sqlite3 + json.loads of one page {raw:.1f} ms: the model's page is "
          f"{page / raw:.1f}x that (a session per page, rows become Incident values)")  # fmt: skip
    print(f"  filter change (Idlib, 2015: {matches} matches) {filtered:.1f} ms; search "
          f"'مخيم مرام' ({found} matches) {searched:.1f} ms")  # fmt: skip
    print(f"  sort by killed {sort:.1f} ms")


def main(n: int) -> None:
    path = database(n)
    startup(path)
    from PySide6.QtWidgets import QApplication

    from tawthiq import services
    from tawthiq.services.desk import Desk
    from tawthiq.services.settings import Settings
    from tawthiq.ui.language import Language
    from tawthiq.ui.main_window import MainWindow

    os.environ["TAWTHIQ_DATA_DIR"] = tempfile.mkdtemp()
    app = QApplication([])
    Language(app).apply("ar")
    ws = services.open_workspace(Path(tempfile.mkdtemp()) / "p.db", author="bench")
    window = MainWindow(Desk(ws), Settings(author="bench", language="ar"), lambda s: None)
    window.resize(1360, 860)
    window.show()
    while window.runner.busy:
        app.processEvents()
    paste_to_form(window, app, report_text())
    window.review.new_report(ask=False)
    window.close()
    list_model(path)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
