"""The extractor: report text in, the incident form's fields with their evidence out."""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence
from datetime import date

from tawthiq.extract.casualties import (
    Figure,
    counts_people,
    find_figures,
    history_cues,
    sentence_ids,
)
from tawthiq.extract.dates import DateMention, find_clock_time, find_dates
from tawthiq.extract.gazetteer import Gazetteer, PlaceMention
from tawthiq.extract.incidents import Reading, blank_outside, complement, other_incidents
from tawthiq.extract.phrases import Keys
from tawthiq.extract.places import choose_place, elsewhere_people
from tawthiq.extract.result import ExtractionResult, FieldResult, IncidentResult
from tawthiq.extract.tokens import Token, tokenize
from tawthiq.extract.vocab_fields import (
    as_field,
    first_sentences,
    rank,
    rank_spans,
    weapon_type,
)

MAX_CHARS = 200_000  # a report longer than this is read up to here
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_BLOCK = re.compile(r"</?(?:p|br|div|li|tr|h[1-6]|blockquote|section|article)\b", re.I)
_RAW = (("<!--", "-->"), ("<script", "</script>"), ("<style", "</style>"))
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,6});")


def blank_markup(text: str) -> str:
    """HTML pasted from a browser, with tags and entities blanked to spaces of the same
    length, so offsets still point into the text exactly as it was pasted.

    >>> blank_markup("<p>قتل <b>9</b> مدنيين&nbsp;</p>")
    '\\n  قتل    9     مدنيين      \\n   '
    """
    if "<" not in text and "&" not in text:
        return text
    blank = _unclosed_blocks(text)
    blank = _TAG.sub(_tag_blank, blank)
    return _ENTITY.sub(lambda m: " " * len(m.group()), blank)


def _tag_blank(m: re.Match[str]) -> str:
    """A tag as spaces; a tag that ends a block (</p>, <br>, </div>, </li>) as a line break
    and spaces, so paragraphs stay paragraphs."""
    tag = m.group()
    if _BLOCK.match(tag):
        return "\n" + " " * (len(tag) - 1)
    return " " * len(tag)


def _unclosed_blocks(text: str) -> str:
    """Comments, scripts and styles blanked by hand: a regex would re-scan the rest of the
    text for every opener that is never closed."""
    out, at = [], 0
    lower = text.lower()
    while True:
        starts = [(i, o, c) for o, c in _RAW for i in [lower.find(o, at)] if i >= 0]
        if not starts:
            out.append(text[at:])
            return "".join(out)
        i, opener, closer = min(starts)
        j = lower.find(closer, i + len(opener))
        end = len(text) if j < 0 else j + len(closer)
        out.append(text[at:i])
        out.append(" " * (end - i))
        at = end


def _language(tokens: Sequence[Token]) -> str:
    words = [t for t in tokens if not t.norm.isdigit()]
    if not words:
        return "ar"
    share = sum(t.is_arabic for t in words) / len(words)
    return "ar" if share > 0.8 else "en" if share < 0.2 else "mixed"


def _date_field(mentions: list[DateMention], text: str) -> tuple[FieldResult, FieldResult]:
    usable = [m for m in mentions if not m.background]
    day = [m for m in usable if m.precision == "day"]
    # "🗓 3/3/2023 – 11:20" with no other day told: the stamp is the best there is
    stamps = [m for m in mentions if m.stamp and m.precision == "day"]
    # "شهر تشرين الأول الماضي" alone says when something else happened, not this incident
    month = next((m for m in usable if m.precision == "month" and not m.month_alone), None)
    pick = day[0] if day else stamps[0] if stamps else month
    if pick is None:
        return FieldResult(extra={"precision": None}), FieldResult()
    confidence = 0.9 if day else 0.4 if pick.stamp else 0.5
    if len({m.value for m in day}) > 1:
        confidence -= 0.2
    date_field = FieldResult(
        pick.value.isoformat(), confidence, ((pick.start, pick.end),), {"precision": pick.precision}
    )
    timed = next((m for m in day if m.value == pick.value and m.time_of_day), None)
    time_field = (
        FieldResult(timed.time_of_day, 0.7, ((timed.start, timed.end),)) if timed else FieldResult()
    )
    clock = find_clock_time(text)
    if clock is not None:  # "حوالي الساعة 2:10 من فجر اليوم": the hour is more precise
        time_field = FieldResult(clock[0], 0.6, ((clock[1], clock[2]),))
    return date_field, time_field


