"""Finding listed phrases (vocabulary aliases, cue words) in a report's tokens.

Phrases and text are compared word by word on light stems (no conjunction, preposition or
article in front), so "قصف مدفعي" also finds "والقصف المدفعي" and "بقصف مدفعي".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from tawthiq.domain.arabic import stem
from tawthiq.extract.tokens import Token, tokenize

T = TypeVar("T")


def key_of(norm: str) -> str:
    return stem(norm)


def exact_key(norm: str) -> str:
    """For words whose article matters ("اليوم" is today, "يوم" is just "day")."""
    return norm


@dataclass(frozen=True, slots=True)
class Hit(Generic[T]):
    payload: T
    first: int  # token index
    last: int  # token index, inclusive
    start: int  # character offsets
    end: int


class PhraseIndex(Generic[T]):
    """Longest-match lookup of many phrases, each carrying a payload (e.g. a code)."""

    def __init__(
        self, phrases: Iterable[tuple[str, T]], key: Callable[[str], str] | None = None
    ) -> None:
        self._index: dict[tuple[str, ...], T] = {}
        self.key = key or key_of
        self.longest = 1
        self._lengths: dict[str, set[int]] = {}
        for phrase, payload in phrases:
            key_ = tuple(self.key(t.norm) for t in tokenize(phrase))
            if key_:
                self._index.setdefault(key_, payload)
                self.longest = max(self.longest, len(key_))
                self._lengths.setdefault(key_[0], set()).add(len(key_))
        # first word -> the lengths of the phrases it starts, longest first
        self._starts = {k: sorted(v, reverse=True) for k, v in self._lengths.items()}

    def find(self, tokens: Sequence[Token], keys: Sequence[str] | None = None) -> list[Hit[T]]:
        """Non-overlapping hits, scanning left to right, the longest phrase first."""
        keys = keys if keys is not None else [self.key(t.norm) for t in tokens]
        hits: list[Hit[T]] = []
        i, n = 0, len(tokens)
        while i < n:
            firsts = [keys[i]]
            norm = tokens[i].norm
            if norm[:1] in ("و", "ف") and len(norm) > 3:  # "وامرأة": the stemmer keeps a lone و
                firsts.append(self.key(norm[1:]))
            found = None
            for first in firsts:
                for length in self._starts.get(first, ()):
                    if i + length > n:
                        continue
                    payload = self._index.get((first, *keys[i + 1 : i + length]))
                    if payload is not None and (found is None or i + length - 1 > found[1]):
                        found = (payload, i + length - 1)
                        break
            if found:
                payload, j = found
                hits.append(Hit(payload, i, j, tokens[i].start, tokens[j].end))
                i = j + 1
            else:
                i += 1
        return hits
