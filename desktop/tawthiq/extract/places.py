"""Choosing where the incident happened among the places a report mentions.

The governorate is the one the report keeps returning to (named outright, or holding the
towns it names); the place is the most specific one in that governorate, mentioned early
or beside the casualty figures: a camp before a town before a district.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from tawthiq.extract.gazetteer import Gazetteer, Place, PlaceMention
from tawthiq.extract.result import FieldResult
from tawthiq.extract.tokens import Token

_SPECIFIC = {
    "camp": 1.0,
    "community": 0.8,
    "subdistrict": 0.45,
    "district": 0.3,
    "governorate": 0.1,
}
_KIND_WORD = {
    "مدينه": "city",
    "مدينة": "city",
    "city": "city",
    "بلده": "town",
    "بلدة": "town",
    "town": "town",
    "قريه": "village",
    "قرية": "village",
    "village": "village",
    "مخيم": "camp",
    "camp": "camp",
}


_DATELINE_TAIL = re.compile(r"\s*(?:,\s*\w+\s*)?(?:\(|[–—-]|:)")  # "دمشق-سانا", "ALEPPO -"


def _sentence_at(starts: list[int], sentence: Sequence[int], offset: int) -> int:
    i = max(0, bisect.bisect_right(starts, offset) - 1)
    return sentence[i] if sentence else 0


def _weight(s: int, focus: set[int]) -> float:
    return 1.0 / (1.0 + 0.3 * s) + (2.0 if s in focus else 0.0)


_REFERENCE = re.compile(
    r"(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of"
    r"|(?:شمال|جنوب|شرق|غرب)(?:\s+(?:شرق|غرب))?|(?:بالقرب من|قرب)\s+مدينة)\s*$",
    re.IGNORECASE,
)


def _reference(text: str, m: PlaceMention) -> bool:
    """A place named only to locate another: "X, northwest of Damascus"."""
    return bool(_REFERENCE.search(text[max(0, m.start - 25) : m.start]))


def _dateline(text: str, m: PlaceMention) -> bool:
    """ "إدلب – نورث برس", "AFRIN, Syria (North Press) –": where the reporter filed from."""
    return m.start < 40 and bool(_DATELINE_TAIL.match(text, m.end))


def place_kind(place: Place, prefix: str | None = None) -> str:
    """The form's kind of place (camp, town, village, city, district, area); ``prefix`` is
    the word a report put before the name ("قرية", "village")."""
    if place.kind == "camp":
        return "camp"
    if place.kind == "community":
        return _KIND_WORD.get(prefix or "", "town")
    if place.kind in ("district", "subdistrict"):
        return "district"
    return "area"


def _value(place: Place, m: PlaceMention, language: str) -> dict[str, Any]:
    shown = m.text  # as the report writes it
    if place.kind == "camp" and m.prefix:
        shown = f"مخيم {m.text}" if m.prefix == "مخيم" else f"{m.text} camp"
    return place_value(place, name=shown, kind=place_kind(place, m.prefix))


def place_value(place: Place, *, name: str, kind: str) -> dict[str, Any]:
    """A place as the extraction contract gives it."""
    return {
        "name": name,
        "name_ar": place.name_ar,
        "name_en": place.name_en,
        "kind": kind,
        "subdistrict": place.subdistrict,
        "district": place.district,
        "governorate": place.governorate,
        "country": "SY",
        "pcode": place.pcode,
        "lat": place.lat,
        "lon": place.lon,
    }


def choose_place(
    text: str,
    tokens: Sequence[Token],
    sentence: Sequence[int],
    focus: set[int],
    language: str,
    mentions: Sequence[PlaceMention] | None = None,
) -> FieldResult:
    if mentions is None:
        mentions = Gazetteer.load().find(text)
    if not mentions:
        return FieldResult()
    starts = [t.start for t in tokens]
    gov_votes: dict[str, float] = defaultdict(float)
    located = []
    for m in mentions:
        w = _weight(_sentence_at(starts, sentence, m.start), focus)
        if _dateline(text, m):
            w *= 0.2
        located.append((m, w))
        # A name that is a governorate's ("حماة", "Hama") votes for it alone; a village
        # name shared by several governorates splits its vote.
        gov_places = [p for p in m.place_candidates if p.kind == "governorate"]
        if _reference(text, m):
            w *= 0.3  # "northwest of Damascus", "شمال غرب دمشق": a landmark, not the place
        if gov_places:
            gov_votes[gov_places[0].governorate] += w * 2.0
        else:
            # the finder puts the likeliest first (a district's namesake before a hamlet)
            govs = [p.governorate for p in m.place_candidates]
            rest = sorted(set(govs[1:]) - {govs[0]})
            gov_votes[govs[0]] += w * (0.6 if rest else 1.0)
            for g in rest:
                gov_votes[g] += w * 0.4 / len(rest)
    governorate = max(sorted(gov_votes), key=lambda g: gov_votes[g])
    scores: dict[str, float] = defaultdict(float)
    best_mention: dict[str, tuple[PlaceMention, Place]] = {}
    for m, w in located:
        inside = [p for p in m.place_candidates if p.governorate == governorate]
        if not inside:
            continue
        place = inside[0]  # the finder ranks by the kind word and the name's own level
        kind_bonus = 0.3 if m.prefix and place.kind in ("camp", "community") else 0.0
        scores[place.pcode] += w * (_SPECIFIC.get(place.kind, 0.5) + kind_bonus)
        best_mention.setdefault(place.pcode, (m, place))
    if not scores:
        return FieldResult()
    ranked = sorted(scores, key=lambda p: -scores[p])
    # A town or camp named in the report beats the governorate it is in, unless it is only
    # a passing mention.
    specific = [p for p in ranked if best_mention[p][1].kind in ("camp", "community")]
    pick = specific[0] if specific and scores[specific[0]] >= 0.3 * scores[ranked[0]] else ranked[0]
    m, place = best_mention[pick]
    spans = tuple(
        (x.start, x.end)
        for x, _ in located
        if any(p.pcode == place.pcode for p in x.place_candidates)
    )
    share = gov_votes[governorate] / sum(gov_votes.values())
    ambiguous = len({p.pcode for p in m.place_candidates}) > 1
    confidence = 0.4 + 0.4 * share + (0.0 if ambiguous else 0.1)
    return FieldResult(_value(place, m, language), min(confidence, 0.95), spans)
