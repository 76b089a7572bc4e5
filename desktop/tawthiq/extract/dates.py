"""Date and time-of-day mentions in a report, resolved against the day it was received.

Every mention is returned with its precision and whether it reads as background
("منذ مطلع العام 2023", "since early 2023"); choosing the incident's date among them is the
extractor's job, which also knows where the incident is described.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from tawthiq.extract.date_words import (
    HOUR_AFTER,
    DateMention,
    lexicon,
    mention,
    weekday_of,
)
from tawthiq.extract.phrases import Keys, exact_key
from tawthiq.extract.tokens import ARABIC_LETTER, Token, starts_of, tokenize

# (?=\d) first: every date starts with a digit, and with it said the scan skips to the digits
_NUMERIC = re.compile(
    r"(?=\d)(?:(?<!\d)(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})(?!\d)|(?<!\d)(\d{4})([-/.])(\d{1,2})\6(\d{1,2})(?!\d))"
)
_FAR_DAYS = timedelta(days=31)  # see the numeric dates
_YEAR = re.compile(r"19[5-9]\d|20\d\d")


_PAST_AFTER = frozenset({"الماضي", "الفائت", "المنصرم", "المنقضي"})
_MONTH_BEFORE = frozenset(
    {"شهر", "وشهر", "بشهر", "month", "last", "this", "early", "late", "mid", "in", "في"}
)  # "In September", "في أيلول": a month told
_MONTH_AFTER = _PAST_AFTER | {"الجاري", "الحالي"}


def _around(tokens: Sequence[Token], first: int, last: int) -> tuple[str, str]:
    """The words just before and just after tokens ``first`` to ``last``."""
    before = tokens[first - 1].norm if first > 0 else ""
    after = tokens[last + 1].norm if last + 1 < len(tokens) else ""
    return before, after


def _month_told(tokens: Sequence[Token], first: int, last: int) -> bool:
    """A month named with no day or year, as a month: "شهر أيار", "أيار الفائت", "last
    December" ("may" in lower case is a verb, not a month)."""
    if tokens[first].text.isascii() and tokens[first].text.islower():
        return False
    before, after = _around(tokens, first, last)
    return before in _MONTH_BEFORE or after in _MONTH_AFTER


def _told_past(tokens: Sequence[Token], first: int, last: int) -> bool:
    """ "31 كانون الأول الماضي", "last December": the one gone by, never one to come."""
    before, after = _around(tokens, first, last)
    return after in _PAST_AFTER or before == "last"


def _last_weekday(ref: date, weekday: int) -> date:
    """The most recent ``weekday`` on or before ``ref`` ("يوم الأحد", "on Sunday")."""
    return ref - timedelta(days=(ref.weekday() - weekday) % 7)


def _range_start(
    tokens: Sequence[Token], i: int, day: int, joined: bool, used: set[int]
) -> tuple[int, int]:
    """ "8–9 March", "8 و9 آذار", "8 and 9 March": days of one attack; it began on the
    first. The day and the token it is told by."""
    # ("8–9" is written close; "1- 9 آذار" opens an item of a numbered list)
    dashed = i > 0 and tokens[i - 1].dash_after and tokens[i].start - tokens[i - 1].end == 1
    j = i - 1 if joined or dashed else -1
    if j < 0 and i >= 2 and tokens[i - 1].norm in ("and", "to"):
        j = i - 2
    if j >= 0 and j not in used and _small(tokens[j].norm) and 1 <= int(tokens[j].norm) < day:
        return int(tokens[j].norm), j
    return day, i


def _small(norm: str) -> bool:
    """ASCII digits short enough to be a day ("፩" is a digit to Python, not to int())."""
    return norm.isascii() and norm.isdigit() and len(norm) <= 2


_ORDINAL_DAY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)")


def _ordinal_of_the_month(tokens: Sequence[Token], j: int) -> bool:
    """ "August 21st": the ordinal at ``j`` right after the month, with no comma between,
    and no name after it ("In November, 5th Corps …", "November 8th Brigade")."""
    joined = tokens[j].start - tokens[j - 1].end <= 1
    after = tokens[j + 1].text if j + 1 < len(tokens) else ""
    return joined and not after[:1].isupper()


def _day_of(norm: str) -> int | None:
    """The day a word tells beside a month: "6", "06", and in English "6th", "1st", "22nd"."""
    if _small(norm):
        return int(norm)
    m = _ORDINAL_DAY.fullmatch(norm) if norm.isascii() else None
    return int(m.group(1)) if m else None


# how many days after the report's own a day told without its year may be ("28 كانون
# الأول" read on 3 January is the December just past, "2 January" read on 28 December the
# coming one)
_AHEAD = 7


