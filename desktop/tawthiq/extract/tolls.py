"""The incident's tolls from the casualty figures found in a report: which figure is the
toll of everyone and of children, women and men, with how sure the reading is."""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence
from itertools import pairwise

from tawthiq.extract.casualties import Figure, harm_cues
from tawthiq.extract.casualty_words import ANOTHER_INCIDENT
from tawthiq.extract.gazetteer import Place
from tawthiq.extract.place_asides import no_harm_told
from tawthiq.extract.result import FieldResult, exact_count
from tawthiq.extract.tokens import Token, sentence_end


def toll_of(figures: list[Figure], category: str, group: str | None) -> FieldResult:
    """The toll of ``category`` (killed, injured) for ``group`` (None: everyone) with its
    evidence, its min/max and whether it is approximate."""
    pool = [f for f in figures if f.category == category and f.group == group and not f.cumulative]
    if not pool:
        return FieldResult(extra={"min": None, "max": None, "approximate": False})
    if all(f.max == 0 for f in pool):  # "a number of civilians were injured": no figure
        spans = tuple((f.start, f.end) for f in pool)
        return FieldResult(None, 0.3, spans, {"min": None, "max": None, "approximate": True})
    pool = [f for f in pool if f.max > 0]
    exact = [f for f in pool if f.min == f.max] or pool  # "at least 4" beats "hundreds"
    updates = [f for f in exact if f.update]
    # the lead gives the toll; a rise updates it, and a toll only rises
    pick = max(updates, key=lambda f: (f.max, f.start)) if updates else exact[0]
    if pick.approximate and not updates:
        pick = next((f for f in exact if _told_precisely(pick, f)), pick)
    if not updates:
        pick = _whole_of(pool, pick)
    spans = tuple((f.start, f.end) for f in pool if (f.min, f.max) == (pick.min, pick.max))
    # Less sure when the report gives other figures for the same people, or a vague one.
    others = {(f.min, f.max) for f in exact} - {(pick.min, pick.max)}
    confidence = 0.5 if pick.approximate else 0.85 if not others else 0.65
    return FieldResult(
        pick.min,
        confidence,
        spans,
        {"min": pick.min, "max": pick.max, "approximate": pick.approximate},
    )


def _whole_of(pool: list[Figure], pick: Figure) -> Figure:
    """ "Five medical staff injured" in the title, "17 people were injured, including 5
    medical staff" further on: the title told some of them; the whole is the toll."""
    for k, f in enumerate(pool):
        if f is pick or not f.breakdown or (f.min, f.max) != (pick.min, pick.max):
            continue
        whole = next((g for g in reversed(pool[:k]) if g.sentence == f.sentence), None)
        if whole is not None and not whole.breakdown and whole.min > f.max:
            return whole
    return pick


def _told_precisely(vague: Figure, f: Figure) -> bool:
    """ "More than 10 injured" in the lead, "the civil defence said 13 were injured" further
    on: the precise figure for the same people. Not one below the lead's floor, nor twice
    it, nor one told with an attack of its own ("at least four killed … shelling on Al-Bab
    killed eight"): those are other people."""
    if f.approximate or not vague.min <= f.min < 2 * vague.min:
        return False
    return f.sentence == vague.sentence or not f.with_attack


def total_toll(figures: list[Figure], category: str) -> FieldResult:
    """The toll: a figure for everyone, or else the people named ("three children were
    killed"). Named people told before a vague figure ("dozens dead" in a later sentence)
    are the toll; the vague figure is likely another event's."""
    figures = _in_passing_left_out(figures, category)
    # "Three men were killed, including a physician": some of a toll is not the toll
    grouped = [f for f in figures if f.category == category and f.group and not f.cumulative]
    some = [f for f in figures if f.category == category and f.group is None and f.breakdown]
    everyone = [f for f in figures if f.category == category and f.group is None]
    if grouped and some and len(some) == len(everyone) and grouped[0].start < some[0].start:
        figures = [f for f in figures if f not in some]
    total = toll_of(figures, category, None)
    if total.value is not None and not total.extra["approximate"]:
        return total
    named = _sum_of_groups(figures, category)
    if named.value is None or (named.extra["approximate"] and total.value is not None):
        return total  # ("at least two children were killed" is the toll when none other is)
    if not total.spans or named.spans[0][0] < total.spans[0][0]:
        return named  # (but "a number of people were injured, among them two children")
    return total


