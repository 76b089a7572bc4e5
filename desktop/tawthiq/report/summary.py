"""The first pages of a report on several incidents: what was chosen, totals, and the
incidents and people killed by month (a table and a chart), by governorate and by primary
perpetrator."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

from reportlab.platypus import Flowable, Spacer

from tawthiq.domain.records import Casualties, Incident
from tawthiq.report import labels as L
from tawthiq.report.chart import Count, chart
from tawthiq.report.layout import LABEL, PAD, SMALL, TITLE, Layout, grid, same
from tawthiq.report.model import ReportIncident, ReportOptions
from tawthiq.report.text import Style, Writer

_CENTER = Style(size=9, align="center")
_NOTE = Style(size=9)


def _counts(
    items: Sequence[ReportIncident], key_of: Callable[[Incident], str | None]
) -> list[Count]:
    """The incidents and people killed under each key, in key order."""
    n: Counter[str] = Counter()
    known: Counter[str] = Counter()
    lo: defaultdict[str, int] = defaultdict(int)
    hi: defaultdict[str, int] = defaultdict(int)
    approx: set[str] = set()
    for item in items:
        key = key_of(item.incident) or ""
        n[key] += 1
        if (killed := item.incident.killed) is not None:
            lo[key] += killed.min
            hi[key] += killed.max
            known[key] += 1
            if killed.approximate:
                approx.add(key)
    return [Count(k, n[k], lo[k], hi[k], k in approx, known[k]) for k in sorted(n)]


def _month(inc: Incident) -> str | None:
    """ "2022-03"; "2022-y" (after that year's months) for a date known only to its year."""
    if inc.date_start is None:
        return None
    if inc.date_precision == "year":
        return f"{inc.date_start.year}-y"
    return inc.date_start.strftime("%Y-%m")


def _total(writer: Writer, values: Sequence[Casualties | None]) -> tuple[str, str]:
    """A total as (English, Arabic): "—" when no incident records the figure, and how many
    do when only some do (a sum over some of them is no total of all)."""
    known = [c for c in values if c is not None]
    if not known:
        return "—", "—"
    text = L.span(sum(c.min for c in known), sum(c.max for c in known),
                  any(c.approximate for c in known))  # fmt: skip
    if len(known) == len(values):
        return text, writer.number(text)
    en, ar = L.TEXT["recorded_for"]
    d = writer.number
    return (en.format(total=text, k=len(known), n=len(values)),
            ar.format(total=d(text), k=d(len(known)), n=d(len(values))))  # fmt: skip


def summary(
    writer: Writer,
    options: ReportOptions,
    items: Sequence[ReportIncident],
    width: float,
    left_out: int,
) -> list[Flowable]:
    """Deleted incidents (only ever there when named by their id) are printed after the
    summary but not counted in it: they are said apart, by number."""
    sheet = Layout(writer, options, width)
    d = writer.number
    counted = [i for i in items if not i.incident.deleted]
    deleted = len(items) - len(counted)
    out: list[Flowable] = [sheet.heading(L.TEXT["reports"], TITLE), Spacer(1, 8)]
    if options.selection:
        out += [sheet.rows([(L.TEXT["selection"], *options.selection)]) or Spacer(1, 0)]
    if options.public:
        out += [Spacer(1, 4), sheet.note(L.TEXT["public"], _NOTE)]
    for pair, n in ((L.TEXT["left_out"], left_out), (L.TEXT["deleted_left"], deleted)):
        if n:
            out += [sheet.note((pair[0].format(n=n), pair[1].format(n=d(n))), _NOTE)]
    incidents = [i.incident for i in counted]

    def field(name: str) -> list[Casualties | None]:
        return [inc.count(name) for inc in incidents]

    totals = sheet.rows(
        [
            (L.TEXT["incidents"], str(len(incidents)), d(len(incidents))),
            (L.TEXT["killed"], *_total(writer, field("killed"))),
            (L.field("killed_children"), *_total(writer, field("killed_children"))),
            (L.field("killed_women"), *_total(writer, field("killed_women"))),
            (L.TEXT["injured"], *_total(writer, field("injured"))),
        ]
    )
    out += [Spacer(1, 8), *sheet.headed(L.TEXT["summary"], totals or Spacer(1, 0), space=0)]
    months = _counts(counted, _month)
    unknown = L.TEXT["unknown"]

    def month_name(k: str) -> L.Pair:
        if not k:
            return unknown
        if k.endswith("-y"):
            en, ar = L.TEXT["month_unknown"]
            return en.format(year=k[:4]), ar.format(year=d(k[:4]))
        return k, d(k)

    sections: list[tuple[L.Pair, L.Pair, list[Count], Callable[[str], L.Pair]]]
    sections = [
        (L.TEXT["by_month"], L.TEXT["month"], months, month_name),
        (L.TEXT["by_governorate"], L.field("governorate"),
         _counts(counted, lambda i: i.governorate),
         lambda k: L.governorate(k) if k else unknown),
        (L.TEXT["by_perpetrator"], L.field("perpetrators"),
         _counts(counted, lambda i: i.perpetrators[0] if i.perpetrators else None),
         lambda k: L.code("perpetrators", k) if k else unknown),
    ]  # fmt: skip
    for title, head, counts, name in sections:
        rows = [(name(c.key), c) for c in counts]
        table = _table(writer, sheet, options, head, rows, width)
        out += [Spacer(1, 10), *sheet.headed(title, table)]
        if counts is months:
            if any(m.key.endswith("-y") or not m.key for m in months):
                out += [Spacer(1, 3), sheet.note(L.TEXT["months_note"], SMALL)]
            out += [Spacer(1, 6), *chart(writer, sheet, options, months, width)]
    return out


def _table(
    writer: Writer,
    sheet: Layout,
    options: ReportOptions,
    head: L.Pair,
    rows: Sequence[tuple[L.Pair, Count]],
    width: float,
) -> Flowable:
    """Rows of a name in both languages and its count: incidents, people killed ("—" when
    none of them has a figure)."""
    cols = [width * f for f in (0.5, 0.25, 0.25)]

    def both(pair: L.Pair, w: float, style: Style) -> list[Flowable]:
        if options.lang == "both" and same(*pair):  # a month in the same digits: once
            return [sheet.p(pair[0], w - PAD, Style(size=style.size, align="center"))]
        return sheet.both(pair, w, style)

    data = [
        [
            both(head, cols[0], LABEL),
            both(L.TEXT["incidents"], cols[1], LABEL),
            both(L.TEXT["killed"], cols[2], LABEL),
        ]
    ]
    for name, c in rows:
        killed = writer.number(L.span(c.least, c.most, c.approximate)) if c.known else "—"
        data.append(
            [
                both(name, cols[0], Style(size=9)),
                sheet.p(writer.number(c.incidents), cols[1] - PAD, _CENTER),
                sheet.p(killed, cols[2] - PAD, _CENTER),
            ]
        )
    return grid(data, cols, rtl=options.lang == "ar", repeat_rows=1)
