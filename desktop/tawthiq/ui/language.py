"""The interface language on the Qt side: Qt's own translations, the layout direction, the
font, and the direction of each piece of text by its own first strong letter."""

from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QWidget

from tawthiq.domain.arabic import first_strong_direction
from tawthiq.i18n import LANGUAGES, setup_i18n
from tawthiq.ui.fonts import interface_font

log = logging.getLogger(__name__)


class _QtCatalogGaps(QTranslator):
    """Strings of Qt's own dialogs that its Arabic catalog lacks (their source text gained
    an accelerator after the translation was made): asked before Qt's catalog, silent for
    everything else."""

    ARABIC = {  # noqa: RUF012 - a constant table
        ("QFileDialog", "&Look in:"): "ا&عثر في:",
        ("QFileDialog", "Files of &type:"): "ال&ملفّات من النّوع:",
        # the kind column of the file list (Qt 6 moved these to a context of its own)
        ("QAbstractFileIconProvider", "Folder"): "مجلّد",
        ("QAbstractFileIconProvider", "Drive"): "قرص",
        ("QAbstractFileIconProvider", "Shortcut"): "اختصار",
        ("QAbstractFileIconProvider", "Unknown"): "مجهول",
    }

    def translate(self, context, source, disambiguation=None, n=-1):  # type: ignore[no-untyped-def]
        return self.ARABIC.get((context, source))  # None: not here, ask the next catalog

    def isEmpty(self) -> bool:  # Qt asks an empty translator nothing
        return False


# The Qt catalogs installed in the running application, whichever ``Language`` installed
# them: the application has one language at a time, however many switches were made.
_INSTALLED: list[QTranslator] = []


class Language:
    """Switches the running application between Arabic and English at once."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self._base_font = app.font()
        app.setFont(interface_font(self._base_font))

    def apply(self, lang: str, *, arabic_digits: bool = False) -> None:
        setup_i18n(lang, arabic_digits=arabic_digits)
        while _INSTALLED:  # the previous language's catalogs, even another switch's
            self.app.removeTranslator(_INSTALLED.pop())
        if lang != "en" and lang in LANGUAGES:
            translator = QTranslator(self.app)
            folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if translator.load(f"qtbase_{lang}", folder):
                self.app.installTranslator(translator)
                _INSTALLED.append(translator)
            else:
                log.warning("Qt's own %s translations were not found in %s", lang, folder)
            if lang == "ar":  # installed last, so asked first
                gaps = _QtCatalogGaps(self.app)
                self.app.installTranslator(gaps)
                _INSTALLED.append(gaps)
        # Qt's dialogs name file types ("PDF document") in the default locale's language
        QLocale.setDefault(qt_locale(lang, arabic_digits=arabic_digits))
        # Qt knows which way a language is written; the pseudo-locale mirrors like Arabic.
        if lang in LANGUAGES:
            self.app.setLayoutDirection(QLocale(lang).textDirection())
        else:
            self.app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)


def qt_locale(lang: str, *, arabic_digits: bool = False) -> QLocale:
    """The locale Qt's own widgets speak: the interface's language, with the digits the
    documenter chose (Modern Standard Arabic's "ar_001" writes Latin ones)."""
    if lang == "ar":
        return QLocale("ar_SY" if arabic_digits else "ar_001")
    return QLocale(lang) if lang in LANGUAGES else QLocale.system()


def follow_text(widget: QWidget, text: str) -> None:
    """Write ``text`` in ``widget`` in its own direction: an English quote stays left to right
    in the Arabic interface; digits alone follow the interface."""
    direction = first_strong_direction(text, default="auto")
    if direction == "auto":
        widget.unsetLayoutDirection()
    else:
        widget.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if direction == "rtl" else Qt.LayoutDirection.LeftToRight
        )


def text_alignment(text: str) -> Qt.AlignmentFlag:
    """Where a table cell's text sits: Arabic on the right, Latin on the left, whatever the
    interface's direction; numbers and codes follow the interface."""
    direction = first_strong_direction(text, default="auto")
    vcenter = Qt.AlignmentFlag.AlignVCenter
    if direction == "rtl":
        return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | vcenter
    if direction == "ltr":
        return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute | vcenter
    return Qt.AlignmentFlag.AlignLeading | vcenter