def _in_passing_left_out(figures: list[Figure], category: str) -> list[Figure]:
    """The injured: one person named in passing ("a child was also wounded", "وأصيب مسعف
    أثناء عمله") is not the toll when the report gives a figure for everyone ("20 people
    were injured") before or close after; a figure told far further on is likely another
    count ("killing one person and injuring another. … since January, over 50 injured")."""
    if category != "injured":
        return figures
    told = [
        f.sentence for f in figures
        if f.category == category and f.group is None and not f.one_named and f.max > 0
        and not f.cumulative
    ]  # fmt: skip
    first = min(told, default=None)
    return [
        f for f in figures
        if not (f.category == category and f.one_named
                and first is not None and first <= f.sentence + _CLOSE_AFTER)
    ]  # fmt: skip


_CLOSE_AFTER = 2  # sentences


_NEAR_TOLL = 300  # characters: a breakdown is told close to its toll


def keep_groups_within_total(fields: dict[str, FieldResult]) -> None:
    """Children and women among the killed cannot outnumber the killed: when the figures
    found disagree so (two incidents told together), the breakdown is left for a person."""
    total = fields["killed"]
    if total.value is None:
        return
    groups = ("killed_children", "killed_women")
    empty = {"min": None, "max": None, "approximate": False}
    # "Blast kills several children … seven children were killed": the figure told is more
    # than a word of about how many
    told = sum(int(fields[n].extra.get("min") or 0) for n in groups)
    top = total.extra.get("max")
    if total.extra.get("approximate") and told > int(total.value) and (top is None or told <= top):
        extra = {**total.extra, "min": told, "max": max(told, int(top or told))}
        spans = total.spans + tuple(s for n in groups for s in fields[n].spans)
        fields["killed"] = total = dataclasses.replace(total, value=told, extra=extra, spans=spans)

    def too_many() -> bool:
        named = sum(int(fields[n].extra.get("min") or 0) for n in groups)
        return named > int(total.extra["max"])

    if too_many():  # first leave out a figure told far from the toll (a month's tally)
        for n in groups:
            near = any(abs(s - t) < _NEAR_TOLL for s, _ in fields[n].spans for t, _ in total.spans)
            if fields[n].spans and total.spans and not near:
                fields[n] = FieldResult(extra=dict(empty))
    if too_many():
        for n in groups:
            fields[n] = FieldResult(extra=dict(empty))


def settle_breakdown(fields: dict[str, FieldResult], figures: list[Figure]) -> None:
    """When the people named make up the whole toll, the groups not named are none: "قتلت
    امرأة" (no child), "three men were killed" (no child, no woman), "eleven women and a
    man" (no child), "مقتل رجل وشقيقه" (no woman; a brother of no told age may be a child,
    as may a daughter: "رجل وابنته" settles no child).
    A toll with people left unnamed ("5 killed, including 2 children") settles nothing."""
    killed = fields["killed"]
    if killed.value is None:
        return
    men = toll_of(figures, "killed", "men")
    parts = [p for p in (fields["killed_children"], fields["killed_women"], men) if p.value]
    # "at least seven children were killed" with a toll of at least seven: the same people
    inexact = killed.extra.get("approximate") or killed.extra.get("min") != killed.extra.get("max")
    if inexact and not (
        len(parts) == 1
        and parts[0].extra["min"] == killed.extra["min"]
        and set(parts[0].spans) & set(killed.spans)
    ):
        return
    if not inexact and any(p.extra.get("approximate") for p in parts):
        return
    # brothers and sons are told in the toll's own figure ("قتل شقيقان", "رجل وابنه")
    males = max(
        (f.males for f in figures
         if f.category == "killed" and f.group is None and (f.start, f.end) in killed.spans),
        default=0,
    )  # fmt: skip
    if sum(int(p.value) for p in parts) + males != killed.value and not inexact:
        return
    spans = tuple(s for p in parts for s in p.spans) or killed.spans
    # a daughter or a sister of no told age ("رجل وابنته") may be a child
    told = set(spans) | set(killed.spans)
    kin = any(f.kin for f in figures if f.category == "killed" and (f.start, f.end) in told)
    for name in ("killed_children", "killed_women"):
        if fields[name].value is None and (name == "killed_women" or not (males or kin)):
            fields[name] = exact_count(0, 0.5, spans)


