"""PDF report benchmark: one incident, and a batch, against a bare ReportLab document.

    python bench/bench_report.py [N]     (default 500 incidents in the batch)

Prints the time to write one incident's report (the sample report's incident with its
source text), the time ReportLab takes for a bare document holding the same words (no
shaping, no bidi, no tables) in the same run and the ratio, and the time for a report of N
incidents with its summary, with the number of progress calls it made.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(n: int) -> None:
    sys.path.insert(0, str(HERE))
    from bench_store import sample
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from tawthiq import services
    from tawthiq.domain.resources import read_text
    from tawthiq.report.fonts import fonts
    from tawthiq.report.model import ReportOptions
    from tawthiq.services.demo import SAMPLE, SAMPLE_DATE
    from tawthiq.services.ingest import ingest_report
    from tawthiq.services.reports import choose, write_report

    folder = Path(tempfile.mkdtemp(prefix="tawthiq-bench-report-"))
    ws = services.open_workspace(folder / "b.db", author="bench", key_dir=folder / "keys")
    text = read_text(SAMPLE)
    rng = random.Random(3)
    with ws.writing() as w:
        first = ingest_report(w, text, ref_date=SAMPLE_DATE).incident_ids[0]
        ids = services.incidents.create_incidents(w, [sample(rng, i) for i in range(n - 1)])
        for incident_id in ids:
            services.incidents.add_source_report(w, {"text": text}, incident_ids=[incident_id])
    fonts()
    options = ReportOptions()
    with ws.db.read() as s:
        one = choose(s, [first])

    def ours() -> float:
        t = time.perf_counter()
        write_report(folder / "one.pdf", one, options)
        return (time.perf_counter() - t) * 1000

    words = [text, *(f"{k}: {v}" for k, v in one.items[0].incident.values.items())]

    def bare() -> float:
        t = time.perf_counter()
        doc = SimpleDocTemplate(str(folder / "bare.pdf"))
        style = ParagraphStyle("s", fontName="Amiri", fontSize=9.5, leading=15)
        doc.build([Paragraph(w.replace("&", "&amp;").replace("<", "&lt;"), style) for w in words])
        return (time.perf_counter() - t) * 1000

    ours(), bare()  # warm
    mine = statistics.median(ours() for _ in range(10))
    base = statistics.median(bare() for _ in range(10))
    print(
        f"one incident: {mine:.0f} ms median; a bare ReportLab document of the same words "
        f"{base:.0f} ms; ratio {mine / base:.1f}x"
    )
    calls = [0]

    def progress(done: int, total: int) -> None:
        calls[0] += 1

    t = time.perf_counter()
    with ws.db.read() as s:
        everything = choose(s, flt=None, progress=progress)
    chosen_s = time.perf_counter() - t
    t = time.perf_counter()
    pages = write_report(folder / "all.pdf", everything, options, progress=progress).pages
    made_s = time.perf_counter() - t
    size = (folder / "all.pdf").stat().st_size / 1e6
    print(
        f"{len(everything.items)} incidents: {chosen_s + made_s:.1f} s ({chosen_s:.1f} s reading "
        f"them, {made_s:.1f} s writing {pages} pages, {size:.1f} MB); {calls[0]} progress calls"
    )
    ws.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