def _plausible(value: date, ref: date) -> bool:
    """Documented events happen after 1950 and not after the report was written."""
    return date(1950, 1, 1) <= value <= ref + timedelta(days=1)


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


@dataclass
class _Found:
    """Date mentions found so far, and the tokens they took."""

    text: str
    tokens: Sequence[Token]
    ref: date
    out: list[DateMention] = dataclasses.field(default_factory=list)
    used: set[int] = dataclasses.field(default_factory=set)
    at: dict[int, DateMention] = dataclasses.field(default_factory=dict)  # by first token

    def add(self, first: int, last: int, value: date, precision: str, **kw: bool) -> None:
        self.used.update(range(first, last + 1))
        m = mention(self.text, self.tokens, self.ref, (first, last), value, precision, **kw)
        self.out.append(m)
        self.at[first] = m


def _fixed_dates(
    text: str, tokens: Sequence[Token], ref: date, keys: Sequence[str] | None
) -> tuple[_Found, Keys]:
    """Dates written as dates: numeric, and month names with a day and/or a year."""
    lex = lexicon()
    found = _Found(text, tokens, ref)
    add, used = found.add, found.used
    starts = starts_of(tokens)
    # 1. Numeric dates: 16-2-2022, 6/11/2022 (day first), 2022-11-06.
    for m in _NUMERIC.finditer(text):
        if m.group(1):
            value = _safe(int(m.group(4)), int(m.group(3)), int(m.group(1)))
            # "10/08/2024 October 8, 2024" on an English page of 8 October: month first (US
            # style) is the day it was published; Arabic sources always write the day first
            swapped = _safe(int(m.group(4)), int(m.group(1)), int(m.group(3)))
            latin = not ARABIC_LETTER.search(text, max(0, m.start() - 40), m.end() + 40)
            if value and swapped == ref and latin and not timedelta(0) <= ref - value <= _FAR_DAYS:
                value = swapped
        else:
            value = _safe(int(m.group(5)), int(m.group(7)), int(m.group(8)))
        first_i = bisect.bisect_left(starts, m.start())
        last_i = bisect.bisect_left(starts, m.end()) - 1
        if last_i < first_i:
            continue
        if value is None or not _plausible(value, ref):
            add(first_i, last_i, ref, "none", stamp=True)  # "31/11/2022": no date, no people
            continue
        # "02/02/2022 - 15:14": when a page was published, not when anything happened
        add(first_i, last_i, value, "day", stamp=bool(HOUR_AFTER.match(text, m.end())))
    # 2. Month names with a day and/or a year around them.
    # "اليوم" is today; "يوم" is only "day"
    exact = keys.exact() if isinstance(keys, Keys) else Keys(tokens, exact_key)
    for hit in lex.months.find(tokens, keys):
        if hit.first in used:
            continue
        month, first, last = hit.payload, hit.first, hit.last
        day = year = None
        before = [i for i in (first - 1, first - 2) if i >= 0 and i not in used]
        for i in before:  # "6 تشرين", "3 من شباط", "6th August", "the 3rd of August"
            norm = tokens[i].norm
            bare = norm[1:] if norm[:1] == "و" and _small(norm[1:]) else norm  # "8 و9 آذار"
            told = _day_of(bare)
            if told is not None and 1 <= told <= 31:
                day, first = told, i
                day, first = _range_start(tokens, i, day, bare != norm, used)
                break
            if tokens[i].norm in lex.ordinals:  # "في الرابع من أيلول"
                day, first = lex.ordinals[tokens[i].norm], i
                break
            if tokens[i].norm not in ("من", "the", "of"):
                break
        j = last + 1
        while j < len(tokens) and j <= last + 3:
            norm = tokens[j].norm
            if re.fullmatch(r"[0-9]{4}", norm):
                year, last = int(norm), j
                break
            told = _day_of(norm) if day is None else None
            # "November 6, 2022", "August 21st"; not "In November, 5th Corps"
            if (
                told is not None
                and told <= 31
                and (_small(norm) or _ordinal_of_the_month(tokens, j))
            ):
                day, last = told, j
            elif (norm,) in lex.months._index or norm in ("عام", "سنه"):
                last = j  # "مايو/أيار": the second name of the same month
            elif norm in _MONTH_TO_YEAR:
                pass  # "آذار من العام 2018", "مارس العام 2018", "March of 2018"
            elif not norm.isdigit():
                break
            j += 1
        if day is None and year is None and not _month_told(tokens, first, last):
            continue  # "may" alone is not a date
        latest = ref
        if year is None:  # the latest such day on or before the report ("29 شباط", "31 كانون")
            # or a few days after it: "on 4 January" in a report dated 3 January, its day
            # given a day or two early, is not a year back (a month is told only once begun)
            ahead = day is not None and not _told_past(tokens, first, last)
            latest = ref + timedelta(days=_AHEAD if ahead else 0)
            candidates = (_safe(ref.year + 1 - k, month, day or 1) for k in range(10))
            value = next((v for v in candidates if v is not None and v <= latest), None)
        else:
            value = _safe(year, month, day or 1)
        if value is None or not _plausible(value, max(ref, latest)):
            add(first, last, ref, "none", stamp=True)  # "31 تشرين الثاني": no date, no people
            continue
        add(first, last, value, "day" if day else "month", month_alone=not (day or year),
            on_ref=year is None)  # fmt: skip
    return found, exact


