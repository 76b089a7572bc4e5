"""Round-ups: a report that opens on the toll of several attacks told together ("مقتل 5
أشخاص في هجمات متفرقة بدرعا", "12 civilians killed in separate incidents") and then tells
them one by one. The first one it tells with a toll of its own is the incident; the sum
of them all is not its toll."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from tawthiq.extract.casualties import Figure
from tawthiq.extract.casualty_words import cue_words
from tawthiq.extract.tokens import Token

_OTHERS = re.compile(r"\s*(?:آخرين|آخرون|اخرين|اخرون|others|more)\b")


def several_told(tokens: Sequence[Token], keys: Sequence[str], sentence: Sequence[int]) -> set[int]:
    """The sentences that tell of several attacks together ("في حادثين منفصلين")."""
    return {sentence[h.first] for h in cue_words().several.find(tokens, keys)}


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