def _count(figures: list[Figure], category: str, group: str | None) -> FieldResult:
    pool = [f for f in figures if f.category == category and f.group == group and not f.cumulative]
    if not pool:
        return FieldResult(extra={"min": None, "max": None, "approximate": False})
    exact = [f for f in pool if f.min == f.max] or pool  # "at least 4" beats "hundreds"
    updates = [f for f in exact if f.update]
    # the lead gives the toll; a rise updates it, and a toll only rises
    pick = max(updates, key=lambda f: (f.max, f.start)) if updates else exact[0]
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


def _total(figures: list[Figure], category: str) -> FieldResult:
    """The toll: a figure for everyone, or else the people named ("three children were
    killed"). Named people told before a vague figure ("dozens dead" in a later sentence)
    are the toll; the vague figure is likely another event's."""
    total = _count(figures, category, None)
    if total.value is not None and not total.extra["approximate"]:
        return total
    named = _sum_of_groups(figures, category)
    if named.value is None or (named.extra["approximate"] and total.value is not None):
        return total  # ("at least two children were killed" is the toll when none other is)
    if total.value is None or named.spans[0][0] < total.spans[0][0]:
        return named
    return total


_NEAR_TOLL = 300  # characters: a breakdown is told close to its toll


def _groups_within_total(fields: dict[str, FieldResult]) -> None:
    """Children and women among the killed cannot outnumber the killed: when the figures
    found disagree so (two incidents told together), the breakdown is left for a person."""
    total = fields["killed"]
    if total.value is None:
        return
    groups = ("killed_children", "killed_women")
    empty = {"min": None, "max": None, "approximate": False}

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


def _none_among_the_men(fields: dict[str, FieldResult], men: FieldResult) -> None:
    """ "قتلت الشاب": when every one killed is a man, no child and no woman was killed."""
    killed = fields["killed"]
    if killed.value is None or killed.extra.get("approximate") or men.value != killed.value:
        return
    for name in ("killed_children", "killed_women"):
        if fields[name].value is None:
            fields[name] = FieldResult(
                0, 0.5, men.spans, {"min": 0, "max": 0, "approximate": False}
            )


def _sum_of_groups(figures: list[Figure], category: str) -> FieldResult:
    """ "استشهد طفلان وامرأة" gives no total, but the total is the people named (in the
    first sentence that names them: a later one may be another incident)."""
    named = [f for f in figures if f.category == category and f.group and not f.cumulative]
    if named:
        figures = [f for f in named if f.sentence == named[0].sentence]
    parts = [_count(figures, category, g) for g in ("children", "women", "men")]
    parts = [p for p in parts if p.value is not None]
    if not parts:
        return _count([], category, None)
    lo = sum(p.extra["min"] for p in parts)
    hi = sum(p.extra["max"] for p in parts)
    spans = tuple(s for p in parts for s in p.spans)
    approximate = any(p.extra["approximate"] for p in parts)
    return FieldResult(lo, 0.6, spans, {"min": lo, "max": hi, "approximate": approximate})


_BULLET = re.compile(r"[ \t]*[-–—•*·][ \t]*[0-9٠-٩]")


