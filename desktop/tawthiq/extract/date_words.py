"""A date told by words of a report, and what the words around it say of it: a dateline,
a stamp, a photo's caption, background ("منذ مطلع العام 2023"), when it was said rather
than done. The words Tawthiq knows for dates (months, weekdays, "today", times of day)
are read here once."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from tawthiq.domain.resources import read_json
from tawthiq.extract.phrases import PhraseIndex, exact_key
from tawthiq.extract.tokens import Token, tokenize

_LINE_DASH = re.compile(r"\s[–—-]\s")
_PHOTO = re.compile(  # (?=…): the first letters, for the search to skip to
    r"(?=[piاص])(?:\b(?:photo|picture|image)\s*(?:credit)?\s*:|(?:الصورة|صورة)\s*:)", re.I
)
_CREDIT_END = re.compile(r"[-–—]{1,2}\s*(?:photo|picture)\s*:\s*[\w .]{1,30}$", re.I)
# a photograph's credit in square brackets closing its caption's line
_BRACKET_CREDIT = re.compile(
    r"\[[^\[\]\n]*\b(?:agency|images|afp|reuters|getty|anadolu|photo)\b[^\[\]\n]*\]\s*$",
    re.IGNORECASE,
)
_CREDIT = re.compile(r"\s*\([^()\n]{2,40}\)\s*")  # "(عنب بلدي)", "(AFP)" ending a caption
_YEAR_WORDS = frozenset({"عام", "العام", "عاما"})
# "… 2025 (AFP) - ", "(BSS/AFP) -", "(dpa/MIA) -": the agencies after a dateline's date
# (or the agency's brackets alone: "Beirut, Dec 12 (AP) Six people …")
_DATELINE_TAIL = re.compile(
    r"\s*\)?\s*(?:(?:\((?:\w+|[A-Za-z]+(?:/[A-Za-z]+)+)\))?\s*[–—-]\s"
    r"|\([A-Z][A-Za-z]*(?:/[A-Za-z]+)*\)\s+(?=[A-Z]))"
)
# the hour after a date ("02/02/2022 - 15:14", "06th February 2020 | 01:00 AM"): a page's stamp
HOUR_AFTER = re.compile(r"\s*[-–,|]?\s*\d{1,2}:\d{2}")
# (a city before the brackets, in capitals or one capitalised name: "MOSCOW (", "Beirut, (")
_PAREN_DATELINE = re.compile(
    r"\s*(?:[A-Z][A-Za-z'’-]+(?:[ /]+[A-Z][A-Za-z'’-]+){0,2},?\s*)?\([^()\n]{2,50}[-–—]\s*"
)
# "(Beirut, January 16, 2020) –" opening a paragraph, wherever the paragraph is
_DATELINE_HEAD = re.compile(r"(?:^|\n)\s*\(?[^\n(),.]{1,30},\s*$")
_WORDISH = re.compile(r"\w")


@dataclass(frozen=True, slots=True)
class DateMention:
    value: date
    precision: str  # day | month | year; "none" for words that only look like a date
    start: int
    end: int
    relative: bool
    background: bool
    time_of_day: str | None = None
    stamp: bool = False  # "3/3/2023 – 11:20": a date stamped with a clock time
    month_alone: bool = False  # "شهر تشرين الأول الماضي": a month, no day, no year
    # the page's own date (a stamp, a dateline, "as of"): when it was written
    page: bool = False
    # counted from the reference date, not told by the text ("اليوم", "on Sunday", "6 May"
    # with no year): only as right as that date
    on_ref: bool = False
    # "اليوم الأحد" counted to a Wednesday: the weekday told beside it is another day
    clash: bool = False


@dataclass(frozen=True)
class Lexicon:
    months: PhraseIndex[int]
    weekdays: dict[str, int]
    relative: PhraseIndex[int]
    times: PhraseIndex[str]
    background: frozenset[str]
    of_the_place: frozenset[str]  # "captured in March of 2012": what became of a place
    began: frozenset[str]  # "انطلاق الثورة في آذار 2011": when a war or a campaign began
    speech: frozenset[str]  # "أفاد الدفاع المدني اليوم": the day it was said
    clause: frozenset[str]  # "إن", "that": what was said begins
    ordinals: dict[str, int]
    weekday_forms: frozenset[str]  # "الأحد", "والأحد", "بالأحد" ...


@cache
def lexicon() -> Lexicon:
    d: dict[str, Any] = read_json("extract/dates.json")
    return Lexicon(
        months=PhraseIndex(d["months"].items()),
        weekdays=d["weekdays"],
        relative=PhraseIndex(d["relative_days"].items(), exact_key),
        times=PhraseIndex(d["times_of_day"].items(), exact_key),
        background=frozenset(t.norm for w in d["background_before"] for t in tokenize(w)),
        of_the_place=frozenset(t.norm for w in d["of_the_place_before"] for t in tokenize(w)),
        began=frozenset(t.norm for w in d["began_before"] for t in tokenize(w)),
        speech=frozenset(t.norm for w in d["speech_before"] for t in tokenize(w)),
        clause=frozenset(t.norm for w in d["speech_clause"] for t in tokenize(w)),
        ordinals=d["ordinal_days"],
        weekday_forms=frozenset(p + w for w in d["weekdays"] for p in ("", "و", "ب"))
        | {w + "'s" for w in d["weekdays"] if w.isascii()},  # "Friday's attack"
    )


def weekday_of(tok: Token) -> int | None:
    w = lexicon().weekdays
    norm = tok.norm
    for candidate in (
        norm,
        norm.removeprefix("و"),
        norm.removeprefix("ب"),
        norm.removesuffix("'s"),
    ):
        if candidate in w:
            return w[candidate]
    return None


def _since(tokens: Sequence[Token], first: int) -> bool:
    return any(t.norm in ("منذ", "since") for t in tokens[max(0, first - 2) : first])


# "خلال شهر أيار", "during 2020" are periods gone by; "خلال قصف يوم الجمعة", "during
# shelling on Friday" name the incident's day
_PERIOD_ONLY = frozenset({"خلال", "during", "throughout"})
# English words of telling or publishing: what follows them is the day it was told only
# when nothing but the date's words (or whom it was told) come between
_TELLING = frozenset({"says", "issued", "modified", "updated", "published"})
_TOLD_GAP = frozenset(
    {"on", "early", "late", "this", "last", "the", "a", "an", "in", "at", "of", "reporters",
     "journalists", "us", "him", "her", "them", "media", "press"}
)  # fmt: skip


def _told_then(text: str, tokens: Sequence[Token], k: int, first: int) -> bool:
    """Whether the English verb of telling at ``k`` tells when the date at ``first`` is:
    "said late on Friday", "told AFP on Saturday" do; "said shelling on Friday killed
    three" tells what was said, and the day is the shelling's; "killed, activists said,
    early Sunday" sets the telling apart, and the day is the killing's."""
    if not tokens[k].norm.isascii():
        return True  # "قال الدفاع المدني اليوم": the one who said it comes between
    if k + 1 < len(tokens) and "," in text[tokens[k].end : tokens[k + 1].start]:
        return False
    return all(
        not t.norm.isalpha() or t.norm in _TOLD_GAP or t.text[:1].isupper()
        for t in tokens[k + 1 : first]
    )


