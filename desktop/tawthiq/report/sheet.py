"""One incident's pages: header, facts, casualties, victims, account, sources, history,
fingerprint.
Every label is in English and Arabic (or the one language asked for); values of the
vocabularies in both languages; free text in its own language and direction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from tawthiq.domain.fields import FIELDS, INCIDENT, SOURCE_REPORT
from tawthiq.domain.records import Casualties, Incident, SourceReport
from tawthiq.report import facts
from tawthiq.report import labels as L
from tawthiq.report.by_source import BySource
from tawthiq.report.files_table import FilesTable
from tawthiq.report.layout import (
    BODY,
    FONT,
    GRID,
    HEAD,
    LABEL,
    PAD,
    SMALL,
    TITLE,
    WARN,
    Layout,
    grid,
)
from tawthiq.report.model import ReportIncident, qr_data
from tawthiq.report.qr import QrFlowable
from tawthiq.report.text import Style, ltr
from tawthiq.report.victims import Victims

SOURCE_TEXT = FIELDS[SOURCE_REPORT]["text"]


class IncidentMark(Flowable):
    """Invisible: tells the page footer whose fingerprint the page carries."""

    def __init__(self, incident_id: str, fingerprint: str) -> None:
        super().__init__()
        self.mark = (incident_id, fingerprint)
        self.width = self.height = 0

    def draw(self) -> None:
        self.canv._tawthiq_mark = self.mark


class Sheet(Layout):
    """Builds the flowables of one incident at a frame ``width``."""

    def build(self, item: ReportIncident) -> list[Flowable]:
        inc = item.incident
        out: list[Flowable] = [IncidentMark(inc.id, item.fingerprint)]
        out.append(self.heading(L.TEXT["report"], TITLE))
        out.append(Spacer(1, 4))
        titles = (inc.title_en or inc.title_ar or "", inc.title_ar or inc.title_en or "")
        out.append(self.heading(titles, HEAD))
        out.append(Spacer(1, 6))
        for block in (
            self._deleted(item),
            self._unchecked(inc),
            self.rows(facts.identity(inc, self.w, self.o)),
            self._space(8),
            *self._facts(inc),
            self._space(8),
            self._casualties(inc),
            self._space(8),
            *Victims(self.w, self.o, self.width).build(item.victims, item.victim_notes),
            *BySource(self.w, self.o, self.width).build(item.figures),
            *self._account(inc),
            *self._sources(item.sources),
            *FilesTable(self.w, self.o, self.width).build(item.files),
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

    def _deleted(self, item: ReportIncident) -> Flowable | None:
        """A deleted incident printed from its history says so before anything else."""
        if not item.incident.deleted:
            return None
        when = item.deleted_at or item.changed_at
        en, ar = L.TEXT["deleted_note"]
        warn = Style(size=10, bold=True, color=WARN)
        return KeepTogether(
            [
                self.heading(L.TEXT["deleted"], Style(size=13, bold=True, color=WARN)),
                self.note(
                    (
                        en.format(when=L.moment(when, "en")),
                        ar.format(when=self.w.digits(L.moment(when, "ar"))),
                    ),
                    warn,
                ),
                Spacer(1, 6),
            ]
        )

    def _facts(self, inc: Incident) -> list[Flowable]:
        """The facts under their heading; a long table goes on overleaf, not whole."""
        table = self.rows(facts.facts(inc, self.w, self.o))
        return [] if table is None else self.headed(L.TEXT["facts"], table)

    def _unchecked(self, inc: Incident) -> Flowable | None:
        """A record holding values no person checked says so before its first table."""
        if not inc.unchecked:
            return None
        en, ar = L.TEXT["unchecked_note"]
        n = len(inc.unchecked)
        note = self.note((en.format(n=n), ar.format(n=self.w.digits(n))), Style(size=9, color=WARN))
        return KeepTogether([note, Spacer(1, 6)])

    def _casualties(self, inc: Incident) -> Flowable | None:
        v = inc.values
        short = {"en": L.TEXT["not_checked_short"][0], "ar": L.TEXT["not_checked_short"][1]}
        mark = short.get(self.o.lang) or " / ".join(short.values())

        def c(name: str) -> str:
            figure = self.w.number(L.count(Casualties.from_value(v.get(name))))
            if figure and name in inc.unchecked:
                figure += f" ({mark})"
            return figure

        rows = [
            (L.TEXT["in_all"], "killed", "injured"),
            (L.TEXT["children"], "killed_children", "injured_children"),
            (L.TEXT["women"], "killed_women", "injured_women"),
            (L.TEXT["men"], "killed_men", "injured_men"),
        ]
        if not any(v.get(k) for _, a, b in rows for k in (a, b)):
            return None
        cols = [self.width * f for f in (0.36, 0.32, 0.32)]

        label = self.both

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
        return KeepTogether([grid(data, cols, rtl=self.o.lang == "ar")])

    def _account(self, inc: Incident) -> list[Flowable]:
        out: list[Flowable] = []
        narrative = inc.text("narrative")
        notes = inc.text("private_notes")
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
            # a heading never stays alone at the foot of a page: it goes with what follows
            head = [self.heading(L.TEXT["sources"])] if n == 1 else []
            if self.o.public and not SOURCE_TEXT.public:
                if n == 1:
                    head += [Spacer(1, 2), self.note(L.TEXT["texts_left_out"], SMALL)]
                out += [KeepTogether([*head, Spacer(1, 4), *([meta] if meta else [])]),
                        Spacer(1, 6)]  # fmt: skip
                continue
            # a table row a line: a long report flows across pages as the account does (a
            # one-cell table cannot be split, and a text longer than a page stopped the report)
            lines = self.w.para_lines(s.text or "", self.width - PAD - 16, Style(size=9))
            box = Table([[line] for line in lines], colWidths=[self.width - 16])
            box.setStyle(
                TableStyle(
                    [
                        FONT,
                        ("BOX", (0, 0), (-1, -1), 0.4, GRID),
                        ("LEFTPADDING", (0, 0), (-1, -1), 6),
                        ("TOPPADDING", (0, 0), (-1, -1), 0),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                        ("TOPPADDING", (0, 0), (-1, 0), 4),
                        ("BOTTOMPADDING", (0, -1), (-1, -1), 5),
                    ]
                )
            )
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
            lines.append(self.p(L.TEXT["covers"][0], text_w, SMALL, "ltr"))
        if self.o.arabic:
            lines.append(self.p(L.TEXT["covers"][1], text_w, SMALL, "rtl"))
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
