"""Who a casualty figure counts: numbers of people ("تسعة مدنيين", "at least five") and
people named without one ("قتل شخصاً", "a teenage boy", "الزلمة وابنو"), with the group
they belong to (children, women, men, civilians, fighters).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count
from operator import itemgetter

from tawthiq.extract.ages import (
    ARTICLES,
    age_after_name,
    age_after_person,
    is_age,
    name_opens,
)
from tawthiq.extract.casualty_words import cue_words
from tawthiq.extract.numbers import Quantity, definite_count, may_start, read_quantity
from tawthiq.extract.people_rolls import (
    WAS,
    by_name,
    complement_words,
    cue_after,
    cue_follows,
    described,
    headline_cue,
    list_goes_on,
    noun_after,
    roll_calls,
)
from tawthiq.extract.phrases import Hit, Keys, alternatives, key_of, word_keys
from tawthiq.extract.tokens import Token, tokenize


@dataclass(slots=True)
class Item:
    """A number of people before its category is known."""

    first: int
    last: int  # the last token of the figure and its noun
    min: int
    max: int
    approximate: bool
    group: str | None
    breakdown: bool  # after "بينهم" / "including"
    coordinated: bool  # "… وامرأة", "… and a woman": joined to the figure before it
    number_last: int = -1  # the last token of the number itself ("أكثر من 30"), if any
    named: bool = False  # one of a roll of victims named one by one ("مقتل كل من الطفل …")
    males: int = 0  # how many are male of no told age ("وشقيقه", "two brothers")
    kin: bool = False  # a daughter or a sister ("وابنته"): a woman, or maybe a child
    told_until: int = -1  # where the brackets after it end: who it counted ("(طفلان وامرأة)")
    cue_at: int = -1  # its cue, where found far after it ("A man from …, named as …, was killed")
    headline: bool = False  # a headline's person with no article ("Child killed by …")


def people_items(
    tokens: Sequence[Token],
    keys: Sequence[str],
    skip: set[int],
    cat_at: dict[int, Hit[str]],
    sent: Sequence[int] | None = None,
) -> list[Item]:
    """The people counted in a text; ``sent`` numbers its sentences, when known."""
    cues = cue_words()
    group_at = {h.first: h for h in cues.groups.find(tokens, keys)}
    group_end = {h.last: h for h in group_at.values()}
    breakdown_at = {h.last: h for h in cues.breakdown.find(tokens, keys)}
    alts = keys.alts if isinstance(keys, Keys) else alternatives(tokens)
    items: list[Item] = []
    age_end = -9  # "aged 8 and 10": a number joined to an age is an age too
    roll = roll_calls(tokens, cat_at)
    # only where a number, an article, a person or a dual stands can anyone be counted
    if isinstance(keys, Keys) and keys.scripts is not None:  # stem keys: a word's own
        notable = list(compress(count(), map(_notable_word, map(itemgetter(1), tokens))))
        notable = sorted(group_at.keys() | notable) if group_at else notable
    else:
        notable = [
            i for i, (t, k, a) in enumerate(zip(tokens, keys, alts, strict=True))
            if i in group_at or _notable(t.norm, k, a)
        ]  # fmt: skip
    i, at = 0, 0
    while True:
        at = bisect.bisect_left(notable, i, at)
        if at == len(notable):
            break
        i = notable[at]
        q = read_quantity(tokens, i) if may_start(tokens[i].norm) and i not in skip else None
        if q is not None and (_is_not_people(tokens, keys, q) or is_age(tokens, keys, q, age_end)):
            if is_age(tokens, keys, q, age_end):
                age_end = q.last
                _young(items, q)
                was = q.last + 1 < len(tokens) and tokens[q.last + 1].norm in _WAS
                if (
                    was
                    and age_after_name(tokens, q.first)
                    and cue_follows(tokens, q.last, cat_at)
                    and name_opens(tokens, q.first - 1)
                ):
                    # "Ahmad al-Hamad, 45, was killed": one person, named by name
                    whose = "children" if q.max < 18 else "people"
                    items.append(Item(q.first - 1, q.last, 1, 1, False, whose, False, False))
            i = q.last + 1
            continue
        if (
            q is not None and q.last == i and tokens[i].norm in _ONE and i > 0
            and tokens[i - 1].is_arabic and i - 1 not in group_end and i - 1 not in cat_at
        ):  # fmt: skip
            i += 1  # "من عائلة واحدة", "دفعة واحدة": one of a thing, not a person
            continue
        if q is not None and i > 0 and tokens[i - 1].norm == "no":
            i = q.last + 1  # "No one was killed": nobody to count
            continue
        prev = items[-1] if items and items[-1].last == i - 1 else None
        if (
            q is not None and q.last == i and tokens[i].norm in _ONE and prev is not None
            and prev.number_last >= 0 and i - 1 in group_end
        ):  # fmt: skip
            prev.last, i = i, i + 1  # "3 مدنيين واحد منهم طفل": the one is of them
            continue
        if (
            q is not None
            and q.last == i
            and tokens[i].norm in _ONE_TWO
            and (i - 1 in group_end or (prev is not None and prev.group is not None))
            and (prev is None or prev.number_last < 0)  # not "ثلاثة مدنيين اثنان بجروح"
            and tokens[i].start - tokens[i - 1].end == 1  # not "4 مدنيين، اثنان منهم"
            and not of_them(tokens, i + 1)
            and not (i + 1 < len(tokens) and tokens[i + 1].norm == "من")  # "اثنان من النساء"
        ):
            # "ورجل واحد", "ومدني واحد على الأقل", "مدنيين اثنين قتلا", "طفلين اثنين": the
            # word for one or two tells of the people before
            n, i = _ONE_TWO[tokens[i].norm], i + 1
            if prev is not None:  # "طفلين اثنين": said already; "مدنيين اثنين": how many
                prev.last = i - 1
                if prev.approximate and prev.max == 0:
                    prev.min, prev.max, prev.approximate = n, n, False
                continue
            h = group_end[i - 2]
            joined = bool(items) and tokens[h.first].norm.startswith("و")
            items.append(Item(h.first, h.last + 1, n, n, False, h.payload, False, joined))
            continue
        # "a child", "a teenage boy", "his 12-year-old son": the noun after an article
        noun = noun_after(tokens, keys, i, group_at) if tokens[i].norm in _ARTICLES else None
        if (
            q is None
            and i not in group_at
            and noun is None
            and _dual(tokens[i].norm, keys[i], alts[i]) is None
        ):
            i += 1  # no number and no person here: the common case, kept cheap
            continue
        # "and her four children": a possessive may stand between "and" and the figure
        poss = 1 if i > 1 and tokens[i - 1].norm in _POSSESSIVES else 0
        after_items = bool(items) and items[-1].last >= i - 2 - poss - complement_words(
            tokens, items
        )
        # ("a woman, her husband and their three children": a possessive goes on the list)
        joined = after_items and (
            tokens[i].norm.startswith("و")
            or (i > 0 and tokens[i - 1 - poss].norm in _AND)  # "and", or "و 3 نساء" apart
            or (tokens[i].norm in _POSSESSIVES and items[-1].last == i - 1)
        )
        breakdown = _after_breakdown(i, breakdown_at, tokens)
        # "ستة مدنيين اثنان بجروح خطيرة", "ثلاث نساء اثنتان من عائلة واحدة": some of them
        breakdown = breakdown or (
            q is not None and prev is not None and prev.number_last >= 0 and prev.group is not None
        )
        if q is not None:
            # "three Syrian children", "two local aid workers": the words that only describe
            group_hit = group_at.get(described(keys, q.last + 1, group_at))
            aside = of_them(tokens, q.last + 1)  # "four of them children", "أربعة منهم أطفال"
            if group_hit is None and aside and (q.last + 1 + aside) in group_at:
                group_hit = group_at[q.last + 1 + aside]
                breakdown = True
            last = group_hit.last if group_hit else q.last
            group = group_hit.payload if group_hit else None
            items.append(
                Item(i, last, q.min, q.max, q.approximate, group, breakdown, joined, q.last)
            )
            if group == "people" and _male(keys[last], alts[last]) and not q.approximate:
                items[-1].males = q.max
            i = last + 1
            continue
        dual = _dual(tokens[i].norm, keys[i], alts[i])
        article, age = noun is not None, None
        before = i - 1  # the word before the person, or before the article
        if noun is not None:
            i, age = noun  # "including a child", "killing a woman"
        lone = group_at.get(i)
        # "قتل شخصاً", "وإصابة آخر", "killing a child": one person, named right after the cue
        singular = keys[i] in cues.singular or (alts[i] or "") in cues.singular
        singular = singular or bool(lone and keys[lone.last] in cues.singular)  # "young man"
        # ... "the killing of a woman", "the injury of a child": the cue, then "of"
        of_cue = before > 0 and tokens[before].norm == "of" and before - 1 in cat_at
        after_cue = (before in cat_at or of_cue) and singular
        # "طفل قُتل برصاص", "رجل وامرأة قُتلا": people, then the verb (as a tally's lines)
        # ("وفي حادثة أخرى، قتل ثلاثة": "أخرى" after a noun is "another incident", no one)
        verb_after = not article and singular and lone is not None and tokens[i].is_arabic
        verb_after = verb_after and keys[i] not in _OTHER
        if verb_after:
            k = lone.last + 1  # type: ignore[union-attr]
            while k in group_at and tokens[k].norm.startswith("و"):
                k = group_at[k].last + 1
            verb_after = k in cat_at and keys[k] in cues.verbs
        # "Two civilians, a woman and a child, were killed": an aside naming who they were
        aside = (
            article
            and singular
            and after_items
            and not joined
            and (items[-1].group not in ("children", "women", "men") or items[-1].breakdown)
        )
        breakdown = breakdown or bool(aside)
        # "A child was killed", "A passer-by was also wounded", "a boy who lived nearby was hurt"
        cue_at = cue_after(tokens, lone.last, cat_at, sent) if article and singular and lone else -1
        # "The mother of a man from Tafas was killed": the man only says whose mother
        of_one = before > 1 and tokens[before].norm == "of"
        if of_one and (before - 1 in group_at or keys[before - 1] in cues.singular):
            cue_at = -1
        cue_next = cue_at >= 0
        # "Child killed by a landmine …", "Civilian shot dead by …": a headline's person,
        # with no article, and its cue
        headline = (
            not article and singular and lone is not None and sent is not None
            and headline_cue(tokens, keys, sent, i, lone.last, cat_at)
        )  # fmt: skip
        cue_next = cue_next or headline
        plural_after_article = article and not singular  # "its fighters" counts no one
        # "بين الشهداء نساء وأطفال", "including children": how many is not said
        unnumbered = lone is not None and (
            keys[lone.last] in cues.plural or (alts[lone.last] or "") in cues.plural
        )
        # "وأطفالها الثلاثة": the number after the plural, as an adjective
        told = definite_count(tokens, lone.last + 1) if unnumbered and lone else None
        unnumbered = unnumbered and not told
        # "مقتل كل من الطفل … والطفل … والسيدة …": each one named after the cue counts one
        # (a person named by a name: "الطفل محسن"; "والدة الطفل محسن", the mother of one,
        # only says who one of them is)
        in_roll = any(a < i <= b for a, b in roll)
        named = in_roll and singular and tokens[i].norm.lstrip("و").startswith("ال")
        named = named and by_name(tokens, keys, group_at, i)
        if in_roll and not named and not dual:
            i += 1
            continue
        if named and items and any(a < items[-1].first <= b and a < i <= b for a, b in roll):
            joined = True  # one chain: the people named are the toll together
        if dual or (
            lone
            and not plural_after_article
            and not unnumbered
            and (breakdown or joined or after_cue or cue_next or verb_after or named)
        ):
            last = i if dual else lone.last + bool(told)  # type: ignore[union-attr]
            group = dual or lone.payload  # type: ignore[union-attr]
            if article and age is not None and age < 18 and group in _GROWN:
                group = "children"  # "his 12-year-old son"
            elif article and group in _GROWN and tokens[i - 1].norm == "female":
                group = "women"  # "a female patient"
            n = 2 if dual else told or 1
            males = n if group == "people" and _male(keys[last], alts[last]) else 0
            items.append(
                Item(i, last, n, n, False, group, breakdown, joined, named=named, males=males)
            )
            items[-1].kin = keys[last] in cues.female_kin or alts[last] in cues.female_kin
            if cue_next and cue_at > last + 1:  # its cue told after where they came from
                items[-1].cue_at = cue_at
            items[-1].headline = bool(headline)
            if age_after_person(tokens, last + 1):
                items[-1].last = last = last + 1  # "a child (7)": the age goes with them
            i = last + 1
            continue
        # "including one physician, health workers and two children": a list goes on
        other = 1 if i > 0 and tokens[i - 1].norm in ("other", "fellow") else 0
        listed = bool(items) and items[-1].last == i - 1 - other and items[-1].breakdown
        # … and only where the list goes on ("…, nurses said" is who told it)
        listed = listed and lone is not None and list_goes_on(tokens, lone.last + 1)
        if lone and unnumbered and (joined or breakdown or listed):  # "وأطفالها": how many?
            items.append(Item(i, lone.last, 0, 0, True, lone.payload, breakdown or listed, joined))
            i = lone.last + 1
            continue
        i += 1
    return items


def _after_breakdown(i: int, breakdown_at: dict[int, Hit[bool]], tokens: Sequence[Token]) -> bool:
    """True when a "بينهم"/"including" stands just before token ``i`` ("بينهم 3", "including a")."""
    return any(j in breakdown_at for j in range(max(0, i - 2), i))


def of_them(tokens: Sequence[Token], i: int) -> int:
    """How many tokens "of them" / "منهم" takes at ``i`` (0 if it is not there)."""
    if i < len(tokens) and tokens[i].norm in ("منهم", "بينهم"):
        return 1
    if i + 1 < len(tokens) and tokens[i].norm == "of" and tokens[i + 1].norm in ("them", "whom"):
        return 2
    return 0


_ARABIC = re.compile("[\u0621-\u064a]")  # as Token.is_arabic
_ARTICLES = ARTICLES
_POSSESSED = ("يه", "اه", "ها", "هما")  # "طفليه", "ابناها": his, her, their
_ARTICLE = re.compile("^[وف]?(?:[بك]?ال|لل)")
_ONE = frozenset({"واحد", "واحده"})
_ONE_TWO = {"واحد": 1, "واحده": 1, "اثنين": 2, "اثنان": 2, "اثنتين": 2, "اثنتان": 2}
_POSSESSIVES = frozenset({"his", "her", "their"})
_AND = frozenset({"and", "و"})  # "و" written apart from the number after it
_PARENTS = frozenset({"father", "mother", "parent"})
_OTHER = frozenset(key_of(t.norm) for w in ("آخر", "أخرى") for t in tokenize(w))
_GROWN = frozenset({"people", "men", "civilians"})  # a group an age under 18 makes children
_WAS = WAS


def _young(items: list[Item], q: Quantity) -> None:
    """ "وابنه البالغ من العمر تسع سنوات", "a man and his son, aged 15": one person whose age
    is under 18 is a child."""
    if not items:
        return
    it = items[-1]
    if it.min == it.max == 1 and it.group in _GROWN and q.max < 18 and q.first - it.last <= 6:
        it.group = "children"


def _male(key: str, alt: str | None) -> bool:
    """ "شقيقه", "two brothers": a male person whose age is not told."""
    male = cue_words().male
    return key in male or (alt or "") in male


@lru_cache(maxsize=65536)
def _notable(word: str, key: str, alt: str | None) -> bool:
    """Whether a word may open a figure: a number, an article ("a child"), a dual noun."""
    return may_start(word) or word in _ARTICLES or _dual(word, key, alt) is not None


@lru_cache(maxsize=65536)
def _notable_word(norm: str) -> bool:
    """``_notable`` of a word with its stem keys (its body, without a cache of its own)."""
    key, alt = word_keys(norm)[:2]
    return may_start(norm) or norm in _ARTICLES or _dual(norm, key, alt) is not None


@lru_cache(maxsize=65536)
def _dual(word: str, key: str, alt: str | None) -> str | None:
    """The group of a dual noun ("طفلان", "وامرأتان", "مواطنان"), else None (``word`` is the
    normalised word, ``key`` and ``alt`` its keys with and without a conjunction).

    Only the nominative "-ان" is read as a dual by its form: "-ين" is also a plural."""
    cues = cue_words()
    listed = cues.dual.get(key) or cues.dual.get(alt or "")
    # "ابنيه" (his two sons) takes no article: "والأبنية", "للأبنية", "فالأبنية" are buildings
    if listed and not (_ARTICLE.match(word) and word.endswith(_POSSESSED)):
        return listed
    norm = word[1:] if word[:1] == "و" and len(word) > 5 else word
    if _ARABIC.match(norm) and norm.endswith("ان") and len(norm) >= 5:
        stem = norm[:-2]  # "مواطنتان": the ة of "مواطنة" is a ت before the ending
        feminine = cues.group_of.get(key_of(stem[:-1] + "ه")) if stem[-1] == "ت" else None
        return cues.group_of.get(key_of(stem)) or feminine
    return None


def _is_not_people(tokens: Sequence[Token], keys: Sequence[str], q: Quantity) -> bool:
    """Years, ages, hours, attacks, shells, "أحد الأفران": numbers that do not count people."""
    nxt = q.last + 1
    cues = cue_words()
    if q.first > 1 and tokens[q.first - 1].norm == "of" and tokens[q.first - 2].norm in _PARENTS:
        return True  # "a father of four children": his children, not the dead
    key = keys[nxt] if nxt < len(tokens) else ""
    year_like = 1900 <= q.min <= 2100 and not q.approximate and "," not in tokens[q.first].text
    if year_like and key not in cues.people:  # "2000 مدني" counts people; "2014" is a year
        return True
    if nxt >= len(tokens):
        return False
    if key in cues.modifiers and nxt + 1 < len(keys):  # "155 Syrian organizations"
        key = keys[nxt + 1]
    if (
        tokens[nxt].norm == "family"
        and nxt + 1 < len(tokens)
        and tokens[nxt + 1].norm
        in (
            "members",
            "member",
        )
    ):
        return False  # "Five family members were killed": people
    if key in cues.not_people or (key.endswith("ا") and key[:-1] in cues.not_people):
        # "40 مخيماً", "5 قذائف على مدنيين"; not "Two motorcycle riders", "Four car passengers"
        return not (nxt + 1 < len(keys) and keys[nxt + 1] in cues.people)
    if tokens[q.first].norm in ("واحد", "one") and key in ("من", "of"):
        # "في واحد من أكثر أيام الحملة دموية", "one of the bloodiest days": not one person
        after = keys[nxt + 1] if nxt + 1 < len(keys) else ""
        return after not in cues.people
    one_of = tokens[q.first].norm in ("احد", "احدي") and q.first == q.last
    return one_of and tokens[nxt].norm.startswith("ال") and key not in cues.people