def of_the_place(tokens: Sequence[Token], first: int, precision: str = "day") -> bool:
    """Whether the date at ``first`` tells what became of a place ("a town rebels captured
    in March of 2012", "التي سيطرت عليها فصائل المعارضة في آذار"), or, a month or a year,
    when a war or a campaign began ("انطلاق الثورة في آذار 2011"; "the shelling began at
    dawn on Saturday" tells the attack's day)."""
    lex = lexicon()
    words = lex.of_the_place | lex.began if precision in ("month", "year") else lex.of_the_place
    return any(t.norm in words for t in tokens[max(0, first - 5) : first])


_SENTENCE_END = re.compile(r"[.!?؟]")


def _sentence_opens(text: str, tokens: Sequence[Token], first: int, reach: int) -> int:
    """The first of the ``reach`` tokens before ``first`` in the date's own sentence ("…
    a war monitor reported late Monday. Late Sunday, warplanes launched …": the telling is
    the sentence before's)."""
    for k in range(first - 1, max(0, first - reach) - 1, -1):
        if _SENTENCE_END.search(text, tokens[k].end, tokens[k + 1].start):
            return k + 1
    return max(0, first - reach)


def _is_background(text: str, tokens: Sequence[Token], first: int, precision: str) -> bool:
    lex = lexicon()
    if of_the_place(tokens, first, precision):
        return True
    for k in range(_sentence_opens(text, tokens, first, 3), first):
        norm = tokens[k].norm
        # "عام 2020" is background; "البالغ من العمر 15 عاماً" is an age
        if norm not in lex.background or (
            norm in _YEAR_WORDS and k > 0 and tokens[k - 1].norm.isdigit()
        ):
            continue
        if norm in _PERIOD_ONLY and precision == "day":
            continue
        if (norm in lex.speech or norm in _TELLING) and not _told_then(text, tokens, k, first):
            continue
        return True
    # "بحسب ما أفاد الدفاع المدني السوري اليوم السبت": when it was said, not done
    for k in range(first - 1, _sentence_opens(text, tokens, first, _SAID_WITHIN) - 1, -1):
        norm = tokens[k].norm
        if norm in lex.clause or (_EVENT.match(norm) and tokens[k - 1].norm != "عن"):
            return False  # ("أفاد الدفاع المدني بمقتل 3 مدنيين بقصف يوم السبت": the attack's;
            # "أعلن الدفاع المدني عن القصف يوم السبت": what was told of, the day it was told)
        if norm in lex.speech or (norm[1:] in lex.speech and norm[:1] in ("و", "ف")):
            return _told_then(text, tokens, k, first)
    return False