def _history_sentences(
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
        age = (ref - m.value).days
        since = any(t.norm in ("منذ", "since") for t in tokens[max(0, i - 3) : i])
        if age > 365 or (since and age > 30):
            out.add(sentence[i])
    return out


def _counts(m: DateMention, starts: list[int], keys: Sequence[str]) -> bool:
    nxt = bisect.bisect_left(starts, m.end)
    return nxt < len(keys) and counts_people(keys[nxt])


def _in_list(text: str, offset: int, attacks: list[int], figure_starts: set[int]) -> bool:
    """A figure on a line that opens with a bullet and a number is a statistic
    ("– 17 مدنيين بينهم طفلين", "– 60 استهداف أسفرت عن مقتل 13"), not a toll; but a line
    that opens with the figure and tells the attack is an incident of a daily tally
    ("- 5 مدنيين قتلوا بقصف مدفعي على بلدة ذيبان")."""
    line_start = text.rfind("\n", 0, offset) + 1
    bullet = _BULLET.match(text, line_start)
    if not bullet:
        return False
    line_end = text.find("\n", offset)
    line_end = len(text) if line_end < 0 else line_end
    opens = bullet.end() - 1 in figure_starts  # a toll is the bullet's number
    return not (opens and any(line_start <= a < line_end for a in attacks))


def _other_days(
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


def _earlier_tolls(figures: list[Figure], earlier: set[int]) -> list[Figure]:
    """The figures told in sentences of an earlier event, taken out of this incident's toll
    (a month's tally of assassinations), unless that would leave it no toll at all."""
    own = [f for f in figures if f.sentence not in earlier and not f.cumulative]
    if not own:
        return figures
    return [
        dataclasses.replace(f, cumulative=True) if f.sentence in earlier and not f.update else f
        for f in figures
    ]


# launchers, shelling, shells ("قذائف صاروخية"), surface-to-surface, "صواريخ محملة بـ"
_GROUND_FIRED = ("راجم", "قصف", "قذ", "أرض", "ارض", "محمل")


def _missiles_from_the_air(fields: dict[str, FieldResult], text: str) -> None:
    """Arabic has one word, "صاروخ", for rockets and missiles: fired in an air strike (and
    not from launchers on the ground) it is a missile."""
    weapons = fields["weapons"]
    if fields["incident_type"].value != "air_drone_strike" or "rocket" not in weapons.value:
        return
    told = [text[s:e] for s, e in weapons.spans]
    # each word for a rocket with the word after it ("صواريخ محملة بقنابل عنقودية")
    rocket_words = [text[max(0, s - 8) : e + 8] for s, e in weapons.spans if "صاروخ" in text[s:e]]
    rocket_words += [text[max(0, s - 8) : e + 8] for s, e in weapons.spans if "صواريخ" in text[s:e]]
    if not rocket_words or any(g in w for w in rocket_words for g in _GROUND_FIRED):
        return
    if any(w.isascii() and "rocket" in w.lower() for w in told):
        return  # "rockets" in English says which
    codes = ["missile" if c == "rocket" else c for c in weapons.value]
    fields["weapons"] = dataclasses.replace(weapons, value=list(dict.fromkeys(codes)))


def _read(
    text: str,
    ref: date,
    *,
    tokens: list[Token] | None = None,
    keys: Keys | None = None,
    places: Sequence[PlaceMention] | None = None,
) -> Reading:
    """Every field of the one incident this text is mostly about (``tokens``, their ``keys``
    and ``places`` may be given when they are already known for this text)."""
    tokens = tokenize(text) if tokens is None else tokens
    keys = Keys(tokens) if keys is None else keys
    sentence = sentence_ids(text, tokens)
    mentions = find_dates(text, tokens, ref, keys)
    starts = [t.start for t in tokens]
    # "2000 مدني" counts people; a bare "2000" would have been read as a year
    mentions = [m for m in mentions if not (m.precision == "year" and _counts(m, starts, keys))]
    date_tokens = {
        i for m in mentions
        for i in range(bisect.bisect_left(starts, m.start), bisect.bisect_left(starts, m.end))
    }  # fmt: skip
    # years back from the incident's own day, where it is told (an old report pasted today
    # is not history of itself), else from the reference date
    picked = _date_field(mentions, text)[0].value
    anchor = date.fromisoformat(picked) if picked else ref
    history = _history_sentences(mentions, tokens, starts, sentence, anchor)
    attacks = [s for s, _ in rank_spans("incident_type", tokens, keys)]
    figures = find_figures(tokens, keys, sentence, date_tokens)
    starts_f = {f.start for f in figures}
    fields: dict[str, FieldResult] = {}
    fields["date"], fields["time_of_day"] = _date_field(mentions, text)
    # another day's event ("أحصى … خلال شهر أيار الفائت مقتل 18 شخصا") has its own toll
    other_day = _other_days(mentions, fields["date"], starts, sentence)
    figures = [
        dataclasses.replace(f, cumulative=True)
        if _in_list(text, f.start, attacks, starts_f) or f.sentence in history
        else f
        for f in figures
    ]
    figures = _earlier_tolls(figures, other_day)
    for name in ("killed", "injured"):
        fields[name] = _total(figures, name)
    fields["killed_children"] = _count(figures, "killed", "children")
    fields["killed_women"] = _count(figures, "killed", "women")
    _groups_within_total(fields)
    _none_among_the_men(fields, _count(figures, "killed", "men"))
    # The incident is told where its toll is given, and in the headline and lead.
    # sentence 1 is the lead only after a headline (a short first sentence)
    lead = {0, 1} if sum(1 for s in sentence if s == 0) <= 20 else {0}
    focus = lead | {
        sentence[max(0, bisect.bisect_right(starts, s) - 1)]
        for name in ("killed", "injured")
        for s, _ in fields[name].spans
    }
    # another day's event names nothing of this incident but, maybe, its sources
    if focus == lead:  # no toll given: the first sentences that tell of an attack
        focus |= first_sentences("incident_type", tokens, keys, sentence, 2) - other_day
    language = _language(tokens)
    places = Gazetteer.load().find(text) if places is None else places
    # "Hayat Tahrir al-Sham" names a group, not the village of Hayat nor al-Sham (Damascus)
    actors = rank_spans("perpetrators", tokens, keys) + rank_spans("sources", tokens, keys)
    places = [m for m in places if not any(a <= m.start and m.end <= b for a, b in actors)]
    # where victims came from or were taken tells of no incident, this one or another
    away = elsewhere_people(tokens, keys, places)
    fields["place"] = choose_place(text, tokens, sentence, focus, language, places, keys, away)
    incident_places = tuple(m for k, m in enumerate(places) if k not in away)
    # "جسر الشغور" names a town, not a bridge that was hit
    named_places = [(m.start, m.end) for m in places if " " in text[m.start : m.end].strip()]
    # history ("Over the past few years, Assad's forces have …") names no one who did this one
    other = other_day - focus
    history_told = {sentence[bisect.bisect_left(starts, s)] for s in history_cues(tokens, keys)}
    for name in ("incident_type", "target", "weapons", "perpetrators", "sources"):
        skip = {
            "sources": set(),  # who told of an earlier event may well tell of this one
            "perpetrators": other | (history_told - focus),
        }.get(name, other)
        ranked = rank(name, tokens, keys, sentence, focus, names=named_places, other=skip)
        fields[name] = as_field(name, ranked, many=name not in ("incident_type", "target"))
    _missiles_from_the_air(fields, text)
    if fields["incident_type"].value is None and fields["weapons"].value:
        implied = weapon_type(fields["weapons"].value[0])  # "cluster munitions fired by ..."
        if implied:
            fields["incident_type"] = FieldResult(implied, 0.4, fields["weapons"].spans[:1])
    if not fields["perpetrators"].value and (figures or fields["incident_type"].value):
        # Harm is reported and nobody is named: that is what the code "unknown" records.
        fields["perpetrators"] = FieldResult(["unknown"], 0.3)
    cues = [f.start for f in figures]
    cues += attacks
    days = [m.start for m in mentions if m.precision == "day" and not m.background]
    past = [m.start for m in mentions if m.background or (ref - m.value).days > 30]
    past += history_cues(tokens, keys)
    armed = sorted(attacks + [s for s, _ in rank_spans("weapons", tokens, keys)])
    return Reading(
        fields, language, tuple(sorted(cues)), incident_places, tuple(tokens), keys, text,
        tuple(armed), tuple(days), tuple(past),
    )  # fmt: skip


def _inside(starts: list[int], keep: list[tuple[int, int]]) -> list[int]:
    """The indices of the ascending ``starts`` that fall inside any of the ``keep`` spans."""
    found: set[int] = set()
    for s, e in keep:
        found.update(range(bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)))
    return sorted(found)


def extract(text: str, ref_date: date | None = None) -> ExtractionResult:
    """Read one report: the most prominent incident first, then the other incidents the
    report tells of (in other governorates, or elsewhere in the same one)."""
    ref = ref_date or date.today()
    text = blank_markup(text[:MAX_CHARS]) if isinstance(text, str) else ""
    first = _read(text, ref)
    groups = other_incidents(text, first)
    if not groups:
        return ExtractionResult(first.language, (IncidentResult(first.fields),))

    def part(keep: list[tuple[int, int]]) -> Reading:
        """The text with only ``keep`` left; its words and places are those already found."""
        indices = _inside(token_starts, keep)
        return _read(
            blank_outside(text, keep), ref,
            tokens=[first.tokens[i] for i in indices],
            keys=first.keys.part(indices),
            places=[first.places[i] for i in _inside(place_starts, keep)],
        )  # fmt: skip

    token_starts = [t.start for t in first.tokens]
    place_starts = [m.start for m in first.places]

    headline = part(complement((0, len(text)), [r for g in groups for r in g])).fields
    others = []
    for group in groups:
        fields = part(group).fields
        if fields["date"].value is None and headline["date"].value is not None:
            d = headline["date"]
            fields["date"] = FieldResult(d.value, d.confidence * 0.5, (), dict(d.extra))
        others.append(IncidentResult(fields))
    return ExtractionResult(first.language, (IncidentResult(headline), *others))
