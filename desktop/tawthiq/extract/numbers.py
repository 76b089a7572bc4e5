"""Reading a quantity at a token: digits, Arabic and English number words, vague amounts.

A quantity is a min/max range; anything not exact ("عشرات", "more than 20", "نحو 30") is
approximate, so a documenter sees at once which figures the report did not pin down.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from tawthiq.domain.resources import read_json
from tawthiq.extract.tokens import Token, tokenize

_DIGITS = re.compile(r"^\d{1,3}(?:[,٬]\d{3})*$|^\d+$")


@dataclass(frozen=True, slots=True)
class Quantity:
    min: int
    max: int
    approximate: bool
    first: int  # token indices, inclusive
    last: int

    @property
    def value(self) -> int:
        return self.min


@dataclass(frozen=True)
class _Words:
    units: dict[str, int]
    ten: frozenset[str]
    tens: dict[str, int]
    hundreds: dict[str, int]
    thousands: dict[str, int]
    vague: dict[tuple[str, ...], tuple[int, int]]
    qualifiers: dict[tuple[str, ...], str]  # phrase -> at_least | more_than | about | at_most
    unnumbered: frozenset[tuple[str, ...]]  # "عدد من", "a number of": how many is not told
    starters: frozenset[str]  # every word a quantity can start with, digits aside
    phrase_starts: frozenset[str]  # the first words of the qualifiers, vague and unnumbered


@cache
def _words() -> _Words:
    d: dict[str, Any] = read_json("extract/numbers.json")

    def phrase(p: str) -> tuple[str, ...]:
        return tuple(t.norm for t in tokenize(p))

    qualifiers = {}
    for lang in ("ar", "en"):
        for kind in ("at_least", "more_than", "about", "at_most"):
            for p in d[f"{lang}_{kind}"]:
                qualifiers[phrase(p)] = kind
    vague = {
        phrase(k): (lo, hi) for lang in ("ar", "en") for k, (lo, hi) in d[f"{lang}_vague"].items()
    }
    unnumbered = frozenset(phrase(p) for lang in ("ar", "en") for p in d[f"{lang}_unnumbered"])
    units = {**d["ar_units"], **d["en_units"]}
    tens = {**d["ar_tens"], **d["en_tens"]}
    thousands = {**d["ar_thousands"], **d["en_multipliers"]}
    starters = frozenset(
        [k[0] for k in qualifiers]
        + [k[0] for k in vague]
        + [k[0] for k in unnumbered]
        + list(units)
        + list(tens)
        + list(d["ar_hundreds"])
        + list(thousands)
        + list(d["ar_ten"])
    )
    return _Words(
        units=units,
        ten=frozenset(d["ar_ten"]),
        tens=tens,
        hundreds=d["ar_hundreds"],
        thousands=thousands,
        vague=vague,
        qualifiers=qualifiers,
        unnumbered=unnumbered,
        phrase_starts=frozenset(k[0] for keys in (qualifiers, vague, unnumbered) for k in keys),
        starters=starters,
    )


def _strip_wa(norm: str) -> str:
    return norm[1:] if norm.startswith("و") and len(norm) > 3 else norm


def _exact(tokens: Sequence[Token], i: int) -> tuple[int, int] | None:
    """(value, index of the last token used) for an exact number starting at token i."""
    w = _words()
    norm = tokens[i].norm
    if norm[:1] == "و" and (
        norm[1:2].isdigit()
        or norm[1:] in _words().units
        or norm[1:] in _words().tens
        or norm[1:] in _words().ten
    ):
        norm = norm[1:]  # "و12 جريحا", "وخمسة عشر جريحاً"
    if _DIGITS.match(norm) and norm.isascii() and len(norm) <= 12:  # "፩" or 5,000 digits: no
        return int(re.sub(r"[,٬]", "", norm)), i
    nxt = tokens[i + 1].norm if i + 1 < len(tokens) else ""
    if norm in w.units:
        value, last = w.units[norm], i
        if nxt in w.ten:  # ثلاثة عشر
            return value + 10, i + 1
        if nxt.startswith("و") and _strip_wa(nxt) in w.tens:  # خمسة وعشرون
            return value + w.tens[_strip_wa(nxt)], i + 1
        if nxt in w.thousands and norm.isascii():  # five hundred
            return value * w.thousands[nxt], i + 1
        return value, last
    if norm in w.ten:
        return 10, i
    if norm in w.tens:
        value = w.tens[norm]
        if nxt in w.units and norm.isascii() and nxt.isascii():  # twenty five
            return value + w.units[nxt], i + 1
        return value, i
    if norm in w.hundreds:
        return w.hundreds[norm], i
    if norm in ("الف", "الفا", "الفان", "الفين", "thousand", "hundred"):
        return w.thousands[norm], i
    return None


def _scaled(tokens: Sequence[Token], value: int, last: int) -> tuple[int, int]:
    """ "12 ألف", "خمسة آلاف", "مئة وخمسون", "two dozen": a multiplier or a remainder after
    the number."""
    nxt = tokens[last + 1].norm if last + 1 < len(tokens) else ""
    if nxt in ("الف", "الاف", "thousand") and value < 1000:
        return value * 1000, last + 1
    if nxt == "dozen" and value < 10:  # "two dozen"
        return value * 12, last + 1
    if value in (100, 200) and nxt.startswith("و"):
        rest = _exact(tokens, last + 1)
        if rest is not None and rest[0] < 100:
            return value + rest[0], rest[1]
    return value, last


def definite_count(tokens: Sequence[Token], i: int) -> int | None:
    """ "أطفالها الثلاثة": an Arabic number written as an adjective after a plural, else None.

    >>> definite_count(tokenize("أطفالها الثلاثة"), 1), definite_count(tokenize("الطفل"), 0)
    (3, None)
    """
    norm = tokens[i].norm if i < len(tokens) else ""
    value = _words().units.get(norm[2:]) if norm.startswith("ال") else None
    return value if value and value > 1 else None


@lru_cache(maxsize=65536)
def may_start(norm: str) -> bool:
    """Whether a quantity can start with this word (a digit, a number word, "أكثر", "بين")."""
    starters = _words().starters
    bare = norm[1:] if norm.startswith("و") and len(norm) > 3 else norm  # "وأكثر من"
    return (
        norm[-1:].isdigit()
        or bare in starters
        or norm in starters
        or norm in ("ما", "between")
        or bare == "بين"
    )


def read_quantity(tokens: Sequence[Token], i: int) -> Quantity | None:
    """The quantity that starts at token ``i`` (a qualifier such as "أكثر من" included).

    >>> def q(text):
    ...     r = read_quantity(tokenize(text), 0)
    ...     return r and (r.min, r.max, r.approximate)
    >>> q("9 مدنيين"), q("٧٥ مصابا"), q("تسعة مدنيين"), q("ثلاثة عشر شخصا")
    ((9, 9, False), (75, 75, False), (9, 9, False), (13, 13, False))
    >>> q("خمسة وعشرون"), q("أكثر من 30 جريحا"), q("عشرات الجرحى"), q("نحو 20")
    ((25, 25, False), (31, 31, True), (20, 99, True), (20, 20, True))
    >>> q("at least three people"), q("twenty five"), q("a dozen"), q("dozens of")
    ((3, 3, True), (25, 25, False), (12, 12, False), (24, 99, True))
    >>> q("1,200 families"), q("مدنيين") is None, q("عدد من المدنيين"), q("a number of")
    ((1200, 1200, False), True, (0, 0, True), (0, 0, True))
    """
    first = tokens[i].norm
    if not may_start(first):
        return None
    w = _words()
    n = len(tokens)
    bare = first[1:] if first.startswith("و") and len(first) > 3 else first  # "وأكثر من"
    if bare in w.phrase_starts:  # no key starts with a number: most quantities skip this
        after = [t.norm for t in tokens[i + 1 : i + 4]]  # the words that may follow in a key
        for length in (4, 3, 2, 1):
            key = (bare, *after[: length - 1])
            if len(key) < length:
                continue
            kind = w.qualifiers.get(key)
            if kind and i + length < n:
                inner = read_quantity(tokens, i + length)
                if inner is not None:
                    if kind == "at_most" and inner.max > 1:  # "أقل من 10": one to nine
                        return Quantity(1, inner.max - 1, True, i, inner.last)
                    bump = 1 if kind == "more_than" and not inner.approximate else 0
                    return Quantity(inner.min + bump, inner.max + bump, True, i, inner.last)
            if key in w.vague:
                lo, hi = w.vague[key]
                return Quantity(lo, hi, lo != hi, i, i + length - 1)
            if key in w.unnumbered:  # no figure: 0 to 0, approximate (see ``unnumbered``)
                return Quantity(0, 0, True, i, i + length - 1)
    if bare in ("بين", "between") or (first == "ما" and i + 1 < n and tokens[i + 1].norm == "بين"):
        span = _range(tokens, i + (2 if first == "ما" else 1))  # "ما بين خمسة وسبعة"
        if span is not None:
            lo, hi, last = span
            return Quantity(lo, hi, True, i, last)
    exact = _exact(tokens, i)
    if exact is None:
        return None
    value, last = _scaled(tokens, *exact)
    if tokens[last].dash_after and last + 1 < n and tokens[last + 1].norm.isascii():
        upper = _exact(tokens, last + 1)  # "10-15 مدنيا"
        if upper is not None and value < upper[0] <= 10 * max(value, 1):
            return Quantity(value, upper[0], True, i, upper[1])
    return Quantity(value, value, False, i, last)


def _range(tokens: Sequence[Token], i: int) -> tuple[int, int, int] | None:
    """ "خمسة وسبعة", "5 و7", "five and nine" -> (5, 7, last token)."""
    if i >= len(tokens):
        return None
    lo = _exact(tokens, i)
    if lo is None:
        return None
    j = lo[1] + 1
    if j < len(tokens) and tokens[j].norm == "and":
        j += 1
    if j >= len(tokens):
        return None
    hi = _exact(tokens, j)
    if hi is None or hi[0] < lo[0]:
        return None
    return lo[0], hi[0], hi[1]
