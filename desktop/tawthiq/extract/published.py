"""The incident's day when the report tells none: the day it was published.

A report of "قتل ثلاثة مدنيين بقصف على سرمين" or "Shelling killed three in Ariha" with no
day, weekday, "today" or month anywhere is most likely of the day it was published; that
day is given, marked unsure ("publication") so that someone checks it. A day counted from
today's date, for want of the day it was published, would be a guess of a guess: none is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from tawthiq.extract.date_words import DateMention
from tawthiq.extract.place_landmarks import HARM
from tawthiq.extract.result import FieldResult
from tawthiq.extract.tokens import sentence_end, sentence_start

# a period told instead of a day ("last week", "خلال الأيام الماضية"): the incident is of
# that period, not of the day the report came out (a month named, "in March", is a date
# mention already, and any mention keeps the publication day away)
_PERIOD = re.compile(  # (?=…): the first letters of them all, for the scan to skip to
    r"(?=[lpteoiاخم])"
    r"(?:\b(?:last|past|this|previous|earlier this|later this)\s+(?:week|weekend|month|year)\b"
    r"|\bover the past\b|\bin recent (?:days|weeks)\b"
    r"|الأسبوع الماضي|الأسبوع الفائت|الشهر الماضي|الشهر الفائت|الشهر الجاري|خلال الأيام"
    r"|خلال الأسبوع|منذ مطلع|منذ بداية|الأيام الماضية|الأسابيع الماضية|خلال شهر)",
    re.IGNORECASE,
)


def period_told(text: str) -> bool:
    """Whether the report tells a period rather than a day ("killed in March", "الأسبوع
    الماضي"): then the day it was published is no reading of the incident's day."""
    return _PERIOD.search(text) is not None


# where a report's lead ends, about: its title and first sentences
LEAD = 400
# how sure a day is that no word of the report tells, only the day it was published
PUBLISHED_DAY = 0.35


def _says_nothing_of_when(m: DateMention, ref: date | None, text: str) -> bool:
    """The page's own date ("BEIRUT, March 12 —", "(as of 6 November 2022)") tells when it
    was written; a year of background ("منذ عام 2011", "since 2011") tells of no day, nor
    does a month or a year long past told as background ("since March of 2012", "… التي
    انطلقت في آب من عام 2016")."""
    long_past = ref is not None and m.precision in ("month", "year") and (ref - m.value).days > 365
    told_aside = long_past and (m.background or in_the_background(text, m))
    return (
        (m.page and m.precision == "day") or (m.background and m.precision == "year") or told_aside
    )


def in_the_background(text: str, m: DateMention) -> bool:
    """A month or a year told after a report's lead in a sentence that tells no harm ("…
    ضمن عملية درع الفرات التي انطلقت في آب من عام 2016"): background, not when it happened
    ("In March 2018, Russian warplanes struck the market, killing 23" is an old attack's)."""
    start = sentence_start(text, m.start)
    if _TOLL.search(text, 0, start):
        return True  # a toll told before: "وكانت البلدة قد شهدت في آذار 2018 مجزرة" is history
    if m.start <= LEAD:
        return False
    return HARM.search(text, start, sentence_end(text, m.end)) is None


# a toll told in a lead: a number, a few words, a word of harm ("قتل 3 مدنيين", "killing five")
_NUMBER = (
    r"(?:\d+|[٠-٩]+|اثن|ثلاث|أربع|اربع|خمس|ست|سبع|ثمان|تسع|عشر|two|three|four|five|six"
    r"|seven|eight|nine|ten|eleven|twelve|dozens?)"
)
_TOLL = re.compile(
    rf"(?:{HARM.pattern})[^.\n]{{0,50}}?(?<![\w]){_NUMBER}"
    rf"|(?<![\w]){_NUMBER}\w*[^.\n]{{0,50}}?(?:{HARM.pattern})",
    re.IGNORECASE,
)


def published_day(
    mentions: Sequence[DateMention], ref: date | None, text: str = ""
) -> FieldResult | None:
    """The day the report was published as the incident's, when its words tell no date of
    their own (``mentions``, all of them): the page's own date where it shows one, else
    ``ref`` (None when nobody said when it was published: then no day at all)."""
    if not all(_says_nothing_of_when(m, ref, text) for m in mentions):
        return None
    page = [
        m
        for m in mentions
        if m.page and (ref is None or m.value <= ref) and not (ref is None and m.on_ref)
    ]
    spans: tuple[tuple[int, int], ...]
    if page:
        day, spans = page[0].value, ((page[0].start, page[0].end),)
    elif ref is not None:
        day, spans = ref, ()
    else:
        return None
    return FieldResult(day.isoformat(), PUBLISHED_DAY, spans, {"precision": "day"}, "publication")
