"""The rows of an incident's first tables, (label, English value, Arabic value): who it is,
when and where it happened, what happened, who is said to have done it. Which fields print,
in which table and in what order is the field registry's (``FieldSpec.printed``); how a
value of each kind reads in each language is this module's."""

from __future__ import annotations

from collections.abc import Callable

from tawthiq.domain.admin_units import unit_name
from tawthiq.domain.fields import FieldSpec, printed_fields
from tawthiq.domain.records import Incident
from tawthiq.report import labels as L
from tawthiq.report.model import ReportOptions
from tawthiq.report.text import Writer, has_arabic, ltr

Row = tuple[L.Pair, str, str]
_PARTS_OF_DAY = ("dawn", "morning", "noon", "afternoon", "evening", "night")


def _when(inc: Incident, w: Writer, name: str) -> tuple[str, str]:
    value, precision = inc.text(name), inc.date_precision
    en, ar = L.day(value, "en", precision), w.digits(L.day(value, "ar", precision))
    if value and precision == "week":  # a week: the day it starts, and that it is a week
        word = L.code("date_precision", precision)
        en, ar = f"{en} ({word[0]})", f"{ar} ({word[1]})"
    return en, ar


def _time(inc: Incident, w: Writer, name: str) -> tuple[str, str]:
    value = inc.text(name)
    if value in _PARTS_OF_DAY:
        return L.code("time_of_day", value)
    return value or "", w.digits(value or "")


def _place(inc: Incident, w: Writer, name: str) -> tuple[str, str]:
    named, name_en = inc.text("place_name") or "", inc.text("place_name_en")
    camp = inc.code("place_kind") == "camp"
    place_en = name_en or named
    if camp and name_en:
        place_en = f"{name_en} camp"
    place_ar = named if has_arabic(named) else inc.text("place_name_ar") or named
    if camp and place_ar and not place_ar.startswith("مخيم"):
        place_ar = f"مخيم {place_ar}"
    return place_en, place_ar


def _latin(inc: Incident, w: Writer, name: str) -> tuple[str, str]:
    value = inc.text(name)
    return value or "", ltr(value) if value else ""


def _admin_unit(inc: Incident, w: Writer, name: str) -> tuple[str, str]:
    """A district or subdistrict by its name in each language ("Harim", "حارم")."""
    value, governorate = inc.text(name), inc.text("governorate")
    return unit_name(name, value, "en", governorate), unit_name(name, value, "ar", governorate)


def _coordinates(inc: Incident, w: Writer, name: str) -> tuple[str, str]:
    lat, lon = inc.number("lat"), inc.number("lon")
    where = f"{lat:.5f}, {lon:.5f}" if lat is not None and lon is not None else ""
    # an override, as for every figure: Arabic-Indic digits in a mere embedding would put
    # the longitude before the latitude
    return where, w.number(where)


def _by_kind(spec: FieldSpec, inc: Incident) -> tuple[str, str]:
    if spec.kind == "code":
        return L.code(spec.vocab or "", inc.code(spec.name))
    if spec.kind == "codes":  # the first perpetrator is the primary one
        first = spec.name == "perpetrators"
        return L.codes(spec.vocab or "", inc.codes(spec.name), primary_first=first)
    if spec.kind == "governorate":
        return L.governorate(inc.text(spec.name))
    if spec.kind == "texts":
        joined = "; ".join(inc.names(spec.name))
        return joined, joined
    if spec.kind == "bool":
        return L.yes_no(inc.flag(spec.name))
    value = inc.text(spec.name) or ""
    return value, value


# fields whose value reads in a way of its own; latitude and longitude make one row
_SHOWN: dict[str, Callable[[Incident, Writer, str], tuple[str, str]]] = {
    "date_start": _when,
    "date_end": _when,
    "time_of_day": _time,
    "place_name": _place,
    "pcode": _latin,
    "district": _admin_unit,
    "subdistrict": _admin_unit,
    "lat": _coordinates,
}
_LABELS = {"lat": L.TEXT["coordinates"]}
# the fields a row shows, when more than its own
_ROW_FIELDS = {
    "lat": ("lat", "lon"),
    "place_name": ("place_name", "place_name_ar", "place_name_en"),
}


def unchecked(inc: Incident, names: tuple[str, ...], en: str, ar: str) -> tuple[str, str]:
    """A value the extractor suggested and no person checked says so beside it."""
    if not en or not any(n in inc.unchecked for n in names):
        return en, ar
    mark_en, mark_ar = L.TEXT["not_checked"]
    return f"{en} ({mark_en})", f"{ar} ({mark_ar})"


def rows(inc: Incident, w: Writer, options: ReportOptions, table: str) -> list[Row]:
    """The rows of ``table`` ("identity", "facts"): each printed field in registry order,
    without the fields a public report may not show."""
    out: list[Row] = []
    for spec in printed_fields(table):
        if spec.name == "lon" or (options.public and not spec.public):
            continue
        shown = _SHOWN.get(spec.name)
        en, ar = shown(inc, w, spec.name) if shown else _by_kind(spec, inc)
        en, ar = unchecked(inc, _ROW_FIELDS.get(spec.name, (spec.name,)), en, ar)
        out.append((_LABELS.get(spec.name) or L.field(spec.name), en, ar))
    return out


def identity(inc: Incident, w: Writer, options: ReportOptions) -> list[Row]:
    return [(L.TEXT["id"], inc.id, ltr(inc.id)), *rows(inc, w, options, "identity")]


def facts(inc: Incident, w: Writer, options: ReportOptions) -> list[Row]:
    return rows(inc, w, options, "facts")
