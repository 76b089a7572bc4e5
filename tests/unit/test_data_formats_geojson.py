"""The GeoJSON export: a FeatureCollection that keeps RFC 7946's rules (checked by hand
below: no JSON-schema validator is installed), points at [longitude, latitude], the
incident's properties with both labels, and an unlocated incident as a null geometry."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from data_format_samples import (
    NAMED_SOURCE,
    PRIVATE_NOTE,
    REPORT_TEXT,
    abduction,
    maram,
    samples,
    write_file,
)

from tawthiq.domain.data_record import DataRecord
from tawthiq.sync.data_formats import geojson, module_of


def rfc7946_problems(doc: Any) -> list[str]:
    """What in ``doc`` breaks RFC 7946 for a collection of point features (sections 3.1.1,
    3.1.2, 3.2, 3.3, 4): empty when nothing does."""
    problems: list[str] = []
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        return ["the top level is not a FeatureCollection"]
    if not isinstance(doc.get("features"), list):
        return ['"features" is not an array']
    for i, f in enumerate(doc["features"]):
        at = f"feature {i}"
        if not isinstance(f, dict) or f.get("type") != "Feature":
            problems.append(f"{at} is not a Feature")
            continue
        if "geometry" not in f or "properties" not in f:
            problems.append(f"{at} lacks geometry or properties")
        if not (f.get("properties") is None or isinstance(f["properties"], dict)):
            problems.append(f"{at}: properties neither an object nor null")
        if "id" in f and not isinstance(f["id"], str | int | float):
            problems.append(f"{at}: id neither a string nor a number")
        g = f.get("geometry")
        if g is None:
            continue
        if not isinstance(g, dict) or g.get("type") != "Point":
            problems.append(f"{at}: geometry not a Point")
            continue
        c = g.get("coordinates")
        if not (isinstance(c, list) and len(c) in (2, 3)):
            problems.append(f"{at}: a position is two or three numbers")
            continue
        if not all(
            isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x) for x in c
        ):
            problems.append(f"{at}: coordinates are not numbers")
            continue
        lon, lat = c[0], c[1]
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            problems.append(f"{at}: longitude or latitude out of range")
    return problems


def collection(tmp_path: Path, records: list[DataRecord], *, private: bool = False) -> Any:
    path = tmp_path / "incidents.geojson"
    assert write_file(geojson, records, path, private=private) == len(records)
    doc = json.loads(path.read_text("utf-8"))
    assert rfc7946_problems(doc) == []
    assert len(doc["features"]) == len(records)
    return doc


def test_the_checker_catches_what_rfc_7946_forbids() -> None:
    good = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [36.7, 36.2]},
        "properties": {},
    }
    assert rfc7946_problems({"type": "FeatureCollection", "features": [good]}) == []
    swapped_out = {**good, "geometry": {"type": "Point", "coordinates": [36.2, 236.7]}}
    as_text = {**good, "geometry": {"type": "Point", "coordinates": ["36.7", "36.2"]}}
    bare = {"type": "Feature", "properties": {}}
    for bad in (swapped_out, as_text, bare):
        assert rfc7946_problems({"type": "FeatureCollection", "features": [bad]}) != []


def test_a_point_at_longitude_then_latitude(tmp_path: Path) -> None:
    (feature,) = collection(tmp_path, [maram()])["features"]
    assert feature["id"] == "6f1c2a8e-maram"
    # Maram camp lies at 36.2431 N, 36.7123 E: longitude first
    assert feature["geometry"] == {"type": "Point", "coordinates": [36.7123, 36.2431]}
    p = feature["properties"]
    assert (p["id"], p["date"], p["place"], p["place_en"]) == (
        "6f1c2a8e-maram",
        "2024-03-07",
        "مخيم مرام",
        "Maram camp",
    )
    assert (p["governorate"], p["governorate_ar"]) == ("Idlib", "إدلب")
    assert (p["incident_type"], p["incident_type_en"], p["incident_type_ar"]) == (
        "shelling_artillery_missile",
        "Shelling/artillery/missile attack",
        "قصف مدفعي أو صاروخي",
    )
    assert p["perpetrators"] == ["syrian_government", "russia"]
    assert p["perpetrators_ar"] == ["قوات الحكومة السورية", "القوات الروسية"]
    assert (p["killed_min"], p["killed_max"], p["injured_min"], p["injured_max"]) == (8, 8, 12, 15)
    assert p["ranges"] == {"killed": {"min": 6, "max": 10}}
    assert (p["evidence_grade"], p["evidence_grade_ar"]) == ("fair", "مقبول")
    assert (p["status"], p["status_en"]) == ("reviewed", "Reviewed")
    assert (p["reports"], p["outlets"]) == (3, ["عنب بلدي", "SANA", "Syria TV"])


def test_an_incident_without_coordinates_is_a_feature_without_geometry(tmp_path: Path) -> None:
    doc = collection(tmp_path, samples())
    assert [f["geometry"] is None for f in doc["features"]] == [False, True, False]
    unlocated = doc["features"][1]["properties"]
    assert (unlocated["place"], unlocated["killed_min"], unlocated["ranges"]) == ("عفرين", None, {})


def test_private_fields_and_report_texts_stay_out_unless_asked_for(tmp_path: Path) -> None:
    public = tmp_path / "public.geojson"
    everything = tmp_path / "all.geojson"
    write_file(geojson, samples(), public, private=False)
    write_file(geojson, samples(), everything, private=True)
    public_text, all_text = public.read_text("utf-8"), everything.read_text("utf-8")
    assert NAMED_SOURCE not in public_text and PRIVATE_NOTE not in public_text
    assert REPORT_TEXT not in public_text and REPORT_TEXT not in all_text
    p = json.loads(all_text)["features"][0]["properties"]
    assert (p["source_names"], p["private_notes"]) == ([NAMED_SOURCE], PRIVATE_NOTE)
    assert "private_notes" not in json.loads(public_text)["features"][0]["properties"]
    assert module_of("geojson") is geojson and geojson.SUFFIX == ".geojson"


def test_no_incidents_is_an_empty_collection(tmp_path: Path) -> None:
    assert collection(tmp_path, [])["features"] == []
    assert collection(tmp_path, [abduction()])["features"][0]["geometry"] is None
