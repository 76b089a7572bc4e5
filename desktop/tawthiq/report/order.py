"""One line of text as it is drawn: Arabic shaped and joined, then put in visual order by
the Unicode bidi algorithm (python-bidi's levels), brackets of right-to-left runs mirrored.

One departure from the plain algorithm, on purpose: a number written with separators inside
it (a date 2023-03-07, a range 9–12 or 2020-2023, a time, a fraction, a phone number
+963 944 123 456) is kept as one left-to-right unit. Plain bidi turns the figures after an
Arabic letter into "Arabic numbers" (rule W2), and a hyphen, a dash or a space between two
of those is not joined to them (W4 joins only a European separator between European
numbers), so a browser shows "07-03-2023", "12–9" and "456 123 944 963+". The report prints
its own dates and ranges left to right (``Writer.number``); free text now reads the same.
"""

from __future__ import annotations

import re
from functools import lru_cache

import arabic_reshaper
from bidi import get_display
from bidi.algorithm import MIRRORED

from tawthiq.domain.arabic import first_strong_direction
from tawthiq.report.glyphs import JOINERS, ZWNJ

RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_TO_EMBEDDINGS = str.maketrans({"\u2066": "\u202a", "\u2067": "\u202b", "\u2069": "\u202c"})
_LEVEL = re.compile(r"Level\(\s*(\d+)")
CONTROLS = dict.fromkeys(
    map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)
_RESHAPER = arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False})
_D = "[0-9\u0660-\u0669\u06f0-\u06f9]"
_NUMBER = re.compile(
    rf"\+{_D}+(?:[ \-]{_D}+)*"  # a phone number in international form
    rf"|(?<![\w+]){_D}{{2,}}(?: {_D}{{2,}}){{2,}}(?!\w)"  # groups of a phone number: 0944 123 456
    rf"|{_D}+(?:[-\u2010-\u2013/.:,\u066b\u066c]{_D}+)+"  # a date, a range, a time, a fraction
)
_INDIC = re.compile("[\u0660-\u0669\u06f0-\u06f9]")


def isolate_numbers(text: str) -> str:
    """Each number with separators inside it embedded left to right (Arabic-Indic digits
    overridden: they would stay right-to-left inside an embedding)."""

    def unit(m: re.Match[str]) -> str:
        return ("\u202d" if _INDIC.search(m[0]) else "\u202a") + m[0] + "\u202c"

    return _NUMBER.sub(unit, text)


@lru_cache(maxsize=65536)
def shaped(word: str) -> str:
    """A word's letters in their joined forms; a ZWNJ keeps the letters on either side of it
    apart (Persian می‌خواهم), a ZWJ joins them, and neither is left to be drawn."""
    if ZWNJ in word:
        return "".join(shaped(part) for part in word.split(ZWNJ))
    return str(_RESHAPER.reshape(word)).translate(JOINERS)


def _fsi(text: str) -> str:
    """First-strong isolates (FSI…PDI) as the embedding their content asks for."""
    out, i = [], 0
    while (j := text.find("\u2068", i)) >= 0:
        end = text.find("\u2069", j)
        inner = text[j + 1 : end if end >= 0 else len(text)]
        rtl = first_strong_direction(inner) == "rtl"
        out.append(text[i:j] + ("\u202b" if rtl else "\u202a"))
        i = j + 1
    out.append(text[i:])
    return "".join(out)


def levels(text: str, rtl: bool) -> list[int]:
    """Each character's embedding level, by the Unicode bidi algorithm (python-bidi's, which
    gives them only in its debug output, one per UTF-8 byte)."""
    info = str(get_display(text, base_dir="R" if rtl else "L", debug=True))
    per_byte = [
        int(n) for n in _LEVEL.findall(info[info.index("levels:") : info.index("paragraphs:")])
    ]
    out, at = [], 0
    for ch in text:
        out.append(per_byte[at])
        at += len(ch.encode("utf-8"))
    return out


def reorder(text: str, level: list[int]) -> str:
    """Rules L2 and L4 of the bidi algorithm: runs reversed from the highest level down,
    brackets of right-to-left runs mirrored (python-bidi's get_display does not mirror).
    Combining marks stay in front of their letter, as Amiri's marks are drawn: moved
    behind it (rule L3) a damma lands beside the word instead of on its letter."""
    items = list(zip(text, level, strict=True))
    odd = [lv for lv in level if lv % 2]
    for k in range(max(level, default=0), min(odd, default=1) - 1, -1):
        i = 0
        while i < len(items):
            if items[i][1] >= k:
                j = i
                while j < len(items) and items[j][1] >= k:
                    j += 1
                items[i:j] = items[i:j][::-1]
                i = j
            else:
                i += 1
    return "".join(MIRRORED.get(ch, ch) if lv % 2 else ch for ch, lv in items)


def visual(line: str, rtl: bool) -> str:
    """One line as it is drawn: shaped, in visual order, brackets mirrored, no controls."""
    if not RTL.search(line):
        return line.translate(CONTROLS).translate(JOINERS)
    logical = _fsi(isolate_numbers(line)).translate(_TO_EMBEDDINGS)
    joined = " ".join(shaped(w) for w in logical.split(" "))
    return reorder(joined, levels(joined, rtl)).translate(CONTROLS)