# the words between a month and its year ("من العام", "of")
_MONTH_TO_YEAR = frozenset({"من", "العام", "السنه", "of"})


def _told_today(found: _Found, hits: Sequence[Any]) -> date | None:
    """The day the text itself says it was written: its page's stamp or dateline, or the
    date written beside its "today" ("صباح اليوم الأحد 6 تشرين الثاني 2022")."""
    page = [
        m.value
        for m in found.out
        if m.page and m.precision == "day" and not m.on_ref and m.value <= found.ref
    ]
    if page:
        return page[0]
    tokens = found.tokens
    for hit in hits:
        after = hit.last + 1
        if after < len(tokens) and weekday_of(tokens[after]) is not None:
            after += 1  # "اليوم الأحد 6 تشرين الثاني 2022"
        told = found.at.get(after)
        if told is not None and told.precision == "day" and not told.on_ref:
            return told.value - timedelta(days=hit.payload)
    return None


def text_date(text: str, ref: date | None = None) -> date | None:
    """The day a text says it was written, if it says: a stamp or a dateline on its page, or
    the date written beside its "today" — never a day it tells of as history or background.

    >>> text_date("قتل مدنيان صباح اليوم الأحد 6 تشرين الثاني 2022 في إدلب")
    datetime.date(2022, 11, 6)
    >>> text_date("قُتل 9 اليوم. وتوصلت أنقرة وموسكو إلى اتفاق في 5 مايو/أيار 2020") is None
    True
    """
    ref = ref or date.today()
    tokens = tokenize(text)
    found, exact = _fixed_dates(text, tokens, ref, None)
    hits = [h for h in lexicon().relative.find(tokens, exact) if h.first not in found.used]
    return _told_today(found, hits)


