"""The incident's day among the days a report names: the one it tells of (a weekday, "today",
a date), how sure that is, and the sentences that tell of other days (history, an earlier
attack) whose tolls and actors are not this incident's."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from datetime import date

from tawthiq.extract.clock import find_clock_time
from tawthiq.extract.date_words import DateMention, of_the_place
from tawthiq.extract.published import in_the_background
from tawthiq.extract.result import FieldResult
from tawthiq.extract.tokens import Token

# the most a day counted from today's date can be trusted, when nobody said when the report
# was written: a report pasted days after it was published would have it wrong
GUESSED_DAY = 0.4


def date_field(
    mentions: list[DateMention], text: str, *, ref: date | None = None, ref_known: bool = True
) -> tuple[FieldResult, FieldResult]:
    usable = [m for m in mentions if not m.background]
    day = [m for m in usable if m.precision == "day"]
    # "🗓 3/3/2023 – 11:20" with no other day told: the stamp is the best there is
    stamps = [m for m in mentions if m.stamp and m.precision == "day"]
    # "شهر تشرين الأول الماضي" alone says when something else happened, not this incident;
    # nor does a month long past told after the lead ("… ضمن عملية درع الفرات التي انطلقت
    # في آب من عام 2016"): an old attack's month is told where the report opens
    month = next(
        (
            m for m in usable
            if m.precision == "month" and not m.month_alone
            and not (ref and (ref - m.value).days > 365 and in_the_background(text, m))
        ),
        None,
    )  # fmt: skip
    # "وقال المراسل اليوم الثلاثاء إن مدنياً قتل": with no other day told, the day it was
    # said is the best reading of the day it happened
    said = [m for m in mentions if m.background and m.precision == "day" and not m.stamp]
    said = said if not usable else []  # "killed in 2023, a report published on Sunday said"
    pick = day[0] if day else stamps[0] if stamps else month or (said[0] if said else None)
    if pick is None:
        return FieldResult(extra={"precision": None}), FieldResult()
    confidence = 0.9 if day else 0.4 if pick.stamp or pick.background else 0.5
    # another day told near it leaves the incident's in doubt; one years before is history
    # ("a ceasefire agreed on 5 May 2020"), not a rival
    if any(0 < abs((m.value - pick.value).days) <= 365 for m in day):
        confidence -= 0.2
    guessed = pick.on_ref and not ref_known
    if guessed or pick.clash:  # a day counted from today, or against the weekday told
        confidence = min(confidence, GUESSED_DAY)
    date_field = FieldResult(
        pick.value.isoformat(),
        confidence,
        ((pick.start, pick.end),),
        {"precision": pick.precision},
        "today" if guessed else "weekday" if pick.clash else None,
    )
    timed = next((m for m in day if m.value == pick.value and m.time_of_day), None)
    time_field = (
        FieldResult(timed.time_of_day, 0.7, ((timed.start, timed.end),)) if timed else FieldResult()
    )
    clock = find_clock_time(text)
    if clock is not None:  # "حوالي الساعة 2:10 من فجر اليوم": the hour is more precise
        time_field = FieldResult(clock[0], 0.6, ((clock[1], clock[2]),))
    return date_field, time_field


def history_sentences(
    mentions: list[DateMention],
    tokens: Sequence[Token],
    starts: list[int],
    sentence: Sequence[int],
    ref: date,
) -> set[int]:
    """Sentences whose tolls are history or running totals: they name a day over a year
    back ("بين 2011 و2013"), or count "since" a day more than a month back."""
    out = set()
    for m in mentions:
        i = bisect.bisect_left(starts, m.start)
        if i >= len(tokens):
            continue
        if of_the_place(tokens, i, m.precision):
            continue  # "in Sarmin, a town rebels captured in 2012": the place's history
        age = (ref - m.value).days
        since = any(t.norm in ("منذ", "since") for t in tokens[max(0, i - 3) : i])
        if age > 365 or (since and age > 30):
            out.add(sentence[i])
    return out


def other_days(
    mentions: list[DateMention], picked: FieldResult, starts: list[int], sentence: Sequence[int]
) -> set[int]:
    """Sentences that name a day (or a month) before the incident's: they tell of an earlier
    event ("وفي 29 آب الماضي قتل 3 عناصر بانفجار لغم …"), so who did it there, with what,
    is not this incident's. A later day goes on with this one ("the toll rose to 12 on
    Sunday", "the shelling continued on November 5"); a dateline or a page's stamp tells
    when it was written."""
    if picked.value is None:
        return set()
    day = date.fromisoformat(picked.value)
    out: set[int] = set()
    own: set[int] = set()
    for m in mentions:
        i = bisect.bisect_left(starts, m.start)
        if m.stamp or m.precision not in ("day", "month") or i >= len(sentence):
            continue
        if m.precision == "day":
            same, before = m.value == day, m.value < day
        else:
            same = m.value.timetuple()[:2] == (day.year, day.month)
            before = m.value < day.replace(day=1)
        if same:
            own.add(sentence[i])
        elif before:
            out.add(sentence[i])
    return out - own  # "ارتفع اليوم عدد قتلى قصف الأحد إلى 9" tells of the day too
