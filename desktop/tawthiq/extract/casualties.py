"""Casualty figures: who was killed or injured, how many, with children and women among them.

Each figure found is tied to a category (killed, injured, missing) and, after "بينهم" or
"including", to a group (children, women, men); the extractor then keeps, per category,
the latest toll the report gives ("ارتفع عدد القتلى إلى 9" beats an earlier "6").
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate

from tawthiq.extract.casualty_words import cue_words
from tawthiq.extract.figure_cues import (
    SentenceScan,
    among_cue,
    category_near,
    counts_everyone_harmed,
    joint_cues,
    lost_life,
    moved_between_tolls,
    passive_cue,
    piece_of_a_toll,
)
from tawthiq.extract.lone_dead import mark_fathers
from tawthiq.extract.people import Item, people_items
from tawthiq.extract.phrases import Hit
from tawthiq.extract.tokens import Token, starts_of


@dataclass(frozen=True, slots=True)
class Figure:
    category: str  # killed | injured | missing
    group: str | None  # children | women | men | None (everyone)
    min: int
    max: int
    approximate: bool
    start: int
    end: int
    sentence: int
    update: bool  # written as a rise of an earlier toll
    cumulative: bool  # a running total over months, not this incident
    fighters: bool
    males: int = 0  # of everyone counted, how many are male of no told age ("وشقيقه")
    one_named: bool = False  # one person named with no number ("a child was also wounded")
    with_attack: bool = False  # its sentence tells of an attack ("shelling on Al-Bab killed")
    breakdown: bool = False  # told after "بينهم", "including": some of a toll just given
    kin: bool = False  # a daughter or a sister among them ("وابنته"): maybe a child
    headline: bool = False  # a headline's person with no article ("Child killed by …")


_BREAK = re.compile(r"[.!?؟؛\n:]")


def counts_people(key: str) -> bool:
    """Whether a word names people ("مدني", "civilians"): "2000 مدني" is no year."""
    return key in cue_words().people


def harm_cues(tokens: Sequence[Token], keys: Sequence[str]) -> list[Hit[str]]:
    """Where a killing, wounding or disappearance is told."""
    return [h for h in cue_words().categories.find(tokens, keys) if h.payload]


def history_cues(tokens: Sequence[Token], keys: Sequence[str]) -> list[int]:
    """Where a running total or a past period is told ("منذ مطلع العام", "last month")."""
    return [h.start for h in cue_words().cumulative.find(tokens, keys)]


def sentence_ids(text: str, tokens: Sequence[Token]) -> list[int]:
    """The sentence number of every token (a new sentence after . ! ? ؟ ؛ : or a line break)."""
    # each break opens a sentence at the first word after it (one search of the text, not
    # one of every gap between words)
    starts, opens = starts_of(tokens), bytearray(len(tokens))
    n = len(tokens)
    for m in _BREAK.finditer(text, 0, tokens[-1].start if tokens else 0):
        i = bisect.bisect_right(starts, m.start())
        if i < n and (i == 0 or tokens[i - 1].end <= m.start()):
            opens[i] = 1
    return list(accumulate(opens))


_COMMA = re.compile("[,،]")


def _commas(tokens: Sequence[Token], text: str) -> set[int]:
    """The tokens with a comma between them and the token before."""
    starts, out, n = starts_of(tokens), set(), len(tokens)
    for m in _COMMA.finditer(text, 0, tokens[-1].start if tokens else 0):
        i = bisect.bisect_right(starts, m.start())
        if 0 < i < n and tokens[i - 1].end <= m.start():
            out.add(i)
    return out


def find_figures(
    tokens: Sequence[Token], keys: Sequence[str], sent: Sequence[int], skip: set[int], text: str
) -> list[Figure]:
    """Every casualty figure; ``sent`` numbers the sentences, ``skip`` holds date tokens,
    ``text`` is what the tokens were read from (for the commas between them)."""
    commas = _commas(tokens, text)
    cues = cue_words()
    cat_at: dict[int, Hit[str]] = {}
    for h in cues.categories.find(tokens, keys):
        if not h.payload or (h.first == h.last and not lost_life(h.first, tokens, sent)):
            continue
        for i in range(h.first, h.last + 1):
            cat_at[i] = h
    cumulative_sents = {
        sent[h.first]
        for h in cues.cumulative.find(tokens, keys)
        if not any(keys[k] in cues.superlatives for k in range(max(0, h.first - 8), h.first))
        and not _risen_count(keys, sent, h.first)
    }
    # "Syria's war, which escalated into a deadly conflict …, has killed more than 507,000
    # people": thousands in a sentence of the war are its toll, not an attack's
    # "… على الأراضي السورية.. بينهم 6 مدنيين": a breakdown opening a sentence goes on the last
    for b in cues.breakdown.find(tokens, keys):
        if sent[b.first] - 1 in cumulative_sents and (
            b.first == 0 or sent[b.first - 1] != sent[b.first]
        ):
            cumulative_sents.add(sent[b.first])
    scan = SentenceScan.of(keys, sent, cat_at)
    joint = joint_cues(tokens, sent, cat_at)
    joint_sentence = -1  # the sentence of the last figure of the dead and wounded together
    figures: list[Figure] = []
    previous: tuple[int, str] | None = None  # (sentence, category) of the last total
    prev_item_category: str | None = None
    chains: list[list[int]] = []
    decided: list[tuple[Item, str, bool]] = []  # (item, category, counted on its own)
    pending: Item | None = None  # a person with no cue yet, who may share the next one's
    items = people_items(tokens, keys, skip, cat_at, sent)
    mark_fathers(items, tokens)
    for it in _in_brackets(items, tokens, text, cat_at):
        if moved_between_tolls(it, tokens, keys, sent, cat_at):
            continue
        if it.group not in ("children", "women", "men") and counts_everyone_harmed(
            it, joint, sent, cat_at, tokens
        ):
            joint_sentence = sent[it.first]
            continue  # "17 شهيداً وجريحاً": the dead and the wounded counted as one
        if it.breakdown and sent[it.first] == joint_sentence:
            continue  # "9 قتلى وجرحى، بينهم طفلان": some of everyone harmed, not of the dead
        sub = it.group if it.group in ("children", "women", "men") else None
        near = category_near(it, cat_at, sent, tokens, keys, scan, commas)
        explicit = bool(near and near[1] == "right_after")
        category = near[0] if near and explicit else None
        if category is None and it.coordinated and prev_item_category:
            # "killed three civilians and five others were injured": the verb told of them
            own = passive_cue(it, tokens, cat_at)
            category = own or prev_item_category
            explicit = own not in (None, prev_item_category)
        if category is None and it.breakdown and previous and previous[0] == sent[it.first]:
            category = previous[1]
        if category is None and near:
            category = near[0]
        k = scan.cue_before[it.first]
        if (
            category is None
            and tokens[it.first].norm.startswith("و")
            and k >= 0
            and (not decided or sent[decided[-1][0].first] != sent[it.first])
        ):
            # "قُتل عنصر من قوى الأمن ومدني واحد": the people joined after the one the
            # sentence's verb told of (a fighter, counted as no one) share its verb
            category = cat_at[k].payload
        among = None
        if category is None and sub:
            category = among = among_cue(it.last, cat_at, sent, keys)
        if category is None and it.breakdown and previous:
            category = previous[1]
        if category is None and decided and piece_of_a_toll(it, tokens, decided[-1][0]):
            category, it.coordinated = decided[-1][1], True
        prev_item_category = category
        if category is None:
            pending = it
            continue
        if pending is not None and it.coordinated and not explicit and it.first - pending.last <= 3:
            # "their mother and two neighbours were wounded": the first one named shares the cue
            decided.append((pending, category, not pending.breakdown))
            chains.append([len(decided) - 1])
        pending = None
        if sub is None:
            previous = (sent[it.first], category)
        # joined to the item before, unless it names its own category ("4 قتلى و12 جريحا")
        joins = it.coordinated and not explicit and bool(decided) and decided[-1][1] == category
        decided.append((it, category, not (it.breakdown or among)))
        if not joins:
            chains.append([])
        chains[-1].append(len(decided) - 1)
    for chain in chains:
        members = [decided[k] for k in chain]
        by_group: dict[str, list[Item]] = {}
        for it, category, _ in members:
            sub = it.group if it.group in ("children", "women", "men") else None
            if sub is None and len(members) > 1:
                continue  # "رجل وابنه": counted in the chain's total below
            if sub is not None and it.named and len(members) > 1:
                by_group.setdefault(sub, []).append(it)  # "الطفل فلان … والطفل فلان"
                continue
            figures.append(_figure(it, category, sub, tokens, sent, cumulative_sents, scan))
        sums: list[tuple[str | None, list[Item]]] = list(by_group.items())
        if len(members) > 1 and all(apart for _, _, apart in members):
            # "killing five fighters and five civilians": the civilians are the toll
            people = [m[0] for m in members if m[0].group != "fighters"]
            sums.append((None, people or [m[0] for m in members]))
        for sub, same in sums:
            total = _together(same, sub)
            figures.append(_figure(total, members[0][1], sub, tokens, sent, cumulative_sents, scan))
    figures += _ordinal_deaths(tokens, keys, sent, cat_at, cumulative_sents, figures)
    if any(f.min >= _A_WARS_TOLL for f in figures):
        war = {sent[i] for i, t in enumerate(tokens) if t.norm.lstrip("و") in _WAR}
        figures = [
            dataclasses.replace(f, cumulative=True)
            if f.sentence in war and f.min >= _A_WARS_TOLL else f
            for f in figures
        ]  # fmt: skip
    figures.sort(key=lambda f: f.start)
    return figures


def _in_brackets(
    items: Iterable[Item], tokens: Sequence[Token], text: str, cat_at: dict[int, Hit[str]]
) -> list[Item]:
    """ "ثلاثة مدنيين (طفل ورجلان)", "five people (two women and three children)": the people
    in brackets right after a figure are who it counted, not more of them."""
    # a bare number in brackets of ages is an age; "3 أطفال" there are still people
    items = [
        it for it in items if it.group is not None or not _an_age_in_brackets(it, tokens, text)
    ]
    close = -1  # where the brackets after a figure end
    for before, it in zip([None, *items], items, strict=False):
        start = tokens[it.first].start
        if start < close:
            it.breakdown = True
            continue
        if before is None or before.number_last < 0 or before.group in _GROUPS:
            continue
        gap = text[tokens[before.last].end : start]
        told = any(k in cat_at for k in range(before.last + 1, it.first))  # "(وأصيب 5 آخرون)"
        if "(" in gap and ")" not in gap and len(gap) < 16 and not told:
            end = text.find(")", start)
            close = end if end >= 0 else -1
            it.breakdown, it.coordinated = True, False
            before.told_until = close  # its cue may come after the brackets
    return items


_GROUPS = ("children", "women", "men")
_AGES_IN_BRACKETS = re.compile(
    r"^[\s\d٠-٩,،و-]*$|سنة|سنوات|سنين|عام|أعوام|أشهر|شهر|year|month|aged", re.IGNORECASE
)


def _an_age_in_brackets(it: Item, tokens: Sequence[Token], text: str) -> bool:
    """ "A child (7) was killed", "ثلاثة أطفال (4 و7 و9 سنوات)": the numbers in brackets
    are ages, not more people."""
    start = tokens[it.first].start
    opened, shut = text.rfind("(", 0, start), text.rfind(")", 0, start)
    end = text.find(")", start)
    if opened < 0 or shut > opened or end < 0 or end - opened > 40:
        return False
    return _AGES_IN_BRACKETS.search(text[opened + 1 : end]) is not None


_WAR = frozenset({"war", "conflict", "wars", "الحرب", "حرب", "النزاع", "الثوره"})
_A_WARS_TOLL = 1000


def _together(items: list[Item], group: str | None) -> Item:
    """The people of several items counted as one figure ("رجل وابنه", "الطفل فلان والطفل …");
    with some of them not numbered ("عدد من الأطفال و3 نساء") the most is not known: more."""
    unnumbered = sum(1 for x in items if x.approximate and x.max == 0)
    return Item(
        items[0].first, items[-1].last, sum(x.min for x in items),
        sum(x.max for x in items) + unnumbered,
        any(x.approximate for x in items), group, False, False,
        males=sum(x.males for x in items), kin=any(x.kin for x in items),
    )  # fmt: skip


_ORDINALS = {
    **dict.fromkeys(("second", "ثان", "ثاني", "ثانيه"), 2),
    **dict.fromkeys(("third", "ثالث", "ثالثه"), 3),
    **dict.fromkeys(("fourth", "رابع", "رابعه"), 4),
    **dict.fromkeys(("fifth", "خامس", "خامسه"), 5),
    **dict.fromkeys(("sixth", "سادس", "سادسه"), 6),
    **dict.fromkeys(("seventh", "سابع", "سابعه"), 7),
    **dict.fromkeys(("eighth", "ثامن", "ثامنه"), 8),
    **dict.fromkeys(("ninth", "تاسع", "تاسعه"), 9),
    **dict.fromkeys(("tenth", "عاشر", "عاشره"), 10),
}


def _ordinal_deaths(
    tokens: Sequence[Token],
    keys: Sequence[str],
    sent: Sequence[int],
    cat_at: dict[int, Hit[str]],
    cumulative_sents: set[int],
    figures: list[Figure],
) -> list[Figure]:
    """ "A third child later succumbed to his injuries", "وتوفي طفل ثالث متأثرا بجراحه": one
    more death. The person's group rises to the ordinal; everyone's toll rises by one where
    one was told ("killed five people, including two children … a third child later died":
    six), else to the ordinal. Only a person told as one more ("a third child", "طفل ثالث"),
    not a running count ("the fifth child killed in Idlib this month")."""
    groups = cue_words().groups
    told = [f.max for f in figures if f.category == "killed" and f.group is None]
    out: list[Figure] = []
    for h in groups.find(tokens, keys):
        # English: "a/another third child"; Arabic: the ordinal after the person ("طفل ثالث")
        for k in (h.first - 1, h.last + 1):
            n = _ORDINALS.get(tokens[k].norm) if 0 <= k < len(tokens) else None
            english = k < h.first
            if n is None or english != tokens[k].norm.isascii():
                continue
            if english and (k == 0 or tokens[k - 1].norm not in ("a", "another")):
                continue
            s = sent[h.first]
            first, last = min(k, h.first), max(k, h.last)
            if _ordinal_cue(cat_at, sent, s, first, last, english) != "killed":
                continue  # "with a ninth child sustaining injuries": no death
            sub = h.payload if h.payload in ("children", "women") else None
            total = max(told) + 1 if told and max(told) >= n else n
            for group, value in {None: total, sub: n}.items():
                out.append(
                    Figure("killed", group, value, value, False, tokens[first].start,
                           tokens[last].end, s, True, s in cumulative_sents, False)
                )  # fmt: skip
    return out


def _ordinal_cue(
    cat_at: dict[int, Hit[str]], sent: Sequence[int], s: int, first: int, last: int, english: bool
) -> str | None:
    """The cue of a person told with an ordinal: in English the verb after it ("a third
    child was injured"), in Arabic the verb before it ("وتوفي طفل ثالث"), else the nearest."""
    after = sorted(j for j in cat_at if sent[j] == s and last < j <= last + 8)
    before = sorted((j for j in cat_at if sent[j] == s and first - 4 <= j < first), reverse=True)
    order = (after + before) if english else (before + after)
    return cat_at[order[0]].payload if order else None


def _figure(
    it: Item,
    category: str,
    sub: str | None,
    tokens: Sequence[Token],
    sent: Sequence[int],
    cumulative_sents: set[int],
    scan: SentenceScan,
) -> Figure:
    first = it.first
    # "ارتفع عدد القتلى جراء القصف ... إلى أحد عشر": a rise told anywhere before in the sentence
    update = scan.update_before[first]
    return Figure(
        category=category,
        group=sub,
        min=it.min,
        max=it.max,
        approximate=it.approximate,
        start=tokens[first].start,
        end=tokens[it.last].end,
        sentence=sent[first],
        update=update,
        cumulative=sent[first] in cumulative_sents,
        fighters=it.group == "fighters",
        males=it.males,
        one_named=it.number_last < 0 and it.max == 1,
        breakdown=it.breakdown,
        kin=it.kin,
        headline=it.headline,
    )


_ROSE = frozenset({"ارتفع", "ارتفعت"})
_RUNNING = frozenset({"ذلك", "وبذلك", "يرتفع", "يصل", "ليصل"})


def _risen_count(keys: Sequence[str], sent: Sequence[int], at: int) -> bool:
    """ "ارتفع إلى 8 … تعداد المدنيين الذين قتلوا جراء …": the count ("تعداد") of this
    incident's dead, risen; not "وبذلك يرتفع تعداد …", "ليرتفع إلى 12 تعداد …", a total."""
    if keys[at] != "تعداد":
        return False
    before = [keys[k] for k in range(max(0, at - 12), at) if sent[k] == sent[at]]
    return bool(_ROSE & set(before)) and not _RUNNING & set(before)
