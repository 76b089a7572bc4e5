"""Places: a camp named by an ordinary word after another kind word, a town named only to
say where the place is, and a village at a town's entrance. Each example written for the
project, failing before its rule."""

from __future__ import annotations

import pytest
from tests.unit.extract.examples import Example, cases

PLACES = {
    # "بلدات جبل الزاوية": towns of a mountain, not the camp named "الجبل"
    "the-towns-of-a-mountain-are-no-camp": Example(
        "قُتل مدني بقصف مدفعي لقوات النظام على بلدات جبل الزاوية جنوب إدلب.",
        {"place.kind": "area", "place.governorate": "Idlib"},
    ),
    "a-camp-named-with-its-word-stays": Example(
        "قُتل مدني بقصف مدفعي على مخيم الجبل قرب أرمناز.",
        {"place.kind": "camp", "place.governorate": "Idlib"},
    ),
    # a town named only to locate the village ("قرب مدينة", "التابعة لـ مدينة") is not it
    "a-village-near-a-town-then-named": Example(
        "ضحايا أطفال بانفجار قرب مدينة سلقين\n\n"
        "قضى ثلاثة أطفال، اليوم الخميس، بانفجار جسم من مخلفات الحرب في قرية قرب مدينة سلقين "
        "شمال غربي إدلب.\n\n"
        'وقالت مصادر محلية إن الجسم انفجر قرب منزلهم في قرية "العلاني" التابعة لـ مدينة سلقين.',
        {"killed": 3, "place.name_en": "Allani"},
    ),
    "a-town-named-for-itself-stays": Example(  # strict xfail below
        "قتل ثلاثة مدنيين بقصف على مدينة سلقين.\n\n"
        "وأصيب آخرون في قرية العلاني التابعة لمدينة سلقين.",
        {"place.name_en": "Salqin"},
    ),
    # "رساس بمدخل مدينة السويداء": the village at the city's entrance
    "a-village-at-the-citys-entrance": Example(
        "أصيب شخص جراء انفجار في مدينة السويداء اليوم. وقالت مصادر محلية إن سيارة انفجرت في "
        "بلدة رساس بمدخل مدينة السويداء الجنوبي وأصيب سائقها.",
        {"injured": 1, "place.name": "رساس"},
    ),
    # peoples and faiths name no place ("an Alawite village"; it was a camp "Alwadi")
    "an-alawite-village-of-a-named-one": Example(
        "Gunmen killed five civilians in the Alawite village of Arzah in Hama on Friday.",
        {"place.name": "Arzah", "place.governorate": "Hama"},
    ),
    "an-alawite-village-unnamed": Example(
        "Gunmen killed five civilians in an Alawite village in the Hama countryside.",
        {"place.kind": "area", "place.governorate": "Hama"},
    ),
    # "حي X بمدينة Y": the name stops before the city, and is the city's neighbourhood
    "a-neighbourhood-then-its-city": Example(
        "قُتل مدنيان بقصف صاروخي على حي الإسكان بمدينة جبلة.",
        {"place.name": "الإسكان", "place.governorate": "Latakia", "place.kind": "area"},
    ),
}


_OPEN = {
    "a-town-named-for-itself-stays": "a town that locates a village anywhere in the report "
    "weighs a fifth wherever it is named (places.choose_place, locators), even where the toll "
    "is told in it",
}


@pytest.mark.parametrize("example", cases(PLACES, still_open=_OPEN))
def test_places_stop29(example: Example) -> None:
    """Where the incident was: the place itself, not the town that locates it."""
    assert example.found() == example.expect
