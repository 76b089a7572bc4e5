"""English spellings of place names, checked against the gazetteer's own: a name that is a
common English word must be spelt as the place's ("Kurdish" is not Kardish) and capitalised
inside a sentence ("Dana"); consonants alone matched, the vowels must not contradict
("Baghuz" is not Bughaz); the nearest spelling first ("Kafr Rouma")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from tawthiq.extract.gazetteer_extra import common_word, spelling
from tawthiq.extract.place_fuzzy import spelling_similarity
from tawthiq.extract.place_names import NAME_WORD, Place, fold_latin, name_keys, vowel_shape

_ARABIC = re.compile("[\u0621-\u064a]")


class EnglishNames:
    """The checks, with what they learn of each place kept for the next report."""

    def __init__(self, names: Any, stop: dict[str, Any], shipped_shapes: dict[str, str]) -> None:
        """``names``: every name of a place by P-code; ``stop``: the stoplists
        (resources/gazetteer_stopwords.json); ``shipped_shapes``: the vowel shapes of the
        places' English names, by P-code, from the shipped index."""
        self._names = names
        self._shipped_shapes = shipped_shapes
        self._stop = frozenset(stop["arabic"])
        self._camp_stop = frozenset(stop["arabic_camps"]) | frozenset(stop["english_camps"])
        peoples = stop["manual_english_peoples"]  # "an Alawite village" names no place
        self.very_common = frozenset(stop["english_very_common"] + peoples)
        self.common = frozenset(stop["english_common"]) | self.very_common
        self._folded_names: dict[str, frozenset[str]] = {}
        self._shapes: dict[str, frozenset[str]] = {}
        self._ordinary_of: dict[str, bool] = {}  # by pcode: its Arabic name is a common word
        self._latin_names: dict[str, list[str]] = {}  # by pcode: its names in Latin letters
        self._by_spelling: dict[tuple[str, ...], list[Place]] = {}  # ``_nearest_first``

    def keep(
        self,
        text: str,
        spans: Sequence[tuple[int, int]],
        where: tuple[int, int, int],
        folded: list[str],
        ps: list[Place],
        kind_told: bool,
    ) -> list[Place]:
        """The places ``ps`` that the English name over words ``where`` (its first word,
        article included; the key's first; its last) may be: ``folded`` are the name's words
        folded, ``kind_told`` whether a kind word stands beside it ("the village of")."""
        first, i, last = where
        if i == last and common_word(folded[0]) is not None:
            return []  # "Sheikh", "Tal" alone: the first word of a name ("Sheikh Maqsoud")
        if not kind_told and first == i == last:  # "Khaled" is a man, unless "the village of"
            ps = [p for p in ps if not self._ordinary(p)]
        # Consonants alone matched: the vowels must not contradict ("Baghuz" is not Bughaz)
        if len(ps) > 0:
            shape = vowel_shape("".join(folded))
            ps = [p for p in ps if shape in self.vowel_shapes(p.pcode)]
        if len({p.name_en for p in ps}) > 1:  # the nearest spelling first ("Kafr Rouma")
            ps = self._nearest_first(text[spans[first][0] : spans[last][1]], ps)
        common = [f for f in folded if f in self.common]
        if not common:
            return ps
        # "Tal Rifaat" for "Tall Refaat", "Tal Abyad" for "Tell Abiad": a spelling choice
        common = [spelling(f) for f in common]
        ps = [p for p in ps if self._folded(p.pcode).issuperset(common)]
        if len(folded) > 1:  # "Western Deir", not "the western Daraa countryside"
            lower = text[spans[i][0]].islower() and folded[0] in self.common
            return [] if lower else ps
        if not ps:
            return ps
        if folded[0] in self.very_common or kind_told:
            return [] if folded[0] in self.very_common else ps
        start = spans[i][0]  # a capital inside a sentence, not at its start
        before = text[max(0, start - 12) : start].rstrip(" \t\"'“”«»()[]-")
        return ps if text[start].isupper() and before[-1:] not in ".!?:\n" else []

    def _nearest_first(self, name: str, ps: list[Place]) -> list[Place]:
        """``ps`` by how close ``name`` is spelt to their names (asked again for the same
        spelling in report after report: kept)."""
        asked = (name, *[p.pcode for p in ps])
        found = self._by_spelling.get(asked)
        if found is None:
            found = sorted(ps, key=lambda p: -spelling_similarity(name, self._latin(p.pcode)))
            if len(self._by_spelling) < 50_000:
                self._by_spelling[asked] = found
        return list(found)

    def _latin(self, pcode: str) -> list[str]:
        latin = self._latin_names.get(pcode)
        if latin is None:
            latin = self._latin_names[pcode] = [n for n in self._names[pcode]
                                                if not _ARABIC.search(n)]  # fmt: skip
        return latin

    def vowel_shapes(self, pcode: str) -> frozenset[str]:
        """The vowel shapes of the place's English names ("" for a name of consonants)."""
        shapes = self._shapes.get(pcode)
        if shapes is None:  # a place with no English name has none ("" is a shape: "Hms")
            shipped = self._shipped_shapes.get(pcode)
            shapes = frozenset(() if shipped is None else shipped.split("|"))
            self._shapes[pcode] = shapes
        return shapes

    def _ordinary(self, place: Place) -> bool:
        ordinary = self._ordinary_of.get(place.pcode)
        if ordinary is None:
            surface = name_keys(place.name_ar)[1]  # type: ignore[index]
            ordinary = surface in self._stop or (
                place.kind == "camp" and surface in self._camp_stop
            )
            self._ordinary_of[place.pcode] = ordinary
        return ordinary

    def _folded(self, pcode: str) -> frozenset[str]:
        if pcode not in self._folded_names:
            names = " ".join(n for n in self._names[pcode] if not _ARABIC.search(n))
            words = NAME_WORD.findall(fold_latin(names))
            self._folded_names[pcode] = frozenset(map(spelling, words))
        return self._folded_names[pcode]
