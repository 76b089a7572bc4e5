"""What the ACLED, Airwars, HURIDOCS and GeoJSON writers say of an incident alike: codes as
English and Arabic labels, place names in each language, the figure a column shows, the
reports a record rests on. Looked up once per name, so 100k records stay quick."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from itertools import chain
from typing import Any

from tawthiq.domain.admin_units import country_name, unit_name
from tawthiq.domain.data_record import DataRecord
from tawthiq.domain.errors import ValidationError
from tawthiq.domain.places import find_governorate
from tawthiq.domain.records import Casualties, Incident
from tawthiq.domain.vocab import vocabulary

EN, AR = "en", "ar"


@cache
def label(vocab: str, code: str | None, lang: str) -> str:
    """A code as ``lang`` reads it; a code the vocabulary no longer holds as it was stored."""
    if not code:
        return ""
    try:
        return vocabulary(vocab).label(code, lang)
    except ValidationError:
        return code


def labels(vocab: str, codes: Iterable[str], lang: str) -> list[str]:
    return [label(vocab, c, lang) for c in codes]


@cache
def term(vocab: str, code: str | None) -> dict[str, str] | None:
    """A code with both its labels, as the JSON formats carry it; None when there is none.
    The same dict for every record: never change it."""
    if not code:
        return None
    return {"code": code, EN: label(vocab, code, EN), AR: label(vocab, code, AR)}


@cache
def governorate(name: str | None, lang: str) -> str:
    if not name:
        return ""
    try:
        gov = find_governorate(name)
    except ValidationError:
        return name
    return gov.name_ar if lang == AR else gov.name_en


@cache
def admin_unit(level: str, name: str | None, lang: str, gov: str | None) -> str:
    """A district or subdistrict as ``lang`` writes it (the gazetteer's name when known)."""
    return unit_name(level, name, lang, gov) if name else ""


def place(incident: Incident, lang: str) -> str:
    """The place's name in ``lang`` when the record holds it, else the name it holds."""
    v = incident.values
    own = v.get("place_name_ar") if lang == AR else v.get("place_name_en")
    if own:
        return str(own)
    return str(v.get("place_name") or v.get("place_name_en") or v.get("place_name_ar") or "")


def country_code(incident: Incident) -> str:
    """The record's country; a record placed in a governorate but not in a country lies in
    Syria, the only country whose governorates the gazetteer holds."""
    code = incident.values.get("country")
    if code:
        return str(code).upper()
    return "SY" if incident.governorate else ""


@cache
def country(code: str, lang: str) -> str:
    return country_name(code, lang) if code else ""


def figure(record: DataRecord, name: str) -> Casualties | None:
    """The range across the reports when any gave the figure, else the incident's own."""
    return record.ranges.get(name) or record.incident.count(name)


def bounds(c: Casualties | None) -> tuple[int | str, int | str]:
    """(min, max) for two cells of a table, empty when there is no figure."""
    return ("", "") if c is None else (c.min, c.max)


def as_json(c: Casualties | None) -> dict[str, Any] | None:
    """{"min": 6, "max": 10}, with "approximate": true when a report was vague."""
    if c is None:
        return None
    return (
        {"min": c.min, "max": c.max, "approximate": True}
        if c.approximate
        else {"min": c.min, "max": c.max}
    )


def outlets(record: DataRecord) -> list[str]:
    """The outlets of the reports, each once, in the order of the reports."""
    return list(dict.fromkeys(r.outlet for r in record.reports if r.outlet))


def named_sources(incident: Incident) -> list[str]:
    """People and groups named as sources: private, for the documenters only."""
    return list(incident.names("source_names"))


def private_notes(incident: Incident) -> str:
    return incident.text("private_notes") or ""


def day_text(incident: Incident) -> str:
    start, end = incident.date_start, incident.date_end
    if start is None:
        return ""
    return start.isoformat() if end is None or end == start else f"{start}/{end}"


def figures_sentence(record: DataRecord) -> str:
    """ "6–10 killed (reports gave 6 to 10), 12 injured" in English, for notes and titles."""
    parts = []
    for name, word in (("killed", "killed"), ("injured", "injured")):
        own, spread = record.incident.count(name), record.ranges.get(name)
        if own is None and spread is None:
            continue
        text = f"{own or spread} {word}"
        if (
            spread is not None
            and own is not None
            and (spread.min, spread.max) != (own.min, own.max)
        ):
            text += f" (reports gave {spread.min} to {spread.max})"
        parts.append(text)
    return ", ".join(parts)


def streamed(items: Iterable[str], *, head: str, sep: str, tail: str) -> Iterator[str]:
    """``head``, then the items with ``sep`` between them, then ``tail``: a JSON array
    written one item at a time."""
    return chain((head,), _between(items, sep), (tail,))


def _between(items: Iterable[str], sep: str) -> Iterator[str]:
    first = True
    for item in items:
        yield item if first else sep + item
        first = False
