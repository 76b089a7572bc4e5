"""Several incidents in one report: which paragraphs tell of an attack other than the
headline's, so that each run of them is read as an incident of its own.

A paragraph is another incident when it tells of an attack or a toll in another
governorate; or, in the headline's own governorate, when it tells of an attack somewhere
else (a town or camp the headline incident is not in) or on a day of its own, and holds
nothing of the headline incident (its place, its toll) and no history ("الشهر الماضي").
A paragraph that goes on telling of the same attack without a place of its own ("وذكر شهود
أن مقاتلات ألقت قنابل …") stays with the paragraph before it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

from tawthiq.extract.gazetteer import PlaceMention
from tawthiq.extract.phrases import Keys
from tawthiq.extract.result import FieldResult
from tawthiq.extract.tokens import Token

Span = tuple[int, int]

_TURN = re.compile(
    r"(?:(?<=[.!؟?]\s)|(?<=\n))\s*(?:وفي سياق متصل|في سياق متصل|وفي سياق آخر|في سياق آخر|"
    r"ومن جهة أخرى|من جهة أخرى|وفي حادثة أخرى|في حادثة منفصلة|Meanwhile|Elsewhere|"
    r"On the other hand|In a separate incident|In another incident)"
)
_SENTENCE_END = re.compile(r"[.!؟?](?=\s)|\n")
# "in south Jerbalus", "شرقي حلب": a town named to locate another place
_DIRECTION = re.compile(
    r"(?:\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+(?:of\s+)?"
    r"|(?:شمال|جنوب|شرق|غرب)[يى]?(?:\s+(?:شرق|غرب)[يى]?)?\s+)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Reading:
    """The fields of the incident a text is mostly about, and where in the text things are
    told, to find the other incidents by."""

    fields: dict[str, FieldResult]
    language: str
    cue_offsets: tuple[int, ...]  # where an attack or a casualty figure is told
    places: tuple[PlaceMention, ...]
    tokens: tuple[Token, ...]
    keys: Keys
    text: str = ""
    attacks: tuple[int, ...] = ()  # where an attack is told (an incident type is named)
    days: tuple[int, ...] = ()  # where a day of the incident's own is named ("اليوم الأحد")
    past: tuple[int, ...] = ()  # where history is told ("الشهر الماضي", "في 2019")


def blank_outside(text: str, keep: list[Span]) -> str:
    """The text with everything outside ``keep`` turned to spaces (line breaks stay), so
    offsets still point into the original."""
    blank = "\n".join(" " * len(line) for line in text.split("\n"))
    out: list[str] = []
    at = 0
    for start, end in sorted(keep):
        start = max(start, at)
        if end <= start:
            continue
        out += (blank[at:start], text[start:end])
        at = end
    out.append(blank[at:])
    return "".join(out)


def complement(whole: Span, holes: list[Span]) -> list[Span]:
    out, at = [], whole[0]
    for start, end in sorted(holes):
        if start > at:
            out.append((at, start))
        at = max(at, end)
    if at < whole[1]:
        out.append((at, whole[1]))
    return out


def _town(m: PlaceMention) -> bool:
    """A town or camp is named: "السلمية" (a district named after its town), not "دمشق"."""
    kinds = [p.kind for p in m.place_candidates]
    return kinds[0] in ("community", "camp") or (
        kinds[0] in ("district", "subdistrict") and "community" in kinds
    )


def _paragraphs(text: str) -> list[Span]:
    """Paragraphs, or parts of one that turn to something else ("وفي سياق متصل", "Meanwhile")."""
    turns = [m.start() for m in _TURN.finditer(text)]
    ends = [e.end() for t in turns if (e := _SENTENCE_END.search(text, t))]  # that sentence
    cuts = sorted({0, len(text), *turns, *ends} | {m.end() for m in re.finditer(r"\n+", text)})
    return [(a, b) for a, b in itertools.pairwise(cuts) if text[a:b].strip()]


def _within(offsets: tuple[int, ...], span: Span) -> bool:
    return any(span[0] <= c < span[1] for c in offsets)


def other_incidents(text: str, first: Reading) -> list[list[Span]]:
    """Runs of paragraphs that each tell of an incident other than the headline's."""
    place: Any = first.fields["place"].value
    home = place.get("governorate") if isinstance(place, dict) else None
    if not home:
        return []
    own = {place.get("pcode")}
    toll = tuple(s for n in ("killed", "injured") for s, _ in first.fields[n].spans)
    groups: list[list[Span]] = []
    last: str | None = None  # the governorate of the run going on, "" for the home one
    for span in _paragraphs(text)[1:]:  # the first paragraph is the headline
        inside = [m for m in first.places if span[0] <= m.start < span[1]]
        govs = [{p.governorate for p in m.place_candidates} for m in inside]
        told = _within(first.cue_offsets, span)
        # a town or camp must be named: "حكومة دمشق" is a government, not a place
        towns = [m for m in inside if _town(m)]
        if towns and told and not any(home in g for g in govs):
            gov = sorted(govs[0])[0]
        elif _near_home(first, span, inside, towns, own, toll):
            gov = ""
        elif last == "" and _goes_on(first, span, inside, own, toll):
            groups[-1].append(span)
            continue
        else:
            last = None
            continue
        if gov == last:
            groups[-1].append(span)
        else:
            groups.append([span])
        last = gov
    return groups


def _near_home(
    first: Reading,
    span: Span,
    inside: list[PlaceMention],
    towns: list[PlaceMention],
    own: set[Any],
    toll: tuple[int, ...],
) -> bool:
    """An attack in the headline's governorate that is not the headline's: told with a
    town or camp of its own ("طائرات روسية قصفت معسكرات قرب مدينة إدلب"), or with a day of
    its own and a place ("قصفت قوات النظام اليوم الأحد مناطق في محيط الطريق السريع بإدلب")."""
    if not _goes_on(first, span, inside, own, toll):
        return False
    text = first.text
    elsewhere = any(
        not own & {p.pcode for p in m.place_candidates}
        and not _DIRECTION.search(text[max(0, m.start - 25) : m.start])
        for m in towns
    )
    # a place of its own: a town, or a name with its kind word ("بمحافظة إدلب")
    named = bool(towns) or any(m.prefix for m in inside)
    return elsewhere or (named and _within(first.days, span))


def _goes_on(
    first: Reading, span: Span, inside: list[PlaceMention], own: set[Any], toll: tuple[int, ...]
) -> bool:
    """The paragraph tells of an attack, and of nothing of the headline incident's."""
    return (
        _within(first.attacks, span)
        and not _within(toll, span)
        and not _within(first.past, span)
        and not any(own & {p.pcode for p in m.place_candidates} for m in inside)
    )
