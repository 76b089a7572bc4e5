"""A village the gazetteer lacks, named with the governorate, against a town of the same
governorate that a later sentence names for another attack; and what names no village
("على بلدة بريف إدلب", "a northern Syrian town in Aleppo province")."""

from __future__ import annotations

import pytest
from tests.unit.extract.examples import Example, cases

UNPLACED = {
    "the-village-told-with-the-toll-before-a-town-of-another-attack": Example(
        "قتل مدنيان بغارة روسية على بلدة تل الزعرور الكبيرة بريف إدلب الجنوبي.\n"
        "وأصيب أربعة مدنيين في غارة أخرى على مدينة جسر الشغور بريف إدلب الغربي.",
        {"place.name": "تل الزعرور الكبيرة", "place.governorate": "Idlib", "killed": 2},
    ),
    "a-region-word-is-no-village": Example(
        "قتل مدنيان جراء غارات روسية على بلدة بريف إدلب الجنوبي.\n"
        "وقال الدفاع المدني إن فرقه انتشلت الجثث في بلدة كفرنبل.",
        {"place.name": "كفرنبل"},
    ),
    "an-adjective-is-no-town": Example(
        "Two children were killed in a Turkish artillery attack near a school in a northern "
        "Syrian town in Aleppo province. The shells hit Tal Rifaat, a monitor said.",
        {"place.name": "Tal Rifaat"},
    ),
}


@pytest.mark.parametrize("example", cases(UNPLACED))
def test_unplaced_villages(example: Example) -> None:
    assert example.found() == example.expect
