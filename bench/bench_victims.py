"""Victims benchmark: recording N named victims, listing one incident's, and a search by
name across all of them (Arabic folded, and across scripts).

    python bench/bench_victims.py [N]        (default: 20000)

Names are made from lists of given and family names (Arabic, with an English spelling for
one in three), spread over N/4 incidents. Prints seconds for each step.
"""

from __future__ import annotations

import itertools
import sys
import tempfile
import time
from pathlib import Path

from tawthiq import services
from tawthiq.services import victims as V

GIVEN = ["محمد", "أحمد", "خالد", "سامر", "ليلى", "سلمى", "عمر", "يوسف", "هند", "مريم", "علي",
         "إبراهيم", "فاطمة", "حسن", "وليد", "رنا"]  # fmt: skip
FAMILY = ["الأحمد", "الخالد", "حداد", "نصار", "العمر", "الحسن", "السعيد", "درويش", "صالح",
          "الحلبي", "الإدلبي", "الشامي"]  # fmt: skip
LATIN = {"محمد": "Mohammad", "أحمد": "Ahmad", "الأحمد": "al-Ahmad", "حداد": "Haddad"}


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ws = services.open_workspace(Path(tmp) / "bench.db", author="Bench")
        start = time.perf_counter()
        names = itertools.cycle(itertools.product(GIVEN, FAMILY, range(7)))
        incidents: list[str] = []
        with ws.writing() as w:
            for i in range(max(1, n // 4)):
                incidents.append(services.incidents.create_incident(w, {"title_en": f"i{i}"}))
            for i in range(n):
                given, family, k = next(names)
                values = {"name_ar": f"{given} {family}", "status": "killed"}
                if k % 3 == 0 and given in LATIN:
                    values["name_en"] = f"{LATIN[given]} {LATIN.get(family, 'Saleh')}"
                V.add_victim(w, incidents[i % len(incidents)], values)
        saved = time.perf_counter() - start
        with ws.db.read() as s:
            start = time.perf_counter()
            listed = V.victims_of(s, incidents[0])
            one = time.perf_counter() - start
            start = time.perf_counter()
            found = V.find_victims(s, "Mohammad al-Ahmad", limit=50)
            search = time.perf_counter() - start
        ws.close()
    print(f"{n} victims recorded in {saved:.1f} s ({n / saved:.0f}/s)")
    print(f"one incident's {len(listed)} victims listed in {one * 1000:.1f} ms")
    print(f"search by name across {n}: {search * 1000:.0f} ms ({len(found)} shown, best first)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20000)
