"""The rows of an incident's first tables, (label, English value, Arabic value): who it is,
when and where it happened, what happened, who is said to have done it."""

from __future__ import annotations

from tawthiq.domain.records import Incident
from tawthiq.report import labels as L
from tawthiq.report.model import ReportOptions
from tawthiq.report.text import Writer, has_arabic, ltr

Row = tuple[L.Pair, str, str]
_PARTS_OF_DAY = ("dawn", "morning", "noon", "afternoon", "evening", "night")


def identity(inc: Incident) -> list[Row]:
    status = L.code("status", inc.status)
    grade = L.code("evidence_grade", inc.values.get("evidence_grade"))
    return [
        (L.TEXT["id"], inc.id, ltr(inc.id)),
        (L.field("status"), status[0], status[1]),
        (L.field("evidence_grade"), grade[0], grade[1]),
    ]


def _when(inc: Incident, w: Writer, name: str) -> tuple[str, str]:
    value, precision = inc.values.get(name), inc.date_precision
    en, ar = L.day(value, "en", precision), w.digits(L.day(value, "ar", precision))
    if value and precision == "week":  # a week: the day it starts, and that it is a week
        word = L.code("date_precision", precision)
        en, ar = f"{en} ({word[0]})", f"{ar} ({word[1]})"
    return en, ar


def facts(inc: Incident, w: Writer, options: ReportOptions) -> list[Row]:
    v = inc.values
    time = (
        L.code("time_of_day", v.get("time_of_day"))
        if v.get("time_of_day") in _PARTS_OF_DAY
        else (v.get("time_of_day") or "", w.digits(v.get("time_of_day") or ""))
    )
    named = v.get("place_name") or ""
    camp = v.get("place_kind") == "camp"
    place_en = v.get("place_name_en") or named
    if camp and v.get("place_name_en"):
        place_en = f"{v['place_name_en']} camp"
    place_ar = named if has_arabic(named) else v.get("place_name_ar") or named
    if camp and place_ar and not place_ar.startswith("مخيم"):
        place_ar = f"مخيم {place_ar}"
    lat, lon = v.get("lat"), v.get("lon")
    where = f"{lat:.5f}, {lon:.5f}" if lat is not None and lon is not None else ""
    sources = L.codes("sources", v.get("sources"))
    # people named as sources are for the documenters, never for a public report
    people = "" if options.public else "; ".join(v.get("source_names") or ())
    return [
        (L.field("date_start"), *_when(inc, w, "date_start")),
        (L.field("date_end"), *_when(inc, w, "date_end")),
        (L.field("time_of_day"), *time),
        (L.field("place_name"), place_en, place_ar),
        (L.field("place_kind"), *L.code("place_kind", v.get("place_kind"))),
        (L.field("subdistrict"), v.get("subdistrict") or "", v.get("subdistrict") or ""),
        (L.field("district"), v.get("district") or "", v.get("district") or ""),
        (L.field("governorate"), *L.governorate(inc.governorate)),
        (L.field("pcode"), v.get("pcode") or "", ltr(v.get("pcode")) if v.get("pcode") else ""),
        # an override, as for every figure: Arabic-Indic digits in a mere embedding would
        # put the longitude before the latitude
        (L.TEXT["coordinates"], where, w.number(where)),
        (L.field("geo_precision"), *L.code("geo_precision", v.get("geo_precision"))),
        (L.field("incident_type"), *L.code("incident_type", inc.incident_type)),
        (L.field("weapons"), *L.codes("weapons", inc.weapons)),
        (L.field("perpetrators"), *L.codes("perpetrators", inc.perpetrators, primary_first=True)),
        (L.field("target"), *L.code("target", v.get("target"))),
        (L.field("sources"), sources[0], sources[1]),
        (L.field("source_names"), people, people),
        (L.field("confidentiality"), *L.code("confidentiality", v.get("confidentiality"))),
    ]
