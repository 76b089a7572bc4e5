"""From what the extractor found to the incident form: values, and for each form field the
words of the report it came from, so a documenter can check every suggestion."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from tawthiq.domain.fields import (
    FIELDS,
    INCIDENT,
    FieldSpec,
    extracted_fields,
    incident_fields,
)
from tawthiq.domain.vocab import vocabulary

if TYPE_CHECKING:  # the extractor is imported where it is used, not with the window
    from tawthiq.extract import ExtractionResult, IncidentResult

# incident field -> the part of an extracted place it takes, and the extraction field that
# each incident field comes from: both read off the field registry
PLACE_FIELDS = tuple(
    (f.extract_part, f.name)
    for f in extracted_fields()
    if f.extract_field == "place" and f.extract_part not in ("kind", "geo_precision")
)
EVIDENCE_OF: dict[str, str] = {f.name: f.extract_field for f in extracted_fields()}
_PARTS = frozenset(f.name for f in extracted_fields() if f.extract_part)


def geo_precision(pcode: str) -> str:
    """How precise a place is, from its OCHA/CCCM code: SY07 a governorate, SY0703 a
    district, SY070300 a subdistrict, C1234 a community, CP000752 a camp."""
    if pcode.startswith("C"):
        return "locality"
    return {4: "governorate", 6: "district", 8: "subdistrict"}.get(len(pcode), "governorate")


def place_fields(place: Mapping[str, Any]) -> dict[str, Any]:
    """Every place field of the incident from a place shaped as the extraction contract's,
    None where the place says nothing (a town picked over a camp leaves no camp's district)."""
    v = {f: place.get(k) for k, f in PLACE_FIELDS}
    kind = place.get("kind")
    v["place_kind"] = kind if kind in vocabulary("place_kind").codes else None
    v["geo_precision"] = geo_precision(str(place.get("pcode") or ""))
    return v


# the order a draft's fields are written in (and so listed in the history of a saved report):
# when and where, then what happened, the lists, the figures
_KIND_ORDER = {"code": 1, "bool": 1, "codes": 2, "count": 3}


def _written_order(spec: FieldSpec) -> int:
    return 0 if spec.extract_field in ("date", "time_of_day", "place") else _KIND_ORDER[spec.kind]


def incident_values(found: IncidentResult) -> dict[str, Any]:
    """The incident form as the extractor filled it in (only what it found)."""
    v: dict[str, Any] = {}
    placed = False
    for spec in sorted(extracted_fields(), key=_written_order):
        source, part = spec.extract_field, spec.extract_part
        f = found[source]
        if source == "place":  # a place's fields come together, chosen as one, once
            if isinstance(f.value, Mapping) and not placed:
                v.update({k: x for k, x in place_fields(f.value).items() if x is not None})
            placed = True
            continue
        if f.value is None or f.value == []:
            continue
        if part:  # "date.precision": an extra of the field ("day" unless it says)
            v[spec.name] = f.extra.get(part) or "day"
        elif spec.kind == "count":
            v[spec.name] = {k: f.extra[k] for k in ("min", "max", "approximate")}
        elif spec.kind == "codes":
            v[spec.name] = list(f.value)
        else:
            v[spec.name] = f.value
    v.update(titles(v))
    return v


def titles(v: Mapping[str, Any]) -> dict[str, str]:
    """Arabic and English titles from the type and the place ("قصف في مخيم مرام")."""
    if not v.get("incident_type"):
        return {}
    term = vocabulary("incident_type").term(v["incident_type"])
    where_ar = v.get("place_name_ar") or v.get("place_name") or v.get("governorate")
    where_en = v.get("place_name_en") or v.get("governorate")
    if v.get("place_kind") == "camp":
        where_ar, where_en = f"مخيم {where_ar}", f"{where_en} camp"
    return {
        "title_ar": term.ar + (f" في {where_ar}" if where_ar else ""),
        "title_en": term.en + (f" in {where_en}" if where_en else ""),
    }


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a form field was filled in: how sure the extractor was, and the words."""

    confidence: float
    spans: tuple[tuple[int, int], ...]
    unsure: str | None = None  # why it is less sure: "today" (counted from today's date)


@dataclass(frozen=True, slots=True)
class Draft:
    """One incident of a pasted report, as the form should show it before anyone checks it."""

    values: dict[str, Any]
    evidence: dict[str, Evidence] = field(default_factory=dict)
    told: Evidence | None = None  # the sentence of the report it rests on
    why: str = "headline"  # what makes it an incident of its own (extract/incidents.py)

    @property
    def summary(self) -> dict[str, Any]:
        """What tells this incident apart from the others of the same report."""
        return {k: self.values.get(k) for k in ("date_start", "place_name", "killed", "injured")}


def drafts_from(result: ExtractionResult) -> list[Draft]:
    """Each incident the extractor found, as a form draft (the headline incident first);
    a text in which it found no incident gives one empty draft to fill in by hand."""
    drafts = []
    for found in result.incidents:
        if not found.is_incident:
            continue
        values = incident_values(found)
        evidence = {}
        for name in values:
            source = EVIDENCE_OF.get(name)
            if source is not None:
                f = found[source]
                # why it is unsure is told once, beside the field itself, not its parts
                why = None if name in _PARTS else f.unsure
                evidence[name] = Evidence(f.confidence, tuple(f.spans), why)
        for name in ("title_ar", "title_en"):
            if name in values:  # made from the type and the place: as sure as the weaker
                kinds = [evidence[n] for n in ("incident_type", "place_name") if n in evidence]
                evidence[name] = Evidence(min(e.confidence for e in kinds), ())
        told = Evidence(found.sentence.confidence, found.sentence.spans)
        drafts.append(Draft(values, evidence, told if found.sentence.spans else None, found.why))
    return drafts or [Draft({})]


_COUNT_FIELDS = frozenset(f.name for f in incident_fields(kind="count"))


def values_from_words(name: str, words: str, ref_date: date | None = None) -> dict[str, Any]:
    """Form fields to set when a documenter selects words of the report and uses them for
    the field ``name``: a number read from "تسعة مدنيين", a day from "أمس الأحد", a place
    and its governorate from "كفر جالس"; text fields take the words as they are. Empty when
    the words say nothing the field can hold, or only a day counted from the report's
    "today" ("صباح اليوم") while nobody knows when it was published (``ref_date`` None)."""
    from tawthiq.extract import extract
    from tawthiq.extract.gazetteer import Gazetteer
    from tawthiq.extract.numbers import read_quantity
    from tawthiq.extract.places import place_kind, place_value
    from tawthiq.extract.tokens import tokenize

    words = words.strip()
    if not words:
        return {}
    if name in _COUNT_FIELDS:
        tokens = tokenize(words)
        for i in range(len(tokens)):
            q = read_quantity(tokens, i)
            if q is not None:
                return {name: {"min": q.min, "max": q.max, "approximate": q.approximate}}
        return {}
    if FIELDS[INCIDENT][name].kind == "date":
        found = extract(words, ref_date=ref_date).incidents[0]["date"]
        if not found.value or found.unsure:
            return {}
        # "تشرين الثاني 2022" is a month: the day shown is its first, and the form says so
        return {name: found.value, "date_precision": found.extra.get("precision") or "day"}
    if name == "place_name":
        mentions = Gazetteer.load().find(words)
        if not mentions:  # a place the gazetteer does not know: the words, and nothing else
            return {k: None for k in place_fields({})} | {"place_name": words}
        m = mentions[0]
        place = m.place_candidates[0]
        return place_fields(place_value(place, name=words, kind=place_kind(place, m.prefix)))
    return {name: words}


def report_date(text: str, today: date | None = None) -> date | None:
    """The day a pasted report was written, when nobody said but the report does: a stamp or
    dateline on its page, or the date written beside its "today". Never one of the days it
    tells of (a ceasefire of 2020 in the background of a report is no day to count its
    "اليوم" and "أمس" from): without one, they are counted from today, and marked unsure."""
    from tawthiq.extract.dates import text_date

    return text_date(text, today)
