"""The summary's chart: incidents and people killed, month by month, in the report's
language and digits, the legend above the bars (never over the tallest), and a word on
what the bars leave out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Spacer

from tawthiq.report import labels as L
from tawthiq.report.layout import SMALL, Layout
from tawthiq.report.model import ReportOptions
from tawthiq.report.text import Writer, visual


class Count(NamedTuple):
    """Incidents under one key (a month, a governorate) and the people killed in them."""

    key: str
    incidents: int
    least: int  # killed, the lowest figures added up
    most: int
    approximate: bool  # one of the figures was
    known: int  # incidents with a figure of killed


MOST = 24  # months drawn; the table has them all
HEIGHT = 200  # the drawing's
PLOT_TOP = HEIGHT - 44  # the bars' area ends here; the title and the legend are above


def _words(writer: Writer, options: ReportOptions, pair: L.Pair) -> tuple[str, str]:
    """A label in the report's language(s), as drawn, and the font that draws it."""
    if options.lang == "en":
        return pair[0], writer.fonts.latin
    text = pair[1] if options.lang == "ar" else f"{pair[0]} / {pair[1]}"
    return visual(text, options.lang == "ar"), writer.fonts.arabic


def chart(
    writer: Writer,
    sheet: Layout,
    options: ReportOptions,
    months: Sequence[Count],
    width: float,
) -> list[Flowable]:
    """Bars of incidents and of people killed (the lowest figure when a toll is a range)."""
    dated = [m for m in months if m.key and not m.key.endswith("-y")]
    drawn = dated[-MOST:]
    arabic_digits = options.lang == "ar" and options.arabic_digits

    def digits(text: str) -> str:
        return writer.digits(text) if arabic_digits else text

    drawing = Drawing(width, HEIGHT)
    bars = VerticalBarChart()
    bars.x, bars.y, bars.width, bars.height = 36, 28, width - 50, PLOT_TOP - 28
    bars.data = [[m.incidents for m in drawn] or [0], [m.least for m in drawn] or [0]]
    bars.categoryAxis.categoryNames = [digits(m.key) for m in drawn] or [""]
    bars.categoryAxis.labels.angle = 45 if len(drawn) > 8 else 0
    bars.categoryAxis.labels.boxAnchor = "ne" if len(drawn) > 8 else "n"
    figures = writer.fonts.arabic if arabic_digits else writer.fonts.latin
    for labels in (bars.categoryAxis.labels, bars.valueAxis.labels):
        labels.fontName, labels.fontSize = figures, 7
    bars.valueAxis.labelTextFormat = lambda v: digits(f"{v:g}")
    bars.valueAxis.valueMin = 0
    bars.bars[0].fillColor = colors.HexColor("#7a8fa6")
    bars.bars[1].fillColor = colors.HexColor("#b5462f")
    drawing.add(bars)
    if options.english:
        drawing.add(String(36, HEIGHT - 12, L.TEXT["chart"][0], fontName=writer.fonts.latin,
                           fontSize=8))  # fmt: skip
    if options.arabic:
        drawing.add(String(width - 10, HEIGHT - 12, visual(L.TEXT["chart"][1], True),
                           fontName=writer.fonts.arabic, fontSize=9, textAnchor="end"))  # fmt: skip
    killed = L.TEXT["killed_least"] if any(m.least != m.most for m in drawn) else L.TEXT["killed"]
    legend = Legend()
    legend.x, legend.y = 44, HEIGHT - 24  # the top of its entries
    legend.fontName = _words(writer, options, killed)[1]
    legend.fontSize, legend.columnMaximum, legend.deltay = 7, 1, 10
    legend.deltax = max(70, 8 + max(writer.width(_words(writer, options, p)[0],
                                                legend.fontName, 7)
                                   for p in (L.TEXT["incidents"], killed)))  # fmt: skip
    legend.alignment = "right"
    legend.colorNamePairs = [
        (bars.bars[0].fillColor, _words(writer, options, L.TEXT["incidents"])[0]),
        (bars.bars[1].fillColor, _words(writer, options, killed)[0]),
    ]
    drawing.add(legend)
    out: list[Flowable] = [drawing]
    notes = []
    if len(dated) > len(drawn):
        en, ar = L.TEXT["chart_last"]
        d = writer.number
        notes.append((en.format(n=len(drawn), total=len(dated)),
                      ar.format(n=d(len(drawn)), total=d(len(dated)))))  # fmt: skip
    if len(dated) < len([m for m in months if m.key]):
        notes.append(L.TEXT["chart_years"])
    out += [sheet.note(note, SMALL) for note in notes]
    return [KeepTogether([*out, Spacer(1, 2)])]
