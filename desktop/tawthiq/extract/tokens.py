"""Words of a report with their character offsets, normalised for matching.

Everything the extractor matches (numbers, dates, vocabulary phrases) is matched on these
tokens, so every span it reports points at the original text exactly as it was given.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

from tawthiq.domain.arabic import normalize

# Letters, digits and the marks that belong inside Arabic words (harakat, tatweel), so a
# word written with tanween ("مصابًا") stays one token.
_WORD = re.compile(
    r"\d{1,3}(?:[,٬]\d{3})+(?!\d)|[\w\u0610-\u061a\u064b-\u065f\u0670\u0640]+(?:['’][a-zA-Z]+)?"
)
_CLITICS = ("وبال", "وال", "بال", "فال", "كال", "ولل", "لل", "ال", "و", "ف", "ب", "ل", "ك")
_ARABIC = re.compile("[\u0621-\u064a]")
ARABIC_LETTER = _ARABIC  # for the modules that look for Arabic in text, not in tokens


class Token(NamedTuple):
    """A word (a tuple: made by the thousand for every report, so it must be cheap)."""

    text: str  # as written
    norm: str  # normalised: hamza, ta marbuta, diacritics, digits, case folded
    start: int
    end: int
    dash_after: bool = False  # "10-15": a dash joins this word to the next

    @property
    def is_arabic(self) -> bool:
        return arabic_word(self.norm)


@lru_cache(maxsize=200_000)
def arabic_word(norm: str) -> bool:
    """Whether a normalised word is written in Arabic letters."""
    return bool(_ARABIC.match(norm))


def script_of(norm: str) -> int:
    """0 for a number, 1 for a word in Arabic letters, 2 for any other word."""
    return 0 if norm.isdigit() else 1 if _ARABIC.match(norm) else 2


@lru_cache(maxsize=200_000)
def word_norm(word: str) -> str:
    """One word normalised, cached: the same words recur from report to report."""
    return normalize(word).replace("’", "'")


@lru_cache(maxsize=200_000)
def _token_norm(word: str) -> str:
    """A token's normalised form: the word's, without a tanween alif."""
    norm = word_norm(word)
    if "\u064b" in word and norm.endswith("ا") and len(norm) >= 3:
        norm = norm[:-1]  # "سوقاً" is "سوق" with the accusative ending
    return norm


_START = itemgetter(2)


def starts_of(tokens: Sequence[Token]) -> list[int]:
    """Where each token starts (by an iterator: asked for in many places)."""
    return list(map(_START, tokens))


def tokenize(text: str) -> list[Token]:
    """Tokens of ``text`` with offsets into it.

    >>> [(t.norm, t.start, t.end) for t in tokenize("قُتل ٩ مدنيين، وأصيب 75")]
    [('قتل', 0, 4), ('9', 5, 6), ('مدنيين', 7, 13), ('واصيب', 15, 20), ('75', 21, 23)]
    """
    out: list[Token] = []
    append, norm_of, n, new = out.append, _token_norm, len(text), tuple.__new__
    for m in _WORD.finditer(text):
        word = m.group()
        norm = norm_of(word)
        if norm:
            start, end = m.span()
            dash = end < n and text[end] in "-–"
            # Token(...) as tuple.__new__ makes it, without the NamedTuple's own __new__
            append(new(Token, (word, norm, start, end, dash)))
    return out


def norms(text: str) -> list[str]:
    """The normalised words of ``text``, as its tokens have them (``tokenize``), without
    making the tokens: for the thousands of listed phrases indexed at start-up."""
    return [norm for norm in map(_token_norm, _WORD.findall(text)) if norm]


def variants(norm: str) -> list[str]:
    """A normalised Arabic word and the word without its proclitics (longest first kept last).

    >>> sorted(variants("وللنازحين"))
    ['النازحين', 'للنازحين', 'نازحين', 'وللنازحين']
    >>> variants("قصف")
    ['قصف']
    """
    if not _ARABIC.match(norm):
        return [norm]
    out = [norm]
    for prefix in _CLITICS:
        if norm.startswith(prefix) and len(norm) - len(prefix) >= 2:
            rest = norm[len(prefix) :]
            if rest not in out:
                out.append(rest)
            if prefix.endswith("ل") and prefix in ("لل", "ولل") and "ال" + rest not in out:
                out.append("ال" + rest)  # للنازحين = ل + النازحين
    return out


def sentence_start(text: str, at: int) -> int:
    """Where the sentence holding offset ``at`` begins: after the full stop or line end
    before it (the start of the text when none)."""
    return max(text.rfind(".", 0, at), text.rfind("\n", 0, at)) + 1


def sentence_end(text: str, at: int) -> int:
    """Where the sentence holding offset ``at`` ends: its full stop or line end (the end of
    the text when none)."""
    ends = [e for e in (text.find(".", at), text.find("\n", at)) if e >= 0]
    return min(ends, default=len(text))
