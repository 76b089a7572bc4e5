"""One person killed or wounded, told in English the way headlines and monitors write it: a
headline's person with no article ("Child killed by a landmine …") and a person whose cue
comes after where they came from and who they were ("A man from Theyban town …, named as
…, was shot dead"). Each example written for the project, failing before the rule (a few
are guards that pass either way)."""

from __future__ import annotations

import pytest
from tests.unit.extract.examples import Example, cases

HEADLINES = {
    "child-killed-by-a-landmine": Example(
        "Child killed by a landmine of unidentified source in eastern Deir Ez-Zour governorate",
        {"killed": 1, "killed_children": 1, "killed_women": 0},
    ),
    "woman-killed-in-shelling": Example(
        "Woman killed in regime shelling on Ariha\n\nThe shelling hit the town's market.",
        {"killed": 1, "killed_children": 0, "killed_women": 1},
    ),
    "civilian-shot-dead": Example(
        "Civilian shot dead by SDF personnel in Theyban town",
        {"killed": 1},
    ),
    "a-describing-word-first": Example(
        "Syrian child killed in Idlib shelling",
        {"killed": 1, "killed_children": 1},
    ),
    "after-the-outlet-and-a-colon": Example(
        "Syria: Girl wounded by war remnant in Daraa countryside",
        {"injured": 1, "killed": None},
    ),
    # guards: the person only opens the headline; mid-sentence a bare noun tells no one
    "mid-sentence-is-no-headline": Example(
        "Shelling on the town where teacher killed last year was buried hit the school.",
        {"killed": None},
    ),
    "arabic-unchanged": Example(
        "مقتل طفل بانفجار لغم في ريف درعا",
        {"killed": 1, "killed_children": 1},
    ),
}

FROM_AND_WHO = {
    "a-man-from-a-town-was-killed": Example(
        "A man from Theyban town was shot dead by SDF personnel on Thursday.",
        {"killed": 1, "killed_children": 0, "killed_women": 0},
    ),
    "from-where-and-named-as": Example(
        "A man from Theyban town in the eastern suburbs of Deir Ez-Zour governorate, named as "
        "Su'oud al Taha, was shot dead on February 11, 2021, by SDF personnel during a raid.",
        {"killed": 1, "killed_children": 0, "killed_women": 0},
    ),
    "a-woman-of-the-village-was-wounded": Example(
        "A woman of the village of Kansafra was wounded when a shell hit her house.",
        {"injured": 1, "killed": None},
    ),
    # guards: another clause opens, and the cue after it is another person's
    "a-woman-from-the-village-said": Example(
        "A woman from the village said that two children were killed in the strike.",
        {"killed": 2, "killed_children": 2},
    ),
    "a-man-whose-son-was-killed": Example(
        "A man from Daraa whose son was killed last year spoke to the crowd.",
        {"killed": None},
    ),
    "another-sentence-is-not-theirs": Example(
        "A man from Theyban town spoke to reporters. Three civilians were killed in the raid.",
        {"killed": 3, "killed_women": None},
    ),
    "identified-as-with-an-age": Example(
        "A man, identified as 52-year-old Ghazi Taha al-Refa'ie, was shot dead on June 12, "
        "2024, by gunmen in the market of Nawa.",
        {"killed": 1, "killed_children": 0, "killed_women": 0},
    ),
    "a-headline-with-the-name": Example(
        "Man named Ghazi al-Refaie killed by unidentified gunmen in western Daraa",
        {"killed": 1, "killed_women": 0},
    ),
    # guard: a man named who tells of others' deaths
    "a-man-named-who-spoke": Example(
        "A man named Ahmad said two people were killed in the strike on Sarmin.",
        {"killed": 2},
    ),
}

# Arabic: a toll that "rose to" its figure before SOHR's word for the count ("تعداد"), a
# feminine dual ("مواطنتان"), and "others" wounded after a killing verb
ARABIC_COUNTS = {
    "rose-to-then-the-count": Example(
        "وقال المرصد: ارتفع إلى 8 بينهم مواطنتان و4 أطفال تعداد المدنيين الذين قتلوا جراء "
        "سقوط صواريخ أرض - أرض على مدرسة في بلدة سرمين.",
        {"killed": 8, "killed_children": 4, "killed_women": 2},
    ),
    "others-wounded-after-the-killed": Example(
        "أفاد المراسل أن خمسة أشخاص من عائلة الحسين، قتلوا وأصيب ثلاثة آخرون، إثر انفجار لغم.",
        {"killed": 5, "injured": 3},
    ),
    # guards: a count since the year began is no toll; killed and wounded told as one
    "a-count-since-the-start-of-the-year": Example(
        "ارتفع تعداد الشهداء المدنيين منذ مطلع العام إلى 340 مدنياً.\n\n"
        "وقتل طفلان بقصف على بلدة سرمين اليوم.",
        {"killed": 2},
    ),
    "killed-and-wounded-together": Example(
        "قتل وأصيب 15 مدنياً بقصف على مدينة أريحا.",
        {"killed": None, "injured": None},
    ),
}


@pytest.mark.parametrize("example", cases(HEADLINES, FROM_AND_WHO, ARABIC_COUNTS))
def test_english_people(example: Example) -> None:
    """One person told in an English headline, or with where they came from."""
    assert example.found() == example.expect
