"""A toll told over several places, then place by place: "قتل 35 مدنياً بقصف على ريفي حلب
وإدلب … وسقط 9 قتلى في قرية كفر تعال و8 في قرية كفرنوران", "Air strikes killed 14 civilians
in Idlib … Eight of those killed died in … the town of Sarmeen". The incident is the place
chosen, so its toll is the one told for that place, not the sum of them all."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from tawthiq.extract.casualties import Figure
from tawthiq.extract.gazetteer import PlaceMention
from tawthiq.extract.result import FieldResult, exact_count, unknown

_TOWNS = ("town", "village", "city", "camp")
_EVERYONE = (None, "civilians", "people")
_OF_THOSE = re.compile(
    r"\s+(?:of\s+(?:those|the\s+(?:dead|victims|people))\b|منهم|من\s+(?:القتلى|الضحايا))",
    re.IGNORECASE,
)
# where the dead came from is not where they died ("Five of the dead were from the town of")
_FROM = re.compile(r"\bfrom\b|من\s+(?:أبناء|ابناء|أهالي|اهالي|سكان)", re.IGNORECASE)
# people besides others told ("قتلوا معه 3 أشخاص", "three others"): not a place's whole toll
_BESIDES = re.compile(r"معه|معها|معهم|آخر|اخر|\b(?:others?|along|also|as well)\b", re.IGNORECASE)


def toll_of_the_place(
    fields: dict[str, FieldResult],
    figures: Sequence[Figure],
    places: Sequence[PlaceMention],
    sentence_of: Callable[[int], int],
    text: str,
) -> None:
    """The killed of the place chosen, where the toll given is told over several places (its
    sentence names no town, or more than one) and a later sentence tells, of the place, a
    part of it; the parts told for each place must fit within the whole."""
    killed, place = fields["killed"], fields["place"].value
    if killed.value is None or not killed.spans or not _a_town(place):
        return
    pcode = place["pcode"]
    if any(f.update for f in figures):
        return  # a toll that rose: the smaller ones are the earlier counts of the same dead
    # the sentences that give the toll's own figure, wherever it is told again
    told_in = {f.sentence for f in figures if f.category == "killed" and f.min == killed.value}
    told_in = told_in or {sentence_of(s) for s, _ in killed.spans}
    towns = [(m, sentence_of(m.start)) for m in places if _names_town(m)]
    lead_towns = {m.place_candidates[0].pcode for m, s in towns if s in told_in}
    if lead_towns == {pcode}:
        return  # the toll is told for the place itself
    parts = [
        f for f in figures
        if f.category == "killed" and not f.cumulative and f.group in _EVERYONE
        and not (f.breakdown and f.group)  # "بينهم 46 مدنياً و7 عسكريين": who, not where
        and f.sentence > min(told_in) and f.sentence not in told_in and f.min == f.max
        and not (f.approximate and f.min > 0.8 * int(killed.value))  # the whole told again
        and 0 < f.min < int(killed.value) and not _BESIDES.search(text, f.start - 12, f.end + 12)
    ]  # fmt: skip
    by_town = {}
    for f in parts:
        town = _town_after(f, towns, parts, text)
        if town is not None and town not in by_town:
            by_town[town] = f
    own = by_town.get(pcode)
    # a list of places with their tolls, a whole told of several towns by name, or the
    # place's told as some of the whole ("Eight of those killed"); else one smaller figure
    # may be the first count, or the rest died later, or of a second raid
    if own is None:
        return
    if len(by_town) < 2 and len(lead_towns) < 2 and not _OF_THOSE.match(text, own.end):
        return
    if sum(f.min for f in by_town.values()) > int(killed.value):
        return
    fields["killed"] = exact_count(own.min, 0.6, ((own.start, own.end),))
    # the children and women told of this place's dead, not of the whole toll
    for group in ("children", "women"):
        told = [f for f in figures if f.category == "killed" and f.group == group
                and f.sentence == own.sentence and f.start > own.start
                and not f.cumulative]  # fmt: skip
        fields[f"killed_{group}"] = (
            FieldResult(told[0].min, 0.6, ((told[0].start, told[0].end),),
                        {"min": told[0].min, "max": told[0].max, "approximate": False})
            if told and told[0].min <= own.min else unknown(f"killed_{group}")
        )  # fmt: skip


def _a_town(place: Any) -> bool:
    return isinstance(place, dict) and bool(place.get("pcode")) and place.get("kind") in _TOWNS


def _names_town(m: PlaceMention) -> bool:
    return m.place_candidates[0].kind in ("community", "camp")


def _town_after(
    f: Figure, towns: list[tuple[PlaceMention, int]], parts: list[Figure], text: str
) -> str | None:
    """The town a figure is told of: the first named after it in its sentence, before the
    next figure ("9 قتلى في قرية كفر تعال و8 …"); else the one town its sentence names
    before it ("في سوق أريحا ما تسبب بمقتل 4 مدنيين")."""
    following = [p.start for p in parts if p.start > f.start and p.sentence == f.sentence]
    stop = min(following, default=None)
    for m, s in towns:
        if s == f.sentence and m.start >= f.end and (stop is None or m.start < stop):
            return None if _FROM.search(text, f.end, m.start) else m.place_candidates[0].pcode
    before = {m.place_candidates[0].pcode for m, s in towns if s == f.sentence and m.end <= f.start}
    return before.pop() if len(before) == 1 else None
