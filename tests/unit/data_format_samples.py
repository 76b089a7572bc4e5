"""Incidents as the plain data exports receive them, built from the domain's own records:
the seed's Maram camp shelling told by three outlets (6, 8 and 10 killed), an abduction
known only to the week and without coordinates, and a chemical attack known to the month."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from tawthiq.domain.data_record import DataRecord, ReportFigures
from tawthiq.domain.records import Casualties, Incident, SourceReport

REPORT_TEXT = "قال أبو محمد من المخيم إن القذائف سقطت فجراً"  # a witness's words: private
NAMED_SOURCE = "أبو محمد (شاهد)"
PRIVATE_NOTE = "Contact through the camp's doctor, +963 933 000 111"

MARAM = {
    "title_ar": "قصف مخيم مرام للنازحين",
    "title_en": "Shelling of Maram camp for displaced people",
    "date_start": "2024-03-07",
    "date_precision": "day",
    "time_of_day": "dawn",
    "place_name": "مخيم مرام",
    "place_name_ar": "مخيم مرام",
    "place_name_en": "Maram camp",
    "place_kind": "camp",
    "subdistrict": "دانا",
    "district": "حارم",
    "governorate": "Idlib",
    "country": "SY",
    "lat": 36.2431,
    "lon": 36.7123,
    "geo_precision": "exact",
    "incident_type": "shelling_artillery_missile",
    "weapons": ["artillery", "rocket"],
    "perpetrators": ["syrian_government", "russia"],
    "target": "idp_camp",
    "killed": {"min": 8, "max": 8},
    "killed_children": {"min": 3, "max": 3},
    "killed_women": {"min": 2, "max": 2},
    "injured": {"min": 12, "max": 15, "approximate": True},
    "sources": ["civil_defence", "local_activists"],
    "source_names": [NAMED_SOURCE],
    "evidence_grade": "fair",
    "status": "reviewed",
    "confidentiality": "public",
    "narrative": "سقطت قذائف على خيام النازحين في مخيم مرام فجراً",
    "private_notes": PRIVATE_NOTE,
}
ABDUCTION = {
    "title_ar": "اختطاف مدنيين قرب عفرين",
    "date_start": "2024-05-06",
    "date_end": "2024-05-12",
    "date_precision": "week",
    "place_name": "عفرين",
    "governorate": "Aleppo",
    "incident_type": "abduction_disappearance",
    "perpetrators": ["unknown"],
    "evidence_grade": "weak",
    "status": "draft",
    "confidentiality": "restricted",
}
CHEMICAL = {
    "title_en": "Chlorine attack reported in the south of Idlib",
    "date_start": "2023-11-01",
    "date_end": "2023-11-30",
    "date_precision": "month",
    "place_name_en": "Kafr Nabl",
    "place_kind": "village",
    "geo_precision": "district",
    "governorate": "Idlib",
    "incident_type": "other",
    "weapons": ["chemical"],
    "perpetrators": ["syrian_government"],
    "injured": {"min": 20, "max": 30},
    "evidence_grade": "contested",
    "lat": 35.5,
    "lon": 36.55,
}


def report(report_id: str, outlet: str, day: str, **more: Any) -> SourceReport:
    state = {
        "text": REPORT_TEXT,
        "language": "ar",
        "outlet": outlet,
        "url": f"https://news.example.org/{report_id}",
        "publication_date": day,
        "received_date": day,
        "reliability": "usually_reliable",
        **more,
    }
    return SourceReport.from_state(report_id, state)


def maram(**changes: Any) -> DataRecord:
    """Three outlets told it: 6 killed, then 8, then 10 (each raising the toll)."""
    incident = Incident.from_state("6f1c2a8e-maram", {**MARAM, **changes})
    told = (("r-enab", "عنب بلدي", "2024-03-07", 6), ("r-sana", "SANA", "2024-03-08", 8),
            ("r-stv", "Syria TV", "2024-03-09", 10))  # fmt: skip
    per_source = tuple(
        ReportFigures(report(rid, outlet, day), {"killed": Casualties(k, k)}, raises_toll=i > 0)
        for i, (rid, outlet, day, k) in enumerate(told)
    )
    ranges = {"killed": Casualties(6, 10)}
    return DataRecord(incident, per_source, ranges)


def abduction() -> DataRecord:
    incident = Incident.from_state("b2d4-abduction", ABDUCTION)
    return DataRecord(incident, (ReportFigures(report("r-afrin", "Afrin Post", "2024-05-13")),))


def chemical() -> DataRecord:
    return DataRecord(Incident.from_state("c3e5-chemical", CHEMICAL))


def samples() -> list[DataRecord]:
    return [maram(), abduction(), chemical()]


def write_file(module: Any, records: Any, path: Path, *, private: bool) -> int:
    """Write through ``module`` to a real UTF-8 file, as the export command does."""
    with path.open("w", encoding="utf-8", newline="") as out:
        return int(module.write(records, out, private=private))


class Watched:
    """A stream that notes how many records the source had handed over at its first write
    after the header: a writer that streams writes before the source is exhausted."""

    def __init__(self, out: IO[str]) -> None:
        self.out, self.handed, self.at_writes = out, 0, []

    def records(self, n: int) -> Iterator[DataRecord]:
        one = maram()
        for _ in range(n):
            self.handed += 1
            yield one

    def write(self, s: str) -> int:
        self.at_writes.append(self.handed)
        return self.out.write(s)
