"""The "Figures by source" table: what each report of an incident's group said (outlet,
day published, each figure it gave), the documenter's own figures first and the range
across the reports last; a report that raised the killed toll is marked. Outlets, days
and figures are public; the reports' texts are never printed here."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, Spacer

from tawthiq.domain.data_record import FIGURES, DataRecord
from tawthiq.domain.records import Casualties, SourceReport
from tawthiq.report import labels as L
from tawthiq.report.layout import BODY, LABEL, PAD, SMALL, WARN, Layout, grid
from tawthiq.report.text import Style

RAISED = "†"  # drawn by both fonts every report embeds (they have no arrow)
TEXT: dict[str, L.Pair] = {
    "by_source": ("Figures by source", "الأرقام حسب المصدر"),
    "source_col": ("Report", "التقرير"),
    "own": ("This record (the documenter's figures)", "هذا السجل (أرقام الموثِّق)"),
    "range": ("Range across {n} reports", "المدى عبر التقارير ({n})"),
    "no_outlet": ("Outlet not known", "جهة النشر غير معروفة"),
    "no_date": ("no date", "دون تاريخ"),
    "raised": (f"{RAISED} raised the killed toll", f"{RAISED} رفع حصيلة القتلى"),
    "raised_note": (
        f"{RAISED} marks a report giving more killed than every report published before it.",
        f"تدل {RAISED} على تقرير ذكر عدد قتلى أكبر من كل تقرير نُشر قبله.",
    ),
}


class BySource(Layout):
    """Builds the table of one incident's figures by source at a frame ``width``."""

    def build(self, record: DataRecord | None) -> list[Flowable]:
        if record is None or not record.per_source:
            return []
        shown = [k for k in FIGURES if k in record.ranges]
        if not shown:
            return []
        inc = record.incident
        first = 0.30 if len(shown) <= 4 else 0.24
        each = (1 - first) / len(shown)
        cols = [self.width * f for f in (first, *([each] * len(shown)))]
        head_style = Style(size=7.5, bold=True, align="center")
        head = [self.both(TEXT["source_col"], cols[0], LABEL)]
        head += [self.both(L.field(k), cols[n], head_style) for n, k in enumerate(shown, 1)]
        data: list[list[Any]] = [head]
        own = {k: Casualties.from_value(inc.values.get(k)) for k in shown}
        data.append(self._row(self.both(TEXT["own"], cols[0], LABEL), cols, shown, own))
        for row in record.per_source:
            cell = self._report_cell(row.report, row.raises_toll, cols[0])
            data.append(self._row(cell, cols, shown, row.figures))
        n = len(record.per_source)
        en, ar = TEXT["range"]
        label = (en.format(n=n), ar.format(n=self.w.digits(n)))
        data.append(self._row(self.both(label, cols[0], LABEL), cols, shown, record.ranges))
        table = grid(data, cols, rtl=self.o.lang == "ar", repeat_rows=1)
        out = self.headed(TEXT["by_source"], table)
        if any(r.raises_toll for r in record.per_source):
            out.append(self.note(TEXT["raised_note"], SMALL))
        return [*out, Spacer(1, 8)]

    def _row(self, first: Any, cols: list[float], shown: list[str], figures: Any) -> list[Any]:
        center = Style(size=BODY.size, align="center")
        cells = [first]
        for n, k in enumerate(shown, 1):
            figure = self.w.number(L.count(figures.get(k)))
            cells.append(self.p(figure or "—", cols[n] - PAD, center))
        return cells

    def _report_cell(self, report: SourceReport, raised: bool, width: float) -> list[Any]:
        """The outlet (in its own script), the day it was published, and the mark."""
        outlet = report.outlet or ""
        parts = []
        if outlet:
            parts.append(self.p(outlet, width - PAD, LABEL, self.w.direction(outlet)))
        else:
            parts += self.both(TEXT["no_outlet"], width, LABEL)
        day = report.publication_date or report.received_date
        en = L.day(day, "en") if day else TEXT["no_date"][0]
        ar = self.w.digits(L.day(day, "ar")) if day else TEXT["no_date"][1]
        parts += self.both((en, ar), width, Style(size=8))
        if raised:
            parts += self.both(TEXT["raised"], width, Style(size=7.5, color=WARN))
        return parts
