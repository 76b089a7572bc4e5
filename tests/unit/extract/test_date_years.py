"""A day or a month told without its year: which year it is, read against the day the
report was published (across the turn of a year both ways)."""

from __future__ import annotations

from datetime import date

import pytest
from tests.unit.extract.examples import Example, cases

from tawthiq.extract.dates import find_dates
from tawthiq.extract.tokens import tokenize

# A day or a month told without its year: the one nearest before the day the report was
# published, or a few days after it (a publication day given a day or two early), never a
# year away from it.
JAN_3, DEC_28 = date(2024, 1, 3), date(2023, 12, 28)
YEARS = {
    "december-read-in-january": Example(
        "Shelling killed three civilians in Sarmin on 28 December.", {"date": "2023-12-28"}, JAN_3
    ),
    "december-read-in-january-arabic": Example(
        "قتل ثلاثة مدنيين بقصف على سرمين في 28 كانون الأول", {"date": "2023-12-28"}, JAN_3
    ),
    "december-read-in-january-egyptian": Example(
        "قتل ثلاثة مدنيين بقصف على سرمين في 31 ديسمبر الماضي", {"date": "2023-12-31"}, JAN_3
    ),
    "january-read-in-january": Example(
        "Shelling killed three civilians in Sarmin on 2 January.", {"date": "2024-01-02"}, JAN_3
    ),
    "january-read-in-january-arabic": Example(
        "قتل ثلاثة مدنيين بقصف على سرمين في 2 كانون الثاني", {"date": "2024-01-02"}, JAN_3
    ),
    "december-read-in-december": Example(
        "Shelling killed three civilians in Sarmin on 27 December.", {"date": "2023-12-27"}, DEC_28
    ),
    "december-read-in-december-arabic": Example(
        "قتل ثلاثة مدنيين بقصف على سرمين في 27 ديسمبر/كانون الأول", {"date": "2023-12-27"}, DEC_28
    ),
    # the publication day given a day early: the day told is not a year back
    "a-day-after-the-publication-day": Example(
        "Shelling killed three civilians in Sarmin on 4 January.", {"date": "2024-01-04"}, JAN_3
    ),
    "a-day-after-the-publication-day-arabic": Example(
        "قتل ثلاثة مدنيين بقصف على سرمين في 29 كانون الأول", {"date": "2023-12-29"}, DEC_28
    ),
    "january-read-in-late-december": Example(
        "قتل ثلاثة مدنيين بقصف على سرمين في 2 يناير", {"date": "2024-01-02"}, DEC_28
    ),
    # "الماضي": the one gone by, a year back if need be
    "last-january-read-in-december": Example(
        "قتل ثلاثة مدنيين بقصف على سرمين في 2 كانون الثاني الماضي", {"date": "2023-01-02"}, DEC_28
    ),
    "a-month-ahead-is-last-years": Example(
        "Shelling killed three civilians in Sarmin on 20 January.", {"date": "2023-01-20"}, JAN_3
    ),
}


@pytest.mark.parametrize("example", cases(YEARS))
def test_a_day_told_without_its_year_is_the_nearest_such_day(example: Example) -> None:
    assert example.found() == example.expect


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("Shelling has intensified since last December", "2023-12-01"),
        ("تصاعد القصف منذ كانون الأول الماضي", "2023-12-01"),
        ("The escalation that began in early December", "2023-12-01"),
        ("بدأ التصعيد في شهر ديسمبر", "2023-12-01"),
        ("The shelling of this January", "2024-01-01"),
    ],
)
def test_a_month_told_without_its_year_is_the_latest_begun(text: str, month: str) -> None:
    found = [(m.value.isoformat(), m.precision) for m in find_dates(text, tokenize(text), JAN_3)]
    assert found == [(month, "month")]


def test_may_in_lower_case_is_no_month() -> None:
    text = "Fighters may strike again this week, and the last may come soon"
    assert find_dates(text, tokenize(text), JAN_3) == []