def _sum_of_groups(figures: list[Figure], category: str) -> FieldResult:
    """ "استشهد طفلان وامرأة" gives no total, but the total is the people named (in the
    first sentence that names them: a later one may be another incident)."""
    named = [f for f in figures if f.category == category and f.group and not f.cumulative]
    if named:
        figures = [f for f in named if f.sentence == named[0].sentence]
    parts = [toll_of(figures, category, g) for g in ("children", "women", "men")]
    parts = [p for p in parts if p.value is not None]
    if not parts:
        return toll_of([], category, None)
    lo = sum(p.extra["min"] for p in parts)
    hi = sum(p.extra["max"] for p in parts)
    spans = tuple(s for p in parts for s in p.spans)
    approximate = any(p.extra["approximate"] for p in parts)
    return FieldResult(lo, 0.6, spans, {"min": lo, "max": hi, "approximate": approximate})


def set_aside_earlier(
    figures: list[Figure], earlier: set[int], *, day_told: bool = False
) -> list[Figure]:
    """The figures told in sentences of an earlier event, taken out of this incident's toll
    (a month's tally of assassinations), unless that would leave it no toll at all while
    the incident's own day is only a guess (``day_told``: the report names it)."""
    own = [f for f in figures if f.sentence not in earlier and not f.cumulative]
    if not own and not day_told:
        return figures
    return [
        dataclasses.replace(f, cumulative=True) if f.sentence in earlier and not f.update else f
        for f in figures
    ]


_COMMA = re.compile(r"(?=[,،])(?:(?<!\d)[,،]|[,،](?!\d))")  # not inside "5,000"


def set_aside_elsewhere(
    figures: list[Figure], towns: list[tuple[int, int, tuple[Place, ...]]], text: str
) -> list[Figure]:
    """Two attacks told together: "three children were killed in Ariha and two women in
    Binnish", "قتل طفل بقصف على أريحا، وامرأتان بغارة على بنش". A figure is of the town
    named in its clause (between commas, in its sentence): the first after it, before the
    next figure, else the last before it, else the first after. One of another town than
    the first figure's of its kind is another attack's, not added to this one's toll (a rise
    of the toll and a breakdown of it are this one's: "بينهم طفلان نازحان من سراقب").
    ``towns``: (where it is named, its sentence, its candidates), in text order."""
    live = [f for f in figures if not f.cumulative]
    if not live or not towns:  # no figure to place, or no town to place it in
        return list(figures)
    commas = [m.start() for m in _COMMA.finditer(text)]
    in_clause: dict[tuple[int, int], list[tuple[int, tuple[Place, ...]]]] = {}
    for at, s, candidates in towns:  # (its sentence, the commas before it) names its clause
        in_clause.setdefault((s, bisect.bisect_left(commas, at)), []).append((at, candidates))
    starts = sorted(f.start for f in live)
    where: dict[int, set[str]] = {}
    for f in live:
        k = bisect.bisect_left(starts, f.end)
        nxt = starts[k] if k < len(starts) else len(text)
        mine = in_clause.get((f.sentence, bisect.bisect_left(commas, f.start)), [])
        after = [(at < nxt, c) for at, c in mine if f.end <= at]
        before = [c for at, c in mine if at < f.start]
        found = next((c for near, c in after if near), None)
        if found is None and before:
            found = before[-1]
        if found is None and after:  # past the next figure: "كما قتل سبعة وأصيب 12 … على بنش"
            found = after[0][1]
        if found:
            where[id(f)] = {p.pcode for p in found}
    anchor: dict[str, set[str]] = {}  # per category, the first figure's town
    for f in live:
        if id(f) in where:
            anchor.setdefault(f.category, where[id(f)])
    return [
        dataclasses.replace(f, cumulative=True)
        if id(f) in where and not (where[id(f)] & anchor[f.category] or f.update or f.breakdown)
        else f
        for f in figures
    ]


