"""Data export benchmark: write N incidents to each plain data format.

    python bench/bench_export_data.py [N]        (default 100000)

Builds a database of N incidents (about 15 fields each, every fifth resting on a report of
its own, a third marked public) through the services, as ``bench_store.py`` does, then
times ``export-data``'s use case for every format this version has, all incidents and
public only, and prints seconds and size per format (target: under 10 s for 100,000),
with the time of reading the same incident rows alone as the baseline.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(n: int) -> None:
    sys.path.insert(0, str(HERE))
    from bench_store import sample

    from tawthiq import services
    from tawthiq.domain.filters import IncidentFilter
    from tawthiq.services.data_files import formats
    from tawthiq.services.desk import Desk
    from tawthiq.store import queries

    rng = random.Random(11)
    folder = Path(tempfile.mkdtemp(prefix="tawthiq-bench-data-"))
    ws = services.open_workspace(folder / "bench.db", author="bench", key_dir=folder / "keys")
    t = time.perf_counter()
    batch = 2000
    for start in range(0, n, batch):
        forms = [sample(rng, i) for i in range(start, min(n, start + batch))]
        for k, form in enumerate(forms):
            form["confidentiality"] = "public" if (start + k) % 3 == 0 else "restricted"
        with ws.writing() as w:
            ids = services.incidents.create_incidents(w, forms)
            for incident_id in ids[::5]:
                services.incidents.add_source_report(
                    w, {"text": f"تقرير {incident_id}", "outlet": "SANA",
                        "publication_date": "2022-11-07"}, incident_ids=[incident_id],
                )  # fmt: skip
    print(f"built {n:,} incidents in {time.perf_counter() - t:.0f} s")

    with ws.db.read() as s:
        t = time.perf_counter()
        rows = sum(len(b) for b in queries.incident_batches(s, IncidentFilter(), 500))
        baseline = time.perf_counter() - t
    print(f"baseline: reading the {rows:,} incident rows alone: {baseline:.2f} s")
    desk = Desk(ws)
    for fmt in formats():
        for everything in (True, False):
            out = folder / f"out-{fmt}-{'all' if everything else 'public'}"
            t = time.perf_counter()
            done = desk.data.export(fmt, IncidentFilter(), out, all_incidents=everything)
            took = time.perf_counter() - t
            print(
                f"{fmt:9} {'all' if everything else 'public':6}: {done.written:,} incidents in "
                f"{took:.2f} s ({took / baseline:.1f}x the baseline), "
                f"{out.stat().st_size / 1e6:.0f} MB"
            )
    ws.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
