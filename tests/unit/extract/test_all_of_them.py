"""A toll told as all of one group ("جميعهم أطفال", "all of them children"): that group is
the whole toll and the others none; not where the wounded are told between, nor for a group
that is no age or sex ("all of them civilians")."""

from __future__ import annotations

import pytest
from tests.unit.extract.examples import Example, cases

ALL_OF_THEM = {
    "all-children-ar": Example(
        "قتل خمسة مدنيين جميعهم أطفال بغارة جوية على مدينة أريحا.",
        {"killed": 5, "killed_children": 5, "killed_women": 0},
    ),
    "all-children-ar-with-min": Example(
        "قتل خمسة مدنيين كلهم من الأطفال بغارة جوية على مدينة أريحا.",
        {"killed": 5, "killed_children": 5, "killed_women": 0},
    ),
    "all-women-ar": Example(
        "قتلت خمس نساء جميعهن من النساء العاملات في الحقول بقصف مدفعي على قرية معرزيتا.",
        {"killed": 5, "killed_women": 5, "killed_children": 0},
    ),
    "all-children-en": Example(
        "Five people were killed in an airstrike on Ariha, all of them children.",
        {"killed": 5, "killed_children": 5, "killed_women": 0},
    ),
    "all-men-en": Example(
        "Five people were killed in an airstrike on Ariha, all of them young men.",
        {"killed": 5, "killed_children": 0, "killed_women": 0},
    ),
    "the-wounded-between-settle-nothing": Example(
        "Five people were killed and ten wounded in an airstrike on Ariha, all of them children.",
        {"killed": 5, "killed_children": None},
    ),
    "all-civilians-settles-nothing": Example(
        "Five people were killed in an airstrike on Ariha, all of them civilians.",
        {"killed": 5, "killed_children": None, "killed_women": None},
    ),
    "a-breakdown-told-stays": Example(
        "قتل خمسة مدنيين بينهم طفلان بغارة على أريحا، جميعهم من عائلة واحدة.",
        {"killed": 5, "killed_children": 2},
    ),
}


@pytest.mark.parametrize("example", cases(ALL_OF_THEM))
def test_all_of_them(example: Example) -> None:
    assert example.found() == example.expect
