"""The extractor: report text in, the incident form's fields with their evidence out."""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence
from datetime import date

from tawthiq.extract import parts
from tawthiq.extract.all_of_them import settle_all_of_them
from tawthiq.extract.casualties import (
    counts_people,
    find_figures,
    history_cues,
    sentence_ids,
)
from tawthiq.extract.date_words import DateMention
from tawthiq.extract.dates import find_dates
from tawthiq.extract.day_fields import date_field, history_sentences, other_days
from tawthiq.extract.flags import read_flags
from tawthiq.extract.gazetteer import Gazetteer, PlaceMention
from tawthiq.extract.incidents import (
    Reading,
    Span,
    complement,
    names_town,
    other_incidents,
    sentence_of,
)
from tawthiq.extract.lone_dead import settle_grown_toll, settle_lone_dead
from tawthiq.extract.markup import blank_markup
from tawthiq.extract.named_dead import settle_named_men
from tawthiq.extract.phrases import Keys
from tawthiq.extract.place_asides import elsewhere_people
from tawthiq.extract.place_tolls import toll_of_the_place
from tawthiq.extract.places import choose_place
from tawthiq.extract.published import period_told, published_day
from tawthiq.extract.result import Aside, ExtractionResult, FieldResult, IncidentResult
from tawthiq.extract.roundups import headlines_left_out, set_aside_several, several_told
from tawthiq.extract.tokens import Token, script_of, starts_of, tokenize
from tawthiq.extract.tolls import (
    as_many_wounded,
    keep_groups_within_total,
    no_one_harmed,
    set_aside_earlier,
    set_aside_elsewhere,
    settle_breakdown,
    told_of_another,
    toll_of,
    total_toll,
)
from tawthiq.extract.vocab_fields import (
    as_field,
    covered,
    first_sentences,
    rank,
    rank_spans,
    weapon_type,
)

MAX_CHARS = 200_000  # a report longer than this is read up to here
# "yesterday", "last Sunday" are read by stepping days back or on from the reference day: one
# at the very ends of the calendar is moved in far enough for those steps to stay dates
_EARLIEST_REF, _LATEST_REF = date(1, 2, 1), date(9999, 11, 30)


def _language(tokens: Sequence[Token], keys: Keys) -> str:
    scripts = keys.scripts
    if scripts is None:
        scripts = [script_of(t[1]) for t in tokens]
    words = len(scripts) - scripts.count(0)
    if not words:
        return "ar"
    share = scripts.count(1) / words
    return "ar" if share > 0.8 else "en" if share < 0.2 else "mixed"


_BULLET = re.compile(r"[ \t]*[-–—•*·][ \t]*[0-9٠-٩]")


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


_NO_HARM_TYPES = ("arrest", "abduction_disappearance", "looting_destruction")
# launchers, shelling, shells ("قذائف صاروخية"), surface-to-surface, "صواريخ محملة بـ"
_GROUND_FIRED = ("راجم", "قصف", "قذ", "أرض", "ارض", "محمل")


def _missiles_from_the_air(fields: dict[str, FieldResult], text: str) -> None:
    """Arabic has one word, "صاروخ", for rockets and missiles: fired in an air strike (and
    not from launchers on the ground) it is a missile."""
    weapons = fields["weapons"]
    if fields["incident_type"].value != "air_drone_strike" or "rocket" not in weapons.value:
        return
    told = [(text[s:e], text[max(0, s - 8) : e + 8]) for s, e in weapons.spans]
    # each word for a rocket with the words around it ("صواريخ محملة بقنابل عنقودية")
    rocket_words = [around for word, around in told if "صاروخ" in word or "صواريخ" in word]
    if not rocket_words or any(g in w for w in rocket_words for g in _GROUND_FIRED):
        return
    if any(word.isascii() and "rocket" in word.lower() for word, _ in told):
        return  # "rockets" in English says which
    codes = ["missile" if c == "rocket" else c for c in weapons.value]
    fields["weapons"] = dataclasses.replace(weapons, value=list(dict.fromkeys(codes)))


# the day Damascus fell: Hayat Tahrir al-Sham and its General Security became the government
_NEW_AUTHORITIES = date(2024, 12, 8)


