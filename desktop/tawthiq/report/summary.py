"""The first pages of a report on several incidents: what was chosen, totals, and the
incidents and people killed by month (a table and a chart), by governorate and by primary
perpetrator."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from tawthiq.report import labels as L
from tawthiq.report.model import ReportIncident, ReportOptions
from tawthiq.report.sheet import FONT, GRID, HEAD, LABEL, PAD, SHADE, TITLE, Sheet
from tawthiq.report.text import Style, Writer, visual

_CENTER = Style(size=9, align="center")


def _span(lo: int, hi: int) -> str:
    return str(lo) if lo == hi else f"{lo}–{hi}"


def _counts(items: Sequence[ReportIncident], key_of) -> list[tuple[str, int, int, int]]:  # type: ignore[no-untyped-def]
    """(key, incidents, least killed, most killed) for each key, in key order."""
    n: Counter[str] = Counter()
    lo: defaultdict[str, int] = defaultdict(int)
    hi: defaultdict[str, int] = defaultdict(int)
    for item in items:
        key = key_of(item) or ""
        n[key] += 1
        if item.incident.killed is not None:
            lo[key] += item.incident.killed.min
            hi[key] += item.incident.killed.max
    return [(k, n[k], lo[k], hi[k]) for k in sorted(n)]


def summary(
    writer: Writer,
    options: ReportOptions,
    items: Sequence[ReportIncident],
    width: float,
    left_out: int,
) -> list[Flowable]:
    sheet = Sheet(writer, options, width)
    out: list[Flowable] = [sheet.heading(L.TEXT["reports"], TITLE), Spacer(1, 8)]
    if options.selection:
        out += [sheet.rows([(L.TEXT["selection"], *options.selection)]) or Spacer(1, 0)]
    if options.public:
        out += [Spacer(1, 4), sheet.heading(L.TEXT["public"], Style(size=9))]
    if left_out:
        en, ar = L.TEXT["left_out"]
        out += [
            sheet.heading(
                (en.format(n=left_out), ar.format(n=writer.digits(left_out))), Style(size=9)
            )
        ]
    killed_lo = sum(i.incident.killed.min for i in items if i.incident.killed)
    killed_hi = sum(i.incident.killed.max for i in items if i.incident.killed)
    injured_lo = sum(i.incident.injured.min for i in items if i.incident.injured)
    injured_hi = sum(i.incident.injured.max for i in items if i.incident.injured)

    def kids(name: str) -> tuple[int, int]:
        values = [i.incident.values.get(name) for i in items]
        return sum(v["min"] for v in values if v), sum(v["max"] for v in values if v)

    children, women = kids("killed_children"), kids("killed_women")
    d = writer.number
    out += [
        Spacer(1, 8),
        sheet.heading(L.TEXT["summary"], HEAD),
        sheet.rows(
            [
                (L.TEXT["incidents"], str(len(items)), d(len(items))),
                (L.TEXT["killed"], _span(killed_lo, killed_hi), d(_span(killed_lo, killed_hi))),
                (L.field("killed_children"), _span(*children), d(_span(*children))),
                (L.field("killed_women"), _span(*women), d(_span(*women))),
                (
                    L.TEXT["injured"],
                    _span(injured_lo, injured_hi),
                    d(_span(injured_lo, injured_hi)),
                ),
            ]
        )
        or Spacer(1, 0),
    ]
    months = _counts(
        items, lambda i: i.incident.date_start and i.incident.date_start.strftime("%Y-%m")
    )
    unknown = L.TEXT["unknown"]
    sections: list[tuple[L.Pair, L.Pair, list[tuple[str, int, int, int]], Callable[[str], L.Pair]]]
    sections = [
        (L.TEXT["by_month"], L.TEXT["month"], months, lambda k: (k, d(k)) if k else unknown),
        (L.TEXT["by_governorate"], L.field("governorate"),
         _counts(items, lambda i: i.incident.governorate),
         lambda k: L.governorate(k) if k else unknown),
        (L.TEXT["by_perpetrator"], L.field("perpetrators"),
         _counts(items, lambda i: i.incident.perpetrators[0] if i.incident.perpetrators else None),
         lambda k: L.code("perpetrators", k) if k else unknown),
    ]  # fmt: skip
    for title, head, counted, name in sections:
        rows = [(name(k), n, lo, hi) for k, n, lo, hi in counted]
        out += [Spacer(1, 10), sheet.heading(title, HEAD), Spacer(1, 4),
                _table(writer, sheet, options, head, rows, width)]  # fmt: skip
        if counted is months:
            out += [Spacer(1, 6), _chart(writer, options, months, width)]
    return out


def _table(
    writer: Writer,
    sheet: Sheet,
    options: ReportOptions,
    head: L.Pair,
    rows: Sequence[tuple[L.Pair, int, int, int]],
    width: float,
) -> Flowable:
    """Rows of (name in both languages, incidents, least killed, most killed)."""
    cols = [width * f for f in (0.5, 0.25, 0.25)]

    def both(pair: L.Pair, w: float, style: Style) -> list[Flowable]:
        if pair[0] == pair[1]:  # a month: the same in both
            return [sheet.p(pair[0], w - PAD, Style(size=style.size, align="center"))]
        parts = []
        if options.english:
            parts.append(sheet.p(pair[0], w - PAD, style, "ltr"))
        if options.arabic:
            parts.append(sheet.p(pair[1], w - PAD, style, "rtl"))
        return parts

    data = [
        [
            both(head, cols[0], LABEL),
            both(L.TEXT["incidents"], cols[1], LABEL),
            both(L.TEXT["killed"], cols[2], LABEL),
        ]
    ]
    for name, n, lo, hi in rows:
        data.append(
            [
                both(name, cols[0], Style(size=9)),
                sheet.p(writer.number(n), cols[1] - PAD, _CENTER),
                sheet.p(writer.number(_span(lo, hi)), cols[2] - PAD, _CENTER),
            ]
        )
    if options.lang == "ar":
        data = [list(reversed(r)) for r in data]
        cols.reverse()
    t = Table(data, colWidths=cols, repeatRows=1)
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


def _chart(
    writer: Writer,
    options: ReportOptions,
    months: Sequence[tuple[str, int, int, int]],
    width: float,
) -> Flowable:
    """Bars of incidents and of people killed (at least) for each month."""
    months = [m for m in months if m[0]][-24:]  # the last two years of the selection
    height = 170
    drawing = Drawing(width, height + 30)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 36, 28, width - 50, height - 30
    chart.data = [[m[1] for m in months] or [0], [m[2] for m in months] or [0]]
    chart.categoryAxis.categoryNames = [m[0] for m in months] or [""]
    chart.categoryAxis.labels.angle = 45 if len(months) > 8 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(months) > 8 else "n"
    chart.categoryAxis.labels.fontName = writer.fonts.latin
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = writer.fonts.latin
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = colors.HexColor("#7a8fa6")
    chart.bars[1].fillColor = colors.HexColor("#b5462f")
    drawing.add(chart)
    if options.english:
        drawing.add(
            String(36, height + 12, L.TEXT["chart"][0], fontName=writer.fonts.latin, fontSize=8)
        )
    if options.arabic:
        drawing.add(
            String(
                width - 10,
                height + 12,
                visual(L.TEXT["chart"][1], True),
                fontName=writer.fonts.arabic,
                fontSize=9,
                textAnchor="end",
            )
        )
    legend = Legend()
    legend.x, legend.y = 44, height - 6
    legend.fontName, legend.fontSize = writer.fonts.latin, 7
    legend.columnMaximum, legend.deltax = 1, 70
    legend.colorNamePairs = [
        (chart.bars[0].fillColor, L.TEXT["incidents"][0]),
        (chart.bars[1].fillColor, L.TEXT["killed"][0]),
    ]
    drawing.add(legend)
    return KeepTogether([drawing])
