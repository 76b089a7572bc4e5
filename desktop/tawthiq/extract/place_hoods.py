"""A neighbourhood of the city hit, kept as the report names it.

"قصف على حي المزة بدمشق", "the Baba Amr neighbourhood of Homs": the gazetteer knows the
city, not its neighbourhoods; the place is the neighbourhood as written, in the city's
district and governorate, of the contract's kind "area", without a P-code or coordinates
(better the neighbourhood than the whole city, which is still there to see in its units).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from tawthiq.domain.arabic import normalize
from tawthiq.domain.resources import read_json
from tawthiq.extract.place_names import Place, PlaceMention
from tawthiq.extract.result import FieldResult

CONFIDENCE = 0.5  # the name as written, in a city the gazetteer confirms
_AR_LETTERS = r"[\u0621-\u064a]+"
# a second word of the name: not "و…" (and), a preposition, a time, a direction, a relative
# or a city's word ("حي المزة بدمشق"); after a first word with its article, one without
# ("الشيخ مقصود"), after one without it any ("صلاح الدين", "بابا عمرو") — "الوعر المحاصر"
# is al-Waer, besieged
_NOT_SECOND = (
    r"(?!(?:في|من|على|قرب|وسط|اليوم|أمس|امس|صباح|مساء|فجر|الذي|التي|الذين"
    r"|(?:ال)?(?:شرق|غرب|شمال|جنوب)(?:ي|ية|يه)?)(?:\s|$))(?!و)"
    r"(?![بل](?:مدينة|مدينه|بلدة|بلده|قرية|قريه|ريف|محافظة|محافظه)(?:\s|$))"  # "بمدينة جبلة"
)
_AR = re.compile(
    rf"(?<![\u0621-\u064a])حي\s+(?P<name>(?:ال{_AR_LETTERS}(?:\s+{_NOT_SECOND}(?!ال){_AR_LETTERS})?)"
    rf"|(?:(?!ال){_AR_LETTERS}(?:\s+{_NOT_SECOND}{_AR_LETTERS})?))(?![\u0621-\u064a])"
)
_EN_NAME = r"(?:(?:al|el|ad|an|ar|as|ash|at|az)-)?[A-Z][\w'’]*(?:[ -](?:al-)?[A-Z][\w'’]*)?"
_EN = re.compile(rf"\b(?P<name>{_EN_NAME})\s+neighbou?rhood\b")
_EN_OF = re.compile(rf"\bneighbou?rhood\s+of\s+(?P<name>{_EN_NAME})")
# "حي سكني", "a residential neighbourhood": a kind of neighbourhood, not one's name
_NOT_NAMES = (
    "سكني", "سكنيه", "شعبي", "مدني", "Residential", "The", "A", "Eastern", "Western",
    "Northern", "Southern", "Old", "Poor", "Crowded", "Busy", "Alawite", "Sunni", "Shia",
    "Shiite", "Christian", "Kurdish", "Armenian", "Druze", "Turkmen", "Arab", "Assyrian",
    "Ismaili", "Popular", "Central", "Nearby", "Same", "Another", "One",
)  # fmt: skip
_DIRECTIONS = ("الشرقي", "الغربي", "الشمالي", "الجنوبي")
_CITY_GAP = 30  # how far after the neighbourhood its city may be named ("حي المزة بدمشق")
_NEAR = 200  # how far from a mention of the city a neighbourhood named alone may be


@cache
def _not_names() -> frozenset[str]:
    words = read_json("extract/places.json")["not_village_names"]
    return frozenset(normalize(w) for w in [*words, *_NOT_NAMES])


@dataclass(frozen=True, slots=True)
class Neighbourhood:
    name: str
    start: int
    end: int


def neighbourhoods(text: str) -> list[Neighbourhood]:
    """Neighbourhoods named with their word ("حي X", "X neighbourhood", "the neighbourhood
    of X"), in text order."""
    out = []
    for m in [*_AR.finditer(text), *_EN.finditer(text), *_EN_OF.finditer(text)]:
        name, start = m.group("name"), m.start("name")
        words = name.split()
        if len(words) == 2 and words[0].endswith(("'s", "’s")):  # "Damascus's Mezzeh"
            start, words = start + len(words[0]) + 1, words[1:]
        if len(words) == 2 and normalize(words[1]) in map(normalize, _DIRECTIONS):
            words = words[:1]  # "حي الميدان الشرقي": the eastern part of al-Midan
        name = " ".join(words)
        if normalize(words[0]) in _not_names() or normalize(name) in _not_names():
            continue
        out.append(Neighbourhood(name, start, start + len(name)))
    return sorted(out, key=lambda n: n.start)


def neighbourhood_in(
    text: str, mentions: Sequence[PlaceMention], place: Place, spans: Sequence[tuple[int, int]]
) -> FieldResult | None:
    """The neighbourhood of ``place`` (a city or the governorate it names, at ``spans``)
    that the report names: right before the city ("حي المزة بدمشق") or near a mention of
    it. None when it names none, or the gazetteer knows the
    name as a place of the same governorate."""
    if place.kind not in ("community", "governorate"):
        return None
    for hood in neighbourhoods(text):
        # "حي المزة بدمشق": the city named as the second word ("Touma" of "Bab Touma" is a
        # village elsewhere, no city of the name)
        inside = next(
            (m for m in mentions if hood.start < m.start < hood.end and _names(m, place)), None
        )
        if inside is not None:
            name = text[hood.start : inside.start].rsplit(" ", 1)[0].strip()
            hood = Neighbourhood(name, hood.start, hood.start + len(name))
        known = any(
            m.start < hood.end and hood.start < m.end
            and any(p.governorate == place.governorate for p in m.place_candidates)
            for m in mentions
        )  # fmt: skip
        if known:
            continue
        city = next((m for m in mentions if hood.end <= m.start <= hood.end + _CITY_GAP), None)
        if city is not None:
            ours = _names(city, place)
        else:
            ours = any(abs(s - hood.start) <= _NEAR for s, _ in spans)
        if ours:
            return FieldResult(_value(hood, place), CONFIDENCE, ((hood.start, hood.end),))
    return None


def _names(m: PlaceMention, place: Place) -> bool:
    return any(p.pcode == place.pcode for p in m.place_candidates)


def _value(hood: Neighbourhood, place: Place) -> dict[str, Any]:
    arabic = not hood.name.isascii()
    city = place.kind == "community"
    return {
        "name": hood.name,
        "name_ar": hood.name if arabic else None,
        "name_en": None if arabic else hood.name,
        "kind": "area",
        "subdistrict": place.subdistrict if city else None,
        "district": place.district if city else None,
        "governorate": place.governorate,
        "country": "SY",
        "pcode": None,
        "lat": None,
        "lon": None,
    }


def city_of(mentions: Sequence[PlaceMention], spans: Sequence[tuple[int, int]]) -> set[str]:
    """The P-codes the city named right after a neighbourhood at ``spans`` may have ("حي
    المزة بدمشق"): none when none is named there."""
    return {
        p.pcode
        for start, end in spans
        for m in mentions
        if end <= m.start <= end + _CITY_GAP
        for p in m.place_candidates
    }
