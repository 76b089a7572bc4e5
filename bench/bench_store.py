"""Store benchmark: save N incidents with full audit, list a filtered page, search.

    python bench/bench_store.py [N]        (default 100000)

Prints incidents/s through the services API (events, hash chain, materialised rows and
the search index, in batches of 1,000 per transaction as an import does), the same rows
written by raw ``sqlite3.executemany`` in the same run as the baseline, a per-save
(one transaction each, synchronous=FULL) rate on a sample, and list/search latency.
"""

from __future__ import annotations

import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from tawthiq import services
from tawthiq.store import IncidentFilter
from tawthiq.store import sqlite_search as search
from tawthiq.store.materialize import entity_state, row_for

GOVS = ["Idlib", "Aleppo", "Hama", "Homs", "Daraa", "Raqqa", "Deir ez-Zor", "Al-Hasakah"]
PLACES = ["مخيم مرام", "كفر جالس", "سرمدا", "أطمة", "أريحا", "معرة مصرين", "تل أبيض", "الأتارب"]
TYPES = ["air_drone_strike", "shelling_artillery_missile", "armed_clash", "remote_explosive"]
WEAPONS = ["rocket", "cluster_munition", "artillery", "barrel_bomb", "drone", "mortar"]


def sample(rng: random.Random, i: int) -> dict[str, object]:
    """About 15 fields, like a filled-in form."""
    d = date(2012, 1, 1) + timedelta(days=rng.randrange(4700))
    place = rng.choice(PLACES)
    killed = rng.randrange(0, 40)
    return {
        "title_ar": f"قصف على {place} رقم {i}",
        "title_en": f"Attack {i} on {place}",
        "date_start": d.isoformat(),
        "time_of_day": rng.choice(["morning", "evening", "night"]),
        "place_name": place,
        "governorate": rng.choice(GOVS),
        "incident_type": rng.choice(TYPES),
        "weapons": rng.sample(WEAPONS, 2),
        "perpetrators": [rng.choice(["syrian_government", "russia", "unknown"])],
        "target": rng.choice(["idp_camp", "residential", "market"]),
        "killed": killed,
        "killed_children": rng.randrange(0, killed + 1),
        "injured": rng.randrange(0, 100),
        "sources": ["civil_defence"],
        "narrative": f"سقطت قذائف على {place} وأصيب مدنيون بجروح، بحسب الدفاع المدني."
        + (" واستهدف القصف خيام النازحين." if place.startswith("مخيم") else ""),
    }


def raw_baseline(rows: list[dict[str, object]], folder: Path) -> float:
    """The same materialised incident rows, plain sqlite3.executemany, same pragmas."""
    con = sqlite3.connect(folder / "raw.db")
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    cols = list(rows[0])
    con.execute(f"CREATE TABLE incident (num INTEGER PRIMARY KEY, {', '.join(cols)})")
    t = time.perf_counter()
    with con:
        con.executemany(
            f"INSERT INTO incident ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            [tuple(r[c] for c in cols) for r in rows],
        )
    elapsed = time.perf_counter() - t
    con.close()
    return elapsed


def timed(fn, repeat: int = 20) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main(n: int) -> None:
    rng = random.Random(7)
    folder = Path(tempfile.mkdtemp(prefix="tawthiq-bench-"))
    ws = services.open_workspace(folder / "bench.db", author="bench", key_dir=folder)
    batch = 1000
    forms = [sample(rng, i) for i in range(n)]  # the input, made before the clock starts
    t = time.perf_counter()
    for start in range(0, n, batch):
        with ws.writing() as w:
            services.incidents.create_incidents(w, forms[start : start + batch])
    saved = time.perf_counter() - t
    del forms

    with ws.db.read() as s:
        events = s.connection().exec_driver_sql("SELECT count(*) FROM event").scalar()
        ids = [r[0] for r in s.connection().exec_driver_sql("SELECT id FROM incident LIMIT 20000")]
        from tawthiq.store.writer import load_events

        rows = [row_for(entity_state(load_events(s, i))) for i in ids]
    rows = (rows * (n // len(rows) + 1))[:n]
    rows = [{**r, "id": f"{k:036d}"} for k, r in enumerate(rows)]
    raw = raw_baseline(rows, folder)

    single = 200
    t = time.perf_counter()
    for i in range(single):
        with ws.writing() as w:
            services.incidents.create_incident(w, sample(rng, n + i))
    per_save = time.perf_counter() - t

    flt = IncidentFilter(governorate="Idlib", date_from="2016-01-01", date_to="2018-12-31")
    with ws.db.read() as s:
        list_ms = timed(lambda: services.incidents.list_incidents(s, flt, limit=50))
        page_ms = timed(lambda: services.incidents.list_incidents(s, flt, limit=50, offset=2000))
        count_ms = timed(lambda: services.incidents.count_incidents(s, flt))
        searches = {}
        for query, gov in [
            ("للنازحين مخيّم مرام", None),
            ("قصف", None),
            ("تل ابيض", "Raqqa"),
            ("attack 4242", None),
            ("لا يوجد", None),
        ]:
            flt = IncidentFilter(text=query, governorate=gov)
            searches[query + (f" + {gov}" if gov else "")] = (
                timed(lambda flt=flt: services.incidents.list_incidents(s, flt, limit=50)),
                services.incidents.count_incidents(s, flt),
            )
    t = time.perf_counter()
    with ws.db.read() as s:
        report = services.maintenance.verify(s)
    verify_s = time.perf_counter() - t
    t = time.perf_counter()
    with ws.db.read() as s:  # verify's check of the search index, on a copy: read-only
        search.index_problems(s)
    index_s = time.perf_counter() - t
    t = time.perf_counter()
    with ws.db.write() as s:  # the same check as FTS5 runs it in place, with the write lock
        for table in search.SEARCHED:
            s.connection().exec_driver_sql(
                f"INSERT INTO {table}_fts({table}_fts, rank) VALUES('integrity-check', 1)"
            )
    in_place_s = time.perf_counter() - t
    size_mb = (folder / "bench.db").stat().st_size / 1e6
    ws.close()

    print(json.dumps({"incidents": n, "events": events}))
    print(
        f"save with full audit (batches of {batch}): {n / saved:,.0f} incidents/s "
        f"({events / saved:,.0f} events/s, {saved:.1f} s)"
    )
    print(
        f"raw sqlite3.executemany of the same {n:,} materialised rows: {n / raw:,.0f} rows/s "
        f"({raw:.2f} s); ratio {saved / raw:.1f}x"
    )
    print(
        f"one save per transaction (fsync each, {single} saves): "
        f"{single / per_save:,.0f} incidents/s"
    )
    print(
        f"list 50 (governorate+date filter): {list_ms:.1f} ms; "
        f"page at offset 2000: {page_ms:.1f} ms; count: {count_ms:.1f} ms"
    )
    for query, (ms, matches) in searches.items():
        print(f"search '{query}': first page of 50 in {ms:.1f} ms ({matches:,} matches)")
    print(
        f"verify ({report.events:,} events, ok={report.ok}): {verify_s:.1f} s; "
        f"database {size_mb:.0f} MB"
    )
    print(
        f"of which the search index's check (read-only, on a copy): {index_s:.1f} s; "
        f"the same check in place (holding the write lock): {in_place_s:.1f} s"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
