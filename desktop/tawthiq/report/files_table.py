"""The "Files" section of an incident: each evidence file attached to it, with a thumbnail
of a photo (others: what kind of file it is), its type, size, when it was attached and its
full SHA-256 in a fixed-width face, so a printed report can be checked against the files
themselves (``sha256sum``). A public report leaves out what the registry keeps private (the
name a file came under, the camera, where it came from, the note) and who attached it;
its thumbnails are made from the pixels alone, so no EXIF reaches the PDF."""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Image, KeepTogether, Paragraph, Spacer, Table, TableStyle

from tawthiq.domain.fields import EVIDENCE, FIELDS
from tawthiq.report import labels as L
from tawthiq.report.layout import FONT, GRID, LABEL, PAD, SHADE, SMALL, Layout
from tawthiq.report.model import ReportFile
from tawthiq.report.text import Style, ltr

THUMB = 64.0  # points: the side of the box a thumbnail is fitted into
TEXT: dict[str, L.Pair] = {
    "files": ("Files", "الملفات"),
    "attached": ("Attached", "أُرفق"),
    "by": ("by", "بواسطة"),
    "size": ("Size", "الحجم"),
    "bytes": ("{n} bytes", "{n} بايت"),
    "check": (
        "Each SHA-256 is that of the file's original bytes, as sha256sum prints it.",
        "كل بصمة SHA-256 هي بصمة البايتات الأصلية للملف، كما يطبعها الأمر sha256sum.",
    ),
}
KINDS: dict[str, L.Pair] = {
    "image": ("Photo (no thumbnail)", "صورة (دون صورة مصغّرة)"),
    "video": ("Video", "فيديو"),
    "audio": ("Recording", "تسجيل صوتي"),
    "application/pdf": ("PDF document", "مستند PDF"),
    "text": ("Text", "نص"),
    "other": ("File", "ملف"),
}
# what a full report prints of a file's record besides type, size and SHA-256, in order
SHOWN = ("file_name", "taken_at", "device", "origin", "note")


def mono() -> str:
    """The face the SHA-256s are printed in: Vera, embedded as every font of a report is
    (the fixed-width faces at hand carry no licence that lets every printed report embed
    them; a hash reads as well in Vera, split at the column's edge)."""
    return "Vera"


def kind(media_type: str) -> L.Pair:
    """What a file is, in both languages, where no thumbnail shows it."""
    major = media_type.split("/")[0]
    return KINDS.get(media_type) or KINDS.get(major) or KINDS["other"]


class FilesTable(Layout):
    """Builds the "Files" section of one incident at a frame ``width``."""

    def build(self, files: tuple[ReportFile, ...]) -> list[Flowable]:
        if not files:
            return []
        out: list[Flowable] = []
        for n, f in enumerate(files):
            block = self._file(f)
            if n == 0:  # the heading goes with the first file, never alone
                block = [self.heading(TEXT["files"]), Spacer(1, 4), *block]
            out += [KeepTogether(block), Spacer(1, 4)]
        out += [self.note(TEXT["check"], SMALL), Spacer(1, 8)]
        return out

    def _file(self, f: ReportFile) -> list[Flowable]:
        left = THUMB + PAD
        details = Layout(self.w, self.o, self.width - left).rows(self._rows(f))
        row, cols = [self._picture(f, left), details], [left, self.width - left]
        if self.o.lang == "ar":  # the picture on the right of an Arabic page
            row, cols = row[::-1], cols[::-1]
        at = row.index(details)
        t = Table([row, [self._sha(f), ""]], colWidths=cols)
        t.setStyle(
            TableStyle(
                [
                    FONT,
                    ("BOX", (0, 0), (-1, -1), 0.4, GRID),
                    ("SPAN", (0, 1), (1, 1)),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                    ("BACKGROUND", (0, 1), (-1, 1), SHADE),
                    ("LEFTPADDING", (at, 0), (at, 0), 0),
                    ("RIGHTPADDING", (at, 0), (at, 0), 0),
                    ("TOPPADDING", (at, 0), (at, 0), 0),
                    ("BOTTOMPADDING", (at, 0), (at, 0), 0),
                ]
            )
        )
        return [t]

    def _picture(self, f: ReportFile, width: float) -> Any:
        media = str(f.values.get("media_type") or "")
        if f.thumbnail:
            img = Image(io.BytesIO(f.thumbnail))
            scale = min(THUMB / img.imageWidth, THUMB / img.imageHeight, 1.0)
            img.drawWidth, img.drawHeight = img.imageWidth * scale, img.imageHeight * scale
            return img
        center = Style(size=LABEL.size, bold=True, align="center")
        return [*self.both(kind(media), width, center), self.p(media, width - PAD, SMALL, "ltr")]

    def _rows(self, f: ReportFile) -> list[tuple[L.Pair, str, str]]:
        v, w = f.values, self.w
        size = int(v.get("size") or 0)
        en_size, ar_size = TEXT["bytes"]
        when_en, when_ar = L.moment(f.attached_at, "en"), w.digits(L.moment(f.attached_at, "ar"))
        if not self.o.public:  # who attached it is a name: never in a public report
            when_en += f" {TEXT['by'][0]} {f.attached_by}"
            when_ar += f" {TEXT['by'][1]} {f.attached_by}"
        media = str(v.get("media_type") or "")
        rows: list[tuple[L.Pair, str, str]] = [
            (L.field("media_type", EVIDENCE), media, media),
            (TEXT["size"], en_size.format(n=f"{size:,}"), ar_size.format(n=ltr(w.number(size)))),
            (TEXT["attached"], when_en, when_ar),
        ]
        for name in SHOWN:
            spec = FIELDS[EVIDENCE][name]
            value = str(v.get(name) or "")
            if value and (spec.public or not self.o.public):
                rows.append((L.field(name, EVIDENCE), value, value))
        return rows

    def _sha(self, f: ReportFile) -> list[Any]:
        """The label, then the SHA-256 whole in a fixed-width face (cut where a line must
        be: joined again it is the 64 characters ``sha256sum`` prints)."""
        within = Layout(self.w, self.o, self.width - PAD)
        head = within.note(L.field("sha256", EVIDENCE), Style(size=7.5, bold=True))
        style = ParagraphStyle(
            "sha256", fontName=mono(), fontSize=8.5, leading=10, alignment=1, splitLongWords=1
        )
        return [head, Paragraph(f.sha256, style)]