# how many words before a date a verb of telling may stand ("ونقل قناة "تلفزيون سوريا"، على
# موقعها الإلكتروني، اليوم السبت، عن مصادر …")
_SAID_WITHIN = 8
# a word of the attack or its harm between the verb of telling and the date: the date is the
# attack's ("تبنى تنظيم داعش الهجوم على حافلة يوم الخميس")
_EVENT = re.compile(
    r"^(?:و|ف)?(?:ب|ل)?(?:ال)?(?:مقتل|قتل|قصف|هجوم|استهداف|غار|انفجار|تفجير|إصاب|اصاب|استشهاد)"
    r"|^(?:killed|killing|attack|attacks|strike|strikes|shelling|explosion|blast|bombing)$"
)
# a title of what was issued: a statement, a press release, a briefing, an update
_ISSUED = re.compile(
    r"statement|press release|briefing|remarks|flash update|daily flash|situation report"
    r"|بيان|تصريح|إحاطة",
    re.IGNORECASE,
)
_TITLE_TAIL = re.compile(r"\s*\)?\s*(?:\[[^\]]{0,12}\]|\([^)]{0,12}\))?\s*")
_OF_END = re.compile(
    r"\b(?:flash|update|bulletin|brief)\s+of\s*$", re.IGNORECASE
)  # "(ECHO Daily Flash of 04 January 2022)"
# how far from the start of a text its page's own date (a stamp, a byline's date) stands
_PAGE_TOP = 300
# words that make a date on its line the day something happened ("قتل شخصان في 3 …")
_TOLD_ON = frozenset({"في", "يوم", "منذ", "on", "in", "since", "at"})


