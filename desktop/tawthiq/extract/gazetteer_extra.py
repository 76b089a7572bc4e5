"""What the extractor adds to the public gazetteer (resources/extract/places.json): names
of places the sources lack, as reports write them ("al-Hol"), and the spellings of the
common words place names begin with ("Tal", "Tell", "Tall")."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from tawthiq.domain.resources import read_json

_DOUBLES = re.compile(r"(.)\1+")


@cache
def _name_words() -> dict[str, str]:
    groups = read_json("extract/places.json")["english_name_words"]
    return {_DOUBLES.sub(r"\1", w): group[0] for group in groups for w in group}


def common_word(word: str) -> str | None:
    """The shared spelling of a common word that names begin with ("tell" -> "tal"), or
    None for any other word."""
    return _name_words().get(_DOUBLES.sub(r"\1", word))


@lru_cache(maxsize=65536)  # a pure function of a word, asked for every word of every name
def spelling(word: str) -> str:
    """A common word of a name as its transliterations share it; any other word without
    its doubled letters.

    >>> spelling("tell") == spelling("tal") == spelling("tall"), spelling("kurdish")
    (True, 'kurdish')
    """
    word = _DOUBLES.sub(r"\1", word)
    return _name_words().get(word, word)


def with_aliases(data: dict[str, Any]) -> dict[str, Any]:
    """The gazetteer's rows (as resources/gazetteer.json holds them) with the aliases added;
    a copy, so the shipped rows others read stay as they are."""
    extra, at = read_json("extract/places.json")["aliases"], data["fields"].index("aliases")
    places = [
        [*row[:at], row[at] + extra[row[0]], *row[at + 1 :]] if row[0] in extra else row
        for row in data["places"]
    ]
    return {**data, "places": places}


def shipped_index() -> dict[str, Any]:
    """The gazetteer's lookup index as scripts/build_place_keys.py built it
    (tawthiq.extract.gazetteer_index)."""
    index: dict[str, Any] = read_json("extract/place_index.json")
    return index
