"""How place names are keyed for matching: Arabic normalised with the first word's article
left out and the words joined ("معرة مصرين" = "معرتمصرين"), English folded to ASCII and to
its consonants ("Idleb" = "Idlib", "Jisr ash-Shughur" = "Jisr al-Shughour")."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby

from tawthiq.domain.arabic import normalize

# letters, digits, Arabic marks and tatweel; Latin inner apostrophes (the lookahead first: the
# scan skips to where a word may start)
NAME_WORD = re.compile(
    r"(?=[^\W_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed])"
    r"(?:[^\W_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed])+"
    r"(?:['’‘`ʿʾ][^\W\d_]+)*"
)
_ARABIC = re.compile("[\u0621-\u064a]")
_APOSTROPHES = str.maketrans("", "", "'’‘`ʿʾ")
_NO_VOWELS = str.maketrans("", "", "aeiouy")
_DOUBLES = re.compile(r"(.)\1+")
# an English article written joined to the name ("Maarat AlNuman", "AlBara")
GLUED_ARTICLE = re.compile(r"(?<![^\W\d_])[AE]l(?=[A-Z][a-z])")
_VOWEL_CLASSES = str.maketrans("eiyo", "aaau")

EN_ARTICLES = frozenset({"al", "el", "ash", "az", "ad", "adh", "ath", "ed", "ez", "esh"})
EN_ARTICLES_HYPHEN = EN_ARTICLES | {"an", "ar", "as", "at", "en", "er", "es", "et", "il"}  # "as-"


def single_letters(word: str) -> str:
    """Each run of one letter written once ("maarrat" -> "marat"); the substitution's template
    is costly, so it is run only on a word with a letter written twice."""
    if not _DOUBLES.search(word):
        return word
    if "\n" in word:  # no run of line breaks is a letter's ("." does not match one)
        return _DOUBLES.sub(r"\1", word)
    return "".join(letter for letter, _ in groupby(word))


def mid(piece: str) -> str:  # a word inside a name: final ه (from ة) written ت
    return piece[:-1] + "ت" if piece.endswith("ه") else piece


def strip_article(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) >= 4 else word


@lru_cache(maxsize=65536)  # pure functions of a word, asked again for each name it is in
def fold_latin(word: str) -> str:
    """ASCII lower case without accents or apostrophes: "Ma‘arrat" -> "maarrat"."""
    if word.isascii():
        return word.lower().translate(_APOSTROPHES)
    decomposed = unicodedata.normalize("NFKD", word.casefold().translate(_APOSTROPHES))
    return "".join(ch for ch in decomposed if ch.isascii())


@lru_cache(maxsize=65536)
def skeleton(compact: str) -> str:
    # q/k, th/t/d, dh/d: one Arabic letter, several ways to write it in English
    word = compact.replace("q", "k").replace("th", "t").replace("dh", "d").replace("d", "t")
    word = single_letters(word)
    head = "a" if word[:1] in "aeiou" else word[:1]
    return single_letters(head + word[1:].translate(_NO_VOWELS))


def consonants(folded: str) -> str:
    """The consonant skeleton an English spelling is matched by ("atareb" = "atarib")."""
    return skeleton(folded.replace(" ", ""))


@lru_cache(maxsize=65536)
def vowel_shape(compact: str) -> str:
    """The vowels of an English spelling, as transliterations vary them: a/e/i/y alike,
    o/u alike ("Maaret" = "Maarat", "Idleb" = "Idlib", "Douma" = "Duma"; "Baghuz" ≠ "Bughaz").

    >>> vowel_shape("baghuz"), vowel_shape("bughaz"), vowel_shape("maaret")
    ('au', 'ua', 'a')
    """
    classes = compact.translate(_VOWEL_CLASSES)
    return single_letters("".join(c for c in classes if c in "au"))


@lru_cache(maxsize=65536)
def english_key(compact: str) -> str:
    """Consonants of joined English words ("kafrnouran" -> "kfrnrn"), if there are 4 or more."""
    bare = skeleton(compact)
    return bare if len(bare) >= 4 else compact


def en_piece(folded: str, hyphen: bool) -> str:  # articles ("al-", "ash-") are left out
    return "" if folded in EN_ARTICLES or (hyphen and folded in EN_ARTICLES_HYPHEN) else folded


def name_keys(name: str) -> tuple[str, str, list[str]] | None:
    """(index key, surface form, keys of its first words) of a place name, or None.

    >>> name_keys("معرة مصرين")[0] == name_keys("معرتمصرين")[0] == name_keys("معر تمصرين")[0]
    True
    >>> name_keys("Jisr ash-Shughur")[0] == name_keys("Jisr al-Shughour")[0]
    True
    """
    norm = normalize(GLUED_ARTICLE.sub(r"\g<0>-", name))
    if _ARABIC.search(norm):
        pieces = [w for w in NAME_WORD.findall(norm) if not w.isascii() or w.isdigit()]
        if not pieces:
            return None
        mids = [mid(strip_article(pieces[0])), *map(mid, pieces[1:])]
        heads = ["".join(mids[:n]) for n in range(1, len(pieces))]
        last = pieces[-1] if len(pieces) > 1 else strip_article(pieces[0])
        surface = "".join(map(mid, pieces[:-1])) + pieces[-1]
        return (heads[-1] if heads else "") + last, surface, heads
    folded = fold_latin(norm)
    pieces = [en_piece(m.group(), folded[m.end() : m.end() + 1] == "-")
              for m in NAME_WORD.finditer(folded)]  # fmt: skip
    compact = "".join(pieces)
    if not compact or compact.isdigit():
        return None
    heads = ["".join(pieces[:n]) for n in range(1, len(pieces)) if pieces[n - 1]]
    return english_key(compact), compact, heads + [skeleton(h) for h in heads]


@dataclass(frozen=True, slots=True)
class Place:
    """A place; governorate..subdistrict: English names of its units, its own level included."""

    pcode: str
    kind: str
    name_en: str
    name_ar: str
    governorate: str
    district: str | None
    subdistrict: str | None
    lat: float
    lon: float


@dataclass(frozen=True)
class PlaceMention:
    """A span of the text that names a place; offsets index the text exactly as given."""

    place_candidates: tuple[Place, ...]
    start: int
    end: int
    text: str
    prefix: str | None  # place-kind word before it ("مخيم", "قرية", "camp", ...) if any
    score: float = 1.0  # below 1: a spelling close to a name of the place, not one of them
    why: str | None = None  # how close, for the documenter ("'Kafr Nabl' ~ 'kafrnobol' ...")
