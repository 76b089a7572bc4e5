"""Syrian places named in a report (governorates, districts, subdistricts, communities, camps).

Names are indexed by key: normalised, the first Arabic word without its article, the words joined
(ة inside a name written ت), so "معرة مصرين" = "معرتمصرين" = "معر تمصرين"; English names by
their ASCII consonants ("Idleb" = "Idlib").  A name that is also an ordinary word
(resources/gazetteer_stopwords.json) counts only after a kind word ("قرية السوق", "Amal camp").
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from functools import partial
from itertools import compress, count
from operator import methodcaller
from typing import Any, ClassVar, NamedTuple, cast

from tawthiq.domain.resources import read_json
from tawthiq.extract.gazetteer_english import EnglishNames
from tawthiq.extract.gazetteer_extra import shipped_index, with_aliases
from tawthiq.extract.gazetteer_index import KINDS, Buckets, build_index, places_of
from tawthiq.extract.place_fuzzy import spelt_like
from tawthiq.extract.place_names import (
    EN_ARTICLES,
    EN_ARTICLES_HYPHEN,
    GLUED_ARTICLE,
    NAME_WORD,
    Place,
    PlaceMention,
    en_piece,
    english_key,
    fold_latin,
    mid,
    skeleton,
    strip_article,
)
from tawthiq.extract.tokens import word_norm

# Place and PlaceMention live with the names (place_names) and are imported from here too
__all__ = ["KINDS", "Gazetteer", "Place", "PlaceMention"]

_JOIN = re.compile(r"[ \t\u00a0\u200c-\u200f-]{1,3}")  # what may separate words of one name
_GAP = re.compile(r"[\s\"'“”«»‘’()-]{1,4}")  # what may separate a kind word and the name
_ARABIC = re.compile("[\u0621-\u064a]")
_CAPITAL = re.compile("[A-Z]")
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]*")
_CLITICS = sorted({c + p for c in ("", "و", "ف") for p in ("", "ب", "ل", "ك")} - {""}, key=len)
# (proclitic, article it hides): conjunction then preposition; "لل" is ل + the article
_CLITIC_FORMS = [(c, "") for c in reversed(_CLITICS)] + [(c, "ال") for c in ("ولل", "فلل", "لل")]
# the forms a word may begin with, by its first letter (most words begin with none of them)
_CLITICS_BY_LETTER = {
    letter: [(c, a) for c, a in _CLITIC_FORMS if c[0] == letter] for letter in "وفبلك"
}
_GROUP, _SPAN = re.Match.group, re.Match.span
_POSSESSIVE, _IS_NONE = methodcaller("endswith", ("'s", "’s")), partial(operator.is_, None)
_LONE_CLITICS = frozenset({"و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "بال", "وال"})
_Kind = tuple[str, tuple[str, ...]]  # a place-kind word: (prefix reported, kinds it means)
# "in Syria's Idlib": the governorate, not its city
_SYRIAS = re.compile(r"Syria['’]s\s{1,2}")
_SYRIAS_KIND: _Kind = ("province", ("governorate",))
_REGION_KIND: _Kind = ("region", ("governorate", "district"))  # "the Idlib region": no city
_Where = tuple[int, int, int, int]  # a name's first word (article included), key's first, last
_AR_KIND_WORDS: dict[str, _Kind] = {
    **dict.fromkeys(("مخيم", "مخيمات", "مخيمي"), ("مخيم", ("camp",))),
    **dict.fromkeys(("بلده", "بلدات", "بلدتي"), ("بلدة", ("community",))),
    **dict.fromkeys(("قريه", "قري", "قريتي"), ("قرية", ("community",))),
    **dict.fromkeys(("مدينه", "مدينتي"), ("مدينة", ("community",))),
    "حي": ("حي", ("community",)),
    "ناحيه": ("ناحية", ("subdistrict",)),
    "منطقه": ("منطقة", ("district", "community")),
    "محافظه": ("محافظة", ("governorate",)),
    "ريف": ("ريف", ("governorate", "district", "community")),
}
_IN_CITY = frozenset({"بمدينه", "لمدينه"})
# a direction without its article is where, not a name ("الغرب" is a village of Hasakah)
_DIRECTIONS = frozenset({"غرب", "شرق", "شمال", "جنوب", "غربي", "شرقي", "شمالي", "جنوبي", "وسط"})
_MANY = frozenset({"بلدات", "قري", "مدن", "مناطق", "منطقه", "بلدتي", "قريتي", "ريف"})  # a region
_REGION_CLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل")


def _a_region(word: str) -> bool:
    """ "بلدات", "لمنطقة", "وقرى": a word of a region or of many places, with its clitics."""
    return any(word.startswith(c) and word[len(c) :] in _MANY for c in _REGION_CLITICS)


_EN_KIND_WORDS: dict[str, _Kind] = {
    "camp": ("camp", ("camp",)),
    "camps": ("camp", ("camp",)),
    **{w: (w, ("community",)) for w in ("town", "village", "city", "neighbourhood")},
    "neighborhood": ("neighbourhood", ("community",)),
    **{w: (w, ("district", "community")) for w in ("district", "area")},
    "region": _REGION_KIND,
    **{w: (w, ("governorate",)) for w in ("province", "governorate")},
    "subdistrict": ("subdistrict", ("subdistrict",)),
    "countryside": ("countryside", ("governorate", "district", "community")),
}


class _Word(NamedTuple):
    """A word as the finder sees it (a tuple: one is made for every new word of a report)."""

    script: str  # "ar", "en", "digits" or "other"
    starts: tuple[tuple[str, str, str], ...]  # as a name's first word: (key, surface, clitic)
    mid: str  # inside a name (Arabic final ه written ت) / the folded English word
    end: str  # ending a name
    kind: _Kind | None = None  # as a place-kind word
    clitic: bool = False  # a proclitic written alone, as in "بـ”كفر جالس”"
    dormant: bool = False  # a one-word name that is an ordinary word, and nothing more
    hyphenable: bool = False  # an article only before a hyphen ("as-Suwayda")


@dataclass(frozen=True, slots=True)
class _Text:
    text: str
    spans: list[tuple[int, int]]
    words: list[_Word]

    def joined(self, i: int) -> bool:  # only spaces or a hyphen between words i and i + 1
        return _JOIN.fullmatch(self.text, self.spans[i][1], self.spans[i + 1][0]) is not None


class Gazetteer:
    """The shipped gazetteer; ``Gazetteer.load()`` reads and indexes it once per process."""

    _loaded: ClassVar[Gazetteer | None] = None

    def __init__(
        self,
        data: dict[str, Any],
        stop: dict[str, Any],
        index: dict[str, Any] | None = None,
    ) -> None:
        """``index``: the lookup index built beforehand (``shipped_index``); without it the
        names are keyed here (``build_index``)."""
        self._places, self._names = places_of(data)
        if index is None:
            index = build_index(self._places, self._names)
        self._index = Buckets(index["index"], self._places)
        self._prefixes = frozenset(index["prefixes"])
        self._governorates = {p.name_en: p for p in self._places.of_kind(KINDS[0])}
        self._stop = frozenset(stop["arabic"])
        self._camp_stop = frozenset(stop["arabic_camps"]) | frozenset(stop["english_camps"])
        self._english = EnglishNames(self._names, stop, index["vowel_shapes"])
        self._no_clitic = frozenset(stop["arabic_no_clitic"])
        self._words: dict[str, _Word] = {}
        self._plain: dict[str, _Word] = {}  # the words read alike with a hyphen after or not

    @classmethod
    def load(cls) -> Gazetteer:
        if cls._loaded is None:
            data = read_json("gazetteer.json")
            stop = read_json("gazetteer_stopwords.json")
            cls._loaded = cls(with_aliases(data), stop, index=shipped_index())
        return cls._loaded

    def by_pcode(self, pcode: str) -> Place:
        return self._places[pcode]

    def governorate(self, name_en: str) -> Place:
        """A governorate by its English name as in resources/governorates.json."""
        return self._governorates[name_en]

    def places(self) -> tuple[Place, ...]:
        return self._places.every()

    def vowel_shapes(self, pcode: str) -> frozenset[str]:
        """The vowel shapes of a place's English names (what tells "Baghuz" from Bughaz)."""
        return self._english.vowel_shapes(pcode)

    def names(self, pcode: str) -> tuple[str, ...]:
        """Every name of a place: Arabic, English, then its aliases."""
        return self._names[pcode]

    def find(self, text: str) -> list[PlaceMention]:
        """Every place named in ``text``, in order, longest name first, never overlapping."""
        # the words, their spans, and each known word's reading, gathered by iterators
        matches = list(NAME_WORD.finditer(text))
        raws, spans = list(map(_GROUP, matches)), list(map(_SPAN, matches))
        for k in compress(count(), map(_POSSESSIVE, raws)):
            if len(raws[k]) > 3:  # "Idlib's" -> "Idlib"
                raws[k], spans[k] = raws[k][:-2], (spans[k][0], spans[k][1] - 2)
        words: list[_Word | None] = list(map(self._plain.get, raws))
        for k in compress(count(), map(_IS_NONE, words)):  # new, or read by its hyphen
            end = spans[k][1]
            word = words[k] = self._word(raws[k], text[end : end + 1] == "-")
            if not word.hyphenable and len(self._plain) < 100_000:
                self._plain[raws[k]] = word
        return self._named(text, spans, cast("list[_Word]", words))

    def _named(
        self, text: str, spans: list[tuple[int, int]], words: list[_Word]
    ) -> list[PlaceMention]:
        """The places named by the words at ``spans``, read as ``words``."""
        doc, mentions = _Text(text, spans, words), []
        i, n = 0, len(words)
        while i < n:
            word = words[i]
            if word.dormant and (i == 0 or words[i - 1].kind is None):
                pass  # an ordinary word ("السوق") with no kind word before it
            elif word.starts or (word.script == "en" and not word.mid and i + 1 < n):
                found = self._match_at(doc, i)
                if found is not None:
                    mentions.append(found[0])
                    i = found[1]
            i += 1
        if not _CAPITAL.search(text):
            return mentions
        english = self._english
        return spelt_like(text, mentions, self._places, english.common, english.very_common)

    def _word(self, raw: str, hyphen: bool) -> _Word:
        cache_key = raw + "\0-" if hyphen else raw
        # normalised once per word for the whole extractor (the tokenizer's cache)
        word = self._words.get(cache_key) or self._new_word(
            word_norm(GLUED_ARTICLE.sub("", raw, count=1)), hyphen
        )
        if len(self._words) < 100_000:
            self._words[cache_key] = word
        return word

    def _new_word(self, norm: str, hyphen: bool) -> _Word:
        index, prefixes = self._index, self._prefixes
        if norm.isdigit():
            return _Word("digits", (), norm, norm)
        if not _ARABIC.match(norm):
            folded = fold_latin(norm)
            piece = en_piece(folded, hyphen)
            starts = ((piece, piece, ""),) if piece and (english_key(piece) in index
                      or piece in prefixes or skeleton(piece) in prefixes) else ()  # fmt: skip
            hyphenable = folded in EN_ARTICLES_HYPHEN and folded not in EN_ARTICLES
            script, kind = "en" if folded else "other", _EN_KIND_WORDS.get(piece)
            return _Word(script, starts, piece, piece, kind, False, False, hyphenable)
        variants = [(strip_article(norm), norm, "")]
        forms = _CLITICS_BY_LETTER.get(norm[:1], ()) if norm not in self._no_clitic else ()
        for clitic, article in forms:
            rest = norm[len(clitic) :]
            if norm.startswith(clitic) and len(rest) >= 3:  # "للأتارب": key أتارب, الأتارب
                variants.append((strip_article(rest), article + rest, clitic))
        kind = None
        for _, surface, _ in variants:
            if surface in _AR_KIND_WORDS:
                kind = _AR_KIND_WORDS[surface]
                break
        useful = tuple(v for v in variants if v[0] in index or mid(v[0]) in prefixes)
        if not useful:  # not a name, nor the start of one: the most common case
            return _Word("ar", (), mid(norm), norm, kind, norm in _LONE_CLITICS, True)
        dormant = all(  # one-word names that are ordinary words
            mid(key) not in prefixes
            and (surface in self._stop or (surface in self._camp_stop
                 and all(p.kind == "camp" for p in index[key])))
            for key, surface, _ in useful
        )  # fmt: skip
        return _Word("ar", useful, mid(norm), norm, kind, norm in _LONE_CLITICS, dormant)

    def _match_at(self, doc: _Text, i: int) -> tuple[PlaceMention, int] | None:
        words, first = doc.words, i
        if not words[i].starts:  # "al-Atarib": the article is in the span, not in the key
            i += 1
            if not (words[i].starts and words[i].script == "en" and doc.joined(first)):
                return None
        script = words[i].script
        index, prefixes, n = self._index, self._prefixes, len(words)
        text, spans = doc.text, doc.spans
        matches: list[tuple[int, int, str, str]] = []  # (-last word, variant, key, surface)
        for variant, (key, surface, _) in enumerate(words[i].starts):
            if script == "ar":
                if key in index:
                    matches.append((-i, variant, key, surface))
                key, surface = mid(key), mid(surface)
            else:
                full = english_key(key)
                if full in index:
                    matches.append((-i, variant, full, surface))
            j = i
            while j + 1 < n and words[j + 1].script in (script, "digits"):
                if not (key in prefixes or (script == "en" and skeleton(key) in prefixes)):
                    break
                gap, end = spans[j][1], spans[j + 1][0]  # one space, or as ``_Text.joined``
                if not ((end - gap == 1 and text[gap] == " ") or _JOIN.fullmatch(text, gap, end)):
                    break
                j += 1
                word = words[j]
                if script == "ar":
                    full, full_surface = key + word.end, surface + word.end
                    key, surface = key + word.mid, surface + word.mid
                else:
                    key = surface = full_surface = key + word.mid
                    full = english_key(key)
                if full in index and word.mid:  # not ending on an article: "Bashar al"
                    matches.append((-j, variant, full, full_surface))
        if len(matches) > 1:
            matches.sort()
        for neg_last, variant, key, surface in matches:
            mention = self._accept(doc, (first, i, -neg_last, variant), key, surface)
            if mention is not None:
                return mention, -neg_last
        return None

    def _context(self, doc: _Text, first: int, last: int) -> _Kind | None:
        """The kind word before the name ("the town of X" in English) or after it ("X camp")."""
        words, spans, before = doc.words, doc.spans, first - 1
        if before >= 0 and _SYRIAS.fullmatch(doc.text, spans[before][0], spans[first][0]):
            city = last + 1 < len(words) and words[last + 1].mid == "city"
            if not city:  # "Syria's Aleppo city" is the city
                return _SYRIAS_KIND
        if before >= 0 and _GAP.fullmatch(doc.text, spans[before][1], spans[first][0]):
            word = words[before]
            of = word.script == "en" and word.mid == "of" and before > 0
            word = words[before - 1] if of else word  # "the town of X", not "the region has"
            if word.kind is not None and not word.clitic and (of or word.script != "en"):
                return word.kind
        after = last + 1
        if after < len(words) and words[after].script == words[last].script == "en":
            return words[after].kind if doc.joined(last) else None
        return None

    def _accept(self, doc: _Text, where: _Where, key: str, surface: str) -> PlaceMention | None:
        """The mention over words first..last, unless no candidate passes the stoplists."""
        first, i, last, variant = where
        if first == last and doc.text[doc.spans[i][0] : doc.spans[i][1]] in _DIRECTIONS:
            return None  # "مخيم غرب الحسكة": a camp west of Hasakah, not one named "الغرب"
        # after a preposition ("بكفر جالس") the word before is not the name's kind word
        clitic = doc.words[i].starts[variant][2]
        context = None if clitic.lstrip("وف") else self._context(doc, first, last)
        if clitic[:1] in ("و", "ف") and first == i:
            context = None  # "مخيم وقرى": a camp and villages, not a camp named "قرى"
        candidates = self._index[key]
        if doc.words[i].script == "en":
            mids = [w.mid for w in doc.words[i : last + 1] if w.mid]
            candidates = self._english.keep(
                doc.text, doc.spans, (first, i, last), mids, candidates, context is not None
            )
        if context is None:
            common = surface in self._stop
            camp_common = common or surface in self._camp_stop
            candidates = [p for p in candidates if not (camp_common, common)[p.kind != "camp"]]
            if any(p.kind != "camp" for p in candidates):  # a camp named after a town
                candidates = [p for p in candidates if p.kind != "camp"]
        else:
            kinds = context[1]
            if (context is _SYRIAS_KIND or context is _REGION_KIND) and not any(
                p.kind == "governorate" for p in candidates
            ):  # "Syria's Douma", "the Afrin region": a town's or a district's name
                kinds = ("district", "community") if context is _REGION_KIND else ("community",)
            city = doc.words[last + 1].end if last + 1 < len(doc.words) else ""
            if context[0] == "حي" and city in _IN_CITY:  # "حي الإسكان بمدينة جبلة"
                return None  # the city's, not a namesake village
            if kinds == ("camp",) and any(p.kind == "camp" for p in candidates):
                candidates = [p for p in candidates if p.kind == "camp"]
            elif _a_region(doc.words[first - 1].end) and (
                surface in self._stop or surface in self._camp_stop
            ):  # "بلدات جبل الزاوية": a camp named by an ordinary word names no region
                candidates = [p for p in candidates if p.kind != "camp"]
            candidates = sorted(candidates, key=lambda p: p.kind not in kinds)
        if not candidates:
            return None
        start, end = doc.spans[first][0], doc.spans[last][1]
        for _ in clitic:  # the span starts after a proclitic: "بكفر جالس" -> "كفر جالس"
            start = _MARKS.match(doc.text, start + 1).end()  # type: ignore[union-attr]
        kind = context[0] if context else None
        return PlaceMention(tuple(candidates), start, end, doc.text[start:end], kind)
