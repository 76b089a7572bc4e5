"""Several incidents in one report: which paragraphs tell of an attack other than the
headline's, so that each run of them is read as an incident of its own.

A paragraph is another incident when it tells of an attack or a toll in another
governorate; or, in the headline's own governorate, when it tells of an attack somewhere
else (a town or camp the headline incident is not in) or on a day of its own, and holds
nothing of the headline incident (its place, its toll). A paragraph that goes on telling of
the same attack without a place of its own ("وذكر شهود أن مقاتلات ألقت قنابل …") stays with
the paragraph before it. History ("الشهر الماضي"), a general statement ("تواصل قصفها",
"sporadic shelling") and a recap ("وكانت … قد قصفت") are no incident unless they name a day
of their own: they are set aside, with the reason, for whoever asks why.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from tawthiq.domain.resources import read_json
from tawthiq.extract.gazetteer import PlaceMention
from tawthiq.extract.phrases import Keys, PhraseIndex
from tawthiq.extract.place_hoods import city_of
from tawthiq.extract.result import FieldResult
from tawthiq.extract.tokens import Token, starts_of

Span = tuple[int, int]

_TURN = re.compile(  # (?=…): the first letters a turn may start with, for the scan to skip to
    r"(?=[\sوفمMEOI])"
    r"(?:(?<=[.!؟?]\s)|(?<=\n))\s*(?:وفي سياق متصل|في سياق متصل|وفي سياق آخر|في سياق آخر|"
    r"ومن جهة أخرى|من جهة أخرى|وفي حادثة أخرى|و?في حادثة منفصلة|و?في هجوم (?:آخر|منفصل)|"
    r"Meanwhile|Elsewhere|On the other hand|In (?:a separate|another) (?:incident|attack|strike))"
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
    told, to find the other incidents by (each tuple of offsets in ascending order)."""

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


def names_town(m: PlaceMention) -> bool:
    """A town or camp is named: "السلمية" (a district named after its town), not "دمشق";
    "the Idlib region", read as the governorate, stays a place of its own here (a toll told
    there is another's)."""
    kinds = [p.kind for p in m.place_candidates]
    return (
        kinds[0] in ("community", "camp")
        or m.prefix == "region"
        or (kinds[0] in ("district", "subdistrict") and "community" in kinds)
    )


def _paragraphs(text: str) -> list[Span]:
    """Paragraphs, or parts of one that turn to something else ("وفي سياق متصل", "Meanwhile")."""
    turns = [m.start() for m in _TURN.finditer(text)]
    ends = [e.end() for t in turns if (e := _SENTENCE_END.search(text, t))]  # that sentence
    cuts = sorted({0, len(text), *turns, *ends} | {m.end() for m in re.finditer(r"\n+", text)})
    return [(a, b) for a, b in itertools.pairwise(cuts) if text[a:b].strip()]


def _within(offsets: tuple[int, ...], span: Span) -> bool:
    """Whether any of the ascending ``offsets`` falls in ``span``."""
    i = bisect.bisect_left(offsets, span[0])
    return i < len(offsets) and offsets[i] < span[1]


# why a paragraph is an incident of its own, or why it was set aside
OTHER_GOVERNORATE, OTHER_PLACE, OWN_DAY = "other_governorate", "other_place", "own_day"
HISTORY, GENERAL, RECAP = "history", "general", "recap"


@dataclass(frozen=True)
class Told:
    """A further incident: the paragraphs that tell it, the sentence it rests on, and why it
    is an incident of its own (``OTHER_GOVERNORATE``, ``OTHER_PLACE``, ``OWN_DAY``)."""

    spans: tuple[Span, ...]
    sentence: Span
    why: str


@dataclass(frozen=True)
class SetAside:
    """A paragraph that tells of an attack with a place of its own but is no incident of its
    own: ``why`` is ``HISTORY``, ``GENERAL`` or ``RECAP``; ``sentence`` is where it is told.
    It is no part of the headline incident either (its place and actors are not that one's)."""

    sentence: Span
    why: str
    paragraph: Span = (0, 0)


@dataclass(frozen=True)
class Further:
    incidents: tuple[Told, ...] = ()
    set_aside: tuple[SetAside, ...] = ()


@cache
def _background_cues() -> tuple[PhraseIndex[bool], PhraseIndex[bool]]:
    cues = read_json("extract/incidents.json")
    return (
        PhraseIndex((p, True) for p in cues["general"]),
        PhraseIndex((p, True) for p in cues["recap_opening"]),
    )


