"""A village the gazetteer lacks, kept as the report names it with the governorate it gives.

"قتل مدني في قرية زيزونات بريف حماة الغربي", "in the village of Zizoun al-Jadida in the
western Hama countryside": no town of that name in Hama, so the place is the village as
written, in Hama, without a P-code or coordinates; better an unplaced village than the
governorate alone, or a namesake in another governorate (Umm Jurn is also in Hasakah).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from tawthiq.domain.arabic import normalize
from tawthiq.domain.resources import read_json
from tawthiq.extract.place_names import PlaceMention

CONFIDENCE = 0.4  # the name as written: no gazetteer entry confirms it
_RURAL_DAMASCUS = "Rif Dimashq"
_AR_KIND = {"قرية": "village", "قريه": "village", "بلدة": "town", "بلده": "town"}
# not "في قرية", nor "بريف", "بمحافظة" (where a name would stand: "على بلدة بريف إدلب")
_AR_WORD = r"(?!(?:في|قري[ةه]|بلد[ةه]|مزرع[ةه]|[بل]?(?:ريف|محافظ[ةه]|منطق[ةه]))\s)[\u0621-\u064a]+"
# compiled when first used (re keeps them): start-up stays low
_AR = (
    r"(?<![\u0621-\u064a])(?P<kind>قري[ةه]|بلد[ةه])\s+"
    rf"(?P<name>(?:{_AR_WORD}\s+){{0,2}}?{_AR_WORD})"  # the name, one to three words
    r"\s+(?:(?:الواقع[ةه]\s+)?(?:في\s+|ب|قرب\s+|بالقرب\s+من\s+))?(?:(ريف|محافظ[ةه]|منطق[ةه])\s+)?"
    r"(?:(?:شمال|جنوب|شرق|غرب)ي?(?:\s+(?:شرق|غرب)ي?)?\s+)?$"  # "جنوبي إدلب"
)
_EN_NAME = r"(?:(?:al|el|ad|an|ar|as|ash|at|az)-)?[A-Z][\w'’]*(?:-[A-Z][\w'’]*)?"
_EN_WHERE = (
    r"(?:(?:in|near)\s+(?:the\s+)?(?:(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?\s+)?"
    r"(?:countryside\s+of\s+|rural\s+|(?:the\s+)?province\s+of\s+)?"
    r"|(?:(?:north|south)(?:-?(?:east|west))?|east|west)\s+of\s+(?:the\s+city\s+of\s+)?)$"
)
_EN = (
    r"\b(?P<kind>village|town|hamlet)\s+of\s+"
    rf"(?P<name>{_EN_NAME}(?:\s+(?:(?:al|el)\s+)?{_EN_NAME}){{0,2}}),?\s+{_EN_WHERE}"
)
# "in Arzah village in the northern Hama countryside"
_EN_AFTER = (
    rf"\b(?P<name>{_EN_NAME}(?:\s+(?:(?:al|el)\s+)?{_EN_NAME}){{0,2}})\s+"
    rf"(?P<kind>village|town|hamlet),?\s+{_EN_WHERE}"
)


@cache
def _not_names() -> frozenset[str]:
    return frozenset(normalize(w) for w in read_json("extract/places.json")["not_village_names"])


@dataclass(frozen=True, slots=True)
class Unplaced:
    """A village named with its governorate ("قرية X بريف إدلب") that the gazetteer lacks."""

    name: str
    kind: str
    governorate: str
    start: int
    end: int
    struck: bool = False  # told as where it struck ("على بلدة X", "on the village of X")


# the word before a village's kind word that tells the attack struck there, not that people
# came from it or fire was shot from it ("من قرية", "أبناء قرية", "from the village of")
_WHERE_STRUCK = re.compile(
    r"(?:(?<![\u0621-\u064a])(?:على|في|استهدفت?|طالت?|قصفت?|ضربت?)"
    r"|\b(?:on|in|at|hit|struck|targeted|shelled|bombed)(?:\s+the)?)\s+$",
    re.IGNORECASE,
)
# where the fire came from ("بقصف مصدره مواقع قوات النظام في قرية X", "from positions in")
_FIRED_FROM = re.compile(r"مصدر|مواقع|تمركز|\bfrom\b|\bpositions?\b|\bstationed\b", re.I)
_AN = re.compile(r"\b(?:a|an)\s+$", re.IGNORECASE)


def unplaced_villages(text: str, mentions: Sequence[PlaceMention]) -> list[Unplaced]:
    """Villages named right before a governorate ("قرية X بريف حماة", "the village of X in
    the southern Idlib countryside") where no place of the name is in that governorate."""
    out = []
    for gm in mentions:
        govs = [p.governorate for p in gm.place_candidates if p.kind == "governorate"]
        if not govs:
            continue
        before = text[max(0, gm.start - 80) : gm.start]
        found = re.search(_AR, before) or re.search(_EN, before) or re.search(_EN_AFTER, before)
        if found is None:
            continue
        offset = gm.start - len(before)
        start, end = offset + found.start("name"), offset + found.end("name")
        opens = offset + min(found.start("name"), found.start("kind"))
        if found.re.pattern == _EN_AFTER and _AN.search(text, max(0, opens - 4), opens):
            continue  # "an Arab village", "a Shia village": no village's name
        governorate = govs[0]
        if governorate == "Damascus":
            governorate = _RURAL_DAMASCUS  # a village by Damascus is outside the city
        if normalize(found.group("name").split()[0]) in _not_names():
            continue  # "قرية صغيرة بريف إدلب": a small village, not one named Saghira
        if any(
            m.start < end and start < m.end and p.governorate == governorate
            for m in mentions
            for p in m.place_candidates
        ):
            continue  # a place of that name in that governorate: the gazetteer has it
        kind = _AR_KIND.get(found.group("kind"), found.group("kind").lower())
        kind = "village" if kind == "hamlet" else kind
        struck = _WHERE_STRUCK.search(text, max(0, opens - 24), opens) is not None and not (
            _FIRED_FROM.search(text, max(0, opens - 50), opens)
        )
        out.append(Unplaced(found.group("name"), kind, governorate, start, end, struck))
    return out


def unplaced_value(u: Unplaced) -> dict[str, Any]:
    """The place as the extraction contract gives it, with what the report does not say
    null: no P-code, district or coordinates."""
    arabic = not u.name.isascii()
    return {
        "name": u.name,
        "name_ar": u.name if arabic else None,
        "name_en": None if arabic else u.name,
        "kind": u.kind,
        "subdistrict": None,
        "district": None,
        "governorate": u.governorate,
        "country": "SY",
        "pcode": None,
        "lat": None,
        "lon": None,
    }
