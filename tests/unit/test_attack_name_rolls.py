"""Rolls of names (issue 20, review): a sentence that lists groups, families or
organisations rather than people offers no person to accept."""

from __future__ import annotations

import pytest

from tawthiq.extract.victims import name_rolls


@pytest.mark.parametrize(
    "text",
    [
        "قتل خمسة مدنيين وهم طفلان وامرأة ورجلان.",  # two children, a woman and two men
        "قتل مدنيون وهم أطفال ونساء من القرية.",  # children and women of the village
        "قتل سبعة مدنيين، وهم: عائلة كاملة.",  # a whole family
        "The dead were identified as the Syrian Civil Defence and the White Helmets.",
    ],
    ids=["two-children-a-woman-two-men", "children-and-women", "a-whole-family", "organisations"],
)
def test_a_roll_of_groups_is_not_read_as_people(text: str) -> None:
    assert [v.name for v in name_rolls(text)] == []


def test_a_real_roll_is_still_read() -> None:
    found = name_rolls("وهم أحمد الخالد، ابنه سامر الخالد، والطفلة ليلى الخالد (9 سنوات)")
    assert [v.name for v in found] == ["أحمد الخالد", "سامر الخالد", "ليلى الخالد"]