# "killing 13 and wounding as many", "13 were killed and as many were wounded", "ومثلهم جرحى";
# "twice as many", "half as many", "nearly as many" (about as many, approximate)
_AS_MANY = re.compile(
    r"(?:\b(?P<times>twice|three\s+times|half|nearly|almost|about|roughly)\s+)?"
    r"(?:\b(?:wounding|injuring|wounded|injured)\s+as\s+many\b"
    r"|\bas\s+many\s+(?:others\s+)?were\s+(?:wounded|injured|hurt)\b"
    r"|(?<=and\s)as\s+many\s+(?:others\s+)?(?:wounded|injured)\b)"
    r"|(?<![\u0621-\u064a])(?:و)?مثلهم\s+(?:من\s+)?(?:ال)?(?:جرحى|مصابين)",
    re.IGNORECASE,
)
_TIMES = {"twice": 2.0, "three times": 3.0, "half": 0.5}
_ANOTHER = re.compile(
    "|".join(rf"\b{w}\b" if w.isascii() else w for w in ANOTHER_INCIDENT), re.IGNORECASE
)


def as_many_wounded(fields: dict[str, FieldResult], text: str) -> None:
    """ "At least 13 were killed and as many were wounded": the wounded are as many as the
    dead, told in the sentence of the toll, where the report gives them no figure of their
    own (not in another attack: "and as many were wounded in a separate strike")."""
    killed, injured = fields["killed"], fields["injured"]
    if killed.value is None or injured.value is not None or not killed.spans:
        return
    first = killed.spans[0][0]
    end = sentence_end(text, first)
    m = _AS_MANY.search(text, first, end)
    if m is None or _ANOTHER.search(text, m.end(), min(end, m.end() + 40)):
        return
    times = " ".join((m.group("times") or "").lower().split())
    n = int(killed.value * _TIMES.get(times, 1.0))
    approximate = bool(killed.extra.get("approximate")) or (bool(times) and times not in _TIMES)
    extra = {"min": n, "max": n, "approximate": approximate}
    fields["injured"] = FieldResult(n, 0.5, ((m.start(), m.end()),), extra)


# what the attack did not do: hurt anyone ("دون وقوع إصابات", "no one was killed or injured"),
# not "no casualties were reported", "حتى الآن", nor harm to property ("خسائر مادية")
_PEOPLE_HARMED = re.compile(
    r"إصاب|اصاب|ضحايا|بشرية|قتلى|جرحى|casualt|injur|hurt|kill|wound|dead|death", re.IGNORECASE
)
_NOT_KNOWN = re.compile(
    r"أنباء|انباء|ورود|حتى الآن|حتى اللحظة|مادي|report|so far|yet|immediate", re.IGNORECASE
)
_AFTER_PHRASE = 4  # words: "دون تسجيل أي إصابات"
_LEAD_SENTENCES = 8  # the first sentences, where a report tells of its attack
_ZERO = {"min": 0, "max": 0, "approximate": False}


