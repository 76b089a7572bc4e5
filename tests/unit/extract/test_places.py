"""Where the incident happened: the place found in the gazetteer and its governorate."""

from __future__ import annotations

import pytest
from tests.unit.extract.examples import SUNDAY, Example, cases

from tawthiq.extract import extract

# Bugs caught: regressions found by blind tests, reviews and real published reports
# scored once, each written anew for the project.
PLACES_CAUGHT = {
    "tal-is-tell": Example(
        "A car bomb exploded in the town of Tal Abyad, killing four", {"place.governorate": "Raqqa"}
    ),
    "dateline-and-landmark-count-once": Example(
        "DAMASCUS — A shell hit a house in Jaramana, east of Damascus, killing two",
        {"place.governorate": "Rif Dimashq"},
    ),
    "victims-home-town": Example(
        "قُتل شاب من أهالي بلدة كفرنبل بقصف مدفعي على مدينة أريحا", {"place.name_en": "Ariha"}
    ),
    "attack-that-hurt-no-one": Example(
        "Government forces shelled Sarmin on Saturday without causing casualties, then struck "
        "Ariha on Sunday, killing three civilians.",
        {"place.name_en": "Ariha"},
    ),
    "town-a-district-is-named-after": Example(
        "Shelling on Jisr al-Shughur killed two civilians", {"place.kind": "town"}
    ),
    "kind-word-rather-than-dateline": Example(
        "دوما – خاص\nقتل مدنيان بقصف على مدينة دوما اليوم", {"place.kind": "city"}
    ),
    "camp-named-in-english": Example(
        "A woman was shot dead inside al-Hol camp on Friday", {"place.kind": "camp"}
    ),
    "where-the-wounded-were-taken-is-not-the-place": Example(
        "ISIS gunmen killed five truffle hunters near al-Sukhnah in the Homs desert; the "
        "wounded were taken to hospitals in Palmyra and Homs city.",
        {"place.name_en": "Sokhneh"},
    ),
    "kurdish-town-name": Example(
        "استهدفت مسيرة تركية سيارة قرب بلدة تربه سبي، ما أدى إلى مقتل ثلاثة",
        {"place.name_en": "Qahtaniyyeh"},
    ),
    "kurdish-town-name-in-english": Example(
        "A Turkish drone strike on a car near Qamishlo killed two civilians",
        {"place.name_en": "Quamishli"},
    ),
    "south-of-the-capital-is-rural-damascus": Example(
        "قتل أربعة أشخاص في قصف استهدف مبنى سكنياً في محيط منطقة السيدة زينب جنوبي العاصمة "
        "السورية دمشق",
        {"place.governorate": "Rif Dimashq"},
    ),
    "suburbs-of-damascus-are-rural-damascus": Example(
        "A bomb exploded near the Sayyida Zeinab shrine in the southern suburbs of Damascus, "
        "killing six.",
        {"place.governorate": "Rif Dimashq"},
    ),
    "near-the-capital": Example(
        "قتل 18 مدنيا بقصف مدفعي على مناطق في الغوطة الشرقية قرب دمشق. واستهدف القصف"
        " بلدات عدة بعد تصعيد جديد ضد معقل الفصائل الأخير قرب دمشق.",
        {"place.governorate": "Rif Dimashq"},
    ),
    "countryside-of-damascus": Example(
        "Regime warplanes struck the city of Douma in the countryside of Damascus on Tuesday."
        " Shelling continues in the countryside of Damascus, activists said.",
        {"place.governorate": "Rif Dimashq"},
    ),
    "a-damascus-camp-south-of-the-city": Example(
        "قتل 3 مدنيين بقصف على مخيم اليرموك جنوب دمشق.", {"place.governorate": "Damascus"}
    ),
    "in-the-south-of-damascus": Example(
        "A car bomb killed 4 people in the south of Damascus on Sunday.",
        {"place.governorate": "Damascus"},
    ),
    # where the victims came from is not where they were hit
    "origin-dual": Example(
        "قتل طفلان بانفجار لغم في منطقة الميادين، والطفلان ينحدران من بلدة المريعية",
        {"place.name_en": "Al Mayadin"},
    ),
    # Damascus named to say where around it: Rural Damascus, and the town told there
    "northeast-of-damascus": Example(
        "Regime aircraft bombed a crowded market northeast of Damascus on Sunday, killing 16"
        " civilians. The rockets struck the central market in the town of Misraba in the"
        " besieged East Ghouta suburbs of Damascus.",
        {"place.name_en": "Misraba"},
    ),
    "only-near-damascus": Example(
        "قتل 18 مدنيا بقصف مدفعي على بلدات عدة قرب دمشق", {"place.governorate": "Rif Dimashq"}
    ),
}


@pytest.mark.parametrize("example", cases(PLACES_CAUGHT))
def test_places(example: Example) -> None:
    """The place struck, not a landmark, a dateline or where the victims came from."""
    assert example.found() == example.expect


def test_a_landmark_is_not_the_place() -> None:
    text = "Shelling killed two civilians in Zabadani, northwest of Damascus."
    place = extract(text, ref_date=SUNDAY).incidents[0]["place"].value
    assert place["governorate"] == "Rif Dimashq"


@pytest.mark.parametrize(
    "text",
    [
        "Shelling killed two civilians in a village held by Hayat Tahrir al-Sham.",
        "قتل مدنيان بقصف على قرية تسيطر عليها هيئة تحرير الشام",
    ],
    ids=["en", "ar"],
)
def test_a_group_named_after_a_place_is_not_the_place(text: str) -> None:
    """ "Hayat" is a village in As-Suwayda and "al-Sham" is Damascus, but not here."""
    assert extract(text, ref_date=SUNDAY).incidents[0]["place"].value is None
