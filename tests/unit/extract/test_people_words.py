"""People the dead and wounded are told as (resources/extract/casualties.json): a baby
told alone ("رضيع"), two babies ("رضيعان"), teenagers ("مراهق", "يافعان", "a teenager":
counted, of no age told, for one of 18 or 19 is no child), a grandmother among the women
and her grandchildren among the dead, a man told as "المواطن" with his name no child; a
dozen counted ("two dozen", "half a dozen"); the bombs and blasts a number counts are no
people ("Three car bombs killed at least six people"); "ووالداه" a child's two parents."""

from __future__ import annotations

import pytest
from tests.unit.extract.examples import Example, cases

PEOPLE = {
    "a-baby-alone": Example(
        "قتل رضيع بقصف مدفعي على بلدة سرمين.",
        {"killed": 1, "killed_children": 1, "killed_women": 0},
    ),
    "two-babies-and-three-women": Example(
        "قتل رضيعان وثلاث نساء بغارات على مخيم غربي إدلب.",
        {"killed": 5, "killed_children": 2, "killed_women": 3},
    ),
    "a-teenager-ar": Example("قتل مراهق برصاص قناص في بلدة طفس.", {"killed": 1}),
    "two-teenagers-ar": Example("قتل يافعان بانفجار لغم قرب بلدة تل رفعت.", {"killed": 2}),
    "a-teenager-en": Example(
        "A teenager was killed by sniper fire in the town of Tafas.",
        {"killed": 1},
    ),
    "teenagers-en": Example(
        "Three teenagers were killed when a landmine exploded near Tal Rifaat.",
        {"killed": 3},
    ),
    "a-grandmother-and-her-grandson": Example(
        "A grandmother and her grandson were killed in shelling on Sarmin.",
        {"killed": 2, "killed_women": 1},
    ),
    "a-woman-and-her-grandchildren": Example(
        "قتلت سيدة وحفيدها بقصف على بلدة سرمين.", {"killed": 2, "killed_women": 1}
    ),
    "the-citizen-named": Example(
        "قتل المواطن محمد العلي بقصف مدفعي على بلدة سرمين.",
        {"killed": 1, "killed_children": 0, "killed_women": 0},
    ),
    "two-dozen": Example(
        "At least two dozen men were killed by gunmen in a village near Jableh on Friday.",
        {"killed": 24},
    ),
    "half-a-dozen": Example(
        "Half a dozen people were killed in shelling on Sarmin.", {"killed": 6}
    ),
    "three-dozen-wounded": Example(
        "Three dozen people were wounded in shelling on Sarmin.", {"injured": 36}
    ),
    "car-bombs-are-no-people": Example(
        "Three car bombs, exploding nearly at once in Qamishli, killed at least six people.",
        {"killed": 6},
    ),
    "blasts-are-no-people": Example(
        "Three blasts kill at least 6 in a Syrian town near Turkey", {"killed": 6}
    ),
    "bombs-ar-are-no-people": Example(
        "قتل ستة أشخاص بانفجار ثلاث عبوات ناسفة في سوق مدينة الباب.", {"killed": 6}
    ),
    "a-child-and-his-parents": Example(
        "قتل طفل ووالداه بقصف على بلدة سرمين.", {"killed": 3, "killed_children": 1}
    ),
    "parents-who-speak-are-no-dead": Example(
        "قال والدا الضحية إن القصف قتل ثلاثة أطفال في سرمين.",
        {"killed": 3, "killed_children": 3},
    ),
}

# the dead named: "شخص يدعى هشام فهد" (no quotes), "a man named Ghazi", a roll with ages
# ("identified as 29-year-old Hammam al-Asi, was killed"), names the list did not know
YOUNG_WOMEN = {
    # "شابة", a young woman: one of the dead, a woman, no child
    "a-young-woman": Example(
        "قُتلت شابة برصاص مسلحين على الطريق بين ترمانين وأرحاب.",
        {"killed": 1, "killed_women": 1, "killed_children": 0},
    ),
    "the-young-woman-named": Example(
        "قتلت الشابة سارة برصاص مسلحين في بلدة ترمانين.", {"killed": 1, "killed_women": 1}
    ),
    "two-young-women": Example(
        "قتلت شابتان برصاص مسلحين في بلدة ترمانين.", {"killed": 2, "killed_women": 2}
    ),
    "a-young-man-and-a-young-woman": Example(
        "قتل شاب وشابة برصاص مسلحين في بلدة ترمانين.",
        {"killed": 2, "killed_women": 1, "killed_children": 0},
    ),
    "an-old-person-is-no-child": Example(
        "قتلت عجوز برصاص مسلحين في بلدة ترمانين.", {"killed": 1, "killed_children": 0}
    ),
}

NAMED = {
    "called-unquoted": Example(
        "أسفر القصف عن مقتل شخص يدعى هشام فهد الياس وإصابة 12 آخرين في السقيلبية.",
        {"killed": 1, "injured": 12, "killed_women": 0},
    ),
    "called-a-woman": Example(
        "قتلت امرأة تدعى فاطمة العلي بقصف على بلدة سرمين.", {"killed": 1, "killed_women": 1}
    ),
    "a-man-named": Example(
        "A civilian named Ghazi al-Refaie was killed by a landmine near Daraa.",
        {"killed": 1, "killed_women": 0},
    ),
    "identified-with-an-age-then-the-verb": Example(
        "A media worker, identified as 29-year-old Hammam al-Asi, was killed on July 17 when "
        "artillery fired a shell at a house in Sarja.",
        {"killed": 1, "killed_children": 0, "killed_women": 0},
    ),
    "identified-two-with-ages": Example(
        "Two civilians were killed in Sarja, identified as 52-year-old Ghazi al-Refaie and "
        "30-year-old Ahmad Saleh.",
        {"killed": 2, "killed_women": 0},
    ),
    "two-media-activists": Example(
        "Two media activists were killed in shelling on Sarmin.",
        {"killed": 2, "killed_children": 0},
    ),
}


@pytest.mark.parametrize("example", cases(PEOPLE, YOUNG_WOMEN, NAMED))
def test_people_words(example: Example) -> None:
    assert example.found() == example.expect
