"""Victims named one by one after a cue: the roll ("مقتل كل من الطفل فلان … والسيدة
فلانة") and a person told by their name ("الطفل محسن")."""

from __future__ import annotations

from collections.abc import Sequence

from tawthiq.extract.casualty_words import cue_words
from tawthiq.extract.phrases import Hit
from tawthiq.extract.tokens import Token

_EACH = frozenset({"كل", "كلا"})  # ("كلاً" is read "كل")
_ROLL_WORDS = 60  # how far a roll of names goes on after "مقتل كل من"


def roll_calls(tokens: Sequence[Token], cat_at: dict[int, Hit[str]]) -> list[tuple[int, int]]:
    """Where victims are named one by one after a cue and "كل من" ("مقتل كلا من الطفل فلان
    … والسيدة فلانة"): the token ranges (after "من", up to a stretch of words)."""
    out = []
    cues = sorted(cat_at)
    for j in {h.last for h in cat_at.values()}:
        if j + 2 < len(tokens) and tokens[j + 1].norm in _EACH and tokens[j + 2].norm == "من":
            end = min(len(tokens) - 1, j + 2 + _ROLL_WORDS)
            # the roll ends where the cause is told ("… جراء قصف", "… اثر انفجار"), or
            # where another cue begins ("… وإصابة الطفل علي", "… أصيب الطفل علي")
            end = next((k for k in range(j + 3, end) if tokens[k].norm in _ROLL_ENDS), end)
            end = next((k for k in cues if j + 2 < k < end), end)
            out.append((j + 2, end))
    return out


_ROLL_ENDS = frozenset({"جراء", "بسبب", "اثر", "إثر", "نتيجه", "بعد", "فيما", "كما", "بينما"})


def by_name(
    tokens: Sequence[Token], keys: Sequence[str], group_at: dict[int, Hit[str]], i: int
) -> bool:
    """A definite person followed by a name, neither by another definite word nor after
    another person ("والدة الطفل فلان": the mother of one)."""
    nxt = tokens[i + 1].norm if i + 1 < len(tokens) else ""
    after_person = i > 0 and ((i - 1) in group_at or keys[i - 1] in cue_words().singular)
    return bool(nxt) and not nxt.startswith("ال") and not nxt.isdigit() and not after_person
