"""Render resources/icons/tawthiq.svg into the PNG sizes the desktop entry, the window and
the installers use (run after changing the SVG; the PNGs are committed beside it).

    python scripts/make_icons.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "tawthiq.svg"))
    if not renderer.isValid():
        print("make_icons: tawthiq.svg is not a valid SVG", file=sys.stderr)
        return 1
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        out = ICONS / f"tawthiq-{size}.png"
        image.save(str(out))
        print(f"wrote {out.relative_to(ICONS.parents[1])}")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
