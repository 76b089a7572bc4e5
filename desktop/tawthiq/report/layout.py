"""The building blocks every part of a report is made of: a paragraph, a heading in one or
both languages, a table of labelled values; and the report's colours and type sizes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import CondPageBreak, Flowable, Spacer, Table, TableStyle

from tawthiq.report import labels as L
from tawthiq.report.model import ReportOptions
from tawthiq.report.order import CONTROLS
from tawthiq.report.text import Style, Writer

GRID = colors.HexColor("#b0b0b0")
SHADE = colors.HexColor("#f2f2f2")
MUTED = colors.HexColor("#555555")
WARN = colors.HexColor("#9b1c1c")
PAD = 12  # a cell's left and right padding together; a frame's too
BODY = Style(size=9)
LABEL = Style(size=8.5, bold=True)
HEAD = Style(size=12, bold=True)
TITLE = Style(size=15, bold=True)
SMALL = Style(size=8, color=MUTED)
# Tables set a font for every cell, drawn or not: not Helvetica, which is never embedded
FONT = ("FONTNAME", (0, 0), (-1, -1), "Vera")


def same(en: str, ar: str) -> bool:
    """The same value in both columns (a code, an id, a figure), bidi marks aside."""
    return bool(en) and en.translate(CONTROLS) == ar.translate(CONTROLS)


def grid(data: list[list[Any]], cols: list[float], *, rtl: bool, repeat_rows: int = 0) -> Table:
    """A table with a shaded head row, its cells and widths given in reading order;
    mirrored, widths with the cells, for a right-to-left page."""
    if rtl:
        data = [list(reversed(row)) for row in data]
        cols = list(reversed(cols))
    t = Table(data, colWidths=cols, repeatRows=repeat_rows)
    t.setStyle(
        TableStyle(
            [
                FONT,
                ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return t


class Layout:
    """Paragraphs, headings and tables at a frame ``width`` (the frame's padding is taken
    off where a paragraph stands in the frame itself)."""

    def __init__(self, writer: Writer, options: ReportOptions, width: float) -> None:
        self.w, self.o, self.width = writer, options, width

    def p(self, text: str, width: float, style: Style = BODY, direction: str | None = None) -> Any:
        return self.w.para(text, width, style, direction=direction)

    def note(self, pair: L.Pair, style: Style = BODY) -> Flowable:
        """A sentence in both languages, set as a heading is, without its rule."""
        return self.heading(pair, style, rule=False)

    def heading(self, pair: L.Pair, style: Style = HEAD, *, rule: bool = True) -> Flowable:
        """A heading in both languages: English on the left, Arabic on the right, each in
        the direction of its own text (a title may exist in Arabic only); one language:
        across the frame. The same text in both is written once."""
        en, ar = pair
        if self.o.lang != "both" or same(en, ar):
            text = en if self.o.lang == "en" else ar
            # the frame pads 6 pt each side: measured wider, ReportLab would wrap the
            # visual line again and put its first word at the end
            one = self.p(text, self.width - PAD, style, self._own(text, self.o.lang))
            one.keepWithNext = int(rule)
            return one
        half = self.width / 2
        t = Table(
            [[
                self.p(en, half - PAD, style, self._own(en, "en")),
                self.p(ar, half - PAD, style, self._own(ar, "ar")),
            ]],
            colWidths=[half, half],
        )  # fmt: skip
        t.setStyle(
            TableStyle(
                [
                    FONT,
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    *([("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black)] if rule else []),
                ]
            )
        )
        t.keepWithNext = int(rule)  # never a heading alone at the foot of a page
        return t

    def headed(
        self, pair: L.Pair, body: Flowable, style: Style = HEAD, *, space: float = 4
    ) -> list[Flowable]:
        """A heading over the table it heads, never alone at the foot of a page: it goes
        overleaf unless its table's head row and first rows fit under it. (Keeping it with
        a whole table would move a long table overleaf and leave the page half empty.)"""
        heading = self.heading(pair, style)
        heading.keepWithNext = 0  # the spacer would be what it is kept with
        high = 10_000.0
        need = heading.wrap(self.width, high)[1] + space
        whole = body.wrap(self.width, high)[1]
        rows = getattr(body, "_rowHeights", None)
        need += min(whole, sum(rows[:3])) if rows else whole
        return [CondPageBreak(need), heading, Spacer(1, space), body]

    def _own(self, text: str, lang: str) -> str:
        """A text's own direction (its first strong letter), else its column's."""
        return self.w.direction(text, default="rtl" if lang == "ar" else "ltr")

    def rows(self, rows: Sequence[tuple[L.Pair, str, str]]) -> Flowable | None:
        """A table of (label, English value, Arabic value); rows without a value are left
        out. Both languages: label | value | القيمة | التسمية."""
        rows = [r for r in rows if r[1] or r[2]]
        if not rows:
            return None
        if self.o.lang == "both":
            widths = [0.19, 0.31, 0.31, 0.19]
        else:
            widths = [0.26, 0.74] if self.o.lang == "en" else [0.74, 0.26]
        cols = [self.width * f for f in widths]
        data, spans = [], []
        for n, ((label_en, label_ar), en, ar) in enumerate(rows):
            if self.o.lang == "both" and same(en, ar):  # a code, a number: written once
                spans.append(("SPAN", (1, n), (2, n)))
                data.append(
                    [
                        self.p(label_en, cols[0] - PAD, LABEL, "ltr"),
                        self.p(
                            en or ar, cols[1] + cols[2] - PAD, Style(size=BODY.size, align="center")
                        ),
                        "",
                        self.p(label_ar, cols[3] - PAD, LABEL, "rtl"),
                    ]
                )
            elif self.o.lang == "both":
                data.append(
                    [
                        self.p(label_en, cols[0] - PAD, LABEL, "ltr"),
                        self.p(en or ar, cols[1] - PAD),
                        self.p(ar or en, cols[2] - PAD, direction=self._own(ar or en, "ar")),
                        self.p(label_ar, cols[3] - PAD, LABEL, "rtl"),
                    ]
                )
            elif self.o.lang == "en":
                data.append(
                    [self.p(label_en, cols[0] - PAD, LABEL, "ltr"), self.p(en or ar, cols[1] - PAD)]
                )
            else:
                data.append(
                    [
                        self.p(ar or en, cols[0] - PAD, direction=self._own(ar or en, "ar")),
                        self.p(label_ar, cols[1] - PAD, LABEL, "rtl"),
                    ]
                )
        t = Table(data, colWidths=cols)
        label_columns = {"both": (0, 3), "en": (0,), "ar": (1,)}[self.o.lang]
        t.setStyle(
            TableStyle(
                [
                    FONT,
                    ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                    *[("BACKGROUND", (c, 0), (c, -1), SHADE) for c in label_columns],
                    *spans,
                ]
            )
        )
        return t

    def both(self, pair: L.Pair, width: float, style: Style) -> list[Any]:
        """A label inside a cell: the English over the Arabic (or the one language asked)."""
        parts = []
        if self.o.english:
            parts.append(self.p(pair[0], width - PAD, style, "ltr"))
        if self.o.arabic:
            parts.append(self.p(pair[1], width - PAD, style, "rtl"))
        return parts
