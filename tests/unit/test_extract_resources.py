"""The extractor's rules are data: check that the data is consistent with the vocabularies."""

from __future__ import annotations

import pytest

from tawthiq.domain.resources import read_json
from tawthiq.domain.vocab import vocabularies
from tawthiq.extract.phrases import key_of
from tawthiq.extract.tokens import tokenize

LEXICON = read_json("extract/lexicon.json")
FIELDS = [k for k in LEXICON if not k.startswith("_")]


def phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(key_of(t.norm) for t in tokenize(phrase))


@pytest.mark.parametrize("field", FIELDS)
def test_lexicon_codes_are_vocabulary_codes(field: str) -> None:
    assert set(LEXICON[field]) <= set(vocabularies()[field].codes)


@pytest.mark.parametrize("field", FIELDS)
def test_every_code_but_other_has_arabic_and_english_aliases(field: str) -> None:
    for code, aliases in LEXICON[field].items():
        if code == "other":
            continue
        assert any(tokenize(a) and tokenize(a)[0].is_arabic for a in aliases), code
        assert any(a.isascii() for a in aliases), code


@pytest.mark.parametrize("field", FIELDS)
def test_no_alias_names_two_codes_of_one_field(field: str) -> None:
    owners: dict[tuple[str, ...], set[str]] = {}
    for code, aliases in LEXICON[field].items():
        for alias in aliases:
            owners.setdefault(phrase_key(alias), set()).add(code)
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert not clashes


def test_ignored_phrases_are_not_aliases() -> None:
    ignored = {phrase_key(p) for p in LEXICON["_ignore"]}
    for field in FIELDS:
        for aliases in LEXICON[field].values():
            assert not ignored & {phrase_key(a) for a in aliases}


def test_casualty_cues_do_not_overlap() -> None:
    cues = read_json("extract/casualties.json")
    owners: dict[tuple[str, ...], set[str]] = {}
    for category in ("killed", "injured", "missing"):
        for w in cues[category]:
            owners.setdefault(phrase_key(w), set()).add(category)
    for group, words in cues["groups"].items():
        for w in words:
            owners.setdefault(phrase_key(w), set()).add(group)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_number_words_have_values_in_range() -> None:
    numbers = read_json("extract/numbers.json")
    for table in ("ar_units", "en_units"):
        assert all(1 <= v <= 19 for v in numbers[table].values())
    for table in ("ar_tens", "en_tens"):
        assert all(v % 10 == 0 and 20 <= v <= 90 for v in numbers[table].values())
    for table in ("ar_vague", "en_vague"):
        assert all(lo <= hi for lo, hi in numbers[table].values())


def test_month_names_cover_every_month_in_every_calendar() -> None:
    months = read_json("extract/dates.json")["months"]
    arabic = [m for name, m in months.items() if not name.isascii()]
    english = [m for name, m in months.items() if name.isascii()]
    assert sorted(set(arabic)) == list(range(1, 13)) == sorted(set(english))
    assert len([n for n in months if not n.isascii()]) >= 24  # Levantine and Egyptian


def test_place_words_are_consistent() -> None:
    places = read_json("extract/places.json")
    words = [w for group in places["english_name_words"] for w in group]
    assert len(words) == len(set(words)), "a spelling in two groups"
    assert all(w.isascii() and w == w.lower() for w in words)
    for name in ("origin_before", "origin_gap", "no_harm"):
        assert places[name] and all(phrase_key(p) for p in places[name]), name
    dates = read_json("extract/dates.json")
    assert set(dates["speech_clause"]).isdisjoint(dates["speech_before"])


def test_shipped_place_index_is_what_the_gazetteer_would_build() -> None:
    """resources/extract/place_index.json saves the start-up the keying and indexing of
    18,000 names costs; it must be the index of every name as name_keys keys it now (else
    run scripts/build_place_keys.py)."""
    from tawthiq.extract.gazetteer_extra import shipped_index, with_aliases
    from tawthiq.extract.gazetteer_index import build_index, places_of

    rebuilt = build_index(*places_of(with_aliases(read_json("gazetteer.json"))))
    assert shipped_index() == rebuilt


def test_the_shipped_gazetteer_finds_what_one_indexed_when_loaded_finds() -> None:
    """The index read from resources and the one built from the names give the same places,
    in the same order, for every key."""
    from tawthiq.extract.gazetteer import Gazetteer
    from tawthiq.extract.gazetteer_extra import with_aliases

    shipped = Gazetteer.load()
    built = Gazetteer(
        with_aliases(read_json("gazetteer.json")), read_json("gazetteer_stopwords.json")
    )
    assert set(shipped._index) == set(built._index)
    assert all(shipped._index[k] == built._index[k] for k in built._index)
    assert shipped._prefixes == built._prefixes
    assert shipped.places() == built.places()


def test_the_gazetteer_keys_names_it_is_given_without_an_index() -> None:
    """A gazetteer made without the shipped index (a name added, the index not rebuilt)
    keys its names when loaded."""
    from tawthiq.extract.gazetteer import Gazetteer

    data = read_json("gazetteer.json")
    row = list(data["places"][0])
    row[data["fields"].index("aliases")] = ["Qaryat Tajriba"]
    gazetteer = Gazetteer(
        {"fields": data["fields"], "places": [row]}, read_json("gazetteer_stopwords.json")
    )
    assert [m.text for m in gazetteer.find("Shelling hit Qaryat Tajriba on Sunday")] == [
        "Qaryat Tajriba"
    ]
