"""Window responsiveness while a long report is read off the UI thread.

    python bench/bench_responsive.py [PARAGRAPHS]     (default 700: 100,000 characters)

Prints how long the window takes to read the report, against the bare ``extract()`` of the
same text in the same process, and how well the event loop kept turning meanwhile: a timer
asked to fire every 10 ms, the ticks that came and the longest gap between two of them.
The test suite only checks that the loop turns all through the reading; the figures live
here.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import itertools
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

PARAGRAPH = (
    "قُتل تسعة مدنيين، بينهم ثلاثة أطفال وامرأة، وأصيب 75 آخرون جراء قصف صاروخي استهدف "
    "مخيم مرام للنازحين قرب بلدة كفر جالس شمال غربي إدلب.\n"
)


def main(paragraphs: int) -> None:
    os.environ["TAWTHIQ_DATA_DIR"] = tempfile.mkdtemp()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from tawthiq import services
    from tawthiq.extract import extract
    from tawthiq.services.desk import Desk
    from tawthiq.services.settings import Settings
    from tawthiq.ui.main_window import MainWindow

    text = PARAGRAPH * paragraphs
    app = QApplication([])
    ws = services.open_workspace(Path(tempfile.mkdtemp()) / "r.db", author="bench")
    window = MainWindow(Desk(ws), Settings(author="bench", language="en"), lambda s: None)
    window.resize(1280, 800)
    window.show()
    while not window.ready or window.runner.busy:
        app.processEvents()

    t = time.perf_counter()
    extract(text, ref_date=date(2022, 11, 6))
    bare = time.perf_counter() - t

    ticks: list[float] = []
    timer = QTimer(interval=10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    began = time.perf_counter()
    window.review.start(text)
    while window.review.reading:
        app.processEvents()
        time.sleep(0.0005)
    took = time.perf_counter() - began
    timer.stop()
    during = [began, *(x for x in ticks if began <= x <= began + took), began + took]
    gap = max(b - a for a, b in itertools.pairwise(during))
    print(
        f"reading {len(text):,} characters in the window: {took:.2f} s; "
        f"bare extract() {bare:.2f} s ({took / bare:.1f}x)"
    )
    print(
        f"timer every 10 ms: {len(during) - 2} ticks of {int(took / 0.01)} asked; "
        f"longest gap {gap * 1000:.0f} ms"
    )
    window.close()
    ws.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 700)
