"""Putting a report together: pages, a footer on each (page numbers in both languages, the
fingerprint of the incident on the page and its QR code), the PDF's metadata, and a file
written whole or not at all."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from tawthiq import __version__
from tawthiq.report import labels as L
from tawthiq.report.fonts import fonts
from tawthiq.report.layout import SMALL, Layout
from tawthiq.report.model import ReportIncident, ReportOptions, Written, qr_data
from tawthiq.report.qr import draw_qr
from tawthiq.report.sheet import Sheet
from tawthiq.report.summary import summary
from tawthiq.report.text import Writer, visual

Progress = Callable[[int, int], None]
MARGIN = 18 * mm
FOOTER = 16 * mm


def _footer_canvas(writer: Writer, options: ReportOptions) -> type[Canvas]:
    """A canvas that draws every page's footer once the number of pages is known."""

    class FooterCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self._tawthiq_mark: tuple[str, str] | None = None

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(self._pageNumber, total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _footer(self, page: int, pages: int) -> None:
            width, _height = self._pagesize
            y = MARGIN - 8 * mm
            self.setStrokeGray(0.6)
            self.line(MARGIN, y + 9.5 * mm, width - MARGIN, y + 9.5 * mm)
            # each language its own string: one line mixing both reads back out of order
            self.setFillGray(0.2)
            en = L.TEXT["page"][0].format(page=page, pages=pages)
            ar = L.TEXT["page"][1].format(page=writer.digits(page), pages=writer.digits(pages))
            if options.english and options.arabic:  # two lines (read back as two)
                self.setFont(writer.fonts.arabic, 9)
                self.drawCentredString(width / 2, y + 4 * mm, visual(ar, True))
                self.setFont(writer.fonts.latin, 8)
                self.drawCentredString(width / 2, y, en)
            elif options.english:
                self.setFont(writer.fonts.latin, 8)
                self.drawCentredString(width / 2, y, en)
            else:
                self.setFont(writer.fonts.arabic, 9)
                self.drawCentredString(width / 2, y, visual(ar, True))
            mark = self._tawthiq_mark
            if mark is None:
                return
            incident_id, fp = mark
            self.setFont(writer.fonts.latin, 7)
            left = f"{incident_id[:8]} · {fp[:16]}"
            self.drawString(MARGIN, y, left)
            if options.footer_line:  # what the fingerprint was taken from (a checkpoint)
                self.drawString(MARGIN, y - 3 * mm, options.footer_line)
            size = 9 * mm
            draw_qr(self, qr_data(incident_id, fp), width - MARGIN - size, y - 2.5 * mm, size)

    return FooterCanvas


def build_report(
    path: str | os.PathLike[str],
    items: Sequence[ReportIncident],
    options: ReportOptions,
    *,
    left_out: int = 0,
    progress: Progress | None = None,
) -> Written:
    """Write the report; returns its number of pages and the characters its fonts lack. A
    summary comes first when there is more than one incident. The file appears whole or
    not at all (written beside, then renamed); ``progress`` may raise to stop, and then
    nothing is written."""
    tell = progress or (lambda done, total: None)
    writer = Writer(fonts(), arabic_digits=options.arabic_digits)
    pagesize = LETTER if options.paper == "letter" else A4
    frame_width = pagesize[0] - 2 * MARGIN
    story: list[Flowable] = []
    total = len(items) + 1
    if len(items) > 1 or left_out or options.selection:  # a selection: say what it was
        story += summary(writer, options, items, frame_width, left_out)
    sheet = Sheet(writer, options, frame_width)
    for n, item in enumerate(items):
        tell(n, total)
        if story:
            story.append(PageBreak())
        story += sheet.build(item)
    if writer.missing:  # said where it shows, and to the caller
        story.append(Layout(writer, options, frame_width).note(L.TEXT["unprintable"], SMALL))
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    try:
        doc = BaseDocTemplate(
            tmp,
            pagesize=pagesize,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN + FOOTER,
            title=_title(items, options),
            author="" if options.public else (options.author or ""),
            subject="Tawthiq incident report / تقرير حادثة",
            creator=f"Tawthiq {__version__}",
            keywords="",
            initialFontName=writer.fonts.latin,  # not Helvetica, which is never embedded
        )
        frame = Frame(
            MARGIN, MARGIN + FOOTER, frame_width, pagesize[1] - 2 * MARGIN - FOOTER, id="body"
        )
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        doc.build(story, canvasmaker=_footer_canvas(writer, options))
        tell(total - 1, total)
        pages = int(doc.page)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    tell(total, total)
    return Written(pages, tuple(sorted(writer.missing)))


def _title(items: Sequence[ReportIncident], options: ReportOptions) -> str:
    if len(items) == 1:
        inc = items[0].incident
        return inc.title_en or inc.title_ar or L.TEXT["report"][0]
    return L.TEXT["reports"][0]
