"""Finding listed phrases (vocabulary aliases, cue words) in a report's tokens.

Phrases and text are compared word by word on light stems (no conjunction, preposition or
article in front), so "قصف مدفعي" also finds "والقصف المدفعي" and "بقصف مدفعي".
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from itertools import chain
from operator import itemgetter
from typing import Generic, NamedTuple, TypeVar, cast

from tawthiq.domain.arabic import stem
from tawthiq.extract.tokens import Token, arabic_word, norms, script_of

T = TypeVar("T")


@lru_cache(maxsize=200_000)
def key_of(norm: str) -> str:
    return stem(norm)


@lru_cache(maxsize=200_000)
def without_conjunction(norm: str) -> str | None:
    """ "وامرأة" → "امرأة": the search stemmer keeps a lone و, phrases need it gone."""
    return norm[1:] if norm[:1] in ("و", "ف") and len(norm) >= 3 else None


_NO_ALIF_AFTER = ("ه", "ا", "ى", "ي", "ء", "و")  # endings that take no accusative alif
_MILITIA_LONG, _MILITIA_SHORT = "ميليشي", "مليشي"


def written(words: list[str]) -> list[list[str]]:
    """Other ways a listed phrase is written in reports, where the light stem does not already
    join them: an English phrase's last word in the other number ("Russian airstrike"); in
    Arabic, a preposition on a word that starts like one ("ببرميل متفجر": the stem of "برميل"
    loses its ب), a possessive ending ("سيارتهم"), the definite form ("البراميل المتفجرة"),
    the indefinite accusative ("برميلا متفجرا"), "مليشيا" for "ميليشيا"."""
    if len(words) > 1 and all(w.isascii() and w.isalpha() for w in words):
        last = words[-1]  # "Russian airstrike" for "Russian airstrikes", and back
        plural = last.endswith("s") and not last.endswith("ss") and len(last) > 3
        return [[*words[:-1], last[:-1] if plural else last + "s"]]
    if not words or not all(arabic_word(w) and not w.isdigit() for w in words):
        return []
    # only a word its stem cuts short is written differently with a clitic or an article
    cut = [key_of(w) != w for w in words]
    out = [[p + words[0], *words[1:]] for p in ("ب", "ل", "ك") if cut[0]]
    if len(words) == 1 and not words[0].startswith("ال"):  # "سيارتهم", "منزله": whose
        stem_ = words[0][:-1] + "ت" if words[0].endswith("ه") else words[0]
        out += [[stem_ + suffix] for suffix in ("ه", "ها", "هم", "هما")]
    if not any(w.startswith("ال") for w in words):
        if any(cut):
            out.append(["ال" + w for w in words])
        if not any(w.endswith(_NO_ALIF_AFTER) for w in words):
            out.append([w + "ا" for w in words])
    if any(_MILITIA_LONG in w for w in words):  # "مليشيات" as often as "ميليشيات"
        short = [w.replace(_MILITIA_LONG, _MILITIA_SHORT) for w in words]
        out += [short, *written(short)]
    return out


def exact_key(norm: str) -> str:
    """For words whose article matters ("اليوم" is today, "يوم" is just "day")."""
    return norm


class Hit(NamedTuple, Generic[T]):
    """A phrase found (a tuple: made by the thousand for every report, so it must be cheap)."""

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
        lengths: dict[str, set[int]] = {}
        listed = [(norms(phrase), payload) for phrase, payload in phrases]
        # the phrases as listed first: a written form never displaces a listed phrase
        forms = list(listed)
        if self.key is key_of:
            forms += [(form, payload) for words, payload in listed for form in written(words)]
        key_fn, index = self.key, self._index
        for words, payload in forms:
            key_ = tuple([key_fn(w) for w in words])
            if key_:
                index.setdefault(key_, payload)
                self.longest = max(self.longest, len(key_))
                if key_[0] in lengths:
                    lengths[key_[0]].add(len(key_))
                else:
                    lengths[key_[0]] = {len(key_)}
        # first word -> the lengths of the phrases it starts, longest first (tuples: kept for
        # the life of the process, the garbage collector does not walk them)
        self._starts = {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}

    def find(
        self,
        tokens: Sequence[Token],
        keys: Sequence[str] | None = None,
        alts: Sequence[str | None] | None = None,
    ) -> list[Hit[T]]:
        """Non-overlapping hits, scanning left to right, the longest phrase first.

        ``keys`` (this index's key of every token) and ``alts`` (the key without a leading
        و/ف) may be passed in when one text is searched with several indexes."""
        if isinstance(keys, Keys) and alts is None:  # the same text, asked again
            found_before = keys.memo.get(id(self))
            if found_before is not None:
                return cast("list[Hit[T]]", found_before)
            hits = self._find(tokens, keys, keys.alts, keys.positions())
            keys.memo[id(self)] = hits
            return hits
        if keys is None:
            keys = [self.key(t.norm) for t in tokens]
        if alts is None:
            alts = alternatives(tokens, self.key)
        return self._find(tokens, keys, alts)

    def _find(
        self,
        tokens: Sequence[Token],
        keys: Sequence[str],
        alts: Sequence[str | None],
        at: dict[str, list[int]] | None = None,
    ) -> list[Hit[T]]:
        """``at`` (where each key stands) lets the scan visit only the tokens that start
        one of this index's phrases, instead of every token of the text."""
        starts, index = self._starts, self._index
        hits: list[Hit[T]] = []
        n = len(tokens)
        if at is None:
            candidates: Iterable[int] = range(n)
        else:
            firsts = starts.keys() & at.keys()
            if len(firsts) == 1:  # where one word stands: ascending already
                candidates = at[next(iter(firsts))]
            else:
                candidates = sorted(set(chain.from_iterable(map(at.__getitem__, firsts))))
        free = 0  # the first token not yet inside a hit
        for i in candidates:
            if i < free:
                continue
            found = None
            for first in (keys[i], alts[i]):
                if first is None:
                    continue
                lengths = starts.get(first)
                if not lengths:
                    continue
                for length in lengths:
                    if i + length > n:
                        continue
                    payload = index.get((first, *keys[i + 1 : i + length]))
                    if payload is not None:
                        if found is None or i + length - 1 > found[1]:
                            found = (payload, i + length - 1)
                        break
            if found:
                payload, j = found
                # Hit(...) as tuple.__new__ makes it, without the NamedTuple's own __new__
                hits.append(tuple.__new__(Hit, (payload, i, j, tokens[i].start, tokens[j].end)))
                free = j + 1
        return hits