def find_dates(
    text: str, tokens: Sequence[Token], ref: date, keys: Sequence[str] | None = None
) -> list[DateMention]:
    """Every date mention, in text order.

    >>> ref = date(2022, 11, 6)  # a Sunday
    >>> def f(s):
    ...     return [(m.value.isoformat(), m.precision, m.time_of_day) for m in
    ...             find_dates(s, tokenize(s), ref)]
    >>> f("قصفت قوات النظام، صباح اليوم الأحد، المخيم")
    [('2022-11-06', 'day', 'morning')]
    >>> f("أمس السبت") + f("مساء الجمعة") + f("أول أمس")
    [('2022-11-05', 'day', None), ('2022-11-04', 'day', 'evening'), ('2022-11-04', 'day', None)]
    >>> f("في 6 تشرين الثاني 2022") + f("5 مايو/أيار 2020") + f("on November 6, 2022")
    [('2022-11-06', 'day', None), ('2020-05-05', 'day', None), ('2022-11-06', 'day', None)]
    >>> f("في 16-2-2022") + f("6/11/2022") + f("3 من شباط")
    [('2022-02-16', 'day', None), ('2022-11-06', 'day', None), ('2022-02-03', 'day', None)]
    >>> f("Tuesday night")
    [('2022-11-01', 'day', 'night')]
    >>> f("قتل اثنان أمس السبت 1 تشرين الأول 2022")
    [('2022-10-01', 'day', None), ('2022-10-01', 'day', None)]
    >>> s = "منذ مطلع العام 2023. وقتل في مارس/آذار 2020"
    >>> [(m.precision, m.background) for m in find_dates(s, tokenize(s), ref)]
    [('year', True), ('month', False)]
    """
    lex = lexicon()
    found, exact = _fixed_dates(text, tokens, ref, keys)
    add, used = found.add, found.used
    starts = starts_of(tokens)
    # 3. Relative days and weekdays, with a time of day next to them: counted from the
    # page's own date where it shows one (a stamp, a dateline, the date written beside its
    # "today"), else from the reference date.
    times = {h.first: h for h in lex.times.find(tokens, exact)}
    hits = [h for h in lex.relative.find(tokens, exact) if h.first not in used]
    told = _told_today(found, hits)
    ref = found.ref = told or ref
    on_ref = told is None
    for hit in hits:
        last, value = hit.last, ref + timedelta(days=hit.payload)
        named = weekday_of(tokens[last + 1]) if last + 1 < len(tokens) else None
        if named is not None:
            last += 1  # "اليوم الأحد": the weekday names the same day
            # "مساء اليوم الثلاثاء" in a report dated Wednesday: written the evening before
            # it was posted; the weekday is the day
            day = _last_weekday(value, named)
            value = day if (value - day).days <= 2 else value
        clash = named is not None and value.weekday() != named
        add(hit.first, last, value, "day", relative=True, on_ref=on_ref, clash=clash)
    at = exact.positions()  # where each word stands: only weekdays and years are visited
    for i in _where(exact, at, lex.weekday_forms & at.keys()):
        tok = tokens[i]
        if i in used:
            continue
        weekday = weekday_of(tok)
        if weekday is None or (tok.norm.isascii() and not tok.text[:1].isupper()):
            continue
        day = _last_weekday(ref, weekday)
        if day == ref and _told_past(tokens, i, i):  # "last Sunday" read on a Sunday
            day -= timedelta(days=7)
        if _after_its_midnight(tokens, i) and day < ref:
            day += timedelta(days=1)  # "بعد منتصف ليل الأربعاء": early on Thursday
        add(i, i, day, "day", relative=True, on_ref=on_ref)
    # 4. Years alone ("2017", "العام 2023"): weak, background unless nothing better exists.
    years = [w for w in at if len(w) == 4 and _YEAR.fullmatch(w)]
    for i in _where(exact, at, years):
        if i not in used:
            add(i, i, date(int(tokens[i].norm), 1, 1), "year")
    out = _stamped_weekdays(text, sorted(found.out, key=lambda m: m.start))
    return [_with_time(m, starts, times) for m in out]


def _after_its_midnight(tokens: Sequence[Token], i: int) -> bool:
    """ "بعد منتصف ليل الأربعاء": the weekday at ``i`` is the night before the day it happened
    (English "after midnight Saturday" is early on Saturday, as news agencies write it)."""
    before = [t.norm for t in tokens[max(0, i - 3) : i]]
    # ("ليلة الأربعاء" may be the night before Wednesday: only "ليل" is read so)
    return before[:2] in (["بعد", "منتصف"], ["بعيد", "منتصف"]) and before[2:] == ["ليل"]


_STAMP_LINE = 60  # how long a page's stamp line may be ("الثلاثاء, 12 شباط/فبراير 2019 12:56")


def _stamped_weekdays(text: str, out: list[DateMention]) -> list[DateMention]:
    """A weekday on the short line of a page's stamp ("الثلاثاء, 12 شباط 2019 12:56") is
    the stamp's, not a day told."""
    lines = {text.rfind("\n", 0, m.start) for m in out if m.stamp}
    # "الاثنين 2 ربيع الأول 1447 هـ – 25 آب 2025": a page's line with the Hijri date
    hijri = {text.rfind("\n", 0, h.start()) for h in _HIJRI.finditer(text)}
    if not lines and not hijri:
        return out
    return [
        dataclasses.replace(m, stamp=True, background=True)
        if not m.stamp and (line := text.rfind("\n", 0, m.start)) in lines | hijri
        and (m.relative or line in hijri)
        and len(text[line + 1 :].split("\n", 1)[0]) <= _STAMP_LINE
        else m
        for m in out
    ]  # fmt: skip


_HIJRI = re.compile(r"\d{4}\s*(?:هـ|ه\b|هجري)")


def _where(exact: Keys, at: dict[str, list[int]], words: Iterable[str]) -> list[int]:
    """The token indices, ascending, of the words written exactly as one of ``words``."""
    return sorted(i for w in words for i in at[w] if exact[i] == w)


def _with_time(m: DateMention, starts: list[int], times: dict[int, Any]) -> DateMention:
    """Attach "صباح", "مساء", "night" … written just before or after the date."""
    first = bisect.bisect_left(starts, m.start)
    last = bisect.bisect_left(starts, m.end) - 1
    if last < first:
        return m
    for i in (first - 1, first - 2, last + 1):
        hit = times.get(i)
        if hit is not None:
            start, end = min(m.start, hit.start), max(m.end, hit.end)
            return dataclasses.replace(m, start=start, end=end, time_of_day=hit.payload)
    return m
