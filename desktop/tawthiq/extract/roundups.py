"""Tolls told over others: a round-up, a report that opens on the toll of several attacks
told together ("مقتل 5 أشخاص في هجمات متفرقة بدرعا", "12 civilians killed in separate
incidents") and then tells them one by one (the first one it tells with a toll of its own
is the incident; the sum of them all is not its toll); and a headline's one person ("Child
killed in landmine explosion") where the report tells the toll."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from tawthiq.extract.casualties import Figure
from tawthiq.extract.casualty_words import cue_words
from tawthiq.extract.tokens import Token

_OTHERS = re.compile(r"\s*(?:آخرين|آخرون|اخرين|اخرون|others|more)\b")


def several_told(tokens: Sequence[Token], keys: Sequence[str], sentence: Sequence[int]) -> set[int]:
    """The sentences that tell of several attacks together ("في حادثين منفصلين"); not where
    they are only the background ("وسط هجمات متفرقة", "amid separate attacks") or one
    attack struck twice ("in two attacks on the same market")."""
    out = set()
    for h in cue_words().several.find(tokens, keys):
        before = tokens[h.first - 1].norm if h.first > 0 else ""
        after = " ".join(t.norm for t in tokens[h.last + 1 : h.last + 4])
        if before in _AMID or "the same" in after:
            continue
        out.add(sentence[h.first])
    return out


_AMID = frozenset({"وسط", "ظل", "amid", "among", "بين", "خلال", "during", "amidst"})


def set_aside_several(figures: list[Figure], several: set[int], text: str) -> list[Figure]:
    """The figures of a toll of several attacks set aside, of each category (killed,
    injured) for which the report tells a smaller toll of one attack elsewhere (where the
    one it tells is as large, the round-up's figure is that one's). "Four others were
    killed" tells of more people than the first attack's, not of it."""
    if not several:
        return figures
    own: dict[str, int] = {}
    summed: dict[str, int] = {}
    for f in figures:
        if f.cumulative or f.breakdown:
            continue
        if f.sentence not in several and _OTHERS.match(text, f.end):
            continue  # "وبعد ساعات قتل أربعة أشخاص آخرين": another attack's
        told = summed if f.sentence in several else own
        told[f.category] = max(told.get(f.category, 0), f.max)
    apart = {c for c, n in summed.items() if c in own and own[c] < n}

    def another_attacks(f: Figure) -> bool:
        """The sum, or "four others" told of a further attack of the round-up."""
        return f.sentence in several or _OTHERS.match(text, f.end) is not None

    return [
        dataclasses.replace(f, cumulative=True)
        if f.category in apart and not f.cumulative and another_attacks(f)
        else f
        for f in figures
    ]


def headlines_left_out(figures: list[Figure], text: str) -> list[Figure]:
    """A headline's one person ("Child killed in landmine explosion") is no toll where the
    report tells one of the same harm ("Three children were killed …"); one wounded who
    died ("Child wounded by landmine dies in hospital") is no wounded."""
    told = {f.category for f in figures if not f.headline and not f.cumulative}

    def left_out(f: Figure) -> bool:
        if not f.headline:
            return False
        end = text.find("\n", f.end)
        died = _DIED.search(text, f.end, end if end >= 0 else len(text)) is not None
        return f.category in told or (f.category == "injured" and died)

    return [dataclasses.replace(f, cumulative=True) if left_out(f) else f for f in figures]


_DIED = re.compile(r"\b(?:dies|died|succumbs?|succumbed)\b|توفي|يتوفى|فارق", re.IGNORECASE)