class Keys(list[str]):
    """The stem keys of a text's tokens, with their conjunction-less alternatives computed
    once, for the many indexes that search the same text."""

    def __init__(self, tokens: Sequence[Token], key: Callable[[str], str] = key_of) -> None:
        self.scripts: list[int] | None = None  # ``script_of`` every word, with the stem keys
        self._columns: list[tuple[str | None, ...]] | None = None  # the exact keys' columns
        if key is key_of and tokens:  # every key of a word at once, from a cache: words recur
            columns = list(zip(*map(word_keys, map(itemgetter(1), tokens)), strict=True))
            super().__init__(cast("tuple[str, ...]", columns[0]))
            self.alts: list[str | None] = list(columns[1])
            self.bare: list[str] = list(cast("tuple[str, ...]", columns[2]))
            self.scripts = list(cast("tuple[int, ...]", columns[6]))
            self._columns = columns[3:6]
        else:
            super().__init__(key(t.norm) for t in tokens)
            self.alts = alternatives(tokens, key)
            # each key without a leading conjunction, where it has one ("ونفت" -> "نفت")
            self.bare = [a or k for a, k in zip(self.alts, self, strict=True)]
        self.memo: dict[int, object] = {}  # index -> its hits in this text
        self._at: dict[str, list[int]] | None = None
        self._tokens = tokens
        self._exact: Keys | None = None
        self._firsts: dict[int, list[int]] = {}  # index -> where its hits start (``part``)

    def exact(self) -> Keys:
        """The same text's keys for words whose article matters (``exact_key``)."""
        if self._exact is None:
            if self._columns is None:
                self._exact = Keys(self._tokens, exact_key)
            else:  # made with the stem keys
                exact = self._exact = Keys(())
                exact.extend(cast("tuple[str, ...]", self._columns[0]))
                exact.alts = list(self._columns[1])
                exact.bare = list(cast("tuple[str, ...]", self._columns[2]))
                exact._tokens = self._tokens
        return self._exact

    def positions(self) -> dict[str, list[int]]:
        """Where each key, and each key without its conjunction, stands (token indices)."""
        if self._at is None:
            at: dict[str, list[int]] = {}
            get = at.get  # no empty list made for every word, as setdefault would
            for i, (k, a) in enumerate(zip(self, self.alts, strict=True)):
                where = get(k)
                if where is None:
                    at[k] = [i]
                else:
                    where.append(i)
                if a is not None and a != k:
                    where = get(a)
                    if where is None:
                        at[a] = [i]
                    else:
                        where.append(i)
            self._at = at
        return self._at

    def part(
        self, kept: Sequence[int], tokens: Sequence[Token] | None = None, shift: int = 0
    ) -> Keys:
        """The keys of the tokens at ``kept`` (ascending), with the hits already found in
        the whole text that lie among them: a part of a report is not searched again.
        ``tokens``: the kept tokens as the part has them, their offsets ``shift`` ed from
        the whole text's (a part is read in a window of the text, not over its length)."""
        out = Keys(())
        out.extend(self[i] for i in kept)
        out.alts = [self.alts[i] for i in kept]
        out.bare = [self.bare[i] for i in kept]
        out._tokens = [self._tokens[i] for i in kept] if tokens is None else tokens
        if self.scripts is not None:
            out.scripts = [self.scripts[i] for i in kept]
        if self._exact is not None:
            out._exact = self._exact.part(kept, tokens, shift)
        # the runs of consecutive kept tokens: a hit is kept when it lies inside one
        runs: list[tuple[int, int, int]] = []  # (first, last, where it starts in the part)
        for k, i in enumerate(kept):
            if runs and runs[-1][1] == i - 1:
                runs[-1] = (runs[-1][0], i, runs[-1][2])
            else:
                runs.append((i, i, k))
        for index, hits in self.memo.items():
            found = cast("list[Hit[object]]", hits)
            firsts = self._firsts.get(index)
            if firsts is None:  # hits are found left to right: in the order of their first
                firsts = self._firsts[index] = [h.first for h in found]
            part_hits: list[Hit[object]] = []
            for a, b, at in runs:
                for h in found[bisect.bisect_left(firsts, a) : bisect.bisect_right(firsts, b)]:
                    if h.last <= b:
                        moved = h.first - a + at
                        part_hits.append(tuple.__new__(Hit, (
                            h.payload, moved, moved + h.last - h.first, h.start + shift,
                            h.end + shift)))  # fmt: skip
            out.memo[index] = part_hits
        return out


@lru_cache(maxsize=200_000)
def word_keys(norm: str) -> tuple[str, str | None, str, str, str | None, str, int]:
    """Every key ``Keys`` holds of a word: its stem key, the key without a leading
    conjunction (or None) and the one of them ``bare`` keeps; the same three as
    ``exact_key`` has them; its ``script_of``. (The functions themselves, not their
    caches: a word new to the process is read once, here.)"""
    k = stem(norm)
    without = without_conjunction.__wrapped__(norm)
    a = None if without is None else stem(without)
    return k, a, a or k, norm, without, without or norm, script_of(norm)


def alternatives(tokens: Sequence[Token], key: Callable[[str], str] = key_of) -> list[str | None]:
    """Each token's key without a leading conjunction, where it has one ("وامرأة")."""
    out: list[str | None] = []
    for t in tokens:
        bare = without_conjunction(t.norm)
        out.append(None if bare is None else key(bare))
    return out
