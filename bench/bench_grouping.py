"""Grouping benchmark: find the incidents a new report may tell of among N kept.

    python bench/bench_grouping.py [N]        (default 100000)

Saves N incidents (dates over 13 years, 8 places with codes and coordinates, as
bench_store.py makes them), then, for 300 new reports' forms, times
``services.grouping.candidates`` (the day window read from the incident table, each
incident in it matched: place code, distance, names compared with rapidfuzz, type, sides).
Baseline in the same run: the same day window read alone (the SQL query with no matching),
so the ratio is what the matching costs over reading the rows it needs. Target: < 50 ms.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from tawthiq import services
from tawthiq.services import grouping
from tawthiq.store import queries

PLACES = [  # (Arabic, English, code, lat, lon, governorate)
    ("مخيم مرام", "Maram camp", "CP000001", 36.2561, 36.6491, "Idlib"),
    ("كفر جالس", "Kafr Jales", "C4155", 36.2353, 36.6483, "Idlib"),
    ("سرمدا", "Sarmada", "C4140", 36.1798, 36.7162, "Idlib"),
    ("أطمة", "Atma", "C4139", 36.3200, 36.6700, "Idlib"),
    ("أريحا", "Ariha", "C4175", 35.8130, 36.6100, "Idlib"),
    ("الأتارب", "Atarib", "C1225", 36.1370, 36.8300, "Aleppo"),
    ("تل أبيض", "Tell Abiad", "C5870", 36.6970, 38.9560, "Ar-Raqqa"),
    ("داعل", "Dael", "C6110", 32.7560, 36.1300, "Dar'a"),
]
TYPES = ["air_drone_strike", "shelling_artillery_missile", "armed_clash", "remote_explosive"]


def form(rng: random.Random, i: int) -> dict[str, object]:
    ar, en, code, lat, lon, gov = rng.choice(PLACES)
    killed = rng.randrange(0, 40)
    return {
        "title_en": f"Attack {i} on {en}",
        "date_start": (date(2012, 1, 1) + timedelta(days=rng.randrange(4700))).isoformat(),
        "place_name_ar": ar,
        "place_name_en": en,
        "pcode": code,
        "lat": lat,
        "lon": lon,
        "governorate": gov,
        "incident_type": rng.choice(TYPES),
        "perpetrators": [rng.choice(["syrian_government", "russia", "unknown"])],
        "killed": killed,
        "injured": rng.randrange(0, 100),
    }


def ms(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return statistics.median(times) * 1000, times[int(0.95 * (len(times) - 1))] * 1000


def main(n: int) -> None:
    rng = random.Random(19)
    folder = Path(tempfile.mkdtemp(prefix="tawthiq-bench-group-"))
    ws = services.open_workspace(folder / "bench.db", author="bench", key_dir=folder)
    forms = [form(rng, i) for i in range(n)]
    t = time.perf_counter()
    for start in range(0, n, 1000):
        with ws.writing() as w:
            services.incidents.create_incidents(w, forms[start : start + 1000])
    print(f"saved {n:,} incidents in {time.perf_counter() - t:.1f} s", flush=True)
    new = [services.incidents.new_incident_values(form(rng, n + i)) for i in range(300)]
    found, matched, window = [], [], []
    with ws.db.read() as s:
        for values in new[:20]:  # warm the page cache and the caches of both paths alike
            grouping.candidates(s, values)
        for values in new:
            day = date.fromisoformat(str(values["date_start"]))
            lo, hi = (day - timedelta(days=1)).isoformat(), (day + timedelta(days=1)).isoformat()
            t = time.perf_counter()
            rows = list(queries.incidents_between(s, lo, hi, besides=""))
            window.append(time.perf_counter() - t)
            t = time.perf_counter()
            got = grouping.candidates(s, values)
            matched.append(time.perf_counter() - t)
            found.append((len(rows), len(got)))
    (cand_med, cand_p95), (win_med, win_p95) = ms(matched), ms(window)
    rows_med = statistics.median(r for r, _ in found)
    print(f"candidates among {n:,} incidents, 300 new reports: median {cand_med:.1f} ms, "
          f"95th percentile {cand_p95:.1f} ms (target < 50 ms)")  # fmt: skip
    print(f"baseline, the day window read alone: median {win_med:.1f} ms, 95th {win_p95:.1f} ms;"
          f" {rows_med:.0f} incidents in a window; matching costs "
          f"{cand_med / win_med:.1f}x the read")  # fmt: skip
    print(f"candidates found per report: median {statistics.median(c for _, c in found):.0f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
