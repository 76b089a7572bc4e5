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
}


@pytest.mark.parametrize("example", cases(HEADLINES, FROM_AND_WHO))
def test_english_people(example: Example) -> None:
    """One person told in an English headline, or with where they came from."""
    assert example.found() == example.expect
