"""What printing's check of the records costs, and what walking each chain only from the
report's first event saves.

    python bench/bench_print_check.py [N]        (default 20000 incidents)

A database of N incidents (saved in batches of 1,000, as bench_store.py makes them) is
checked as a one-incident report of its newest incident and of its oldest would be
(``services.reports.choose``), and the newest's chain walk is timed against the walk of the
whole chain from #1 (the baseline, the same process and database: what printing did before).
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench_store import sample

from tawthiq import services
from tawthiq.services.reports import choose
from tawthiq.store import fingerprint as fp


def _timed(fn, repeat: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main(n: int = 20000) -> None:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        ws = services.open_workspace(Path(tmp) / "b.db", author="Bench", key_dir=Path(tmp))
        ids: list[str] = []
        for start in range(0, n, 1000):
            with ws.writing() as w:
                ids += services.incidents.create_incidents(
                    w, [sample(rng, i) for i in range(start, min(n, start + 1000))]
                )
        quiet = lambda *_: None  # noqa: E731
        with ws.db.read() as s:
            newest = _timed(lambda: choose(s, [ids[-1]]))
            oldest = _timed(lambda: choose(s, [ids[0]]), repeat=3)
            device = ws.identity.device_id
            covered = fp.covered_events(s, ids[-1], fp.linked_records(s, ids[-1]))
            first = min(e.seq for e in covered)
            partial = _timed(lambda: fp.chain_problem(s, {device: first}, quiet))
            whole = _timed(lambda: fp.chain_problem(s, {device: 1}, quiet), repeat=3)
        events = first + len(covered)
        print(f"{n:,} incidents, about {events:,} events on one laptop")
        print(f"check before printing the newest incident: {newest * 1000:.0f} ms median")
        print(f"check before printing the oldest incident: {oldest * 1000:.0f} ms median")
        print(f"chain walk from the newest's first event: {partial * 1000:.1f} ms")
        print(f"chain walk from #1 (before this change):   {whole * 1000:.0f} ms")
        print(f"ratio whole / partial: {whole / partial:.0f}x")
        ws.close()


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:2]))
