"""Attacks on the rules of the one dead (extract/lone_dead.py), the breakdown list that goes
on past people of no number, and the age after a name: each example written for the review,
with what a careful documenter would record. Each fails on 0de0a79."""

from __future__ import annotations

import pytest
from tests.unit.extract.examples import Example, cases

HIS_IS_ANOTHERS = {
    # "his" / "زوجته" / "سيارته" belong to the perpetrator, a neighbour, a fighter, a
    # commander or another victim: nothing is told of the dead
    "the-killers-car-ar": Example(
        "قتل شخص برصاص مسلحين مجهولين في مدينة جاسم، ولاذ القاتل بالفرار بسيارته.",
        {"killed": 1, "killed_women": None},
    ),
    "the-gunmans-car-ar": Example(
        "قتل شخص على يد مسلح أطلق النار عليه من سيارته في بلدة الصنمين.",
        {"killed": 1, "killed_women": None},
    ),
    "the-gunmans-car-en": Example(
        "A civilian was killed by a sniper in Daraa al-Balad; the gunman fled in his car.",
        {"killed": 1, "killed_women": None},
    ),
    "the-suicide-bombers-car": Example(
        "A civilian was killed when a suicide bomber blew up his car near a checkpoint in Azaz.",
        {"killed": 1, "killed_women": None},
    ),
    "the-faction-members-car": Example(
        "A civilian was killed after a member of a local faction opened fire from his car at a "
        "checkpoint in Jindires.",
        {"killed": 1, "killed_women": None},
    ),
    "the-car-of-the-bomb-driver-is-ambiguous": Example(
        "قتل شخص بانفجار سيارة مفخخة ركنها سائقها قرب منزله في جرابلس.",
        {"killed": 1, "killed_women": None},
    ),
    "the-neighbours-wife-person": Example(
        "قتل شخص وأصيب جاره وزوجته جراء سقوط قذيفة على حي الشيخ مقصود.",
        {"killed": 1, "killed_children": None, "killed_women": None},
    ),
    "the-neighbours-wife-civilian": Example(
        "قتل مدني وأصيب جاره وزوجته جراء سقوط قذيفة على حي الشيخ مقصود.",
        {"killed": 1, "killed_children": None},
    ),
    "a-fighter-lost-his-life": Example(
        "A civilian was killed in Sarmin, and a fighter lost his life in clashes nearby.",
        {"killed": 1, "killed_women": None},
    ),
    "a-fighter-and-his-wife-targeted": Example(
        "A civilian was killed when a drone struck a motorcycle carrying a fighter and his wife "
        "near Darat Izza.",
        {"killed": 1, "killed_children": None, "killed_women": None},
    ),
    "a-commanders-car-and-wife-ar": Example(
        "قتل شخص بغارة لطائرة مسيرة استهدفت سيارة قيادي في الفصيل وزوجته قرب دارة عزة.",
        {"killed": 1, "killed_children": None, "killed_women": None},
    ),
    "the-wounded-one-died-later": Example(
        "قتل شخص وأصيب آخر بقصف على سرمين. ولقي المصاب حتفه لاحقاً.",
        {"killed_women": None},
    ),
    "her-son-and-his-motorcycle": Example(
        "A civilian was killed and her son was wounded when a shell struck his motorcycle near "
        "Ariha.",
        {"killed": 1, "killed_women": 1},
    ),
}

NEXT_SENTENCE = {
    # the whole next sentence is read as the dead's, though it tells another incident or
    # another person
    "another-incident-a-commanders-wife-ar": Example(
        "قتل شخص جراء قصف مدفعي على بلدة البارة.\n"
        "وفي درعا، اقتحم مسلحون منزل قيادي سابق وأصابوا زوجته.",
        {"killed": 1, "killed_children": None, "killed_women": None},
    ),
    "another-incident-a-pharmacists-shop": Example(
        "A civilian was killed in shelling on Ariha.\n"
        "In a separate attack in Daraa, gunmen shot a pharmacist in his shop, wounding him.",
        {"killed": 1, "killed_women": None},
    ),
    "the-mukhtars-house-and-car": Example(
        "قُتل شخص بقصف على سرمين. ودمر القصف منزل المختار وسيارته.",
        {"killed": 1, "killed_women": None},
    ),
    "a-neighbour-searched-for-his-children": Example(
        "A civilian was killed in the shelling of Binnish.\n"
        "Volunteers pulled the wounded from the rubble while a neighbour searched for his "
        "children.",
        {"killed": 1, "killed_children": None, "killed_women": None},
    ),
    "the-wounded-doctors-wife": Example(
        "قتل شخص بقصف طال بلدة كفرنبل. وأصيب الطبيب محمد العلي في عيادته، كما أصيبت زوجته.",
        {"killed": 1, "killed_children": None, "killed_women": None},
    ),
}