def _background(first: Reading, span: Span, starts: list[int]) -> str | None:
    """Why a paragraph with no day of its own tells of no event of its own: history, a
    general statement, or a recap of what had happened before; None when it may.
    ``starts``: where each of the text's words starts."""
    if _within(first.days, span):
        return None
    if _within(first.past, span):
        return HISTORY
    at = bisect.bisect_left(starts, span[0])  # its first word
    if at >= len(first.tokens) or first.tokens[at].start >= span[1]:
        return None
    general, recap = _background_cues()
    hits = general.find(first.tokens, first.keys)
    if any(span[0] <= h.start < span[1] for h in hits):
        return GENERAL
    opening = recap.find(first.tokens[at : at + 1], first.keys[at : at + 1])
    return RECAP if opening else None


def sentences(text: str, span: Span) -> list[Span]:
    """The sentences of a paragraph, without the spaces around them."""
    out, at = [], span[0]
    for m in _SENTENCE_END.finditer(text, span[0], span[1]):
        out.append((at, m.end()))
        at = m.end()
    out.append((at, span[1]))
    trimmed = []
    for a, b in out:
        piece = text[a:b]
        a += len(piece) - len(piece.lstrip())
        b -= len(piece) - len(piece.rstrip())
        if b > a and text[a:b].strip(".!؟?"):
            trimmed.append((a, b))
    return trimmed


def sentence_of(
    text: str, spans: list[Span], wanted: list[tuple[tuple[int, ...], ...]]
) -> Span | None:
    """The sentence an incident rests on: the first sentence of ``spans`` that holds an
    offset of every one of ``wanted[0]`` (where its place and its toll are told, say), else
    of ``wanted[1]``, and so on; None when none does."""
    candidates = [s for span in spans for s in sentences(text, span)]
    for marks in ([tuple(sorted(offsets)) for offsets in told] for told in wanted):
        for s in candidates:
            if all(_within(offsets, s) for offsets in marks):
                return s
    return None


def other_incidents(text: str, first: Reading) -> Further:
    """Runs of paragraphs that each tell of an incident other than the headline's, and the
    paragraphs set aside as history, general statements or recaps."""
    place: Any = first.fields["place"].value
    home = place.get("governorate") if isinstance(place, dict) else None
    if not home:
        return Further()
    own = {place.get("pcode")}
    if place.get("pcode") is None:  # a neighbourhood: the city it is in is the incident's town
        own |= city_of(first.places, first.fields["place"].spans)
    toll = tuple(sorted(s for n in ("killed", "injured") for s, _ in first.fields[n].spans))
    groups: list[tuple[list[Span], str]] = []
    aside: list[SetAside] = []
    last: str | None = None  # the governorate of the run going on, "" for the home one
    run_towns: set[str] = set()  # the towns and camps the run going on named
    paragraphs = _paragraphs(text)
    starts = starts_of(first.tokens)
    # the headline: a dateline ("إدلب – نورث برس") or a title that tells of nothing comes
    # first, then the paragraph that first tells of an attack or a harm
    lead = next((k for k, p in enumerate(paragraphs) if _within(first.cue_offsets, p)), 0)
    if lead + 1 < len(paragraphs) and _a_title(text, paragraphs[lead]):
        lead += 1  # "وفاة طفلين بانفجار جسم من مخلفات الحرب" then the lead that tells it
    place_starts = [m.start for m in first.places]
    for span in paragraphs[lead + 1 :]:
        inside = list(first.places[bisect.bisect_left(place_starts, span[0]) :
                                   bisect.bisect_left(place_starts, span[1])])  # fmt: skip
        govs = [{p.governorate for p in m.place_candidates} for m in inside]
        told = _within(first.cue_offsets, span)
        # a town or camp must be named: "حكومة دمشق" is a government, not a place
        towns = [m for m in inside if names_town(m)]
        why: str | None
        # (a neighbourhood is the city's told before: "the Hamidiya neighborhood")
        elsewhere = any(
            home not in {p.governorate for p in m.place_candidates}
            for m in towns
            if m.prefix not in _QUARTERS and _WHERE.search(text, max(0, m.start - 30), m.start)
        )  # fmt: skip
        if _refers_back(text, span) and not elsewhere and _background(first, span, starts) is None:
            last = None  # "The attack on the Hamidiya neighbourhood also left seven injured"
            continue
        if towns and told and not any(home in g for g in govs):
            gov, why = sorted(govs[0])[0], OTHER_GOVERNORATE
        elif why := _near_home(first, span, inside, towns, own, toll):
            gov = ""
        elif (
            last == ""
            and _goes_on(first, span, inside, own, toll)
            and not _background(first, span, starts)
        ):
            groups[-1][0].append(span)
            continue
        else:
            last = None
            continue
        background = _background(first, span, starts)
        if background is not None:
            where = sentence_of(text, [span], [(first.attacks,), (first.cue_offsets,)])
            aside.append(SetAside(where or span, background, span))
            last = None
            continue
        named = {p.pcode for m in towns for p in m.place_candidates}
        # the run goes on unless this paragraph names a town or camp the run has not named:
        # "the shelling also hit …" in another town is another incident, told apart
        if gov == last and (not named or named & run_towns):
            groups[-1][0].append(span)
            run_towns |= named
        else:
            groups.append(([span], why))
            run_towns = named
        last = gov
    found = []
    for spans, why in groups:
        where = sentence_of(text, spans, [(first.attacks,), (first.cue_offsets,)])
        found.append(Told(tuple(spans), where or (sentences(text, spans[0]) or spans)[0], why))
    return Further(tuple(found), tuple(aside))


