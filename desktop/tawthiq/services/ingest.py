"""Pasting a report: extract its incidents and save them with the report as their source."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from tawthiq.domain.errors import ValidationError
from tawthiq.domain.vocab import vocabulary
from tawthiq.extract import ExtractionResult, IncidentResult, extract
from tawthiq.services.incidents import add_source_report, create_incidents, new_incident_values
from tawthiq.store import EventWriter


def _geo_precision(pcode: str) -> str:
    """How precise a place is, from its OCHA/CCCM code: SY07 a governorate, SY0703 a
    district, SY070300 a subdistrict, C1234 a community, CP000752 a camp."""
    if pcode.startswith("C"):
        return "locality"
    return {4: "governorate", 6: "district", 8: "subdistrict"}.get(len(pcode), "governorate")


_COUNTS = ("killed", "killed_children", "killed_women", "injured")


def incident_values(found: IncidentResult) -> dict[str, Any]:
    """The incident form as the extractor filled it in (only what it found)."""
    v: dict[str, Any] = {}
    if found["date"].value:
        v["date_start"] = found["date"].value
        v["date_precision"] = found["date"].extra.get("precision") or "day"
    if found["time_of_day"].value:
        v["time_of_day"] = found["time_of_day"].value
    place = found["place"].value
    if isinstance(place, Mapping):
        for key, field in (
            ("name", "place_name"),
            ("name_ar", "place_name_ar"),
            ("name_en", "place_name_en"),
            ("subdistrict", "subdistrict"),
            ("district", "district"),
            ("governorate", "governorate"),
            ("country", "country"),
            ("pcode", "pcode"),
            ("lat", "lat"),
            ("lon", "lon"),
        ):
            if place.get(key) is not None:
                v[field] = place[key]
        kind = place.get("kind")
        if kind in vocabulary("place_kind").codes:
            v["place_kind"] = kind
        v["geo_precision"] = _geo_precision(str(place.get("pcode") or ""))
    for name in ("incident_type", "target"):
        if found[name].value:
            v[name] = found[name].value
    for name in ("weapons", "perpetrators", "sources"):
        if found[name].value:
            v[name] = list(found[name].value)
    for name in _COUNTS:
        f = found[name]
        if f.value is not None:
            v[name] = {
                "min": f.extra["min"],
                "max": f.extra["max"],
                "approximate": f.extra["approximate"],
            }
    if v.get("incident_type"):
        term = vocabulary("incident_type").term(v["incident_type"])
        where_ar = v.get("place_name_ar") or v.get("place_name") or v.get("governorate")
        where_en = v.get("place_name_en") or v.get("governorate")
        if v.get("place_kind") == "camp":
            where_ar, where_en = f"مخيم {where_ar}", f"{where_en} camp"
        v["title_ar"] = term.ar + (f" في {where_ar}" if where_ar else "")
        v["title_en"] = term.en + (f" in {where_en}" if where_en else "")
    return v


def _valid(values: dict[str, Any]) -> dict[str, Any]:
    """The form as far as it passes the incident's checks: a field the checks refuse is left
    empty for the documenter, never a reason to lose the report."""
    try:
        new_incident_values(values)
        return values
    except ValidationError:
        pass
    kept = dict(values)
    for name in (
        "killed_children",
        "killed_women",
        "killed_men",
        "injured_children",
        "injured_women",
        "injured_men",
        "date_end",
    ):
        kept.pop(name, None)
    try:
        new_incident_values(kept)
        return kept
    except ValidationError:
        return {k: v for k, v in kept.items() if k in ("title_ar", "title_en", "incident_type")}


@dataclass(frozen=True, slots=True)
class Ingested:
    report_id: str
    saved: tuple[tuple[str, IncidentResult], ...]  # (new incident id, what was extracted)
    result: ExtractionResult

    @property
    def incident_ids(self) -> tuple[str, ...]:
        return tuple(i for i, _ in self.saved)


def ingest_report(
    writer: EventWriter,
    text: str,
    *,
    ref_date: date | None = None,
    outlet: str | None = None,
    url: str | None = None,
) -> Ingested:
    """Extract every incident of ``text`` and save each, the text kept as their source."""
    result = extract(text, ref_date=ref_date)
    kept = [(i, _valid(incident_values(i))) for i in result.incidents if i.is_incident]
    ids = create_incidents(writer, [f for _, f in kept])
    report: dict[str, Any] = {
        "text": text,
        "language": result.language,
        "received_date": date.today().isoformat(),
    }
    if ref_date is not None:
        report["publication_date"] = ref_date.isoformat()
    if outlet:
        report["outlet"] = outlet
    if url:
        report["url"] = url
    report_id = add_source_report(writer, report, incident_ids=ids)
    return Ingested(report_id, tuple(zip(ids, (i for i, _ in kept), strict=True)), result)
