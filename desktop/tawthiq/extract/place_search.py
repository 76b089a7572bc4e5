"""Places whose name begins with what a documenter has typed, for the form's place field.

"كفر ج" finds كفر جالس and "Kafr J" finds Kafr Jales; a later word of a name counts too
("جالس" finds كفر جالس). Arabic is compared normalised (hamza, ta marbuta, diacritics) and
without its article; English in ASCII lower case without accents, hyphens as spaces.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from tawthiq.domain.arabic import has_arabic, normalize
from tawthiq.extract.gazetteer import KINDS, Gazetteer, Place
from tawthiq.extract.place_names import consonants, fold_latin

# what a documenter most often wants first: a town or a camp, then the units around them
_KIND_ORDER = {"community": 0, "camp": 1, "subdistrict": 2, "district": 3, "governorate": 4}
_SPACES = re.compile(r"[\s\-_'’`ʿʾ]+")
_ARTICLES = frozenset(
    [
        "al",
        "el",
        "an",
        "ar",
        "as",
        "ash",
        "at",
        "ad",
        "adh",
        "ath",
        "az",
        "ed",
        "en",
        "er",
        "es",
        "esh",
        "et",
        "ez",
        "il",
    ]
)
assert set(_KIND_ORDER) == set(KINDS)


def _skeleton_key(key: str) -> str:
    """ "maarat al numan" and "maarrat an numan" alike: consonants, articles left out."""
    return "~" + consonants("".join(w for w in key.split(" ") if w not in _ARTICLES))


def search_key(text: str) -> str:
    """What a name and a typed prefix are compared by.

    >>> search_key("  الأتارب "), search_key("Ma'arrat  al-Nu‘man")
    ('اتارب', 'maarrat al numan')
    """
    text = text.strip()
    if has_arabic(text):
        words = _SPACES.split(normalize(text))
        words = [w[2:] if w.startswith("ال") and len(w) > 3 else w for w in words if w]
    else:
        words = [w for w in _SPACES.split(fold_latin(text)) if w]
    return " ".join(words)


@cache
def _index() -> tuple[list[str], list[tuple[int, int, str]]]:
    """Sorted keys of every name and of every name from its second word on, with
    (whole name or later word, kind rank, pcode)."""
    gazetteer = Gazetteer.load()
    entries: set[tuple[str, int, int, str]] = set()
    for place in gazetteer.places():
        rank = _KIND_ORDER[place.kind]
        for name in gazetteer.names(place.pcode):
            key = search_key(name)
            if not key:
                continue
            entries.add((key, 0, rank, place.pcode))
            words = key.split(" ")
            for i in range(1, len(words)):
                entries.add((" ".join(words[i:]), 1, rank, place.pcode))
            if key.isascii():  # transliterations vary their vowels: "Atarib" = "Atareb"
                entries.add((_skeleton_key(key), 2, rank, place.pcode))
    ordered = sorted(entries)
    return [e[0] for e in ordered], [(e[1], e[2], e[3]) for e in ordered]


def suggest_places(typed: str, limit: int = 20) -> list[Place]:
    """Places whose name (or a later word of it) begins with ``typed``: whole names before
    later words, exact names first, towns and camps before the units they lie in."""
    key = search_key(typed)
    if not key:
        return []
    found: dict[str, tuple[int, bool, int, int]] = {}
    _collect(key, found)
    if key.isascii() and len(found) < limit and len(key) >= 3:
        _collect(_skeleton_key(key), found)
    best = sorted(found, key=lambda p: (found[p], p))[:limit]
    gazetteer = Gazetteer.load()
    return [gazetteer.by_pcode(p) for p in best]


def _collect(key: str, found: dict[str, tuple[int, bool, int, int]]) -> None:
    keys, info = _index()
    i = bisect.bisect_left(keys, key)
    while i < len(keys) and keys[i].startswith(key) and len(found) < 2000:
        later, rank, pcode = info[i]
        score = (later, keys[i] != key, rank, len(keys[i]))
        if pcode not in found or score < found[pcode]:
            found[pcode] = score
        i += 1