_TITLE_CHARS = 160
# a paragraph opening on "the attack" tells more of the one told before it
_THE_ATTACK = re.compile(
    r"\s*(?:The|This|That)\s+(?:attack|strike|air\s?strike|shelling|bombing|blast|explosion|"
    r"massacre|raid)s?\b|\s*[وف]?(?:أدى|أسفر|خلف|تسبب)?\s*(?:الهجوم|القصف|الغارة|الغارات|التفجير"
    r"|الانفجار|المجزرة|الاستهداف)\s",
)


def _refers_back(text: str, span: Span) -> bool:
    """A paragraph that opens on "the attack" ("The attack on the Hamidiya neighbourhood
    left seven civilians injured", "وأسفر القصف عن …"): the one told before it; not one
    that tells where else it struck ("The shelling also hit Kafr Nabl")."""
    head = text[span[0] : min(span[1], span[0] + 80)]
    return _THE_ATTACK.match(text, span[0]) is not None and not _ALSO.search(head)


# a place told as where something happened ("on Tal Rifaat", "على تل رفعت", "بتل رفعت")
_WHERE = re.compile(
    r"(?:\b(?:in|on|at|near|hit|struck|targeted|targeting)\s+(?:the\s+)?"
    r"(?:(?:town|village|city)\s+of\s+)?|(?:في|على|قرب|بلدة|قرية|مدينة)\s+|[بل])$",
    re.IGNORECASE,
)
_QUARTERS = frozenset({"neighbourhood", "حي", "الحي", "بحي", "وحي"})
# ("The shelling also hit Kafr Nabl"; "والقصف يأتي بعد أيام من غارة روسية": a recap)
_ALSO = re.compile(
    r"\balso\s+(?:hit|struck|targeted|shelled)|أيضا|أيضاً|كذلك|طال|يأتي بعد|تأتي بعد"
    r"|\bcomes?\s+\w+\s+(?:days?|weeks?)\s+after",
    re.IGNORECASE,
)


def _a_title(text: str, span: Span) -> bool:
    """A headline: one short line with no full stop ("Blast kills seven children in
    Daraa", "مقتل مدنيين بقصف على أريحا")."""
    line = text[span[0] : span[1]].strip()
    return len(line) <= _TITLE_CHARS and "\n" not in line and not any(c in line for c in ".!?؟")


def _near_home(
    first: Reading,
    span: Span,
    inside: list[PlaceMention],
    towns: list[PlaceMention],
    own: set[Any],
    toll: tuple[int, ...],
) -> str | None:
    """An attack in the headline's governorate that is not the headline's: told with a
    town or camp of its own ("طائرات روسية قصفت معسكرات قرب مدينة إدلب"), or with a day of
    its own and a place ("قصفت قوات النظام اليوم الأحد مناطق في محيط الطريق السريع بإدلب");
    the reason, or None."""
    if not _goes_on(first, span, inside, own, toll):
        return None
    text = first.text
    elsewhere = any(
        not own & {p.pcode for p in m.place_candidates}
        and not _DIRECTION.search(text[max(0, m.start - 25) : m.start])
        for m in towns
    )
    # a place of its own: a town, or a name with its kind word ("بمحافظة إدلب")
    named = bool(towns) or any(m.prefix for m in inside)
    if elsewhere:
        return OTHER_PLACE
    return OWN_DAY if named and _within(first.days, span) else None


def _goes_on(
    first: Reading, span: Span, inside: list[PlaceMention], own: set[Any], toll: tuple[int, ...]
) -> bool:
    """The paragraph tells of an attack, and of nothing of the headline incident's (whether
    it is history is ``_background``'s to say)."""
    return (
        _within(first.attacks, span)
        and not _within(toll, span)
        and not any(own & {p.pcode for p in m.place_candidates} for m in inside)
    )
