"""English spellings of places as reports write them: the article joined to the name
("Maarat AlNuman"), a name's common first word that tells nothing alone ("Sheikh Maqsoud" is
not Sheikh Hamad of Hasakah), and spellings the gazetteer lacks, kept as aliases
(resources/extract/places.json)."""

from __future__ import annotations

import pytest
from tests.unit.extract.examples import Example, cases

from tawthiq.extract.place_fuzzy import fuzzy_matches

SPELLINGS = {
    "the-article-joined-to-the-name": Example(
        "Three paramedics were killed when their ambulance, on its way to Maarat AlNuman "
        "main hospital, was hit by a strike.",
        {"place.pcode": "C3985", "place.governorate": "Idlib"},
    ),
    "the-article-joined-to-a-one-word-name": Example(
        "Four civilians including a child were killed in the village of AlBara on Saturday.",
        {"place.pcode": "C4304", "place.governorate": "Idlib"},
    ),
    "shuhail-is-deir-ez-zor": Example(
        "Two civilians were killed when a drone struck a car near Shuhail on Monday.",
        {"place.pcode": "C5119", "place.governorate": "Deir ez-Zor"},
    ),
    "moadamiyeh-is-rural-damascus-not-hama": Example(
        "Two civilians were killed in shelling on Moadamiyeh on Monday.",
        {"place.pcode": "C2499", "place.governorate": "Rif Dimashq"},
    ),
    "maarat-hurmah-as-news-spell-it": Example(
        "Three paramedics were killed in airstrikes on Maarat Hurmah in southern Idlib.",
        {"place.pcode": "C4071"},
    ),
    "maarat-hurmah-in-arabic-words-apart": Example(
        "استشهد ثلاثة مسعفين بغارات جوية على بلدة معرة حرمة بريف إدلب الجنوبي.",
        {"place.pcode": "C4071"},
    ),
    "a-neighbourhood-the-gazetteer-lacks-is-no-town-of-hasakah": Example(
        "A child was killed when shells hit the town of Sheikh Maqsoud on Monday.",
        {"place.governorate": None},
    ),
    "sheikh-alone-names-no-place": Example(
        "A child was killed when shells hit the Sheikh Maqsoud neighbourhood on Monday.",
        {"place.pcode": None},
    ),
    "a-shared-first-word-still-matches-its-place": Example(
        "Two civilians were killed when shells hit the village of Beit Jann on Monday.",
        {"place.governorate": "Rif Dimashq"},
    ),
}

# "the Idlib region", "Syria's Idlib": the governorate, so the village told with the toll is
# the place, not the city of Idlib
REGIONS = {
    "the-x-region-is-the-governorate": Example(
        "The attacks hit five villages in the Idlib region on Saturday. Russian jets killed "
        "nine people in an attack that hit a market in the village of Balyoun.",
        {"place.pcode": "C4302", "killed": 9},
    ),
    "the-region-of-x-is-the-governorate": Example(
        "Air strikes killed 12 civilians in the region of Idlib on Saturday. Strikes killed "
        "four civilians including a child in the village of Al-Bara.",
        {"place.pcode": "C4304"},
    ),
    "syrias-x-is-the-governorate": Example(
        "Air strikes killed 20 people in Syria's Idlib on Saturday. Russian jets killed nine "
        "people in the village of Balyoun.",
        {"place.pcode": "C4302"},
    ),
    "syrias-x-alone-still-gives-its-name": Example(
        "Air strikes killed 12 civilians in Syria's Idlib on Saturday.",
        {"place.name": "Idlib", "place.governorate": "Idlib"},
    ),
    "a-toll-of-the-region-since-months-is-not-the-attacks": Example(
        "Russian air strikes killed 16 civilians in the town of Saraqeb on Saturday. More "
        "than 1,000 civilians have been killed in the Idlib region since April.",
        {"killed": 16, "place.name": "Saraqeb"},
    ),
}

# a direction without its article after a kind word is where the place lies, not its name
DIRECTIONS = {
    "a-camp-west-of-hasakah-is-no-camp-named-west": Example(
        "انفجار دراجة مفخخة في مخيم غرب الحسكة\n\n"
        "أصيب 4 نازحين بجروح جراء انفجار داخل مخيم التوينة غرب الحسكة.",
        {"place.pcode": "C4351", "place.kind": "camp"},
    ),
    "the-village-of-al-gharb-keeps-its-name": Example(
        "قتل مدنيان بقصف مدفعي على قرية الغرب في ريف الحسكة.", {"place.pcode": "C4496"}
    ),
}


@pytest.mark.parametrize("example", cases(DIRECTIONS))
def test_directions(example: Example) -> None:
    assert example.found() == example.expect


@pytest.mark.parametrize("example", cases(REGIONS))
def test_regions(example: Example) -> None:
    assert example.found() == example.expect


@pytest.mark.parametrize("example", cases(SPELLINGS))
def test_place_spellings(example: Example) -> None:
    assert example.found() == example.expect


def test_a_shared_first_word_does_not_make_a_match() -> None:
    """The rest of the name must be alike: "Maqsoud" is nothing like "Hamad"."""
    assert all(m.pcode != "C7903" for m in fuzzy_matches("Sheikh Maqsoud"))
    assert any(m.pcode == "C1518" for m in fuzzy_matches("Kafr Jannah"))