def no_one_harmed(
    fields: dict[str, FieldResult],
    figures: list[Figure],
    tokens: Sequence[Token],
    keys: Sequence[str],
    sentence: Sequence[int],
    text: str,
) -> None:
    """ "قصف مدفعي على المخيم دون وقوع إصابات", "no one was killed or injured": a report
    that tells of no one harmed anywhere, and says in its first sentences that the attack
    hurt no one, reads 0 killed (so no child and no woman among them) and 0 injured; "no
    one was killed" alone reads 0 killed. Null stays for a report that does not say, that
    says so only for now ("no casualties were reported", "حتى الآن"), or that tells of
    someone harmed, with a figure or without ("many people were injured")."""
    if fields["killed"].value is not None or fields["injured"].value is not None:
        return
    if any(f.category in ("killed", "injured") and not f.cumulative for f in figures):
        return
    said = [h for h in no_harm_told(tokens, keys) if sentence[h.first] < _LEAD_SENTENCES]
    quiet = {i for h in said for i in range(h.first, h.last + _AFTER_PHRASE)}  # "… أي إصابات"
    harmed = {h.payload for h in harm_cues(tokens, keys) if h.first not in quiet}
    for h in said:
        told = text[h.start : min(len(text), h.end + 40)]
        if _NOT_KNOWN.search(told) or not _PEOPLE_HARMED.search(told):
            continue
        names = ("killed", "injured") if h.payload else ("killed",)
        if harmed & set(names) or (h.payload and harmed):
            return  # someone harmed is told too: whom it spared is not the whole story
        for name in (*names, "killed_children", "killed_women"):
            fields[name] = FieldResult(0, 0.5, ((h.start, h.end),), dict(_ZERO))
        return


_HAD = frozenset({"كان", "كانت", "وكان", "وكانت", "كانوا", "وكانوا"})
_EARLIER = frozenset({"سبق", "وسبق"})
_PAST_SPAN = frozenset({("الاسبوع", "الماضي"), ("الاسبوع", "الفائت"), ("الشهر", "الماضي")})
_PAST_SPAN_EN = frozenset({("last", "week"), ("last", "month")})
_IN = frozenset({"في", "وفي"})
_APART = frozenset({"منفصل", "منفصله", "اخري", "اخر", "separate", "another"})
_APART_WORD = frozenset({"separately", "elsewhere"})
_TODAY = frozenset({"اليوم", "today", "tonight", "امس", "yesterday"})
_OPENING = 3  # words: where a sentence tells that it goes back in time


def told_of_another(tokens: Sequence[Token], sentence: Sequence[int], text: str) -> set[int]:
    """Sentences past the lead that open by going back to an earlier event, or to another
    one ("وفي حادث منفصل", "In a separate incident", "Separately"): "وكان الدفاع
    المدني قد أعلن …" (had), "وسبق أن قضى …" (before this), "Last week, …", "وفي الأسبوع
    الماضي"; not one that tells of today ("وكانت الطائرات قد قصفت البلدة صباح اليوم")."""
    opens: dict[int, int] = {}
    for i in range(len(tokens)):
        opens.setdefault(sentence[i], i)
    today = {sentence[i] for i, t in enumerate(tokens) if t.norm in _TODAY}
    # the lead, and a headline before it (a first line with no full stop), tell of this one
    line = text[: text.find("\n")] if "\n" in text else ""
    lead = 2 if line.strip() and not line.rstrip().endswith((".", "。")) else 1
    out: set[int] = set()
    for s, first in opens.items():
        if s < lead or s in today:
            continue
        words = [t.norm for t in tokens[first : first + 9] if sentence[first] == s]
        head = words[:_OPENING]
        # "وكان … قد", "يذكر أن الدفاع المدني كان قد أعلن": the pluperfect opening it
        had = any(w in _HAD for w in words[:6]) and "قد" in words
        before = bool(head) and head[0] in _EARLIER and "ان" in head[1:]
        pairs = set(pairwise(head))
        # "وفي حادث منفصل، أصيب ثلاثة أطفال", "In a separate incident, …": another one
        apart = bool(head) and (
            head[0] in _APART_WORD
            or (bool(set(head[1:]) & _APART) and (head[0] in _IN or head[0] in ("in", "a")))
        )
        if had or before or apart or pairs & (_PAST_SPAN | _PAST_SPAN_EN):
            out.add(s)
    return out
