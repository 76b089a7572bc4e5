"""A report telling more of the one attack: a paragraph opening on "the attack" goes on
with it, a statement's title closing on the day it was issued, and people told with a word
that only describes them ("three Syrian children"). Each example written for the project,
failing before its rule (the guards pass either way)."""

from __future__ import annotations

from datetime import date

import pytest
from tests.unit.extract.examples import Example, cases

TOLD_AGAIN = {
    "the-attack-on-a-neighbourhood-goes-on": Example(
        "Militants shelled a district of Aleppo city on Wednesday, killing four people, state "
        "television said.\n\n"
        "The attack on the Hamidiya neighborhood in the Old City also left seven civilians "
        "injured, according to Al-Ikhbariya.",
        {"killed": 4, "injured": 7},
    ),
    "wa-asfara-al-qasf-goes-on": Example(
        "قصفت قوات النظام مدينة أريحا اليوم فقتل مدنيان.\n\n"
        "وأسفر القصف على حي الجامع الكبير في المدينة عن إصابة خمسة مدنيين آخرين.",
        {"killed": 2, "injured": 5},
    ),
}

STATEMENT_TITLES = {
    "a-statements-title-closes-on-its-day": Example(
        "Statement by the Regional Humanitarian Coordinator on Violence Impacting Aid Workers "
        "in North-West Syria, 18 October 2020 [EN/AR]\n\n"
        "On Thursday, two aid workers and their driver were injured when the car they were "
        "travelling in from Salqin city was hit by shrapnel from a drone attack.",
        {"date": "2020-10-15", "injured": 3},
        date(2020, 10, 18),
    ),
    # guard: a title that tells the day of the attack keeps it
    "a-title-telling-the-day-on": Example(
        "Three civilians killed in shelling on Ariha on 16 October 2020\n\n"
        "Three civilians were killed in regime shelling on the town of Ariha.",
        {"date": "2020-10-16"},
        date(2020, 10, 18),
    ),
}

DESCRIBED = {
    "three-syrian-children": Example(
        "Three Syrian children were killed when a shell hit their home in Ariha.",
        {"killed": 3, "killed_children": 3},
    ),
    "two-local-aid-workers-and-a-child": Example(
        "Two local aid workers and a child were injured in the strike on Sarmin.",
        {"injured": 3},
    ),
}


@pytest.mark.parametrize("example", cases(TOLD_AGAIN, STATEMENT_TITLES, DESCRIBED))
def test_told_again(example: Example) -> None:
    """The one attack told again, its statement's day, people told with a describing word."""
    assert example.found() == example.expect
