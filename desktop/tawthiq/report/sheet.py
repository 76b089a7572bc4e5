"""One incident's pages: header, facts, casualties, account, sources, history, fingerprint.
Every label is in English and Arabic (or the one language asked for); values of the
vocabularies in both languages; free text in its own language and direction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from tawthiq.domain.fields import FIELDS, INCIDENT
from tawthiq.domain.records import Casualties, Incident, SourceReport
from tawthiq.report import labels as L
from tawthiq.report.model import ReportIncident, ReportOptions, qr_data
from tawthiq.report.qr import QrFlowable
from tawthiq.report.text import Style, Writer, has_arabic, ltr

GRID = colors.HexColor("#b0b0b0")
SHADE = colors.HexColor("#f2f2f2")
MUTED = colors.HexColor("#555555")
PAD = 12  # a cell's left and right padding together
BODY = Style(size=9)
LABEL = Style(size=8.5, bold=True)
HEAD = Style(size=12, bold=True)
TITLE = Style(size=15, bold=True)
SMALL = Style(size=8, color=MUTED)
# Tables set a font for every cell, drawn or not: not Helvetica, which is never embedded
FONT = ("FONTNAME", (0, 0), (-1, -1), "Vera")


def _same(en: str, ar: str) -> bool:
    """The same value in both columns (a code, an id, a figure), isolates aside."""
    strip = dict.fromkeys(map(ord, "\u202a\u202c"))
    return bool(en) and en.translate(strip) == ar.translate(strip)


class IncidentMark(Flowable):
    """Invisible: tells the page footer whose fingerprint the page carries."""

    def __init__(self, incident_id: str, fingerprint: str) -> None:
        super().__init__()
        self.mark = (incident_id, fingerprint)
        self.width = self.height = 0

    def draw(self) -> None:
        self.canv._tawthiq_mark = self.mark


class Sheet:
    """Builds the flowables of one incident at a frame ``width``."""

    def __init__(self, writer: Writer, options: ReportOptions, width: float) -> None:
        self.w, self.o, self.width = writer, options, width

    # small pieces --------------------------------------------------------------------

    def p(self, text: str, width: float, style: Style = BODY, direction: str | None = None) -> Any:
        return self.w.para(text, width, style, direction=direction)

    def heading(self, pair: L.Pair, style: Style = HEAD) -> Flowable:
        """A heading in both languages: English on the left, Arabic on the right."""
        en, ar = pair
        if self.o.lang != "both":
            one = self.p(
                en if self.o.lang == "en" else ar,
                self.width,
                style,
                "ltr" if self.o.lang == "en" else "rtl",
            )
            one.keepWithNext = 1
            return one
        half = self.width / 2
        t = Table(
            [[self.p(en, half - PAD, style, "ltr"), self.p(ar, half - PAD, style, "rtl")]],
            colWidths=[half, half],
        )
        t.setStyle(
            TableStyle(
                [
                    FONT,
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ]
            )
        )
        t.keepWithNext = 1  # never a heading alone at the foot of a page
        return t

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
            if self.o.lang == "both" and _same(en, ar):  # a code, a number: written once
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
                        self.p(ar or en, cols[2] - PAD, direction=self._ar_direction(ar or en)),
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
                        self.p(ar or en, cols[0] - PAD, direction=self._ar_direction(ar or en)),
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

    def _ar_direction(self, text: str) -> str:
        """The Arabic column: right to left unless the value is Latin words (a name, a
        place the gazetteer has only in English); figures alone sit on the right too."""
        return self.w.direction(text, default="rtl")

    # the sections ----------------------------------------------------------------------

    def build(self, item: ReportIncident) -> list[Flowable]:
        inc = item.incident
        out: list[Flowable] = [IncidentMark(inc.id, item.fingerprint)]
        out.append(self.heading(L.TEXT["report"], TITLE))
        out.append(Spacer(1, 4))
        titles = (inc.title_en or inc.title_ar or "", inc.title_ar or inc.title_en or "")
        out.append(self.heading(titles, HEAD))
        out.append(Spacer(1, 6))
        for block in (
            self.rows(self._identity(inc)),
            self._space(8),
            self.heading(L.TEXT["facts"]),
            self.rows(self._facts(inc)),
            self._space(8),
            self._casualties(inc),
            self._space(8),
            *self._account(inc),
            *self._sources(item.sources),
            self._space(8),
            self._history(item),
            self._space(8),
            self._integrity(item),
        ):
            if block is not None:
                out.append(block)
        return out

    @staticmethod
    def _space(h: float) -> Flowable:
        return Spacer(1, h)

    def _identity(self, inc: Incident) -> list[tuple[L.Pair, str, str]]:
        status, grade = (
            L.code("status", inc.status),
            L.code("evidence_grade", inc.values.get("evidence_grade")),
        )
        return [
            (L.TEXT["id"], inc.id, ltr(inc.id)),
            (L.field("status"), status[0], status[1]),
            (L.field("evidence_grade"), grade[0], grade[1]),
        ]

    def _facts(self, inc: Incident) -> list[tuple[L.Pair, str, str]]:
        v, w = inc.values, self.w
        when_en, when_ar = L.day(inc.date_start, "en"), w.digits(L.day(inc.date_start, "ar"))
        precision = L.code("date_precision", inc.date_precision)
        if inc.date_precision and inc.date_precision != "day":
            when_en, when_ar = f"{when_en} ({precision[0]})", f"{when_ar} ({precision[1]})"
        time = (
            L.code("time_of_day", v.get("time_of_day"))
            if v.get("time_of_day") in ("dawn", "morning", "noon", "afternoon", "evening", "night")
            else (v.get("time_of_day") or "", w.digits(v.get("time_of_day") or ""))
        )
        named = v.get("place_name") or ""
        camp = v.get("place_kind") == "camp"
        place_en = v.get("place_name_en") or named
        if camp and v.get("place_name_en"):
            place_en = f"{v['place_name_en']} camp"
        place_ar = named if has_arabic(named) else v.get("place_name_ar") or named
        if camp and place_ar and not place_ar.startswith("مخيم"):
            place_ar = f"مخيم {place_ar}"
        lat, lon = v.get("lat"), v.get("lon")
        where = f"{lat:.5f}, {lon:.5f}" if lat is not None and lon is not None else ""
        gov = L.governorate(inc.governorate)
        sources = L.codes("sources", v.get("sources"))
        named = "; ".join(v.get("source_names") or ())
        return [
            (L.field("date_start"), when_en, when_ar),
            (L.field("date_end"), L.day(inc.date_end, "en"), w.digits(L.day(inc.date_end, "ar"))),
            (L.field("time_of_day"), *time),
            (L.field("place_name"), place_en, place_ar),
            (L.field("place_kind"), *L.code("place_kind", v.get("place_kind"))),
            (L.field("subdistrict"), v.get("subdistrict") or "", v.get("subdistrict") or ""),
            (L.field("district"), v.get("district") or "", v.get("district") or ""),
            (L.field("governorate"), *gov),
            (L.field("pcode"), v.get("pcode") or "", ltr(v.get("pcode")) if v.get("pcode") else ""),
            (L.TEXT["coordinates"], where, ltr(w.digits(where)) if where else ""),
            (L.field("geo_precision"), *L.code("geo_precision", v.get("geo_precision"))),
            (L.field("incident_type"), *L.code("incident_type", inc.incident_type)),
            (L.field("weapons"), *L.codes("weapons", inc.weapons)),
            (
                L.field("perpetrators"),
                *L.codes("perpetrators", inc.perpetrators, primary_first=True),
            ),
            (L.field("target"), *L.code("target", v.get("target"))),
            (L.field("sources"), sources[0], sources[1]),
            (L.field("source_names"), named, named),
            (L.field("confidentiality"), *L.code("confidentiality", v.get("confidentiality"))),
        ]

    def _casualties(self, inc: Incident) -> Flowable | None:
        v = inc.values

        def c(name: str) -> str:
            return self.w.number(L.count(Casualties.from_value(v.get(name))))

        rows = [
            (L.TEXT["in_all"], "killed", "injured"),
            (L.TEXT["children"], "killed_children", "injured_children"),
            (L.TEXT["women"], "killed_women", "injured_women"),
            (L.TEXT["men"], "killed_men", "injured_men"),
        ]
        if not any(v.get(k) for _, a, b in rows for k in (a, b)):
            return None
        cols = [self.width * f for f in (0.36, 0.32, 0.32)]
        if self.o.lang == "ar":
            cols.reverse()

        def label(pair: L.Pair, width: float, style: Style) -> list[Any]:
            parts = []
            if self.o.english:
                parts.append(self.p(pair[0], width - PAD, style, "ltr"))
            if self.o.arabic:
                parts.append(self.p(pair[1], width - PAD, style, "rtl"))
            return parts

        center = Style(size=BODY.size, align="center")
        head = [
            label(L.TEXT["casualties"], cols[0], LABEL),
            label(L.TEXT["killed"], cols[1], LABEL),
            label(L.TEXT["injured"], cols[2], LABEL),
        ]
        data = [head]
        for pair, killed, injured in rows:
            data.append(
                [
                    label(pair, cols[0], LABEL),
                    self.p(c(killed) or "—", cols[1] - PAD, center),
                    self.p(c(injured) or "—", cols[2] - PAD, center),
                ]
            )
        if self.o.lang == "ar":
            data = [list(reversed(r)) for r in data]
        t = Table(data, colWidths=cols)
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
        return KeepTogether([t])

    def _account(self, inc: Incident) -> list[Flowable]:
        out: list[Flowable] = []
        narrative = inc.values.get("narrative")
        notes = inc.values.get("private_notes")
        for title, text in ((L.TEXT["narrative"], narrative),
                            (L.TEXT["private"], None if self.o.public else notes)):  # fmt: skip
            if text:
                body = self.p(text, self.width - PAD)
                out += [KeepTogether([self.heading(title), Spacer(1, 3), body]), Spacer(1, 8)]
        return out

    def _sources(self, sources: Sequence[SourceReport]) -> list[Flowable]:
        if not sources:
            return []
        out: list[Flowable] = []
        for n, s in enumerate(sources, 1):
            reliability = L.code("reliability", s.reliability)
            meta = self.rows(
                [
                    (
                        (f"{L.TEXT['source'][0]} {n}", f"{L.TEXT['source'][1]} {self.w.digits(n)}"),
                        s.outlet or "",
                        s.outlet or "",
                    ),
                    (
                        L.source_field("publication_date"),
                        L.day(s.publication_date, "en"),
                        self.w.digits(L.day(s.publication_date, "ar")),
                    ),
                    (
                        L.TEXT["received"],
                        L.day(s.received_date, "en"),
                        self.w.digits(L.day(s.received_date, "ar")),
                    ),
                    (L.source_field("reliability"), *reliability),
                    (L.source_field("url"), s.url or "", ltr(s.url) if s.url else ""),
                    (L.source_field("language"), *L.language(s.language)),
                ]
            )
            text = self.p(s.text or "", self.width - PAD - 16, Style(size=9))
            box = Table([[text]], colWidths=[self.width - 16])
            box.setStyle(
                TableStyle(
                    [
                        FONT,
                        ("BOX", (0, 0), (-1, -1), 0.4, GRID),
                        ("LEFTPADDING", (0, 0), (-1, -1), 6),
                    ]
                )
            )
            # a heading never stays alone at the foot of a page: it goes with what follows
            head = [self.heading(L.TEXT["sources"])] if n == 1 else []
            out += [KeepTogether([*head, Spacer(1, 4), *([meta] if meta else [])]),
                    Spacer(1, 3), box, Spacer(1, 6)]  # fmt: skip
        return out

    def _history(self, item: ReportIncident) -> Flowable | None:
        inc, w = item.incident, self.w
        conflicts = [
            L.field(c.field) if c.field in FIELDS[INCIDENT] else (c.field, c.field)
            for c in inc.conflicts
        ]

        def when(moment: Any, who: str) -> tuple[str, str]:
            """A moment and who made it; names are left out of a public report."""
            en, ar = L.moment(moment, "en"), w.digits(L.moment(moment, "ar"))
            if self.o.public:
                return en, ar
            return f"{en} {L.TEXT['by'][0]} {who}", f"{ar} {L.TEXT['by'][1]} {who}"

        made_en, made_ar = when(item.created_at, item.created_by)
        changed_en, changed_ar = when(item.changed_at, item.changed_by)
        open_en = ", ".join(c[0] for c in conflicts) or L.TEXT["none"][0]
        open_ar = "، ".join(c[1] for c in conflicts) or L.TEXT["none"][1]
        return KeepTogether(
            [
                self.heading(L.TEXT["history"]),
                Spacer(1, 3),
                self.rows(
                    [
                        (L.TEXT["created"], made_en, made_ar),
                        (L.TEXT["changed"], changed_en, changed_ar),
                        (L.TEXT["revisions"], str(item.revisions), w.number(item.revisions)),
                        (L.TEXT["conflicts"], open_en, open_ar),
                    ]
                ),
            ]
        )

    def _integrity(self, item: ReportIncident) -> Flowable:
        size = 62
        qr = QrFlowable(qr_data(item.incident.id, item.fingerprint), size)
        fp = item.fingerprint
        grouped = " ".join(fp[i : i + 4] for i in range(0, len(fp), 4))
        text_w = self.width - size - PAD - 6
        lines: list[Any] = []
        if self.o.english:
            lines.append(self.p(L.TEXT["integrity"][0], text_w, LABEL, "ltr"))
        if self.o.arabic:
            lines.append(self.p(L.TEXT["integrity"][1], text_w, LABEL, "rtl"))
        lines.append(self.p(grouped, text_w, Style(size=8.5), "ltr"))
        if self.o.english:
            lines.append(self.p(f"{L.TEXT['check'][0]} {fp[:16]}", text_w, SMALL, "ltr"))
        if self.o.arabic:
            lines.append(self.p(f"{L.TEXT['check'][1]} {ltr(fp[:16])}", text_w, SMALL, "rtl"))
        t = Table([[lines, qr]], colWidths=[self.width - size - 6, size + 6])
        t.setStyle(
            TableStyle(
                [
                    FONT,
                    ("BOX", (0, 0), (-1, -1), 0.6, colors.black),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ]
            )
        )
        return KeepTogether([t])
