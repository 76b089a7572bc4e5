"""Characters before they reach a font: invisible ones taken out (a soft hyphen or a zero-width
space would be drawn as a box or would break the joining of Arabic letters), and any the
report's fonts cannot draw (emoji, Chinese) replaced by a visible mark, so a reader sees
that something is there and the writer can say which characters they were."""

from __future__ import annotations

import re
from functools import cache

from reportlab.pdfbase import pdfmetrics

PLACEHOLDER = "[?]"
ZWNJ, ZWJ = "\u200c", "\u200d"
# soft hyphen, zero-width space, word joiner, BOM; variation selectors and tag characters
# (they only choose how an emoji or a flag looks); C0 controls other than a line break
_INVISIBLE = re.compile(
    "[\u00ad\u200b\u2060\ufeff\ufe00-\ufe0f\U000e0000-\U000e007f\U000e0100-\U000e01ef"
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
)
# after shaping: ZWNJ and ZWJ have done their work (the letters joined or not)
JOINERS = dict.fromkeys(map(ord, ZWNJ + ZWJ))
# what the text layer itself leaves for the bidi step: never replaced
_LAYOUT = frozenset(
    map(ord, "\n \t\u00a0" + ZWNJ + ZWJ + "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e")
) | frozenset(range(0x2066, 0x206A))


def strip_invisible(text: str) -> str:
    """The text without the characters that draw nothing but would be drawn as boxes."""
    return _INVISIBLE.sub("", text)


@cache
def covered(font: str) -> frozenset[int]:
    """The characters ``font`` (a registered TrueType font) has a glyph for."""
    face = pdfmetrics.getFont(font).face
    return frozenset(face.charToGlyph) | _LAYOUT


def missing(text: str, *fonts: str) -> set[str]:
    """The characters of ``text`` none of ``fonts`` can draw."""
    have = frozenset().union(*map(covered, fonts))
    return {ch for ch in text if ord(ch) not in have}


def replace_missing(text: str, *fonts: str) -> tuple[str, set[str]]:
    """``text`` with each run of characters that none of ``fonts`` has written as one
    PLACEHOLDER, and the characters replaced."""
    lacking = missing(text, *fonts)
    if not lacking:
        return text, lacking
    out: list[str] = []
    for ch in text:
        if ch in lacking:
            if not out or out[-1] != PLACEHOLDER:
                out.append(PLACEHOLDER)
        elif ch in (ZWJ,) and out and out[-1] == PLACEHOLDER:
            continue  # the joiner inside an emoji sequence: one mark for the whole
        else:
            out.append(ch)
    return "".join(out), lacking
