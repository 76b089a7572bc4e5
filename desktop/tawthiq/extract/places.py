"""Choosing where the incident happened among the places a report mentions.

The governorate is the one the report keeps returning to (named outright, or holding the
towns it names); the place is the most specific one in that governorate, mentioned early
or beside the casualty figures: a camp before a town before a district.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from typing import Any

from tawthiq.extract.gazetteer import Gazetteer, Place, PlaceMention
from tawthiq.extract.phrases import Keys
from tawthiq.extract.place_asides import dateline, elsewhere_people, harmless
from tawthiq.extract.place_hoods import neighbourhood_in
from tawthiq.extract.place_landmarks import (
    HARM,
    RURAL_DAMASCUS,
    around_the_capital,
    in_a_caption,
    is_reference,
    listed_also,
    locates_the_one_after,
    locates_the_one_before,
    names_a_side,
    only_landmarks,
)
from tawthiq.extract.place_unplaced import (
    CONFIDENCE,
    Unplaced,
    unplaced_value,
    unplaced_villages,
)
from tawthiq.extract.result import FieldResult
from tawthiq.extract.tokens import Token, sentence_end, sentence_start, starts_of

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


# whom an attack targeted ("the jets targeted civilians"), besides a harm told
_TARGETED = re.compile(r"targeted|استهدف", re.IGNORECASE)
_UNITS = ("district", "subdistrict")
_TOWNS = ("city", "town", "village", "camp")


def _sentence_at(starts: list[int], sentence: Sequence[int], offset: int) -> int:
    i = max(0, bisect.bisect_right(starts, offset) - 1)
    return sentence[i] if sentence else 0


def _weight(s: int, focus: set[int], past: AbstractSet[int] = frozenset()) -> float:
    """A sentence's weight: early ones and the incident's own count most; one of another
    day or of history (``past``) a quarter."""
    return (1.0 / (1.0 + 0.3 * s) + (2.0 if s in focus else 0.0)) * (0.25 if s in past else 1.0)


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


_IN_FOCUS = 2.0  # a mention's weight in the sentence that tells of the harm (_weight)
_Ranked = tuple[
    dict[str, float], dict[str, tuple[PlaceMention, Place]], dict[str, bool]
]  # scores by pcode, the mention each is best shown by, whether it is only told aside


def _rank_in(
    located: Sequence[tuple[PlaceMention, float]], asides: set[int], governorate: str
) -> _Ranked:
    """The places of one governorate scored by their mentions' weights and how specific
    they are."""
    scores: dict[str, float] = defaultdict(float)
    best_mention: dict[str, tuple[PlaceMention, Place]] = {}
    best_rank: dict[str, tuple[bool, float]] = {}
    told_aside: dict[str, bool] = {}  # every mention of the place is an origin or harmless
    for k, (m, w) in enumerate(located):
        inside = [p for p in m.place_candidates if p.governorate == governorate]
        if not inside or not w:
            continue
        place = inside[0]  # the finder ranks by the kind word and the name's own level
        if place.kind in _UNITS and (m.prefix is None or _KIND_WORD.get(m.prefix) in _TOWNS):
            # "in Manbij", "al-Hol camp": the town a district is named after, not the district
            place = next((p for p in inside if p.kind == "community"), place)
        kind_bonus = 0.3 if m.prefix and place.kind in ("camp", "community") else 0.0
        scores[place.pcode] += w * (_SPECIFIC.get(place.kind, 0.5) + kind_bonus)
        told_aside[place.pcode] = told_aside.get(place.pcode, True) and k in asides
        # shown as the report names it where it tells of the incident, with its kind word
        # ("مدينة دوما" rather than the dateline "دوما –")
        rank_m = (m.prefix is not None, w)
        if place.pcode not in best_mention or rank_m > best_rank[place.pcode]:
            best_mention[place.pcode], best_rank[place.pcode] = (m, place), rank_m
    return scores, best_mention, told_aside


def _specific(
    best_mention: dict[str, tuple[PlaceMention, Place]], told_aside: dict[str, bool]
) -> list[str]:
    """The towns and camps of a ranking that are more than a passing mention."""
    return [
        p for p, (_, place) in best_mention.items()
        if place.kind in ("camp", "community") and not told_aside[p]
    ]  # fmt: skip


def _beside(
    located: Sequence[tuple[PlaceMention, float]],
    place: Place,
    governorate: str,
    sentence_of: Callable[[int], int],
) -> bool:
    """Whether the report names the governorate (or a place in it) in a sentence that names
    the place ("Duma in the Hama countryside")."""
    told = [x for x, _ in located if any(p.pcode == place.pcode for p in x.place_candidates)]
    where = {sentence_of(x.start) for x in told}
    return any(
        x.place_candidates[0].governorate == governorate and sentence_of(x.start) in where
        for x, _ in located
        if x not in told
    )


def _town_elsewhere(
    located: Sequence[tuple[PlaceMention, float]],
    asides: set[int],
    gov_votes: dict[str, float],
    governorate: str,
    sentence_of: Callable[[int], int],
) -> tuple[str, _Ranked] | None:
    """The governorate won by its name alone, said often ("Damascus … central Damascus"),
    but the town hit lies in another ("a school in Jaramana"): that town's governorate and
    ranking. Not when the sentence that names the town names the governorate too ("قرية
    صغيرة بريف إدلب"); the capital beside a town of its countryside only locates it."""
    in_focus = {p.pcode for m, w in located if w >= _IN_FOCUS for p in m.place_candidates}
    capital = governorate == "Damascus"
    for g in sorted(gov_votes, key=lambda g: -gov_votes[g]):
        other = _rank_in(located, asides, g)
        for p in _specific(other[1], other[2]):
            town = other[1][p][1]
            near = (capital and g == RURAL_DAMASCUS) or not _beside(
                located, town, governorate, sentence_of
            )
            if p in in_focus and near:
                return g, other
    return None


def _pick(
    scores: dict[str, float],
    best_mention: dict[str, tuple[PlaceMention, Place]],
    told_aside: dict[str, bool],
    landmarks: set[str],
    struck: Callable[[str], bool] = lambda _: False,
) -> str:
    """A town or camp named in the report beats the governorate it is in, unless it is only
    a passing mention ("في منطقة الميادين … ينحدران من بلدة المريعية": not a town the
    victims came from); a town named only to say where the place is ("قرية قرب مدينة سلقين")
    is not the place."""
    ranked = sorted(scores, key=lambda p: -scores[p])
    specific = [p for p in ranked if p in _specific(best_mention, told_aside)]
    specific = [p for p in specific if p not in landmarks] or specific
    ranked = [p for p in ranked if p not in landmarks] or ranked
    if specific and scores[specific[0]] >= 0.3 * scores[ranked[0]]:
        return specific[0]
    # "airstrikes in Idlib … the jets targeted civilians in a poultry farm in Maarrat
    # Misrin": the one town of the governorate the report names, told where it tells of
    # the attack or a harm, wherever that is
    if (
        len(specific) == 1
        and best_mention[ranked[0]][1].kind == "governorate"
        and struck(specific[0])
    ):
        return specific[0]
    return ranked[0]


def choose_place(
    text: str,
    tokens: Sequence[Token],
    sentence: Sequence[int],
    focus: set[int],
    language: str,
    mentions: Sequence[PlaceMention] | None = None,
    keys: Keys | None = None,
    away: set[int] | None = None,
    past: AbstractSet[int] = frozenset(),
) -> FieldResult:
    """The incident's place; ``away`` are the mentions ``elsewhere_people`` found, when the
    caller has them already; ``past``: sentences of history or of another day, whose places
    weigh little."""
    if mentions is None:
        mentions = Gazetteer.load().find(text)
    if not mentions:
        return FieldResult()
    starts = starts_of(tokens)
    keys = Keys(tokens) if keys is None else keys
    if away is None:
        away = elsewhere_people(tokens, keys, mentions)
    asides = away | harmless(tokens, keys, sentence, mentions)
    asides |= {k for k, m in enumerate(mentions) if names_a_side(text, m)}
    gov_votes: dict[str, float] = defaultdict(float)
    # "Jindires town in Afrin city": the report tells of Jindires; Afrin, there and wherever
    # else it is named, only says where (its governorate vote stays)
    locating = [
        (k > 0 and locates_the_one_before(text, mentions[k - 1], m))
        or (k + 1 < len(mentions) and locates_the_one_after(text, m, mentions[k + 1]))
        for k, m in enumerate(mentions)
    ]
    locators = {p.pcode for k, m in enumerate(mentions) if locating[k] for p in m.place_candidates}
    referring = [is_reference(text, m) for m in mentions]
    located = []
    around: list[PlaceMention] = []  # "northeast of Damascus": Rural Damascus
    for k, m in enumerate(mentions):
        if in_a_caption(text, m):
            # a photograph's caption shows another day's picture: no place of the report's
            located.append((m, 0.0))
            continue
        at = _sentence_at(starts, sentence, m.start)
        w = _weight(at, focus, past)
        aside = dateline(text, m)
        if aside:
            w *= 0.2
        if k in asides:
            w *= 0.25
        elif listed_also(text, m):
            w *= 0.5  # "the shelling also hit Ariha, Kafr Nabl and Hass": other places hit
        locator = any(p.pcode in locators for p in m.place_candidates)
        located.append((m, w * 0.2 if locator else w))
        # A name that is a governorate's ("حماة", "Hama") votes for it alone; a village
        # name shared by several governorates splits its vote.
        gov_places = [p for p in m.place_candidates if p.kind == "governorate"]
        if referring[k]:
            w *= 0.3  # "northwest of Damascus", "شمال غرب دمشق": a landmark, not the place
            aside = True
        if around_the_capital(text, m):
            gov_votes[RURAL_DAMASCUS] += w / 0.3  # where the incident is: around the city
            around.append(m)
        elif gov_places:  # a landmark or a dateline counts once, as any other name
            gov_votes[gov_places[0].governorate] += w * (1.0 if aside else 2.0)
        else:  # the finder puts the likeliest first (a district's namesake before a hamlet)
            govs = [p.governorate for p in m.place_candidates]
            rest = sorted(set(govs[1:]) - {govs[0]})
            gov_votes[govs[0]] += w * (0.6 if rest else 1.0)
            for g in rest:
                gov_votes[g] += w * 0.4 / len(rest)
    order = {g: -i for i, g in enumerate(gov_votes)}  # a tie goes to the one named first
    if not gov_votes:  # every place named is in a photograph's caption
        return FieldResult()
    governorate = max(gov_votes, key=lambda g: (gov_votes[g], order[g]))
    scores, best_mention, told_aside = _rank_in(located, asides, governorate)
    unplaced = unplaced_villages(text, mentions)

    def struck(pcode: str) -> bool:
        """Whether a sentence naming the place tells a harm or whom an attack targeted."""
        for m in mentions:
            if any(p.pcode == pcode for p in m.place_candidates):
                a, b = sentence_start(text, m.start), sentence_end(text, m.end)
                if HARM.search(text, a, b) or _TARGETED.search(text, a, b):
                    return True
        return False

    landmarks = only_landmarks(mentions, [a or b for a, b in zip(locating, referring, strict=True)])

    def sentence_of(offset: int) -> int:
        return _sentence_at(starts, sentence, offset)

    def told_more(u: Unplaced, pcode: str) -> bool:
        """Whether the village the gazetteer lacks is told as where the attack struck, and
        where the incident is, more than the town picked ("غارة روسية على بلدة الدار
        الكبيرة بريف إدلب" with the toll; Jisr al-Shughur in a later sentence of another
        attack); not where people came from or the fire came from ("أبناء قرية", "from")."""
        picked = max(
            (w for x, w in located if any(p.pcode == pcode for p in x.place_candidates)),
            default=0.0,
        )
        return u.struck and _weight(sentence_of(u.start), focus, past) > picked

    if not unplaced and all(place.kind == "governorate" for _, place in best_mention.values()):
        owner = _town_elsewhere(located, asides, gov_votes, governorate, sentence_of)
        if owner is not None:
            governorate, (scores, best_mention, told_aside) = owner
    if unplaced and not any(told_aside.get(p) is False for p in scores):
        # only named with its governorate ("قرية X بريف حماة"): the village as written
        u = unplaced[0]
        return FieldResult(unplaced_value(u), CONFIDENCE, ((u.start, u.end),))
    if not scores and governorate == RURAL_DAMASCUS and around:
        m = around[0]  # only "قرب دمشق": the governorate around the city
        rural = Gazetteer.load().governorate(RURAL_DAMASCUS)
        return FieldResult(_value(rural, m, language), 0.5, ((m.start, m.end),))
    if not scores:
        return FieldResult()
    pick = _pick(scores, best_mention, told_aside, landmarks, struck)
    m, place = best_mention[pick]
    likeliest = m.place_candidates[0]
    if (
        not unplaced
        and place.kind in ("camp", "community")
        and likeliest.governorate != governorate
        and not _beside(located, place, governorate, sentence_of)
    ):
        # "Shelling on Douma killed three … reinforcements arrived in Hama": Hama, named
        # for another reason, does not make Douma its namesake hamlet
        governorate = likeliest.governorate
        scores, best_mention, told_aside = _rank_in(located, asides, governorate)
        pick = _pick(scores, best_mention, told_aside, landmarks, struck)
        m, place = best_mention[pick]
    spans = tuple(
        (x.start, x.end)
        for x, _ in located
        if any(p.pcode == place.pcode for p in x.place_candidates)
    )
    share = gov_votes[governorate] / sum(gov_votes.values())
    ambiguous = len({p.pcode for p in m.place_candidates}) > 1
    confidence = (0.4 + 0.4 * share + (0.0 if ambiguous else 0.1)) * m.score
    if unplaced and (
        place.kind not in ("camp", "community")
        or told_aside[pick]
        or unplaced[0].start <= m.start < unplaced[0].end  # "Zizoun al-Jadida" is not Jadida
        or told_more(unplaced[0], place.pcode)
    ):
        u = unplaced[0]  # "the village of X in the Idlib countryside" over Idlib alone
        return FieldResult(unplaced_value(u), CONFIDENCE, ((u.start, u.end),))
    # "حي المزة بدمشق": the neighbourhood of the city, where the report names one
    return neighbourhood_in(text, mentions, place, spans) or FieldResult(
        _value(place, m, language), min(confidence, 0.95), spans
    )
