"""The Arabic interface font, shipped as a dependency (Noto Sans Arabic, OFL) and registered
at start, so Arabic is joined and readable on a machine with no Arabic font installed."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase

from tawthiq.domain.resources import MissingResourceError, font_file

log = logging.getLogger(__name__)
UI_FAMILY = "Noto Sans Arabic"
_registered: list[str] = []


def register_fonts() -> list[str]:
    """Register the shipped font once; the families Qt now knows it by."""
    if _registered:
        return _registered
    try:
        path = font_file(UI_FAMILY)
    except MissingResourceError:
        log.warning("the %s font package is missing; Arabic may render poorly", UI_FAMILY)
        return []
    font_id = QFontDatabase.addApplicationFont(str(path))
    _registered.extend(QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else [])
    return _registered


def interface_font(base: QFont) -> QFont:
    """The application font: the shipped Arabic font first (it has Latin letters too, so
    one language does not look different from the other), the system's after it."""
    font = QFont(base)
    families = register_fonts()
    if families:
        font.setFamilies([*families, *base.families()])
    return font
