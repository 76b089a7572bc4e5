"""Casualty figures: who was killed or injured, how many, with children and women among them.

Each figure found is tied to a category (killed, injured, missing) and, after "بينهم" or
"including", to a group (children, women, men); the extractor then keeps, per category,
the latest toll the report gives ("ارتفع عدد القتلى إلى 9" beats an earlier "6").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from tawthiq.domain.resources import read_json
from tawthiq.extract.numbers import Quantity, read_quantity
from tawthiq.extract.phrases import Hit, Keys, PhraseIndex, alternatives, key_of
from tawthiq.extract.tokens import Token, tokenize

_WINDOW_BEFORE = 4
_WINDOW_FORWARD = 12
# as keys: the light stemmer reads "بينهم" as ب + "ينهم"
_BREAKDOWN_WORDS = frozenset(key_of(w) for w in ("بينهم", "منهم", "بينهن", "including", "among"))


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


@dataclass(frozen=True)
class _Cues:
    categories: PhraseIndex[str]
    groups: PhraseIndex[str]
    dual: dict[str, str]
    breakdown: PhraseIndex[bool]
    update: frozenset[str]
    cumulative: PhraseIndex[bool]
    singular: frozenset[str]
    verbs: frozenset[str]  # Arabic verbs come before their subject: "وأصيب شخصان"
    not_people: frozenset[str]
    people: frozenset[str]  # every noun of a group, as keys
    group_of: dict[str, str]  # singular noun key -> its group
    ages: frozenset[str]


@cache
def _cues() -> _Cues:
    d: dict[str, Any] = read_json("extract/casualties.json")
    return _Cues(
        categories=PhraseIndex(
            [(p, c) for c in ("killed", "injured", "missing") for p in d[c]]
            + [(p, "") for p in d["_ignore"]]  # "160 إصابة بكورونا" counts no one hurt
        ),
        groups=PhraseIndex((p, g) for g, ps in d["groups"].items() for p in ps),
        dual={key_of(t.norm): v for k, v in d["dual"].items() for t in tokenize(k)[:1]},
        breakdown=PhraseIndex((p, True) for p in d["breakdown"]),
        update=frozenset(key_of(w) for w in d["update"]),
        cumulative=PhraseIndex((p, True) for p in d["cumulative"]),
        singular=frozenset(key_of(t.norm) for w in d["singular"] for t in tokenize(w)),
        verbs=frozenset(key_of(t.norm) for w in d["verbs_ar"] for t in tokenize(w)),
        not_people=frozenset(key_of(t.norm) for w in d["not_people"] for t in tokenize(w)),
        people=frozenset(
            key_of(t.norm) for ws in d["groups"].values() for w in ws for t in tokenize(w)
        ),
        group_of={
            key_of(tokenize(w)[0].norm): g
            for g, ws in d["groups"].items()
            for w in ws
            if w in d["singular"] and tokenize(w)
        },
        ages=frozenset(key_of(t.norm) for w in d["ages"] for t in tokenize(w)),
    )


_BREAK = re.compile(r"[.!?؟؛\n:]")


def counts_people(key: str) -> bool:
    """Whether a word names people ("مدني", "civilians"): "2000 مدني" is no year."""
    return key in _cues().people


def harm_cues(tokens: Sequence[Token], keys: Sequence[str]) -> list[Hit[str]]:
    """Where a killing, wounding or disappearance is told."""
    return [h for h in _cues().categories.find(tokens, keys) if h.payload]


def sentence_ids(text: str, tokens: Sequence[Token]) -> list[int]:
    """The sentence number of every token (a new sentence after . ! ? ؟ ؛ : or a line break)."""
    out, n, prev_end = [], 0, 0
    for t in tokens:
        if t.start > prev_end and _BREAK.search(text, prev_end, t.start):
            n += 1
        out.append(n)
        prev_end = t.end
    return out


@dataclass(slots=True)
class _Item:
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


def _items(
    tokens: Sequence[Token], keys: Sequence[str], skip: set[int], cat_at: dict[int, Hit[str]]
) -> list[_Item]:
    cues = _cues()
    group_at = {h.first: h for h in cues.groups.find(tokens, keys)}
    breakdown_at = {h.last: h for h in cues.breakdown.find(tokens, keys)}
    alts = keys.alts if isinstance(keys, Keys) else alternatives(tokens)
    items: list[_Item] = []
    age_end = -9  # "aged 8 and 10": a number joined to an age is an age too
    i = 0
    while i < len(tokens):
        q = None if i in skip else read_quantity(tokens, i)
        if q is not None and (_is_not_people(tokens, keys, q) or _is_age(tokens, keys, q, age_end)):
            age_end = q.last if _is_age(tokens, keys, q, age_end) else age_end
            i = q.last + 1
            continue
        after_items = bool(items) and items[-1].last >= i - 2
        joined = after_items and (
            tokens[i].norm.startswith("و") or (i > 0 and tokens[i - 1].norm == "and")
        )
        if (
            q is None
            and i not in group_at
            and (i + 1) not in group_at
            and _dual(tokens[i], keys[i], alts[i]) is None
        ):
            i += 1  # no number and no person here: the common case, kept cheap
            continue
        breakdown = _after_breakdown(i, breakdown_at, tokens)
        if q is not None:
            group_hit = group_at.get(q.last + 1)
            of_them = _of_them(tokens, q.last + 1)  # "four of them children", "أربعة منهم أطفال"
            if group_hit is None and of_them and (q.last + 1 + of_them) in group_at:
                group_hit = group_at[q.last + 1 + of_them]
                breakdown = True
            last = group_hit.last if group_hit else q.last
            group = group_hit.payload if group_hit else None
            items.append(
                _Item(i, last, q.min, q.max, q.approximate, group, breakdown, joined, q.last)
            )
            i = last + 1
            continue
        dual = _dual(tokens[i], keys[i], alts[i])
        article = tokens[i].norm in _ARTICLES and (i + 1) in group_at
        if article:
            i += 1  # "including a child", "killing a woman"
        lone = group_at.get(i)
        # "قتل شخصاً", "وإصابة آخر", "killing a child": one person, named right after the cue
        singular = keys[i] in cues.singular or (alts[i] or "") in cues.singular
        after_cue = (i - 1 - article) in cat_at and singular
        # "A child was killed", "A passer-by was also wounded"
        # "Two civilians, a woman and a child, were killed": an aside naming who they were
        aside = (
            article
            and singular
            and after_items
            and not joined
            and items[-1].group not in ("children", "women", "men")
        )
        breakdown = breakdown or bool(aside)
        cue_follows = (
            article and singular and i + 1 < len(tokens)
            and tokens[i + 1].norm in ("was", "were")
            and any(i + k in cat_at for k in (2, 3))
        )  # fmt: skip
        plural_after_article = article and not singular  # "its fighters" counts no one
        if dual or (
            lone and not plural_after_article and (breakdown or joined or after_cue or cue_follows)
        ):
            last = i if dual else lone.last  # type: ignore[union-attr]
            group = dual or lone.payload  # type: ignore[union-attr]
            n = 2 if dual else 1
            items.append(_Item(i, last, n, n, False, group, breakdown, joined))
            i = last + 1
            continue
        i += 1
    return items


@dataclass
class _Scan:
    """Per token, what stands earlier in its sentence: computed once per text, so a long
    report full of numbers stays linear."""

    update_before: list[bool]
    cue_before: list[int]  # the nearest casualty word before, in the sentence, or -1

    @classmethod
    def of(cls, keys: Sequence[str], sent: Sequence[int], cat_at: dict[int, Hit[str]]) -> _Scan:
        updates = _cues().update
        update_before, cue_before = [], []
        seen_update, last_cue, current = False, -1, -1
        for i, key in enumerate(keys):
            if sent[i] != current:
                seen_update, last_cue, current = False, -1, sent[i]
            update_before.append(seen_update)
            cue_before.append(last_cue)
            seen_update = seen_update or key in updates
            if i in cat_at:
                last_cue = i
        return cls(update_before, cue_before)


def find_figures(
    tokens: Sequence[Token], keys: Sequence[str], sent: Sequence[int], skip: set[int]
) -> list[Figure]:
    """Every casualty figure; ``sent`` numbers the sentences, ``skip`` holds date tokens."""
    cues = _cues()
    cat_at: dict[int, Hit[str]] = {}
    for h in cues.categories.find(tokens, keys):
        if not h.payload:
            continue
        for i in range(h.first, h.last + 1):
            cat_at[i] = h
    cumulative_sents = {sent[h.first] for h in cues.cumulative.find(tokens, keys)}
    scan = _Scan.of(keys, sent, cat_at)
    figures: list[Figure] = []
    previous: tuple[int, str] | None = None  # (sentence, category) of the last total
    prev_item_category: str | None = None
    chains: list[list[int]] = []
    decided: list[tuple[_Item, str, bool]] = []  # (item, category, counted on its own)
    for it in _items(tokens, keys, skip, cat_at):
        sub = it.group if it.group in ("children", "women", "men") else None
        near = _category_near(it, cat_at, sent, tokens, keys, scan)
        explicit = bool(near and near[1] == "right_after")
        category = near[0] if near and explicit else None
        if category is None and it.coordinated and prev_item_category:
            category = prev_item_category
        if category is None and it.breakdown and previous and previous[0] == sent[it.first]:
            category = previous[1]
        if category is None and near:
            category = near[0]
        among = None
        if category is None and sub:
            category = among = _among(it.last, cat_at, sent, keys)
        if category is None and it.breakdown and previous:
            category = previous[1]
        prev_item_category = category
        if category is None:
            continue
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
        for it, category, _ in members:
            sub = it.group if it.group in ("children", "women", "men") else None
            if sub is None and len(members) > 1:
                continue  # "رجل وابنه": counted in the chain's total below
            figures.append(_figure(it, category, sub, tokens, sent, cumulative_sents, scan))
        if len(members) > 1 and all(apart for _, _, apart in members):
            first, last = members[0][0], members[-1][0]
            total = _Item(
                first.first,
                last.last,
                sum(m[0].min for m in members),
                sum(m[0].max for m in members),
                any(m[0].approximate for m in members),
                None,
                False,
                False,
            )
            figures.append(
                _figure(total, members[0][1], None, tokens, sent, cumulative_sents, scan)
            )
    figures.sort(key=lambda f: f.start)
    return figures


def _figure(
    it: _Item,
    category: str,
    sub: str | None,
    tokens: Sequence[Token],
    sent: Sequence[int],
    cumulative_sents: set[int],
    scan: _Scan,
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
    )


def _among(
    last: int, cat_at: dict[int, Hit[str]], sent: Sequence[int], keys: Sequence[str]
) -> str | None:
    """ "3 أطفال وامرأة كانوا من بين القتلى", "… were among the dead"."""
    for j in range(last + 1, min(len(keys), last + 9)):
        if sent[j] != sent[last]:
            return None
        if keys[j] in ("بين", "among") and j + 1 < len(keys) and (j + 1) in cat_at:
            return cat_at[j + 1].payload
    return None


def _after_breakdown(i: int, breakdown_at: dict[int, Hit[bool]], tokens: Sequence[Token]) -> bool:
    """True when a "بينهم"/"including" stands just before token ``i`` ("بينهم 3", "including a")."""
    return any(j in breakdown_at for j in range(max(0, i - 2), i))


def _of_them(tokens: Sequence[Token], i: int) -> int:
    """How many tokens "of them" / "منهم" takes at ``i`` (0 if it is not there)."""
    if i < len(tokens) and tokens[i].norm in ("منهم", "بينهم"):
        return 1
    if i + 1 < len(tokens) and tokens[i].norm == "of" and tokens[i + 1].norm in ("them", "whom"):
        return 2
    return 0


_ARTICLES = frozenset({"a", "an", "his", "her", "their", "its"})
_DEATH_OF = frozenset(key_of(w) for w in ("وفاه", "موت", "died", "death"))


def _dual(token: Token, key: str, alt: str | None) -> str | None:
    """The group of a dual noun ("طفلان", "وامرأتان", "مواطنان"), else None.

    Only the nominative "-ان" is read as a dual by its form: "-ين" is also a plural."""
    cues = _cues()
    listed = cues.dual.get(key) or cues.dual.get(alt or "")
    if listed:
        return listed
    norm = token.norm[1:] if token.norm[:1] == "و" and len(token.norm) > 5 else token.norm
    if token.is_arabic and norm.endswith("ان") and len(norm) >= 5:
        return cues.group_of.get(key_of(norm[:-2]))
    return None


def _is_age(tokens: Sequence[Token], keys: Sequence[str], q: Quantity, age_end: int) -> bool:
    """ "aged 8", "البالغ من العمر 35", "بعمر 12"; and "and 10" right after an age."""
    ages = _cues().ages
    if any(keys[k] in ages for k in range(max(0, q.first - 3), q.first)):
        return True
    return q.first - age_end <= 2 and q.first > 0 and tokens[q.first - 1].norm in ("and", "و")


def _is_not_people(tokens: Sequence[Token], keys: Sequence[str], q: Quantity) -> bool:
    """Years, ages, hours, attacks, shells, "أحد الأفران": numbers that do not count people."""
    nxt = q.last + 1
    cues = _cues()
    key = keys[nxt] if nxt < len(tokens) else ""
    year_like = 1900 <= q.min <= 2100 and not q.approximate and "," not in tokens[q.first].text
    if year_like and key not in cues.people:  # "2000 مدني" counts people; "2014" is a year
        return True
    if nxt >= len(tokens):
        return False
    if key in cues.not_people or (key.endswith("ا") and key[:-1] in cues.not_people):
        return True  # "40 مخيماً", "5 قذائف"
    if tokens[q.first].norm in ("واحد", "one") and key in ("من", "of"):
        # "في واحد من أكثر أيام الحملة دموية", "one of the bloodiest days": not one person
        after = keys[nxt + 1] if nxt + 1 < len(keys) else ""
        return after not in cues.people
    one_of = tokens[q.first].norm in ("احد", "احدي") and q.first == q.last
    return one_of and tokens[nxt].norm.startswith("ال") and key not in cues.people


def _category_near(
    it: _Item,
    cat_at: dict[int, Hit[str]],
    sent: Sequence[int],
    tokens: Sequence[Token],
    keys: Sequence[str],
    scan: _Scan,
) -> tuple[str, str] | None:
    """The killed/injured cue of a figure and where it stands: right after the number
    ("9 قتلى", "8 killed"), before it ("مقتل 9 مدنيين", "killed eight people"), or further
    on ("three people, including a child, were killed"; "ستة مدنيين … لقوا حتفهم")."""
    verbs = _cues().verbs
    first, last = it.first, it.last
    after_number = (it.number_last if it.number_last >= 0 else first) + 1

    def cue(j: int, *, opening_verb_ok: bool) -> str | None:
        if not (0 <= j < len(tokens)) or j not in cat_at or sent[j] != sent[first]:
            return None
        t = tokens[cat_at[j].first]
        opens_clause = t.is_arabic and t.norm[:1] in ("و", "ف")
        if not opening_verb_ok and opens_clause and key_of(_bare(t.norm)) in verbs:
            return None  # "استشهد طفلان وأصيب شخصان": "وأصيب" opens the next clause
        return cat_at[j].payload

    opener = after_number < len(tokens) and tokens[after_number].norm[:1] in ("و", "ف")
    right_after = None if opener else cue(after_number, opening_verb_ok=False)
    if right_after:  # "9 قتلى"; but "ممرض ومريضين، وإصابة 12": "وإصابة" opens a clause
        if right_after == "injured" and first > 0 and keys[first - 1] in _DEATH_OF:
            return "killed", "right_after"  # "وفاة ثلاثة مصابين": three of the injured died
        return right_after, "right_after"

    def forward() -> str | None:
        for j in range(last + 1, min(len(tokens), last + 1 + _WINDOW_FORWARD)):
            found = cue(j, opening_verb_ok=False)
            if found:
                return found
            aside = any(
                keys[k] in _BREAKDOWN_WORDS or keys[k] in _cues().ages
                for k in range(max(0, j - 3), j)
            )  # "بينهم ثلاثة", "aged 8 and 10"
            if not aside and (tokens[j].norm.isdigit() or read_quantity(tokens, j)):
                return None
        return None

    for j in range(first - 1, max(-1, first - 1 - _WINDOW_BEFORE), -1):
        if tokens[j].norm == "and":  # "a child was killed and three were wounded"
            ahead = forward()
            if ahead:
                return ahead, "forward"
        found = cue(j, opening_verb_ok=True)
        if found:
            return found, "before"
    ahead = forward()
    if ahead:
        return ahead, "forward"
    # "ارتفع عدد القتلى جراء القصف على البلدة أمس إلى أحد عشر": the cue opened the sentence
    k = scan.cue_before[first]
    if scan.update_before[first] and k >= 0:
        return cat_at[k].payload, "before"
    return None


def _bare(norm: str) -> str:
    return norm[1:] if norm[:1] in ("و", "ف") and len(norm) > 3 else norm
