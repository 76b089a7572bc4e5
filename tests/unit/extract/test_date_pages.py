"""Days written the English way with an ordinal ("6th August"), and the page's own day told
in the ways agencies, aggregators and bulletins print it: a dateline's credit with a slash
("(BSS/AFP) -"), the outlet's brackets around the day ("MOSCOW (Outlet / Agency - 06th
February, 2020)"), a bulletin's title ("(ECHO Daily Flash of 04 January 2022)"), the day
with the hour it was put up ("Thu 06th February 2020 | 01:00 AM"); and a day told in the
sentence after a telling ("… reported late Monday. Late Sunday, jets struck …")."""

from __future__ import annotations

from datetime import date

import pytest
from tests.unit.extract.examples import SUNDAY, Example, cases

from tawthiq.extract import extract

ORDINAL_DAYS = {
    "ordinal-before-month": Example(
        "A rocket hit the village of Jurin on 4th November 2022, killing two farmers.",
        {"date": "2022-11-04", "date.precision": "day"},
    ),
    "ordinal-after-month": Example(
        "Shelling on November 3rd, 2022 killed a shepherd near Kafr Nabl.",
        {"date": "2022-11-03", "date.precision": "day"},
    ),
    "the-ordinal-of-the-month": Example(
        "An airstrike on the 2nd of November wounded five people in Ariha.",
        {"date": "2022-11-02", "date.precision": "day"},
    ),
    "first-with-st": Example(
        "On 1st November a landmine killed a boy in the countryside of Raqqa.",
        {"date": "2022-11-01", "date.precision": "day"},
    ),
    "twenty-first-without-year-is-the-last-one-gone-by": Example(
        "Residents said the drone struck a car on October 21st near Sarmada.",
        {"date": "2022-10-21", "date.precision": "day"},
    ),
    "a-plain-day-of-the-month": Example(
        "Shelling on 3 of November killed two people in Termanin.",
        {"date": "2022-11-03", "date.precision": "day"},
    ),
}

PAGE_DAYS = {
    "dateline-credit-with-a-slash": Example(
        "ALEPPO, Syria, Nov 6, 2022 (BSS/AFP) - Gunmen killed four people in a village, a "
        "monitor said on Sunday. The monitor said the four were shot in Saturday's raid.",
        {"date": "2022-11-05"},
    ),
    "dateline-credit-of-two-agencies": Example(
        "Damascus/Beirut, 6 November 2022 (dpa/MIA) - Strikes wounded 12 civilians late "
        "Friday near Jableh, a war monitor said.",
        {"date": "2022-11-04"},
    ),
    "outlet-and-day-in-brackets": Example(
        "MOSCOW (Some News / Some Agency - 06th November, 2022) Militants shelled a "
        "neighbourhood of Aleppo on Friday, killing three people, state television said.",
        {"date": "2022-11-04"},
    ),
    "bulletin-title-of-the-day": Example(
        "Syria – Shelling in the north-west (ECHO Daily Flash of 06 November 2022)\n\n"
        "Artillery shelling on 3 November hit a camp near Kafr Lusin, injuring six people.",
        {"date": "2022-11-03"},
    ),
    "the-day-with-the-hour-it-was-put-up": Example(
        "Blast kills three in Azaz\n\nSun 06th November 2022 | 01:00 AM\n\n"
        "A car bomb exploded in the market of Azaz on Saturday, killing three people.",
        {"date": "2022-11-05"},
    ),
    "the-day-and-hour-of-an-american-page": Example(
        "Explosion kills five in Latakia\n\nSunday, 6 November 2022 09:26 AM EDT\n\n"
        "Old ordnance exploded in a building in Latakia, rescuers said Sunday. They worked "
        "overnight after the blast on Saturday and recovered five bodies.",
        {"date": "2022-11-05"},
    ),
    "telling-in-the-sentence-before": Example(
        "Strikes wounded 20 civilians near the coast, a war monitor reported late Sunday.\n\n"
        "Late Saturday, warplanes launched ten strikes on sites near Tartous, the monitor said.",
        {"date": "2022-11-05"},
    ),
}

