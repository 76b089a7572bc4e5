"""Translation of everything a user reads: the one i18n module (no Qt).

``_`` translates now, ``N_`` marks a string to translate where it is shown, ``ngettext``
chooses among Arabic's six plural forms. The catalogs are Babel's: ``i18n/*.po`` in the
source, compiled to ``.mo`` when Tawthiq is installed (setup.py), never committed.
``setup_i18n("pseudo")`` lengthens every string, to find labels that do not fit and layouts
that assume left-to-right, without a translator.
"""

from __future__ import annotations

import gettext
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path, PurePath

from tawthiq.domain.errors import N_, Sentence, TawthiqError
from tawthiq.domain.fields import FIELDS, INCIDENT, SOURCE_REPORT
from tawthiq.domain.resources import CATALOGS, MissingResourceError, shipped
from tawthiq.domain.text import visible

__all__ = [
    "LANGUAGES",
    "N_",
    "_",
    "catalog_path",
    "digits",
    "error_text",
    "field_label",
    "format_day",
    "format_number",
    "is_rtl",
    "isolate",
    "language",
    "ngettext",
    "quote",
    "sentence_in",
    "sentence_text",
    "setup_i18n",
    "unmarked",
]

DOMAIN = "tawthiq"
LANGUAGES = {"ar": "العربية", "en": "English"}
_RTL = frozenset({"ar", "pseudo"})
_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_UNMARK = dict.fromkeys(range(0x2066, 0x206A))  # the isolates: LRI, RLI, FSI, PDI
log = logging.getLogger(__name__)


class _Pseudo(gettext.NullTranslations):
    """Every message a third longer and bracketed, placeholders kept."""

    def gettext(self, message: str) -> str:
        return f"⟦{message}{'~' * (len(message) // 3)}⟧"

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.gettext(msgid1 if n == 1 else msgid2)


@dataclass
class _State:
    lang: str = "en"
    arabic_digits: bool = False
    translations: gettext.NullTranslations = field(default_factory=gettext.NullTranslations)


_state = _State()


def catalog_path(lang: str) -> Path:
    return shipped(lang, "LC_MESSAGES", f"{DOMAIN}.mo", package=CATALOGS)


def _load(lang: str) -> gettext.NullTranslations:
    if lang == "pseudo":
        return _Pseudo()
    if lang == "en":
        return gettext.NullTranslations()
    try:
        with catalog_path(lang).open("rb") as f:
            return gettext.GNUTranslations(f)
    except (OSError, MissingResourceError):
        log.warning("no compiled %s catalog (reinstall Tawthiq to build it); using English", lang)
        return gettext.NullTranslations()


def setup_i18n(lang: str, *, arabic_digits: bool = False) -> None:
    """Translate into ``lang`` from now on ("ar", "en" or "pseudo")."""
    if lang not in (*LANGUAGES, "pseudo"):
        lang = "en"
    _state.lang, _state.arabic_digits, _state.translations = lang, arabic_digits, _load(lang)


def language() -> str:
    return _state.lang


def is_rtl(lang: str | None = None) -> bool:
    return (lang or _state.lang) in _RTL


def _(message: str) -> str:
    return _state.translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _state.translations.ngettext(singular, plural, n)


def digits(text: str) -> str:
    """Arabic-Indic digits in the Arabic interface when the documenter asked for them."""
    return text.translate(_ARABIC_INDIC) if _state.arabic_digits and is_rtl() else text


def isolate(text: object) -> str:
    """A path, an id or a code kept whole and left to right inside a sentence of either
    direction (Unicode's left-to-right isolate), so "/tmp/x.db" does not lose its slash to
    the other end of an Arabic line."""
    return f"\u2066{text}\u2069"


def unmarked(text: str) -> str:
    """A sentence of the window without its isolation marks, for a terminal (which draws
    them as boxes or not at all)."""
    return text.translate(_UNMARK)


def quote(text: object) -> str:
    """A documenter's own words (a title, a place, a value) inside a sentence, isolated so
    they keep their own direction and do not pull the sentence's numbers into theirs."""
    return f"\u2068{text}\u2069"


def join(items: Iterable[str], *, strong: bool = False) -> str:
    """Items in a row, with the comma (or, ``strong``, the semicolon) of the interface's
    language: "، " and "؛ " in Arabic."""
    if is_rtl():
        return ("؛ " if strong else "، ").join(items)
    return ("; " if strong else ", ").join(items)


def format_number(n: int) -> str:
    return digits(str(n))


def format_day(day: date) -> str:
    """A day as people write it in the interface's language ("6 تشرين الثاني 2022")."""
    from babel.dates import format_date

    locale = "ar_SY" if is_rtl() else "en"
    return digits(format_date(day, format="long", locale=locale))


def field_label(name: str, entity: str = INCIDENT) -> str:
    """A field's label in the interface's language ("Killed" / "القتلى")."""
    spec = FIELDS.get(entity, {}).get(name) or FIELDS[SOURCE_REPORT].get(name)
    if spec is None:
        return name
    return spec.label_ar if is_rtl() else spec.label_en


# parameters of the core's sentences that name a file, a folder, a laptop, a record, a key,
# a field's code or a server: left-to-right items, whatever the sentence's direction
_LTR_PARAMS = frozenset(
    {"path", "folder", "name", "device", "id", "event", "fingerprint", "claimed", "known", "key"}
    | {"url"}
)


def shown_param(name: str, value: object) -> object:
    """A parameter of a core sentence as the interface writes it: a path, an id or a key
    isolated left to right, so an Arabic sentence keeps "/tmp/x" whole; any text with its
    control characters visible, as it may come from a file or another laptop."""
    if isinstance(value, PurePath) or (name in _LTR_PARAMS and isinstance(value, str)):
        return isolate(visible(str(value)))
    return visible(value) if isinstance(value, str) else value


def sentence_text(sentence: str) -> str:
    """A sentence from the core (a problem ``verify`` found) in the interface's language."""
    if isinstance(sentence, Sentence):
        return sentence.text(
            _, lang="ar" if is_rtl() else "en", shown=shown_param, ngettext=ngettext
        )
    return sentence


@cache
def _catalog(lang: str) -> gettext.NullTranslations:
    return _load(lang)


def sentence_in(sentence: str, lang: str) -> str:
    """A sentence from the core in ``lang`` whatever the interface's language: a printed
    report writes it in both."""
    if isinstance(sentence, Sentence):
        catalog = _catalog(lang)
        return sentence.text(catalog.gettext, lang=lang, ngettext=catalog.ngettext)
    return sentence


def error_text(exc: TawthiqError, *, with_field: bool = True) -> str:
    """An error's sentence in the interface's language, led by its field's label unless it
    is shown next to the field."""
    sentence = exc.text(_, with_field=False, lang="ar" if is_rtl() else "en", shown=shown_param)
    if exc.field and with_field:
        return f"{field_label(exc.field)}: {sentence}"
    return sentence
