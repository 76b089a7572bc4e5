"""The one text layer of every report: Arabic shaped and joined, every paragraph in its own
direction, wrapped in logical order (measured on its shaped form), then each line laid out
in visual order with mirrored brackets.

ReportLab cannot do this itself here: with uharfbuzz it shapes but puts the words of a
right-to-left line in the wrong order, and its bidi needs rlbidi, which PyPI does not have
(../shared/PLATFORM.md). The text stays selectable: pdftotext, NFKC-normalised, gives the
words back in logical order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi import get_display
from bidi.algorithm import MIRRORED
from reportlab.lib.colors import Color, black
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from tawthiq.domain.arabic import first_strong_direction
from tawthiq.report.fonts import FontSet

_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_TO_EMBEDDINGS = str.maketrans({"\u2066": "\u202a", "\u2067": "\u202b", "\u2069": "\u202c"})
_LEVEL = re.compile(r"Level\(\s*(\d+)")
_CONTROLS = dict.fromkeys(
    map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)
_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_RESHAPER = arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False})


def has_arabic(text: str) -> bool:
    return bool(_ARABIC.search(text))


def ltr(text: object) -> str:
    """A date, a number or a code kept left to right inside an Arabic sentence (or
    "2022-11-06" reads as 06-11-2022)."""
    return f"\u202a{text}\u202c"


@lru_cache(maxsize=65536)
def _shaped(word: str) -> str:
    return str(_RESHAPER.reshape(word))


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
    if not _RTL.search(line):
        return line.translate(_CONTROLS)
    logical = _fsi(line).translate(_TO_EMBEDDINGS)
    shaped = " ".join(_shaped(w) for w in logical.split(" "))
    return reorder(shaped, levels(shaped, rtl)).translate(_CONTROLS)


@dataclass(frozen=True)
class Style:
    size: float = 9.5
    bold: bool = False
    color: Color = black
    align: str | None = None  # "left", "right", "center"; None: by the text's direction
    space_after: float = 0


class Writer:
    """Makes every paragraph of a report, in either script and direction."""

    def __init__(self, fonts: FontSet, *, arabic_digits: bool = False) -> None:
        self.fonts = fonts
        self.arabic_digits = arabic_digits

    # pieces of text -------------------------------------------------------------------

    def digits(self, text: object) -> str:
        """Digits of a generated Arabic value (a date, a count), as the user prefers."""
        return str(text).translate(_ARABIC_INDIC) if self.arabic_digits else str(text)

    def number(self, text: object) -> str:
        """A figure, a range or a month ("9–12", "2022-11") for the Arabic text: its digits as
        the user prefers, kept left to right (Arabic-Indic digits around a dash would
        otherwise read backwards: ١٢–٩)."""
        if text == "":
            return ""
        # Arabic-Indic digits act as right-to-left around a dash even inside a left-to-right
        # embedding: only an override keeps "٩–١٢" in its order
        return f"\u202d{self.digits(text)}\u202c" if self.arabic_digits else ltr(text)

    def font(self, text: str, bold: bool = False) -> str:
        if has_arabic(text):
            return self.fonts.arabic_bold if bold else self.fonts.arabic
        return self.fonts.latin_bold if bold else self.fonts.latin

    def width(self, text: str, font: str, size: float) -> float:
        return float(stringWidth(text, font, size))

    # wrapping ---------------------------------------------------------------------------

    def lines(self, text: str, width: float, font: str, size: float, rtl: bool) -> list[str]:
        """The lines of one paragraph, in logical order, each fitting ``width`` once shaped
        (Arabic letters take other widths joined than alone, so words are measured shaped)."""
        space = self.width(" ", font, size)
        out: list[str] = []
        line: list[str] = []
        used = 0.0
        for word in text.split(" "):
            w = self.width(_shaped(word) if _RTL.search(word) else word, font, size)
            if line and used + space + w > width:
                out.append(" ".join(line))
                line, used = [], 0.0
            if w > width:  # an address or a very long name: cut where it must be cut
                for piece in self._cut(word, width, font, size, rtl):
                    if line:
                        out.append(" ".join(line))
                    line, used = [piece], self.width(visual(piece, rtl), font, size)
                continue
            used = used + space + w if line else w
            line.append(word)
        out.append(" ".join(line))
        return out

    def _cut(self, word: str, width: float, font: str, size: float, rtl: bool) -> list[str]:
        pieces, start = [], 0
        for end in range(1, len(word) + 1):
            if self.width(visual(word[start:end], rtl), font, size) > width and end - start > 1:
                pieces.append(word[start : end - 1])
                start = end - 1
        pieces.append(word[start:])
        return pieces

    # paragraphs ----------------------------------------------------------------------------

    def direction(self, text: str, default: str = "ltr") -> str:
        return first_strong_direction(text, default=default)

    def para(
        self, text: str, width: float, style: Style | None = None, *, direction: str | None = None
    ) -> Paragraph:
        """A paragraph of ``width`` points (a frame or a cell, less its padding): each line
        of the text wrapped and laid out, every line of it in the text's own direction."""
        style = style or Style()
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n")
        rtl = (direction or self.direction(text)) == "rtl"
        font = self.font(text, style.bold)
        visual_lines = []
        for part in text.split("\n"):
            for line in self.lines(part.strip(), width - 1, font, style.size, rtl):
                visual_lines.append(escape(visual(line, rtl)) or "&nbsp;")
        align = {"left": TA_LEFT, "right": TA_RIGHT, "center": TA_CENTER}.get(
            style.align or "", TA_RIGHT if rtl else TA_LEFT
        )
        leading = style.size * (1.6 if font.startswith("Amiri") else 1.3)
        return Paragraph(
            "<br/>".join(visual_lines),
            ParagraphStyle(
                f"{font}-{style.size}-{align}",
                fontName=font,
                fontSize=style.size,
                leading=leading,
                alignment=align,
                textColor=style.color,
                spaceAfter=style.space_after,
                splitLongWords=0,
            ),
        )
