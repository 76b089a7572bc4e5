"""Sync benchmark: merge exports from many laptops into one database.

    python bench/bench_sync.py [LAPTOPS] [INCIDENTS]     (default 10 10000)

Makes LAPTOPS databases of INCIDENTS incidents each (about 19 events per incident, as
bench_store.py saves them) and exports each to a file (kept in bench/out/ for the next
run). Then, in a fresh process: merges all the files into an empty database with one
``tawthiq import``-equivalent call, and, as the baseline in the same process, inserts the
same event rows with a raw ``sqlite3.executemany`` into a table with the same indexes.
Prints seconds, events/s, the ratio, and the merging process's peak memory.
"""

from __future__ import annotations

import json
import random
import resource
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from bench_store import sample

from tawthiq import services
from tawthiq.services import sync
from tawthiq.store.sqlite_bulk import MERGE_CACHE_KIB

OUT = Path(__file__).parent / "out"


def make(folder: Path, laptops: int, incidents: int) -> list[Path]:
    files = [folder / f"laptop-{i}.tawthiq" for i in range(laptops)]
    if all(f.exists() for f in files):
        return files
    folder.mkdir(parents=True, exist_ok=True)
    for i, path in enumerate(files):
        t = time.perf_counter()
        rng = random.Random(i)
        db = folder / f"laptop-{i}.db"
        db.unlink(missing_ok=True)
        ws = services.open_workspace(db, author=f"documenter {i}", key_dir=folder / f"keys-{i}")
        forms = [sample(rng, k) for k in range(incidents)]
        for start in range(0, incidents, 1000):
            with ws.writing() as w:
                services.incidents.create_incidents(w, forms[start : start + 1000])
        result = sync.export_database(ws, path)
        ws.close()
        db.unlink()
        print(
            f"made {path.name}: {result.events:,} events, {result.size / 1e6:.1f} MB "
            f"({time.perf_counter() - t:.0f} s)",
            flush=True,
        )
    return files


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def merge(folder: Path) -> dict[str, float]:
    files = sorted(folder.glob("laptop-*.tawthiq"))
    db = folder / "merged.db"
    for extra in ("", "-wal", "-shm"):
        Path(f"{db}{extra}").unlink(missing_ok=True)
    ws = services.open_workspace(db, author="coordinator", key_dir=folder / "keys-merged")
    rss_before = _peak_mb()
    t = time.perf_counter()
    summary = sync.import_files(ws, files, accept_new=True)
    merged = time.perf_counter() - t
    rss_after = _peak_mb()
    t = time.perf_counter()
    again = sync.import_files(ws, files)
    repeat = time.perf_counter() - t
    assert again.new == 0
    raw = raw_baseline(db, folder / "raw.db")
    ws.close()
    return {
        "files": len(files),
        "events": summary.new,
        "incidents": summary.records_new.get("incident", 0),
        "merge_s": merged,
        "repeat_s": repeat,
        "raw_s": raw,
        "rss_before_mb": rss_before,
        "rss_peak_mb": rss_after,
    }


def raw_baseline(source: Path, target: Path) -> float:
    """The same event rows into an event table with the same keys and index, by plain
    sqlite3.executemany (same pragmas and page cache), in batches read from the merged
    database; only the inserts are timed."""
    target.unlink(missing_ok=True)
    con = sqlite3.connect(target)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute(f"PRAGMA cache_size=-{MERGE_CACHE_KIB}")  # as the merge has it
    con.execute(
        "CREATE TABLE event (event_id TEXT PRIMARY KEY, entity TEXT, entity_id TEXT, field TEXT,"
        " value TEXT, parents TEXT, hlc INTEGER, author TEXT, device_id TEXT, seq INTEGER,"
        " prev_hash TEXT, hash TEXT, signature TEXT, origin TEXT, UNIQUE (device_id, seq))"
    )
    con.execute("CREATE INDEX ix_event_entity ON event (entity_id, field)")
    src = sqlite3.connect(source)
    rows = src.execute("SELECT * FROM event")
    elapsed = 0.0
    con.execute("BEGIN")
    while batch := rows.fetchmany(50_000):
        t = time.perf_counter()
        con.executemany(f"INSERT INTO event VALUES ({', '.join('?' * 14)})", batch)
        elapsed += time.perf_counter() - t
    t = time.perf_counter()
    con.commit()
    elapsed += time.perf_counter() - t
    src.close()
    con.close()
    target.unlink()
    return elapsed


def main(laptops: int, incidents: int) -> None:
    folder = OUT / f"sync-{laptops}x{incidents}"
    files = make(folder, laptops, incidents)
    size = sum(f.stat().st_size for f in files) / 1e6
    child = subprocess.run(
        [sys.executable, __file__, "--merge", str(folder)],
        check=True,
        capture_output=True,
        text=True,
    )
    r = json.loads(child.stdout.strip().splitlines()[-1])
    print(
        f"merge {r['files']} exports ({size:.0f} MB) of {incidents:,} incidents each into an "
        f"empty database: {r['events']:,} events, {r['incidents']:,} incidents in "
        f"{r['merge_s']:.1f} s ({r['events'] / r['merge_s']:,.0f} events/s)"
    )
    print(
        f"raw sqlite3.executemany of the same {r['events']:,} event rows: {r['raw_s']:.1f} s "
        f"({r['events'] / r['raw_s']:,.0f} events/s); ratio {r['merge_s'] / r['raw_s']:.1f}x"
    )
    print(f"merging the same files again (all already known): {r['repeat_s']:.1f} s")
    print(
        f"peak memory of the merging process: {r['rss_peak_mb']:.0f} MB "
        f"({r['rss_before_mb']:.0f} MB before the merge)"
    )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--merge":
        print(json.dumps(merge(Path(sys.argv[2]))))
    else:
        args = [int(a) for a in sys.argv[1:3]]
        main(*(args + [10, 10_000][len(args) :]))
