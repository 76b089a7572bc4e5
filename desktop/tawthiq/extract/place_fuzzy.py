"""English transliterations of town names matched to the gazetteer by a scored similarity.

Reports spell a village as they hear it ("Kafr Nabl", "Kafranbel") where OCHA writes
"Kafr Nobol": the exact keys (place_names) miss it. Compared here on the consonant skeleton
("kfrnbl" = "kfrnbl") and on the whole spelling with its vowels, each scored 0..1 by
rapidfuzz; below THRESHOLD nothing matches. The forms compared with are built with the data
(scripts/build_place_keys.py -> resources/extract/place_fuzzy.json): the gazetteer's English
names and aliases and its Arabic names transliterated, read the first time a report needs them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from tawthiq.domain.resources import read_json
from tawthiq.extract.gazetteer_extra import common_word, spelling
from tawthiq.extract.place_names import (
    EN_ARTICLES_HYPHEN,
    NAME_WORD,
    Place,
    PlaceMention,
    fold_latin,
    single_letters,
)

FUZZY_KINDS = ("community", "camp", "subdistrict", "district")
_KIND_RANK = {"district": 0, "subdistrict": 1, "community": 2, "camp": 3}  # as the index ranks
THRESHOLD = 0.8  # the mean of the skeleton's and the spelling's similarity
STRONG = 0.92  # a match this close stands even in a governorate the report does not name
_SKELETON_CUTOFF = 75.0  # rapidfuzz's 0..100: skeletons further apart are not compared
_WHOLE_ALIKE = 90.0  # a whole skeleton this alike stands whatever a shared first word
_VOWELS = re.compile("[aeiouy]")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")  # "Ftireh" = "Ftire", as "فطيرة" is transliterated


@lru_cache(maxsize=65536)  # a pure function of a name: each name of a place is formed once
def english_form(name: str) -> str:
    """A name's words folded to ASCII, articles left out, common words in one spelling,
    joined: "Kafr Nabl" -> "kafrnabl", "Tell al-Karameh" -> "talkarame"."""
    words = NAME_WORD.findall(fold_latin(name.replace("-", " ")))
    kept = [w for w in words if w not in EN_ARTICLES_HYPHEN and not w.isdigit()]
    return "".join(_FINAL_H.sub("", spelling(w)) if len(w) > 3 else spelling(w) for w in kept)


def fuzzy_skeleton(form: str) -> str:
    """The consonants a form is first compared by ("kafranbel" -> "kfrnbl"); a letter said
    twice across a vowel stays twice ("zeizoun" -> "zzn", not "zn" as in exact keys)."""
    word = single_letters(form.replace("q", "k").replace("th", "t").replace("dh", "d"))
    word = word.replace("d", "t")
    return (word[:1] if word[:1] not in "aeiou" else "a") + _VOWELS.sub("", word[1:])


@dataclass(frozen=True, slots=True)
class FuzzyMatch:
    """A place a spelling may name: how close (0..1) and why, for the documenter."""

    pcode: str
    score: float
    why: str


@cache
def _forms() -> tuple[list[str], dict[str, str]]:
    forms: dict[str, str] = read_json("extract/place_fuzzy.json")["forms"]
    return list(forms), forms


def entries_of(shipped: str) -> list[tuple[str, str]]:
    """The (English form, pcode) pairs of a skeleton as place_fuzzy.json ships them, one
    string ("kafrnabl SY070200|kafrnobol SY070201"): 18,000 pairs as lists were as many
    objects to parse, and for the garbage collector to walk on every full collection."""
    return [(form, pcode) for form, _, pcode in (e.partition(" ") for e in shipped.split("|"))]


@cache
def _rapidfuzz() -> tuple[Any, Any]:
    """rapidfuzz's fuzz and process, imported for the first report that needs them (start-up
    stays low) and kept (an import statement costs microseconds each time it runs)."""
    from rapidfuzz import fuzz, process

    return fuzz, process


def fuzzy_matches(name: str) -> list[FuzzyMatch]:
    """The places whose names are spelt like ``name``, best first, each at or above THRESHOLD.

    A short skeleton ("Bara": "br") must be the same and the spelling close (doubled letters
    aside); a longer one may differ by a letter or two ("Kafranbel" ~ "Kafr Nobol").
    """
    return list(_fuzzy_matches(name))


@lru_cache(maxsize=4096)  # the same spelling in report after report is compared once
def _fuzzy_matches(name: str) -> tuple[FuzzyMatch, ...]:
    fuzz, process = _rapidfuzz()

    form = english_form(name)
    sk = fuzzy_skeleton(form)
    if len(sk) < 2:
        return ()
    short = 90 if len(sk) == 2 else 80  # "Hass" is Has, and nothing else of two consonants
    keys, forms = _forms()
    best: dict[str, FuzzyMatch] = {}
    if len(sk) <= 4:  # only the same skeleton counts: no need to score every other
        found = [(sk, 100.0, 0)] if sk in forms else []
    else:
        found = process.extract(
            sk, keys, scorer=fuzz.ratio, score_cutoff=_SKELETON_CUTOFF, limit=40
        )
    single = single_letters(form)
    first = NAME_WORD.findall(fold_latin(name.replace("-", " ")))[:1]
    head = common_word(first[0]) if first else None
    for key, sk_score, _ in found:
        for other, pcode in entries_of(forms[key]):
            if head and other.startswith(head) and form.startswith(head):
                # a shared first word ("Sheikh", "Tal") tells nothing: the rest's consonants
                # must be alike too ("Sheikh Maqsoud" is not Sheikh Hamad)
                rest = fuzzy_skeleton(form[len(head) :]), fuzzy_skeleton(other[len(head) :])
                if fuzz.ratio(*rest) < _SKELETON_CUTOFF and sk_score < _WHOLE_ALIKE:
                    continue  # ("Kafr Roma" is Kafruma: the whole is alike, cut elsewhere)
            spelt = fuzz.ratio(single, single_letters(other))
            score = (sk_score + spelt) / 200
            if score < THRESHOLD or (len(sk) <= 4 and spelt < short):
                continue
            if pcode not in best or score > best[pcode].score:
                why = (
                    f"{name!r} ~ {other!r}: consonants {sk}/{key} {sk_score:.0f}%,"
                    f" spelling {spelt:.0f}%"
                )
                best[pcode] = FuzzyMatch(pcode, round(score, 3), why)
    return tuple(sorted(best.values(), key=lambda m: (-m.score, m.pcode)))


_ARTICLE = r"(?:[Aa][lnrstdz]|[Ee][lnrstz]|[Aa]sh|[Ee]sh|[Aa]dh|[Aa]th|[Ii]l)-"
_WORD = r"[A-Z][a-z'’‘`ʿʾ\u00c0-\u024f]+(?:-[A-Z][a-z'’\u00c0-\u024f]+)?"
# compiled the first time a report has a capital letter (re keeps them): start-up stays low;
# the lookahead of the letters a run starts with lets the scan skip to them
_RUN = rf"(?=[A-Zaei])(?:{_ARTICLE})?{_WORD}"
_RUN += rf"(?:[ \u00a0](?:{_ARTICLE}|[ae]l[ \u00a0])?{_WORD}){{0,3}}"
# where a report names the place of an attack: "the village of X", "struck X", "near X"
_KIND_OF = (
    r"(?:village|town|city|hamlet|neighbou?rhood|area|outskirts|vicinity|surroundings|"
    r"countryside|farms?|mill|clinic|school|mosque|bakery|market)\s+of\s+(?:the\s+)?"
)
_BEFORE = (  # (?=…): the first letters of them all, for the search to skip to
    rf"(?i:(?=[abcfhimnorstv])(?:\b{_KIND_OF}|\b(?:in|on|near|at|around|outside|targeting|"
    r"targeted|struck|hit|shelled|bombed|raided|stormed|into)\s+(?:the\s+)?(?:(?:village|town|city)\s+of\s+)?))$"
)
_KIND_WORD = re.compile(r"\b(village|town|city|camp)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_CAMP_AFTER = re.compile(r"\s+camp\b", re.IGNORECASE)
_SPACED = re.compile(r"\S+")
# "the Karjokh mountains", "the Khabur river": a feature, not a town, named by its own word
_FEATURE_AFTER = re.compile(
    r"\s+(?:mountains?|range|river|valley|lake|dam|plain|desert|region)\b", re.IGNORECASE
)
BARE = 0.85  # a spelling with no kind word before it ("struck Kafranbel") must be this close


@dataclass(frozen=True, slots=True)
class Spelt:
    """A run of capitalised words a report may name a place by, where it names places."""

    start: int
    end: int
    prefix: str | None  # "village", "town", "city" or "camp" when the report says so


def latin_runs(
    text: str, covered: list[tuple[int, int, int]], common: frozenset[str]
) -> list[Spelt]:
    """Capitalised runs after a word that introduces a place ("the village of Kafr Nabl",
    "struck Kafranbel") that no exact name covers whole; ``covered``: (start, end, words)
    of the exact names found. A run an exact name covers only in part ("Kafr" of "Kafr
    Nabl") is compared whole; ordinary words at its ends ("Idlib City", "Northern") are
    no part of it."""
    out = []
    before_a_place = re.compile(_BEFORE)
    for m in re.finditer(_RUN, text):
        words = list(_SPACED.finditer(m.group()))
        while words and fold_latin(words[-1].group()) in common:
            words.pop()
        while words and fold_latin(words[0].group()) in common:
            words.pop(0)  # "In Kafr Nabl, …" at a sentence's start
        if not words:
            continue
        start, end = m.start() + words[0].start(), m.start() + words[-1].end()
        before = text[max(0, start - 40) : start]
        if not before_a_place.search(before):
            continue
        inside = [c for c in covered if c[0] < end and start < c[1]]
        if any(s <= start and end <= e for s, e, _ in inside):
            continue  # named exactly
        if any(n >= len(words) for _, _, n in inside):
            continue
        kind = _KIND_WORD.search(before)
        prefix = kind.group(1) if kind else None
        if _CAMP_AFTER.match(text, end):
            prefix = "camp"
        elif _FEATURE_AFTER.match(text, end):
            continue
        out.append(Spelt(start, end, prefix))
    return out


def spelling_similarity(name: str, others: list[str]) -> float:
    """How close (0..100) a report's spelling is to the nearest of a place's English names:
    "Kafr Rouma" is Kafruma (96) before Kafr Omeim (84), whose consonants are the same."""
    fuzz = _rapidfuzz()[0]
    form = _single(name)
    return max((fuzz.ratio(form, _single(o)) for o in others), default=0)


@lru_cache(maxsize=65536)
def _single(name: str) -> str:
    """A name's English form without its doubled letters ("Maarrat" -> "marat")."""
    return single_letters(english_form(name))


def likeliest(
    found: list[tuple[Place, FuzzyMatch]], named: set[str], prefix: str | None
) -> list[tuple[Place, FuzzyMatch]]:
    """The likeliest places of a spelling, best first: a camp only where the report says
    "camp"; a governorate the report names outranks a weak match elsewhere ("Maarzaf … in
    the Hama countryside" is not Idlib's), and a town outranks the unit named after it."""
    found = [(p, m) for p, m in found if (p.kind == "camp") == (prefix == "camp")]
    if named:
        inside = [(p, m) for p, m in found if p.governorate in named]
        found = inside or [(p, m) for p, m in found if m.score >= STRONG]
    if not found:
        return []
    top = max(m.score for _, m in found)
    found = [(p, m) for p, m in found if m.score >= top - 0.02]
    return sorted(found, key=lambda x: (-x[1].score, _KIND_RANK.get(x[0].kind, 9)))


def spelt_like(
    text: str,
    mentions: list[PlaceMention],
    places: dict[str, Place],
    common: frozenset[str],
    very_common: frozenset[str],
) -> list[PlaceMention]:
    """The exact names, and villages named in a spelling of their own ("the village of
    Kafr Nabl" for Kafr Nobol) where a report introduces a place; ``places`` by pcode,
    ``common`` and ``very_common`` the English words names are told apart from."""
    covered = [(m.start, m.end, len(m.text.split())) for m in mentions]
    named = {p.governorate for m in mentions for p in m.place_candidates[:1]
             if p.kind == "governorate"}  # fmt: skip
    for run in latin_runs(text, covered, very_common):
        name = text[run.start : run.end]
        if name[-2:] in ("'s", "’s") or name.lower() in common:
            continue  # "Ahmed's house", "Hope"
        # a town named after the governorate or district that the run begins with
        # ("Daraa al-Balad" is Daraa's old city) is no village spelt like the whole run
        unit = any(p.kind in ("governorate", "district") for m in mentions
                   if run.start <= m.start < run.end for p in m.place_candidates)  # fmt: skip
        floor = STRONG if unit else BARE if not run.prefix else 0.0
        matches = [m for m in fuzzy_matches(name) if m.score >= floor]
        found = likeliest([(places[m.pcode], m) for m in matches], named, run.prefix)
        if found:
            mentions = [m for m in mentions if m.end <= run.start or run.end <= m.start]
            best = found[0][1]
            candidates = tuple(p for p, _ in found)
            mentions.append(
                PlaceMention(candidates, run.start, run.end, name, run.prefix, best.score, best.why)
            )
    return sorted(mentions, key=lambda m: m.start)
