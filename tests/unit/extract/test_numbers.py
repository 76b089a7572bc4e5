"""Numbers as reports write them: digits, words, ranges and vague amounts."""

from __future__ import annotations

import pytest
from tests.unit.extract.examples import SUNDAY

from tawthiq.extract import extract
from tawthiq.extract.numbers import read_quantity
from tawthiq.extract.tokens import tokenize

NUMBERS = {
    "digits": ("قتل 9 مدنيين", 1, (9, 9, False)),
    "arabic-indic": ("٧٥ مصابا", 0, (75, 75, False)),
    "persian": ("۱۲ جريحا", 0, (12, 12, False)),
    "word-masc": ("تسعة مدنيين", 0, (9, 9, False)),
    "word-fem": ("ثلاث نساء", 0, (3, 3, False)),
    "teen": ("أحد عشر شخصا", 0, (11, 11, False)),
    "teen-12": ("اثنا عشر طفلا", 0, (12, 12, False)),
    "compound": ("خمسة وعشرون", 0, (25, 25, False)),
    "hundreds": ("مئتين", 0, (200, 200, False)),
    "tens-vague": ("عشرات الجرحى", 0, (20, 99, True)),
    "more-than": ("أكثر من 20 جريحا", 0, (21, 21, True)),
    "wa-more-than": ("وأكثر من 30", 0, (31, 31, True)),
    "at-least-ar": ("ما لا يقل عن 7", 0, (7, 7, True)),
    "about-ar": ("نحو 40", 0, (40, 40, True)),
    "english": ("nine civilians", 0, (9, 9, False)),
    "english-compound": ("twenty three", 0, (23, 23, False)),
    "dozen": ("a dozen people", 0, (12, 12, False)),
    "dozens": ("dozens of injured", 0, (24, 99, True)),
    "at-least-en": ("at least five", 0, (5, 5, True)),
    "more-than-en": ("more than 20 people", 0, (21, 21, True)),
    "less-than": ("أقل من 10 أشخاص", 0, (1, 9, True)),
    "thousands-sep": ("1,200 families", 0, (1200, 1200, False)),
}


@pytest.mark.parametrize(("text", "at", "expected"), NUMBERS.values(), ids=NUMBERS.keys())
def test_numbers(text: str, at: int, expected: tuple[int, int, bool]) -> None:
    q = read_quantity(tokenize(text), at)
    assert q is not None and (q.min, q.max, q.approximate) == expected


def test_words_that_are_not_numbers() -> None:
    for text in ("مدنيين", "قصف", "the", "may"):
        assert read_quantity(tokenize(text), 0) is None


def test_ranges_keep_both_ends() -> None:
    found = extract("قتل ما بين خمسة وسبعة مدنيين بالقصف", ref_date=SUNDAY).incidents[0]
    assert found["killed"].extra == {"min": 5, "max": 7, "approximate": True}


def test_a_dash_range_keeps_both_ends() -> None:
    killed = extract("killed 10–15 civilians", ref_date=SUNDAY).incidents[0]["killed"]
    assert killed.extra == {"min": 10, "max": 15, "approximate": True}
