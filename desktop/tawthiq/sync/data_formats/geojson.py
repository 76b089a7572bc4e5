"""Incidents as a GeoJSON FeatureCollection (RFC 7946): each a Feature whose geometry is
the Point of its coordinates (longitude first) and whose properties are the incident's.

An incident without coordinates is still a Feature, with ``"geometry": null`` as RFC 7946
(section 3.2) allows for an unlocated feature: every incident exported is in the file, and
a map leaves those out. docs/data-formats.md lists the properties."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from tawthiq.domain.data_record import DataRecord
from tawthiq.sync.data_formats import record_text as rt

SUFFIX = ".geojson"
# RFC 7946 section 11.2: six decimal places are about 10 cm, more than any report tells
DECIMALS = 6


def write(records: Iterable[DataRecord], out: IO[str], *, private: bool) -> int:
    """The collection, one feature written at a time; the features written."""
    count = [0]

    def features() -> Iterator[str]:
        for record in records:
            count[0] += 1
            yield json.dumps(feature(record, private=private), ensure_ascii=False)

    head = '{"type": "FeatureCollection", "features": [\n'
    for part in rt.streamed(features(), head=head, sep=",\n", tail="\n]}\n"):
        out.write(part)
    return count[0]


def feature(record: DataRecord, *, private: bool) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": record.incident.id,
        "geometry": geometry(record),
        "properties": properties(record, private=private),
    }


def geometry(record: DataRecord) -> dict[str, Any] | None:
    """A Point at [longitude, latitude]; None without both."""
    inc = record.incident
    lat, lon = inc.number("lat"), inc.number("lon")
    if lat is None or lon is None:
        return None
    return {
        "type": "Point",
        "coordinates": [round(lon, DECIMALS), round(lat, DECIMALS)],
    }


def properties(record: DataRecord, *, private: bool) -> dict[str, Any]:
    inc = record.incident
    v, gov = inc.values, inc.governorate
    killed, injured = inc.killed, inc.injured
    grade = inc.code("evidence_grade")
    out: dict[str, Any] = {
        "id": inc.id,
        "title_en": inc.title_en,
        "title_ar": inc.title_ar,
        "date": inc.date_start.isoformat() if inc.date_start else None,
        "date_end": inc.date_end.isoformat() if inc.date_end else None,
        "date_precision": inc.date_precision,
        "place": inc.place_name,
        "place_en": rt.place(inc, rt.EN) or None,
        "place_ar": rt.place(inc, rt.AR) or None,
        "place_kind": inc.code("place_kind"),
        "geo_precision": inc.code("geo_precision"),
        "governorate": rt.governorate(gov, rt.EN) or None,
        "governorate_ar": rt.governorate(gov, rt.AR) or None,
        "district": rt.admin_unit("district", v.get("district"), rt.EN, gov) or None,
        "subdistrict": rt.admin_unit("subdistrict", v.get("subdistrict"), rt.EN, gov) or None,
        "pcode": v.get("pcode"),
        "incident_type": inc.incident_type,
        "incident_type_en": rt.label("incident_type", inc.incident_type, rt.EN) or None,
        "incident_type_ar": rt.label("incident_type", inc.incident_type, rt.AR) or None,
        "weapons": list(inc.weapons),
        "perpetrators": list(inc.perpetrators),
        "perpetrators_en": rt.labels("perpetrators", inc.perpetrators, rt.EN),
        "perpetrators_ar": rt.labels("perpetrators", inc.perpetrators, rt.AR),
        "target": inc.code("target"),
        "killed_min": killed.min if killed else None,
        "killed_max": killed.max if killed else None,
        "injured_min": injured.min if injured else None,
        "injured_max": injured.max if injured else None,
        "ranges": {n: {"min": c.min, "max": c.max} for n, c in record.ranges.items()},
        "evidence_grade": grade,
        "evidence_grade_en": rt.label("evidence_grade", grade, rt.EN) or None,
        "evidence_grade_ar": rt.label("evidence_grade", grade, rt.AR) or None,
        "status": inc.status,
        "status_en": rt.label("status", inc.status, rt.EN) or None,
        "status_ar": rt.label("status", inc.status, rt.AR) or None,
        "confidentiality": inc.code("confidentiality"),
        "reports": len(record.per_source),
        "outlets": rt.outlets(record),
    }
    if private:
        out["source_names"] = rt.named_sources(inc)
        out["private_notes"] = rt.private_notes(inc) or None
    return out
