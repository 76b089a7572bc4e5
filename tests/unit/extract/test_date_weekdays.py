"""A weekday told in English as Arabic ones are read: the last such day on or before the
day the report was published, whatever words of time or telling stand around it."""

from __future__ import annotations

import pytest
from tests.unit.extract.examples import SUNDAY, Example, cases

from tawthiq.extract import extract

# The report is read as published on Sunday 6 November 2022.
WEEKDAYS = {
    "early-sunday": Example(
        "Shelling killed three civilians in Sarmin early Sunday, rescuers said.",
        {"date": "2022-11-06", "date.precision": "day"},
    ),
    "late-on-friday": Example(
        "An air strike late on Friday killed two farmers near Ariha.", {"date": "2022-11-04"}
    ),
    "on-tuesday-night": Example(
        "A drone hit a car on Tuesday night on the road to al-Bab, killing its driver.",
        {"date": "2022-11-01", "time_of_day": "night"},
    ),
    "before-dawn-on-monday": Example(
        "Rockets fell on the camp before dawn on Monday, killing a child.",
        {"date": "2022-10-31", "time_of_day": "dawn"},
    ),
    "last-thursday": Example(
        "Shells hit the market in Atarib last Thursday, killing four.", {"date": "2022-11-03"}
    ),
    # "said" with what was said after it: the day is the shelling's
    "said-what-on-a-day": Example(
        "The White Helmets said shelling on Friday killed three civilians in Sarmin.",
        {"date": "2022-11-04"},
    ),
    # "activists said," set apart by commas: the day is the killing's
    "said-set-apart-by-commas": Example(
        "Three civilians were killed, activists said, early Sunday in a strike on Sarmin.",
        {"date": "2022-11-06"},
    ),
    # "during" a day is the incident's day; during a month or a year is background
    "during-shelling-on-a-day": Example(
        "Three civilians were killed during shelling on Friday in Jisr al-Shughur.",
        {"date": "2022-11-04"},
    ),
    "during-shelling-on-a-day-arabic": Example(
        "قتل ثلاثة مدنيين خلال قصف يوم الجمعة على بلدة سرمين", {"date": "2022-11-04"}
    ),
    "throughout-a-day": Example(
        "Strikes throughout Saturday killed six people in Idlib.", {"date": "2022-11-05"}
    ),
    # "last Sunday" read on a Sunday is the Sunday before, in English and in Arabic
    "last-sunday-read-on-a-sunday": Example(
        "Shelling killed three civilians in Sarmin last Sunday.", {"date": "2022-10-30"}
    ),
    "last-sunday-read-on-a-sunday-arabic": Example(
        "قتل ثلاثة مدنيين بقصف على سرمين يوم الأحد الماضي", {"date": "2022-10-30"}
    ),
}

# Where the rules must not fire.
WEEKDAYS_NOT = {
    "on-sunday-read-on-a-sunday": Example(
        "Shelling killed three civilians in Sarmin on Sunday.", {"date": "2022-11-06"}
    ),
    "the-day-it-was-said": Example(
        "Activists said early on Sunday that shelling had killed three civilians in Sarmin.",
        {"date": "2022-11-06"},
    ),
    "the-day-it-was-told-to-whom": Example(
        "The monitor told AFP on Saturday that shelling had killed three in Sarmin.",
        {"date": "2022-11-05"},
    ),
    "the-day-it-was-said-arabic": Example(
        "قال المرصد يوم السبت إن قصفاً قتل ثلاثة مدنيين في سرمين", {"date": "2022-11-05"}
    ),
    "said-after-the-incidents-day": Example(
        "Shelling killed three on Friday in Sarmin, the monitor said on Saturday.",
        {"date": "2022-11-04"},
    ),
    "during-a-year-is-background": Example(
        "قتل ثلاثة مدنيين بقصف على سرمين، في تصعيد لم تشهده المنطقة خلال عام 2021",
        {"date": "2022-11-06"},
    ),
}


@pytest.mark.parametrize("example", cases(WEEKDAYS, WEEKDAYS_NOT))
def test_weekdays(example: Example) -> None:
    assert example.found() == example.expect


def test_the_day_it_was_said_is_an_unsure_reading() -> None:
    """With no other day told, the day a source spoke is the best reading, and marked so."""
    found = extract(
        "قال مراسل الموقع اليوم الأحد إن مدنياً قتل بقصف على قرية الغدفة.", ref_date=SUNDAY
    ).incidents[0]["date"]
    assert (found.value, found.confidence <= 0.5) == ("2022-11-06", True)