A_MANS_NAME_BEFORE = {
    # a man's name before ", a <work>," is the dead's husband's or son's: she is a woman
    "his-wife-a-teacher": Example(
        "Ahmad al-Hussein's wife, a teacher, was killed when a drone struck their car near Atarib.",
        {"killed": 1, "killed_children": 0, "killed_women": 1},
    ),
    "his-mother-a-teacher": Example(
        "Ali al-Omar's mother, a teacher, was killed in the shelling of Ariha.",
        {"killed": 1, "killed_children": 0, "killed_women": 1},
    ),
    "his-wife-a-pharmacist": Example(
        "Yasser al-Ali's wife, a pharmacist, was killed in the strike on Sarmada.",
        {"killed": 1, "killed_children": 0, "killed_women": 1},
    ),
}

AGES_AND_TOLLS = {
    # a number set apart after a place is the toll, not an age
    "those-killed-in-a-place-then-the-toll": Example(
        "Those killed in Ariha, 8, included three children and two women.",
        {"killed": 8, "killed_children": 3, "killed_women": 2},
    ),
    "in-a-place-then-the-toll-including": Example(
        "In Afrin, 12, including four children, were killed by artillery fire.",
        {"killed": 12, "killed_children": 4, "killed_women": None},
    ),
    "the-victims-in-a-place": Example(
        "The victims in Idlib, 9, included four children and three women.",
        {"killed": 9, "killed_children": 4, "killed_women": 3},
    ),
    "the-death-toll-in-a-place": Example(
        "The death toll in Jableh, 14, includes five women.",
        {"killed": 14, "killed_women": 5},
    ),
    "the-dead-in-a-place": Example(
        "The dead in Atarib, 6, were all from one family.", {"killed": 6}
    ),
    # two named with their ages are two dead, not one
    "a-father-and-daughter-with-ages": Example(
        "Mohammed, 45, and his daughter Hiba, 9, were killed in the strike.",
        {"killed": 2, "killed_children": 1, "killed_women": 0},
    ),
    "two-brothers-with-ages": Example(
        "Mohammad Khaled, 17, and his brother Ahmad, 12, were killed in the strike on Ariha.",
        {"killed": 2, "killed_children": 2, "killed_women": 0},
    ),
    "two-named-with-ages": Example(
        "Ahmad al-Ali, 34, and Khaled al-Ali, 29, were killed when their car was hit by a drone.",
        {"killed": 2},
    ),
    "two-named-with-ages-in-brackets": Example(
        "Ahmad (34) and Khaled (29) were killed when their car was hit by a drone.",
        {"killed": 2},
    ),
}

LISTS = {
    # "nurses said" is the source, not more of the dead
    "the-source-after-the-breakdown": Example(
        "Three men were killed, including a physician, nurses said.",
        {"killed": 3, "killed_children": 0, "killed_women": 0},
    ),
}

NOT_FIRED = {
    # ordinary phrasings of a father or husband that the rule claims, left unsettled
    "his-two-children-wounded": Example(
        "A civilian was killed and his two children were wounded in shelling on Sarmin.",
        {"killed": 1, "killed_children": 0, "killed_women": 0},
    ),
    "a-named-civilian-with-age-and-his-wife": Example(
        "A civilian, Mohammed al-Hamad, 45, was killed and his wife injured.",
        {"killed": 1, "killed_children": 0, "killed_women": 0},
    ),
}


# Still open after the fixes of this review (strict: each must fail today). The rules now
# leave these unread (None) rather than read wrong; reading them is more work than this stop.
_OPEN = {
    "her-son-and-his-motorcycle": "'her son' tells the dead was a woman: not read",
    "his-wife-a-teacher": "a possessive before ', a teacher,' names another: women not read",
    "his-mother-a-teacher": "a possessive before ', a teacher,' names another: women not read",
    "his-wife-a-pharmacist": "a possessive before ', a pharmacist,' names another: not read",
    "a-father-and-daughter-with-ages": "a roll of names with ages is not counted",
    "two-brothers-with-ages": "a roll of names with ages is not counted",
    "two-named-with-ages": "a roll of names with ages is not counted",
    "two-named-with-ages-in-brackets": "a roll of names with ages is not counted",
    "his-two-children-wounded": "a number between 'his' and 'children' is not read",
    "a-named-civilian-with-age-and-his-wife": "the killed span is the name: 'his wife' unread",
}


@pytest.mark.parametrize(
    "example",
    cases(
        HIS_IS_ANOTHERS,
        NEXT_SENTENCE,
        A_MANS_NAME_BEFORE,
        AGES_AND_TOLLS,
        LISTS,
        NOT_FIRED,
        still_open=_OPEN,
    ),
)
def test_attack_stop29(example: Example) -> None:
    """What the one dead, the list and the age rules must not settle, and must read."""
    assert example.found() == example.expect
