"""A part of a report (the paragraphs of one of its incidents) read in a window of the text
around it, not over the text's whole length: a report of many incidents is read in time
that grows with its length, not with its length times its incidents."""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Sequence
from typing import NamedTuple

from tawthiq.extract.gazetteer import PlaceMention
from tawthiq.extract.incidents import Span, blank_outside
from tawthiq.extract.phrases import Keys
from tawthiq.extract.result import FieldResult
from tawthiq.extract.tokens import Token

# how far before and after its words a part's window reaches: what is read at the start of
# a text ("a dateline within its first 40 characters") is never read at a window's start
_MARGIN = 64


class Part(NamedTuple):
    """A part's text (blank outside it) from ``offset`` on, its words, keys and places with
    offsets into that text."""

    offset: int
    text: str
    tokens: list[Token]
    keys: Keys
    places: list[PlaceMention]


def _inside(starts: list[int], keep: Sequence[Span]) -> list[int]:
    """The indices of the ascending ``starts`` that fall inside any of the ``keep`` spans."""
    found: set[int] = set()
    for s, e in keep:
        found.update(range(bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)))
    return sorted(found)


def window(text: str, keep: Sequence[Span]) -> Span:
    """From a line break at least ``_MARGIN`` before the part (or the text's start) to one
    at least as far after it (or the text's end): line breaks stay where lines are read."""
    if not keep:
        return 0, 0
    first, last = min(s for s, _ in keep), max(e for _, e in keep)
    lo = max(0, text.rfind("\n", 0, max(0, first - _MARGIN)))
    hi = text.find("\n", min(len(text), last + _MARGIN))
    return lo, len(text) if hi < 0 else hi + 1


def part(
    text: str,
    keep: Sequence[Span],
    tokens: Sequence[Token],
    keys: Keys,
    places: Sequence[PlaceMention],
    token_starts: list[int],
    place_starts: list[int],
) -> Part:
    """The text with only ``keep`` left, in its window; its words and places are those
    already found in the whole text."""
    lo, hi = window(text, keep)
    indices = _inside(token_starts, keep)
    new = tuple.__new__  # Token(...) without the NamedTuple's own __new__, as ``tokenize``
    moved = [
        new(Token, (t[0], t[1], t[2] - lo, t[3] - lo, t[4]))
        for t in map(tokens.__getitem__, indices)
    ]
    return Part(
        lo,
        blank_outside(text[lo:hi], [(s - lo, e - lo) for s, e in keep]),
        moved,
        keys.part(indices, moved, -lo),
        [dataclasses.replace(m, start=m.start - lo, end=m.end - lo)
         for m in (places[i] for i in _inside(place_starts, keep))],
    )  # fmt: skip


def shifted(fields: dict[str, FieldResult], offset: int) -> dict[str, FieldResult]:
    """A part's fields with their spans pointing into the whole text again."""
    if not offset:
        return fields
    return {
        name: dataclasses.replace(f, spans=tuple((s + offset, e + offset) for s, e in f.spans))
        if f.spans
        else f
        for name, f in fields.items()
    }
