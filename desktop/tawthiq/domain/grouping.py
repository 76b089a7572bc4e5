"""Whether a report's incident is one already kept: the same or the next day, the same place
(its code, a few km, or its name compared after folding and transliteration), a type and
actors that can be the same attack. Pure functions over incident values.

A *strong* match is one a person would not need to be asked about: the same day (or the
next, at the same place code or name), the same place, a compatible type and no side named
by one that the other rules out. A *weak* one is a candidate to show, never joined on its own.
A precise matcher matters more than a generous one: joining two attacks hides one of them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from rapidfuzz import fuzz

from tawthiq.domain.arabic import has_arabic, normalize
from tawthiq.domain.duplicates import casualties_compared, distance_km
from tawthiq.domain.errors import N_
from tawthiq.domain.transliterate import latin_key

STRONG, WEAK = "strong", "weak"
NEAR_KM = 5.0  # two points of one town or camp
AROUND_KM = 12.0  # neighbouring villages: a candidate, not the same place
SAME_NAME = 90.0  # a name's similarity (0-100) from which two spellings are one place
LIKE_NAME = 75.0
# a name compared across scripts, through a rough transliteration, says at most "alike":
# never on its own "the same place"
CROSS_SCRIPT = SAME_NAME - 1

# incident types one attack can be told as by different outlets (an airstrike is "shelling"
# to one, "a missile" to another); a type outside every family matches only itself
_FAMILIES = (
    frozenset({"air_drone_strike", "shelling_artillery_missile", "remote_explosive"}),
    frozenset({"remote_explosive", "suicide_bomb", "grenade"}),
    frozenset({"armed_clash", "attack"}),
    frozenset({"attack", "abduction_disappearance", "arrest"}),
)
# the kinds of attack that kill and maim, which one report tells as another
_VIOLENCE = frozenset(
    {
        "air_drone_strike",
        "shelling_artillery_missile",
        "remote_explosive",
        "suicide_bomb",
        "grenade",
        "armed_clash",
        "attack",
    }
)
# sides outlets confuse for one another when they report the same strike
_SIDES = (
    frozenset({"syrian_government", "russia", "iran_affiliated"}),
    frozenset({"sna", "turkey", "armed_opposition"}),
    frozenset({"hts", "armed_opposition"}),
)


@dataclass(frozen=True, slots=True)
class Match:
    strength: str  # STRONG or WEAK
    score: float  # 0-1, to order candidates
    reasons: tuple[str, ...]


def _day(values: Mapping[str, Any]) -> date | None:
    try:
        return date.fromisoformat(values["date_start"])
    except (KeyError, TypeError, ValueError):
        return None


_LATIN_VOWELS = re.compile(r"[aeiouy]")
_NOT_WORD = re.compile(r"[^\w]+")
_ARTICLE = re.compile(r"\b(?:al|el|as|ash|ad|ar|az|an|at)[ -]")


def _latin(name: str) -> tuple[str, str]:
    """A Latin spelling folded (accents, case, the article) and its consonant skeleton:
    "Ma'arat al-Nu'man" and "Maarat Al Numan" fold alike."""
    text = unicodedata.normalize("NFKD", name.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _ARTICLE.sub("", text)
    text = _NOT_WORD.sub("", text)
    return text, _LATIN_VOWELS.sub("", text)


def _arabic(name: str) -> str:
    return _NOT_WORD.sub("", normalize(name).replace("ال", ""))


def _names(values: Mapping[str, Any]) -> tuple[list[str], list[tuple[str, str]]]:
    arabic, latin = [], []
    for key in ("place_name", "place_name_ar", "place_name_en"):
        name = values.get(key)
        if not name:
            continue
        if any("\u0600" <= c <= "\u06ff" for c in str(name)):
            arabic.append(_arabic(str(name)))
        else:
            latin.append(_latin(str(name)))
    return [a for a in arabic if a], [p for p in latin if p[0]]


_NUMBER = re.compile(r"\d+")  # any decimal digits, Arabic-Indic ones too


def _numbers(values: Mapping[str, Any]) -> set[str]:
    names = (str(values.get(k) or "") for k in ("place_name", "place_name_ar", "place_name_en"))
    return {str(int(n)) for name in names for n in _NUMBER.findall(name)}  # "١" is "1"


def name_similarity(a: Mapping[str, Any], b: Mapping[str, Any]) -> float:
    """How alike the two places' names are (0-100), the best over the names each holds in
    the same script: Arabic after folding, Latin on the letters and on the consonants.
    Names numbered differently ("camp 1", "camp 2") are other places: 0."""
    na, nb = _numbers(a), _numbers(b)
    if na and nb and not na & nb:
        return 0.0
    ar_a, la_a = _names(a)
    ar_b, la_b = _names(b)
    best = 0.0
    for x in ar_a:
        for y in ar_b:
            best = max(best, fuzz.ratio(x, y))
    for (x, xs), (y, ys) in ((p, q) for p in la_a for q in la_b):
        # the letters and the skeleton together: a short skeleton alone matches too much
        # ("Hama" and "Hima"), the letters alone miss a vowel spelt otherwise
        best = max(best, 0.5 * (fuzz.ratio(x, y) + fuzz.ratio(xs, ys)))
    if best < SAME_NAME:  # a name in Arabic on one side only in Latin letters on the other
        for x in _spelt(a, arabic=True):
            for y in _spelt(b, arabic=False):
                best = max(best, min(CROSS_SCRIPT, fuzz.ratio(x, y)))
        for x in _spelt(b, arabic=True):
            for y in _spelt(a, arabic=False):
                best = max(best, min(CROSS_SCRIPT, fuzz.ratio(x, y)))
    return best


def _spelt(values: Mapping[str, Any], *, arabic: bool) -> list[str]:
    """The consonant skeletons of the names of one script (``transliterate.latin_key``)."""
    out = []
    for key in ("place_name", "place_name_ar", "place_name_en"):
        name = str(values.get(key) or "")
        if name and has_arabic(name) == arabic:
            out.append(latin_key(name).replace(" ", ""))
    return [n for n in out if len(n) >= 2]


def _type_fits(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool | None:
    """Whether the two types can be one attack told twice: True for the same type or one
    family, False for a killing and an arrest or a looting; None when it cannot be told
    (a side gives none, or two kinds of violence outlets mix up: a clash and a strike)."""
    ta, tb = a.get("incident_type"), b.get("incident_type")
    if not ta or not tb or ta == "other" or tb == "other":
        return None
    if ta == tb or any(ta in f and tb in f for f in _FAMILIES):
        return True
    return None if ta in _VIOLENCE and tb in _VIOLENCE else False


def _sides_fit(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool | None:
    pa = set(a.get("perpetrators") or ()) - {"unknown"}
    pb = set(b.get("perpetrators") or ()) - {"unknown"}
    if not pa or not pb:
        return None
    if pa & pb:
        return True
    return any(x in f and y in f for f in _SIDES for x in pa for y in pb)


_AREA_CODE = re.compile(r"SY\d{2}(?:\d{2}){0,2}")  # OCHA's governorate, district, subdistrict


def coarse(values: Mapping[str, Any]) -> bool:
    """Whether the place is an area rather than a spot: a governorate, district or
    subdistrict, or the governorate's own city named for it ("Hama", "Idlib"), which
    reports use for the whole governorate."""
    if _AREA_CODE.fullmatch(str(values.get("pcode") or "")):
        return True
    if values.get("place_kind") in ("district", "area"):
        return True
    gov, name = values.get("governorate"), values.get("place_name_en")
    return bool(gov and name and _latin(str(gov))[1] == _latin(str(name))[1])


def _place(a: Mapping[str, Any], b: Mapping[str, Any]) -> tuple[str | None, str | None, float]:
    """(strong reason, weak reason, name similarity) for the two places."""
    similarity = name_similarity(a, b)
    same_gov = bool(a.get("governorate")) and a.get("governorate") == b.get("governorate")
    if same_gov and (coarse(a) or coarse(b)):
        # "in Daraa" and "in Koya, Daraa": the one may hold the other, never proves it
        return None, N_("one place is the area that holds the other"), similarity
    if a.get("pcode") and a.get("pcode") == b.get("pcode"):
        return N_("the same place code"), None, similarity
    km = distance_km(a, b)
    if km is not None and km <= NEAR_KM:
        return N_("places within 5 km"), None, similarity
    if similarity >= SAME_NAME and (km is None or km <= AROUND_KM):
        return N_("the same place name"), None, similarity
    if km is not None and km <= AROUND_KM:
        return None, N_("places within 12 km"), similarity
    if similarity >= LIKE_NAME and (km is None or km <= AROUND_KM):
        return None, N_("place names alike"), similarity
    gov = a.get("governorate")
    finer = ("pcode", "lat", "place_name", "place_name_ar", "place_name_en")
    if (
        gov
        and gov == b.get("governorate")
        and not (any(a.get(k) for k in finer) and any(b.get(k) for k in finer))
    ):
        return None, N_("the same governorate (no finer place on one of them)"), similarity
    return None, None, similarity


def _differ(a: Mapping[str, Any], b: Mapping[str, Any], key: str) -> bool:
    return bool(a.get(key)) and bool(b.get(key)) and a.get(key) != b.get(key)


def match(
    new: Mapping[str, Any], kept: Mapping[str, Any], *, guessed_day: bool = False
) -> Match | None:
    """How ``new`` (a report's incident) matches ``kept`` (an incident already kept), or
    None. ``guessed_day``: the new incident's day is a guess (no day in the text and no
    publication day), so it can be a candidate only."""
    dn, dk = _day(new), _day(kept)
    if dn is None or dk is None or abs((dn - dk).days) > 1:
        return None
    gov_new, gov_kept = new.get("governorate"), kept.get("governorate")
    if gov_new and gov_kept and gov_new != gov_kept:
        return None
    type_fits, sides_fit = _type_fits(new, kept), _sides_fit(new, kept)
    if type_fits is False:
        return None
    strong_place, weak_place, similarity = _place(new, kept)
    if strong_place is None and weak_place is None:
        return None
    same_day = dn == dk
    reasons = [N_("the same date") if same_day else N_("dates a day apart")]
    reasons.append(strong_place or weak_place or "")
    if type_fits:
        same_type = new.get("incident_type") == kept.get("incident_type")
        reasons.append(
            N_("the same kind of attack")
            if same_type
            else N_("kinds of attack one strike is told as")
        )
    if sides_fit:
        reasons.append(N_("the same side named"))
    elif sides_fit is False:
        reasons.append(N_("different sides named"))
    figures = casualties_compared(new, kept)
    if figures:
        reasons.append(N_("similar casualty figures"))
    # a town shelled two days running is two attacks: the next day joins only at the very
    # same place with figures alike
    # the same place on the same day is one attack told twice, unless its tolls are far
    # apart and it names other targets or other times of day: then two attacks, maybe
    told_apart = figures is False and (
        _differ(new, kept, "target") or _differ(new, kept, "time_of_day")
    )
    # a place only near or alike, or an area holding it, joins on the same day when
    # everything else agrees: the kind of attack, the side and the toll
    corroborated = (
        same_day
        and weak_place
        in (N_("one place is the area that holds the other"), N_("place names alike"))
        and type_fits is True
        and sides_fit is True
        and figures is True
    )
    # the next day is another attack: a town shelled two days running is told so, and
    # a report's "yesterday" read right gives the same day
    strong = (
        not guessed_day
        and same_day
        and (
            corroborated
            or (
                strong_place is not None
                and sides_fit is not False
                and type_fits is not None
                and not told_apart
            )
        )
    )
    if guessed_day:
        reasons.append(N_("the report's date is a guess"))
    score = (
        (0.4 if same_day else 0.25)
        + (0.3 if strong_place else 0.15)
        + (0.15 if type_fits else 0.0)
        + (0.1 if sides_fit else 0.0)
        + 0.05 * similarity / 100
    )
    return Match(STRONG if strong else WEAK, round(score, 3), tuple(reasons))
