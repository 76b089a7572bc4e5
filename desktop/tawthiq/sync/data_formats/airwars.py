"""Incidents as Airwars keeps them: civilians killed and injured as a low and a high
estimate, with children, women and men among them; the grading of the evidence; the
belligerents; every source. One row per incident, English labels with Arabic beside them.

Airwars publishes incidents, not a fixed column list, so the columns are ours, named after
what Airwars' methodology (https://airwars.org/about/methodology) records; each figure is
the range across the reports when any report gave it, else the documenter's own figure, and
the documenter's own killed/injured figures have their own columns. docs/data-formats.md."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from tawthiq.domain.data_record import DataRecord, ReportFigures
from tawthiq.sync.data_formats import cells
from tawthiq.sync.data_formats import record_text as rt

SUFFIX = ".csv"

# (figure, column stem): each gives <stem>_min and <stem>_max
FIGURE_COLUMNS = (
    ("killed", "civilians_killed"),
    ("killed_children", "children_killed"),
    ("killed_women", "women_killed"),
    ("killed_men", "men_killed"),
    ("injured", "civilians_injured"),
    ("injured_children", "children_injured"),
    ("injured_women", "women_injured"),
    ("injured_men", "men_injured"),
)
COLUMNS = (
    "incident_id",
    "date",
    "date_end",
    "date_precision",
    "date_precision_ar",
    "title_en",
    "title_ar",
    "location",
    "location_ar",
    "governorate",
    "governorate_ar",
    "district",
    "district_ar",
    "subdistrict",
    "subdistrict_ar",
    "latitude",
    "longitude",
    "incident_type",
    "incident_type_ar",
    "weapons",
    "weapons_ar",
    "belligerents",
    "belligerents_ar",
    *(f"{stem}_{end}" for _, stem in FIGURE_COLUMNS for end in ("min", "max")),
    "documenter_killed_min",
    "documenter_killed_max",
    "documenter_injured_min",
    "documenter_injured_max",
    "grading",
    "grading_ar",
    "status",
    "status_ar",
    "sources_count",
    "sources",
    "source_figures",
)
# only in an export that is not public-only
PRIVATE_COLUMNS = ("named_sources", "private_notes")


def columns(*, private: bool) -> tuple[str, ...]:
    return COLUMNS + PRIVATE_COLUMNS if private else COLUMNS


def write(records: Iterable[DataRecord], out: IO[str], *, private: bool) -> int:
    """One row per record after the header; the rows written."""
    return cells.write_rows(
        out, columns(private=private), (row(r, private=private) for r in records)
    )


def row(record: DataRecord, *, private: bool) -> list[object]:
    inc = record.incident
    v = inc.values
    gov = inc.governorate
    cells: list[object] = [
        inc.id,
        inc.date_start.isoformat() if inc.date_start else "",
        inc.date_end.isoformat() if inc.date_end else "",
        rt.label("date_precision", inc.date_precision, rt.EN),
        rt.label("date_precision", inc.date_precision, rt.AR),
        inc.title_en or "",
        inc.title_ar or "",
        rt.place(inc, rt.EN),
        rt.place(inc, rt.AR),
        rt.governorate(gov, rt.EN),
        rt.governorate(gov, rt.AR),
        rt.admin_unit("district", v.get("district"), rt.EN, gov),
        rt.admin_unit("district", v.get("district"), rt.AR, gov),
        rt.admin_unit("subdistrict", v.get("subdistrict"), rt.EN, gov),
        rt.admin_unit("subdistrict", v.get("subdistrict"), rt.AR, gov),
        _or_empty(inc.number("lat")),
        _or_empty(inc.number("lon")),
        rt.label("incident_type", inc.incident_type, rt.EN),
        rt.label("incident_type", inc.incident_type, rt.AR),
        "; ".join(rt.labels("weapons", inc.weapons, rt.EN)),
        "; ".join(rt.labels("weapons", inc.weapons, rt.AR)),
        "; ".join(rt.labels("perpetrators", inc.perpetrators, rt.EN)),
        "; ".join(rt.labels("perpetrators", inc.perpetrators, rt.AR)),
    ]
    for name, _ in FIGURE_COLUMNS:
        cells.extend(rt.bounds(rt.figure(record, name)))
    cells.extend(rt.bounds(inc.killed))
    cells.extend(rt.bounds(inc.injured))
    grade, status = inc.code("evidence_grade"), inc.status
    cells += [
        rt.label("evidence_grade", grade, rt.EN),
        rt.label("evidence_grade", grade, rt.AR),
        rt.label("status", status, rt.EN),
        rt.label("status", status, rt.AR),
        len(record.per_source),
        " | ".join(source(r) for r in record.per_source),
        " | ".join(f for f in (source_figures(r) for r in record.per_source) if f),
    ]
    if private:
        cells += ["; ".join(rt.named_sources(inc)), rt.private_notes(inc)]
    return cells


def source(r: ReportFigures) -> str:
    """ "Enab Baladi, 2024-03-07, https://…": the outlet, the day published, the address."""
    rep = r.report
    return ", ".join(x for x in (rep.outlet, rep.publication_date, rep.url) if x)


def source_figures(r: ReportFigures) -> str:
    """ "Enab Baladi: 8 killed, 12 injured (raised the toll)"; empty for a report whose
    figures were not recorded."""
    said = [
        f"{r.figures[n]} {n.replace('_', ' ')}" for n in ("killed", "injured") if n in r.figures
    ]
    if not said:
        return ""
    text = f"{r.report.outlet or r.report.url or r.report.id}: {', '.join(said)}"
    return text + " (raised the toll)" if r.raises_toll else text


def _or_empty(x: float | None) -> float | str:
    return "" if x is None else x