def mention(
    text: str,
    tokens: Sequence[Token],
    ref: date,
    span: tuple[int, int],
    value: date,
    precision: str,
    *,
    relative: bool = False,
    stamp: bool = False,
    month_alone: bool = False,
    on_ref: bool = False,
    clash: bool = False,
) -> DateMention:
    """A date told by tokens ``span`` (first and last), with what the words around it say of
    it: a dateline, a stamp, a caption, background."""
    first, last = span
    # "BEIRUT, March 12 —": the dateline of the dispatch, not the day of the incident
    head = tokens[first].start
    dateline = (
        head < 40 or _DATELINE_HEAD.search(text, max(0, head - 40), head) is not None
    ) and bool(_DATELINE_TAIL.match(text, tokens[last].end))
    # "الباب – حلب اليوم": a short dateline line ("Halab Today" is an outlet)
    line_start = text.rfind("\n", 0, head) + 1
    line_end = text.find("\n", head)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end]
    dateline = dateline or (len(line) <= 40 and _LINE_DASH.search(line) is not None)
    before, after = text[line_start:head], text[tokens[last].end : line_end]
    # "MOSCOW (UrduPoint News / Sputnik - 06th February, 2020) Syrian militants …": the
    # outlet's and the day's brackets opening a dispatch
    dateline = dateline or (
        head < _PAGE_TOP
        and _PAREN_DATELINE.fullmatch(before) is not None
        and after.lstrip().startswith(")")
    )
    # "25 / آذار / مارس / 2024" on a line of its own: when the page was published (a date
    # that is all the text, as words picked for the date field, is that date)
    stamp = stamp or (not _WORDISH.search(before + after) and len(line.strip()) < len(text.strip()))
    # near the top, a whole date on a short line with a byline ("فريق التحرير 11 سبتمبر
    # 2019"), or opening a line before a dash ("13 June 2021 – The WHO condemns …")
    # (the page's own date is the day it was published, or the day before: "التاريخ: 5 آذار"
    # of a fact sheet, "مجزرة سوق أريحا 5 آذار 2024" of a headline tell the attack's)
    whole = precision == "day" and not on_ref and head < _PAGE_TOP and 0 <= (ref - value).days <= 1
    byline = (before + after).split()
    stamp = stamp or (
        whole
        and line_start > 0
        and len(line) <= 40
        and len(byline) <= 3
        and not _TOLD_ON.intersection(w.lower() for w in byline)
    )
    dateline = dateline or (
        whole and not before.strip() and bool(_DATELINE_TAIL.match(text, tokens[last].end))
    )
    # "Thu 06th February 2020 | 01:00 AM": the page's date with the hour it was put up
    stamp = stamp or (whole and len(line) <= 60 and HOUR_AFTER.match(after) is not None)
    # "Statement by …, on Violence Impacting Aid Workers in North-West Syria, 18 October
    # 2020 [EN/AR]", "… (ECHO Daily Flash of 04 January 2022)": the day a statement's title
    # closes on is the day it was issued
    stamp = stamp or (
        whole
        and line_start == 0
        and (before.rstrip().endswith((",", "-", "–", "—")) or _OF_END.search(before) is not None)
        and _TITLE_TAIL.fullmatch(after) is not None
        and _ISSUED.search(before) is not None
    )
    # "… في بلدة جباتا الخشب - 11 من أيار 2022 (عنب بلدي)": a photo's caption and credit
    captioned = before.rstrip().endswith(("-", "–", "—"))
    # "… -- PHOTO: REUTERS" closing a line: the line is a caption; "الصورة: …" after a
    # report on the same line: what follows it is
    photo = _PHOTO.search(line)
    caption = (
        (
            photo is not None
            and (_CREDIT_END.search(line) is not None or line_start + photo.start() < head)
        )
        or (captioned and _CREDIT.fullmatch(after) is not None)
        or _BRACKET_CREDIT.search(after) is not None  # "… on 3 August 2020. [X - Anadolu Agency]"
    )
    # "(as of 18 January 2024)": when a situation report was written
    as_of = [t.norm for t in tokens[max(0, first - 2) : first]] == ["as", "of"]
    # "منذ صباح اليوم", "since this morning": today, not a period long past
    since_today = relative and (ref - value).days <= 1 and _since(tokens, first)
    told = _is_background(text, tokens, first, precision) and not since_today
    background = stamp or dateline or caption or as_of or told
    start, end = tokens[first].start, tokens[last].end
    return DateMention(
        value, precision, start, end, relative, background, None, stamp, month_alone,
        page=(stamp or dateline or as_of) and not caption, on_ref=on_ref, clash=clash,
    )  # fmt: skip
