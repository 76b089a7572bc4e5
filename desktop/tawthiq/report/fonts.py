"""The report's fonts, embedded in every PDF: Amiri (OFL, from the fontpkg-amiri package)
for Arabic and for any line that holds Arabic, Bitstream Vera (shipped inside ReportLab) for
lines that are Latin only."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from tawthiq.domain.resources import font_file, shipped


@dataclass(frozen=True)
class FontSet:
    arabic: str
    arabic_bold: str
    latin: str
    latin_bold: str


def _amiri(style: str) -> Path:
    return font_file("Amiri", f"Amiri-{style}.ttf")


@cache
def fonts() -> FontSet:
    """Register the fonts with ReportLab once per process."""
    vera = shipped("fonts", package="reportlab")
    for name, path in (
        ("Amiri", _amiri("Regular")),
        ("Amiri-Bold", _amiri("Bold")),
        ("Vera", vera / "Vera.ttf"),
        ("Vera-Bold", vera / "VeraBd.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(path)))
    # drawings (the QR codes, the chart) start in Helvetica, which is never embedded
    from reportlab.graphics import shapes

    shapes.STATE_DEFAULTS["fontName"] = "Vera"
    return FontSet("Amiri", "Amiri-Bold", "Vera", "Vera-Bold")
