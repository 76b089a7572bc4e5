"""Plain data export writers on their own: 100k incidents (each resting on three reports)
written as ACLED, Airwars, HURIDOCS and GeoJSON files, without the database.

    python bench/bench_data_format_writers.py [N]        (default: 100000)

The records are built from the domain's own objects as they are handed over, never held
in a list; the time to build them alone is measured first in the same run, and each
format's line gives its time with and without it, and the file's size. Reading the
incidents from the store comes on top (the `export-data` benchmark measures both).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "desktop"))

from tawthiq.domain.data_record import DataRecord, ReportFigures
from tawthiq.domain.records import Casualties, Incident, SourceReport
from tawthiq.sync.data_formats import module_of

FORMATS = ("acled", "airwars", "huridocs", "geojson")


def records(n: int) -> Iterator[DataRecord]:
    outlets = ("عنب بلدي", "SANA", "Syria TV")
    reports = [
        SourceReport.from_state(
            f"report-{i}",
            {
                "outlet": o,
                "url": f"https://news.example.org/{i}",
                "publication_date": "2024-03-07",
                "reliability": "usually_reliable",
                "text": "نص التقرير",
            },
        )
        for i, o in enumerate(outlets)
    ]
    for i in range(n):
        state = {
            "title_ar": "قصف مخيم مرام", "title_en": "Shelling of Maram camp",
            "date_start": "2024-03-07", "date_precision": "day", "place_name": "مخيم مرام",
            "place_name_en": "Maram camp", "place_kind": "camp", "governorate": "Idlib",
            "district": "حارم", "subdistrict": "دانا", "country": "SY",
            "lat": 36.2431 + i * 1e-6, "lon": 36.7123,
            "incident_type": "shelling_artillery_missile",
            "weapons": ["artillery"], "perpetrators": ["syrian_government", "russia"],
            "target": "idp_camp", "killed": {"min": i % 9, "max": i % 9 + 2},
            "injured": {"min": 3, "max": 5}, "evidence_grade": "fair", "status": "reviewed",
            "narrative": "سقطت قذائف على خيام النازحين",
        }  # fmt: skip
        figures = tuple(
            ReportFigures(r, {"killed": Casualties(k, k)}, raises_toll=k > 1)
            for k, r in enumerate(reports, start=1)
        )
        yield DataRecord(
            Incident.from_state(f"incident-{i}", state), figures, {"killed": Casualties(1, 3)}
        )


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    start = time.perf_counter()
    built = sum(1 for _ in records(n))
    base = time.perf_counter() - start
    print(f"building {built} records alone: {base:.2f} s")
    with tempfile.TemporaryDirectory() as tmp:
        for name in FORMATS:
            module = module_of(name)
            path = Path(tmp) / f"out{module.SUFFIX}"
            start = time.perf_counter()
            with path.open("w", encoding="utf-8", newline="") as out:
                rows = module.write(records(n), out, private=False)
            took = time.perf_counter() - start
            size = os.path.getsize(path) / 1e6
            print(
                f"{name:9} {rows} rows  {took:5.2f} s with building, "
                f"{took - base:5.2f} s writing  {size:6.1f} MB"
            )


if __name__ == "__main__":
    main()