def _the_new_authorities(fields: dict[str, FieldResult]) -> None:
    """After 8 December 2024 the forces of HTS and its General Security ("الأمن العام")
    are the Syrian government's; before it, HTS's."""
    day, found = fields["date"].value, fields["perpetrators"]
    if not day or "hts" not in found.value or fields["date"].unsure == "today":
        return  # (a day counted from today's date, for want of the report's own, tells nothing)
    if date.fromisoformat(day) < _NEW_AUTHORITIES:
        return
    codes = ["syrian_government" if c == "hts" else c for c in found.value]
    fields["perpetrators"] = dataclasses.replace(found, value=list(dict.fromkeys(codes)))


def _read(
    text: str,
    ref: date,
    *,
    tokens: list[Token] | None = None,
    keys: Keys | None = None,
    places: Sequence[PlaceMention] | None = None,
    ref_known: bool = True,
) -> Reading:
    """Every field of the one incident this text is mostly about (``tokens``, their ``keys``
    and ``places`` may be given when they are already known for this text; ``ref_known``:
    whether ``ref`` is the day the report was written, or only today's date)."""
    tokens = tokenize(text) if tokens is None else tokens
    keys = Keys(tokens) if keys is None else keys
    sentence = sentence_ids(text, tokens)
    mentions = find_dates(text, tokens, ref, keys)
    starts = starts_of(tokens)

    def sentence_at(offset: int) -> int:
        return sentence[max(0, bisect.bisect_right(starts, offset) - 1)]

    # "2000 مدني" counts people; a bare "2000" would have been read as a year
    mentions = [m for m in mentions if not (m.precision == "year" and _counts(m, starts, keys))]
    date_tokens = {
        i for m in mentions
        for i in range(bisect.bisect_left(starts, m.start), bisect.bisect_left(starts, m.end))
    }  # fmt: skip
    fields: dict[str, FieldResult] = {}
    fields["date"], fields["time_of_day"] = date_field(mentions, text, ref=ref, ref_known=ref_known)
    # years back from the incident's own day when it is the one day told (an old report
    # pasted today is no history of itself; an old attack recalled beside today's is), else
    # from the reference date
    picked = date.fromisoformat(fields["date"].value) if fields["date"].value else None
    told_days = {m.value for m in mentions if m.precision == "day" and not m.stamp}
    anchor = picked if picked and told_days <= {picked} else ref
    history = history_sentences(mentions, tokens, starts, sentence, anchor)
    attacks = [s for s, _ in rank_spans("incident_type", tokens, keys)]
    figures = find_figures(tokens, keys, sentence, date_tokens, text)
    starts_f = {f.start for f in figures}
    # an earlier day's event ("أحصى … خلال شهر أيار الفائت مقتل 18 شخصا") has its own toll
    other_day = other_days(mentions, fields["date"], starts, sentence)
    attack_told = {sentence[bisect.bisect_left(starts, a)] for a in attacks}
    figures = [
        dataclasses.replace(f, cumulative=True)
        if _in_list(text, f.start, attacks, starts_f) or f.sentence in history
        else f
        for f in figures
    ]
    figures = [
        f if f.with_attack == (f.sentence in attack_told)
        else dataclasses.replace(f, with_attack=f.sentence in attack_told)
        for f in figures
    ]  # fmt: skip
    # "قصف اليوم الأحد … وكان قصف السبت قد قتل 10": today's tells no toll of its own
    day_told = (fields["date"].confidence or 0) >= 0.7 and not fields["date"].unsure
    figures = set_aside_earlier(figures, other_day, day_told=day_told)
    # "وكان الدفاع المدني قد أعلن الأسبوع الماضي عن سقوط 15 قتيلا": an earlier event's
    # toll, set aside only where the report has one of its own
    figures = set_aside_earlier(figures, told_of_another(tokens, sentence, text))
    # "مقتل 5 أشخاص في هجمات متفرقة … وفي الصنمين قتل …": the sum of a round-up is no toll
    figures = set_aside_several(figures, several_told(tokens, keys, sentence), text)
    places = Gazetteer.load().find(text) if places is None else places
    # "Hayat Tahrir al-Sham" names a group, not the village of Hayat nor al-Sham (Damascus)
    actors = rank_spans("perpetrators", tokens, keys) + rank_spans("sources", tokens, keys)
    in_actor = covered(actors)
    places = [m for m in places if not in_actor(m.start, m.end)]
    # where victims came from or were taken tells of no incident, this one or another
    away = elsewhere_people(tokens, keys, places)
    towns = [
        (m.start, sentence_at(m.start), m.place_candidates)
        for k, m in enumerate(places) if k not in away and names_town(m) and tokens
    ]  # fmt: skip
    told_apart = figures  # as they stood before the tolls told of other towns were set aside
    figures = headlines_left_out(set_aside_elsewhere(figures, towns, text), text)
    for name in ("killed", "injured"):
        fields[name] = total_toll(figures, name)
    fields["killed_children"] = toll_of(figures, "killed", "children")
    fields["killed_women"] = toll_of(figures, "killed", "women")
    keep_groups_within_total(fields)
    settle_breakdown(fields, figures)
    settle_all_of_them(fields, text)
    settle_lone_dead(fields, text)
    settle_grown_toll(fields, figures, text)
    settle_named_men(fields, text)
    as_many_wounded(fields, text)
    no_one_harmed(fields, figures, tokens, keys, sentence, text)
    # The incident is told where its toll is given, and in the headline and lead.
    # sentence 1 is the lead only after a headline (a short first sentence)
    lead = {0, 1} if sum(1 for s in sentence if s == 0) <= 20 else {0}
    tolled = {sentence_at(s) for name in ("killed", "injured") for s, _ in fields[name].spans}
    focus = lead | tolled
    if focus == lead:  # no toll given: the first sentences that tell of an attack
        focus |= first_sentences("incident_type", tokens, keys, sentence, 2) - other_day
    language = _language(tokens, keys)
    # where an earlier event or history happened is not where this one did ("وأمس الثلاثاء
    # أصيب الشاب علي بجروح … في بلدة نصيب"): a sentence of another day with a toll of its own
    # or no attack told (not "The shelling, which began late on Friday, hit Kansafra")
    with_toll = {f.sentence for f in figures}
    past_told = {s for s in (history | other_day) - focus if s in with_toll or s not in attack_told}
    fields["place"] = choose_place(
        text, tokens, sentence, focus, language, places, keys, away, past_told
    )
    incident_places = tuple(m for k, m in enumerate(places) if k not in away)
    toll_of_the_place(fields, told_apart, incident_places, sentence_at, text)
    # "جسر الشغور" names a town, not a bridge that was hit
    named_places = [(m.start, m.end) for m in places if " " in text[m.start : m.end].strip()]
    weapon_spans = [s for s in rank_spans("weapons", tokens, keys) if " " in text[s[0] : s[1]]]
    # history ("Over the past few years, Assad's forces have …") names no one who did this one
    other = other_day - focus
    history_told = {sentence[bisect.bisect_left(starts, s)] for s in history_cues(tokens, keys)}
    for name in ("incident_type", "target", "weapons", "perpetrators", "sources"):
        skip = {
            "sources": set(),  # who told of an earlier event may well tell of this one
            "perpetrators": other | (history_told - focus),
        }.get(name, other)
        # "a car bomb near a mosque": the car is the weapon, not what was hit
        names = named_places + weapon_spans if name == "target" else named_places
        # a bomb left to go off tells nothing of who left it, unless claimed or said
        bombing = name == "perpetrators" and fields["incident_type"].value == "remote_explosive"
        ranked = rank(name, tokens, keys, sentence, focus, names, skip, bombing=bombing)
        fields[name] = as_field(name, ranked, many=name not in ("incident_type", "target"))
    _missiles_from_the_air(fields, text)
    _the_new_authorities(fields)
    kind = fields["incident_type"].value
    if kind in _NO_HARM_TYPES and fields["killed"].value and fields["weapons"].value:
        # "مقتل شاب بالرصاص … بالتزامن مع حملة مداهمات واعتقالات": the killing is the
        # incident, told by its weapon; the arrests went with it
        implied = weapon_type(fields["weapons"].value[0])
        if implied:
            fields["incident_type"] = FieldResult(implied, 0.5, fields["weapons"].spans[:1])
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
    # a yes-or-no fact told in a sentence of another day or of history is not this incident's
    told_before = {sentence[i] for i in (bisect.bisect_left(starts, p) for p in past)
                   if i < len(tokens)} - tolled  # fmt: skip
    fields.update(read_flags(tokens, keys, sentence, other | told_before))
    armed = sorted(attacks + [s for s, _ in rank_spans("weapons", tokens, keys)])
    told = bool(figures) or fields["incident_type"].value is not None
    if fields["date"].value is None and told and not period_told(text):
        # no day told: the day it was published, if known
        fields["date"] = published_day(mentions, ref if ref_known else None, text) or fields["date"]
    return Reading(
        fields, language, tuple(sorted(cues)), incident_places, tuple(tokens), keys, text,
        tuple(armed), tuple(sorted(days)), tuple(sorted(past)),
    )  # fmt: skip


