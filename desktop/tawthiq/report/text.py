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
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color, black
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from tawthiq.domain.arabic import first_strong_direction
from tawthiq.report.fonts import FontSet
from tawthiq.report.glyphs import covered, replace_missing, strip_invisible
from tawthiq.report.order import RTL as _RTL
from tawthiq.report.order import shaped, visual

__all__ = ["Style", "Writer", "has_arabic", "ltr", "visual"]

_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
# where a line may break: any space; a no-break space only when the words it holds
# together do not fit on one line (a paragraph pasted with no-break spaces everywhere)
_SPACE = re.compile("[ \t\u1680\u2000-\u200a\u205f\u3000]+")
_GLUE = re.compile("[\u00a0\u2007\u202f]+")


def has_arabic(text: str) -> bool:
    return bool(_ARABIC.search(text))


def ltr(text: object) -> str:
    """A date, a number or a code kept left to right inside an Arabic sentence (or
    "2022-11-06" reads as 06-11-2022)."""
    return f"\u202a{text}\u202c"


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
        self.missing: set[str] = set()  # characters no font of the report could draw

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
        """Amiri for a paragraph with Arabic, Vera for Latin text (each draws, a character
        at a time, what the other lacks: ``markup``)."""
        if has_arabic(text):
            return self.fonts.arabic_bold if bold else self.fonts.arabic
        return self.fonts.latin_bold if bold else self.fonts.latin

    def other(self, font: str) -> str:
        """The font that draws what ``font`` lacks: Vera's "≈" in an Arabic line, Amiri's
        letters in a Latin one."""
        pairs = {
            self.fonts.arabic: self.fonts.latin,
            self.fonts.arabic_bold: self.fonts.latin_bold,
            self.fonts.latin: self.fonts.arabic,
            self.fonts.latin_bold: self.fonts.arabic_bold,
        }
        return pairs.get(font, font)

    def _runs(self, text: str, font: str) -> list[tuple[str, str]]:
        """``text`` as (piece, font) runs: ``font`` wherever it has the glyphs."""
        have = covered(font)
        if all(ord(ch) in have for ch in text):
            return [(text, font)]
        runs: list[tuple[str, str]] = []
        for ch in text:
            f = font if ord(ch) in have else self.other(font)
            if runs and runs[-1][1] == f:
                runs[-1] = (runs[-1][0] + ch, f)
            else:
                runs.append((ch, f))
        return runs

    def width(self, text: str, font: str, size: float) -> float:
        return sum(float(stringWidth(t, f, size)) for t, f in self._runs(text, font))

    def markup(self, line: str, font: str) -> str:
        """A drawn line as Paragraph markup, the pieces ``font`` lacks in the other font."""
        return "".join(
            escape(t) if f == font else f'<font name="{f}">{escape(t)}</font>'
            for t, f in self._runs(line, font)
        )

    def clean(self, text: str, font: str) -> str:
        """What the fonts can draw of ``text``: invisible characters out, those neither font
        has a glyph for written as a visible mark (and remembered in ``self.missing``)."""
        text, lacking = replace_missing(strip_invisible(text), font, self.other(font))
        self.missing |= lacking
        return text

    # wrapping ---------------------------------------------------------------------------

    def lines(self, text: str, width: float, font: str, size: float, rtl: bool) -> list[str]:
        """The lines of one paragraph, in logical order, each fitting ``width`` once shaped
        (Arabic letters take other widths joined than alone, so words are measured shaped).
        Lines break at spaces of any kind; words held by no-break spaces stay together
        unless they are longer than a line; a word is cut only when it alone is."""
        space = self.width(" ", font, size)
        out: list[str] = []
        line: list[str] = []
        used = 0.0

        def measure(word: str) -> float:
            return self.width(shaped(word) if _RTL.search(word) else word, font, size)

        for group in _SPACE.split(text.strip()):
            words = [_GLUE.sub(" ", group)]
            if _GLUE.search(group) and measure(words[0]) > width:
                words = _GLUE.split(group)
            for word in words:
                w = measure(word)
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
        """A word too long for a line in pieces that fit, each as long as it can be: found
        by doubling then halving its length (a width is measured a few dozen times a piece,
        not once a letter)."""

        def fits(start: int, end: int) -> bool:
            return self.width(visual(word[start:end], rtl), font, size) <= width

        pieces, start = [], 0
        while len(word) - start > 0 and not fits(start, len(word)):
            good, step = 1, 1  # a piece has at least one letter, even one wider than a line
            while start + good + step <= len(word) and fits(start, start + good + step):
                good, step = good + step, step * 2
            bad = min(len(word) - start, good + step)
            while bad - good > 1:
                mid = (good + bad) // 2
                good, bad = (mid, bad) if fits(start, start + mid) else (good, mid)
            pieces.append(word[start : start + good])
            start += good
        pieces.append(word[start:])
        return [p for p in pieces if p] or [word]

    # paragraphs ----------------------------------------------------------------------------

    def direction(self, text: str, default: str = "ltr") -> str:
        return first_strong_direction(text, default=default)

    def para(
        self, text: str, width: float, style: Style | None = None, *, direction: str | None = None
    ) -> Paragraph:
        """A paragraph of ``width`` points (a frame or a cell, less its padding): each line
        of the text wrapped and laid out, every line of it in the text's own direction."""
        lines, pstyle = self._laid_out(text, width, style or Style(), direction)
        return Paragraph("<br/>".join(lines), pstyle)

    def para_lines(
        self, text: str, width: float, style: Style | None = None, *, direction: str | None = None
    ) -> list[Paragraph]:
        """The same paragraph as one Paragraph a line: for a box that may be split across
        pages line by line (a table row each)."""
        lines, pstyle = self._laid_out(text, width, style or Style(), direction)
        return [Paragraph(line, pstyle) for line in lines]

    def _laid_out(
        self, text: str, width: float, style: Style, direction: str | None
    ) -> tuple[list[str], ParagraphStyle]:
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n")
        rtl = (direction or self.direction(text)) == "rtl"
        font = self.font(text, style.bold)
        text = self.clean(text, font)
        visual_lines = []
        for part in text.split("\n"):
            for line in self.lines(part.strip(), width - 1, font, style.size, rtl):
                visual_lines.append(self.markup(visual(line, rtl), font) or "&nbsp;")
        align = {"left": TA_LEFT, "right": TA_RIGHT, "center": TA_CENTER}.get(
            style.align or "", TA_RIGHT if rtl else TA_LEFT
        )
        leading = style.size * (1.6 if font.startswith("Amiri") else 1.3)
        return visual_lines, ParagraphStyle(
            f"{font}-{style.size}-{align}",
            fontName=font,
            fontSize=style.size,
            leading=leading,
            alignment=align,
            textColor=style.color,
            spaceAfter=style.space_after,
            splitLongWords=0,
        )
