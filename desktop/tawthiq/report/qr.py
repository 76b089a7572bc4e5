"""QR codes drawn once per document as a PDF form and placed on every page that needs them
(ReportLab's QR widget builds a shape per module on every page: most of a report's time)."""

from __future__ import annotations

from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

QUIET = 2  # modules of white border


def _form(canvas: Canvas, data: str) -> tuple[str, int]:
    """The form holding the code of ``data`` (made on first use), and its size in modules."""
    forms: dict[str, tuple[str, int]] = canvas.__dict__.setdefault("_tawthiq_qr", {})
    if data in forms:
        return forms[data]
    code = QRCode(None, QRErrorCorrectLevel.M)
    code.addData(data)
    # one fixed mask: trying all eight to pick the most even one took 80 ms an incident,
    # and any mask scans
    if code.version is None:
        code.version = code.calculate_version()
    code.makeImpl(False, 0)
    n = code.getModuleCount()
    name = f"tawthiq-qr-{len(forms)}"
    canvas.beginForm(name, lowerx=0, lowery=0, upperx=n + 2 * QUIET, uppery=n + 2 * QUIET)
    canvas.setFillGray(0)
    for row in range(n):
        col = 0
        while col < n:
            if code.isDark(row, col):
                start = col
                while col < n and code.isDark(row, col):
                    col += 1
                canvas.rect(QUIET + start, QUIET + n - 1 - row, col - start, 1, stroke=0, fill=1)
            else:
                col += 1
    canvas.endForm()
    forms[data] = (name, n + 2 * QUIET)
    return forms[data]


def draw_qr(canvas: Canvas, data: str, x: float, y: float, size: float) -> None:
    name, modules = _form(canvas, data)
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(size / modules, size / modules)
    canvas.doForm(name)
    canvas.restoreState()


class QrFlowable(Flowable):
    def __init__(self, data: str, size: float) -> None:
        super().__init__()
        self.data, self.width, self.height = data, size, size

    def draw(self) -> None:
        draw_qr(self.canv, self.data, 0, 0, self.width)
