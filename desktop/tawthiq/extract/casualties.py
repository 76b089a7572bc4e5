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
from tawthiq.extract.phrases import Hit, PhraseIndex, key_of
from tawthiq.extract.tokens import Token, tokenize

_WINDOW_BEFORE = 4
_WINDOW_FORWARD = 10


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


@cache
def _cues() -> _Cues:
    d: dict[str, Any] = read_json("extract/casualties.json")
    return _Cues(
        categories=PhraseIndex((p, c) for c in ("killed", "injured", "missing") for p in d[c]),
        groups=PhraseIndex((p, g) for g, ps in d["groups"].items() for p in ps),
        dual={key_of(k): v for k, v in d["dual"].items()},
        breakdown=PhraseIndex((p, True) for p in d["breakdown"]),
        update=frozenset(key_of(w) for w in d["update"]),
        cumulative=PhraseIndex((p, True) for p in d["cumulative"]),
        singular=frozenset(key_of(t.norm) for w in d["singular"] for t in tokenize(w)),
        verbs=frozenset(key_of(t.norm) for w in d["verbs_ar"] for t in tokenize(w)),
        not_people=frozenset(key_of(t.norm) for w in d["not_people"] for t in tokenize(w)),
    )


_BREAK = re.compile(r"[.!?؟؛\n:]")


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


def _items(
    tokens: Sequence[Token], keys: Sequence[str], skip: set[int], cat_at: dict[int, Hit[str]]
) -> list[_Item]:
    cues = _cues()
    group_at = {h.first: h for h in cues.groups.find(tokens, keys)}
    breakdown_at = {h.last: h for h in cues.breakdown.find(tokens, keys)}
    items: list[_Item] = []
    i = 0
    while i < len(tokens):
        q = None if i in skip else read_quantity(tokens, i)
        if q is not None and _is_not_people(tokens, q):
            i = q.last + 1
            continue
        after_items = bool(items) and items[-1].last >= i - 2
        joined = after_items and (
            tokens[i].norm.startswith("و") or (i > 0 and tokens[i - 1].norm == "and")
        )
        breakdown = _after_breakdown(i, breakdown_at, tokens)
        if q is not None:
            group_hit = group_at.get(q.last + 1)
            last = group_hit.last if group_hit else q.last
            items.append(
                _Item(
                    i,
                    last,
                    q.min,
                    q.max,
                    q.approximate,
                    group_hit.payload if group_hit else None,
                    breakdown,
                    joined,
                )
            )
            i = last + 1
            continue
        dual = cues.dual.get(keys[i])
        article = tokens[i].norm in ("a", "an") and (i + 1) in group_at
        if article:
            i += 1  # "including a child", "killing a woman"
        lone = group_at.get(i)
        # "قتل شخصاً", "وإصابة آخر", "killing a child": one person, named right after the cue
        after_cue = (i - 1 - article) in cat_at and keys[i] in cues.singular
        if (
            dual
            or (lone and (breakdown or joined) and lone.payload in ("children", "women", "men"))
            or (lone and after_cue)
        ):
            last = i if dual else lone.last  # type: ignore[union-attr]
            group = dual or lone.payload  # type: ignore[union-attr]
            n = 2 if dual else 1
            items.append(_Item(i, last, n, n, False, group, breakdown, joined))
            i = last + 1
            continue
        i += 1
    return items


def find_figures(
    tokens: Sequence[Token], keys: Sequence[str], sent: Sequence[int], skip: set[int]
) -> list[Figure]:
    """Every casualty figure; ``sent`` numbers the sentences, ``skip`` holds date tokens."""
    cues = _cues()
    cat_at: dict[int, Hit[str]] = {}
    for h in cues.categories.find(tokens, keys):
        for i in range(h.first, h.last + 1):
            cat_at[i] = h
    cumulative_sents = {sent[h.first] for h in cues.cumulative.find(tokens, keys)}
    figures: list[Figure] = []
    previous: tuple[int, str] | None = None  # (sentence, category) of the last total
    prev_item_category: str | None = None
    for it in _items(tokens, keys, skip, cat_at):
        sub = it.group if it.group in ("children", "women", "men") else None
        near = _category_near(it.first, it.last, cat_at, sent, tokens)
        category = near[0] if near and near[1] == "right_after" else None
        if category is None and it.coordinated and prev_item_category:
            category = prev_item_category
        if category is None and it.breakdown and previous and previous[0] == sent[it.first]:
            category = previous[1]
        if category is None and near:
            category = near[0]
        if category is None and sub:
            category = _among(it.last, cat_at, sent, keys)
        if category is None and it.breakdown and previous:
            category = previous[1]
        prev_item_category = category
        if category is None:
            continue
        first = it.first
        update = any(
            keys[j] in cues.update
            for j in range(max(0, first - 10), first)
            if sent[j] == sent[first]
        )
        figures.append(
            Figure(
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
        )
        if sub is None:
            previous = (sent[first], category)
    return figures


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


def _is_not_people(tokens: Sequence[Token], q: Quantity) -> bool:
    """Years, ages, hours, attacks, shells: numbers that do not count people."""
    if q.min >= 1900 and q.min <= 2100 and not q.approximate:
        return True
    if q.last + 1 >= len(tokens):
        return False
    return key_of(tokens[q.last + 1].norm) in _cues().not_people


def _category_near(
    first: int, last: int, cat_at: dict[int, Hit[str]], sent: Sequence[int], tokens: Sequence[Token]
) -> tuple[str, str] | None:
    """The killed/injured cue of a figure and where it stands: right after the number
    ("9 قتلى", "8 killed"), before it ("مقتل 9 مدنيين", "killed eight people"), or further
    on ("three people, including a child, were killed")."""
    verbs = _cues().verbs

    def cue(j: int, *, verb_ok: bool) -> str | None:
        if not (0 <= j < len(tokens)) or j not in cat_at or sent[j] != sent[first]:
            return None
        hit = cat_at[j]
        t = tokens[hit.first]
        if not verb_ok and t.is_arabic and key_of(_bare(t.norm)) in verbs:
            return None  # "استشهد طفلان وأصيب شخصان": this verb opens the next clause
        return hit.payload

    right_after = cue(first + 1, verb_ok=False)
    if right_after:
        return right_after, "right_after"
    for j in range(first - 1, max(-1, first - 1 - _WINDOW_BEFORE), -1):
        found = cue(j, verb_ok=True)
        if found:
            return found, "before"
    for j in range(last + 1, min(len(tokens), last + 1 + _WINDOW_FORWARD)):
        found = cue(j, verb_ok=False)
        if found:
            return found, "forward"
        if tokens[j].norm.isdigit() or read_quantity(tokens, j) is not None:
            return None
    return None


def _bare(norm: str) -> str:
    return norm[1:] if norm[:1] in ("و", "ف") and len(norm) > 3 else norm