# how sure the extractor is that a further incident is one of its own, by its reason
_SURE_BY_WHY = {"other_governorate": 0.8, "other_place": 0.7, "own_day": 0.6}


def _told(text: str, span: Span | None, confidence: float) -> FieldResult:
    if span is None:
        return FieldResult()
    return FieldResult(text[span[0] : span[1]], confidence, (span,))


def _headline_sentence(text: str, spans: list[Span], fields: dict[str, FieldResult]) -> Span | None:
    """Where the headline incident is told: its place with its toll, else its place with
    its attack, else its toll, else its attack."""
    place = tuple(s for s, _ in fields["place"].spans)
    toll = tuple(s for n in ("killed", "injured") for s, _ in fields[n].spans)
    attack = tuple(s for s, _ in fields["incident_type"].spans)
    return sentence_of(text, spans, [(place, toll), (place, attack), (toll,), (attack,)])


def extract(text: str, ref_date: date | None = None) -> ExtractionResult:
    """Read one report: the most prominent incident first, then the other incidents the
    report tells of (in other governorates, or elsewhere in the same one), each with the
    sentence it rests on."""
    ref = min(max(ref_date or date.today(), _EARLIEST_REF), _LATEST_REF)
    known = ref_date is not None
    text = blank_markup(text[:MAX_CHARS]) if isinstance(text, str) else ""
    first = _read(text, ref, ref_known=known)
    further = other_incidents(text, first)
    asides = tuple(Aside(_told(text, a.sentence, 1.0), a.why) for a in further.set_aside)
    whole = [(0, len(text))]
    if not further.incidents and not further.set_aside:
        told = _told(text, _headline_sentence(text, whole, first.fields), 1.0)
        return ExtractionResult(first.language, (IncidentResult(first.fields, told),), asides)

    token_starts = starts_of(first.tokens)
    place_starts = [m.start for m in first.places]

    def part(keep: list[tuple[int, int]]) -> dict[str, FieldResult]:
        """The fields read in the text with only ``keep`` left."""
        p = parts.part(text, keep, first.tokens, first.keys, first.places, token_starts,
                       place_starts)  # fmt: skip
        found = _read(p.text, ref, tokens=p.tokens, keys=p.keys, places=p.places,
                      ref_known=known)  # fmt: skip
        return parts.shifted(found.fields, p.offset)

    apart = [r for t in further.incidents for r in t.spans]
    rest = complement(whole[0], apart + [a.paragraph for a in further.set_aside])
    headline = part(rest)
    told = _told(text, _headline_sentence(text, rest, headline), 1.0)
    others = []
    for t in further.incidents:
        fields = part(list(t.spans))
        d = headline["date"]
        # a part that tells no day of its own is of the headline's day, if that one is told
        own = fields["date"]
        if d.value is not None and (
            own.value is None or (own.unsure == "publication" and d.unsure != "publication")
        ):
            fields["date"] = dataclasses.replace(d, confidence=d.confidence * 0.5, spans=())
        found = IncidentResult(fields, _told(text, t.sentence, _SURE_BY_WHY[t.why]), t.why)
        if found.is_incident:  # what is shown is what would be saved, in the same order
            others.append(found)
    return ExtractionResult(first.language, (IncidentResult(headline, told), *others), asides)