# the night before the day it happened; a photograph's caption with its credit in square
# brackets; the agency's brackets after a dateline with no dash
# a page's line with the Hijri date beside the Gregorian one: its weekday is the page's
HIJRI_LINES = {
    "the-hijri-stamp-line-is-the-page": Example(
        "مقتل طفل وإصابة شقيقه بمخلفات الحرب في ريف حلب\n"
        "الاثنين 2 ربيع الأول 1447 هـ – 25 آب 2025\n"
        "قتل طفل وأصيب شقيقه بجروح خطيرة الأحد 24 آب، إثر انفجار جسم من مخلفات الحرب في "
        "قرية مشيرفة اللهيب.",
        {"date": "2025-08-24"},
        date(2025, 8, 25),
    ),
    "the-hijri-line-alone-then-a-weekday": Example(
        "مقتل طفل بمخلفات الحرب في ريف حلب\nالاثنين 2 ربيع الأول 1447 هـ\n"
        "قتل طفل بجروح خطيرة يوم الأحد إثر انفجار جسم من مخلفات الحرب في قرية مشيرفة اللهيب.",
        {"date": "2025-08-24"},
        date(2025, 8, 25),
    ),
}

NIGHTS_AND_CAPTIONS = {
    "after-midnight-of-a-weekday-ar": Example(
        "شنت طائرات حربية غارات على بلدة عرمان بعد منتصف ليل الخميس، ما أسفر عن مقتل 10 مدنيين.",
        {"date": "2022-11-04"},
    ),
    # English news agencies write "after midnight Thursday" for early on Thursday
    "after-midnight-of-a-weekday-en-is-that-day": Example(
        "An air strike after midnight Thursday killed five civilians in the village of Bala.",
        {"date": "2022-11-03"},
    ),
    "the-night-of-a-weekday-is-that-day": Example(
        "قتل ثلاثة مدنيين بغارات ليل الخميس على بلدة عرمان.", {"date": "2022-11-03"}
    ),
    "a-caption-with-its-credit-in-square-brackets": Example(
        "Airstrike injures five civilians in Idlib\n\n"
        "Smoke rises after airstrikes in Binnish town, northwestern Syria, on 3 August 2022. "
        "[Asaad Al Asaad - Anadolu Agency]\n"
        "Five civilians were injured in an airstrike on al-Rami village on Saturday, the "
        "White Helmets said.",
        {"date": "2022-11-05", "place.name": "al-Rami"},
    ),
    "the-agencys-brackets-after-a-wrong-dateline": Example(
        "Beirut, Oct 6 (AP) Six people from one family were killed in an artillery strike on "
        "a village in Idlib province on Saturday, activists said.",
        {"date": "2022-11-05"},
    ),
}

# what stays as it was: a bulletin's own day where its body tells no other; a day told in a
# sentence beside the telling; a day in brackets that does not open the text
PAGE_DAYS_KEPT = {
    "bulletin-title-alone": Example(
        "Syria – Clashes in a camp (ECHO Daily Flash of 06 November 2022)\n\n"
        "Armed clashes took place in the camp. Two dead people were received by its clinic.",
        {"date": "2022-11-06"},
    ),
    "telling-in-the-same-sentence": Example(
        "A war monitor said late on Friday that shelling had killed two people in Sarmin.",
        {"date": "2022-11-04"},
    ),
    "a-day-and-hour-told-as-the-attack": Example(
        "The shelling of Sarmin on 3 November 2022, 10:30 killed two people.",
        {"date": "2022-11-03"},
    ),
}


@pytest.mark.parametrize(
    "example", cases(ORDINAL_DAYS, PAGE_DAYS, HIJRI_LINES, NIGHTS_AND_CAPTIONS, PAGE_DAYS_KEPT)
)
def test_days_of_pages_and_ordinals(example: Example) -> None:
    assert example.found() == example.expect


def test_an_ordinal_day_of_a_later_month_is_last_years() -> None:
    """ "21st December" read on 6 November 2022 is the December gone by."""
    text = "A drone struck a car on 21st December near Sarmada, killing its driver."
    assert extract(text, ref_date=SUNDAY).incidents[0]["date"].value == "2021-12-21"


def test_an_ordinal_is_no_day_without_a_month() -> None:
    """ "the 3rd attack this week" tells no day: the weekday told is the day."""
    text = "The 3rd attack this week killed two people in Sarmin on Friday."
    assert extract(text, ref_date=SUNDAY).incidents[0]["date"].value == "2022-11-04"
