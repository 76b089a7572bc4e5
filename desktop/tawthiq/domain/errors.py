"""Errors a user can cause and must be told about in one plain sentence, in their language.

A message is a template marked with ``N_`` plus its parameters, so the window can show it
in Arabic (``tawthiq.i18n.error_text``) while the command line prints it in English.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

# a sentence parameter (its name, its value) as the interface writes it in the sentence
Shown = Callable[[str, Any], Any]


def N_(message: str) -> str:
    """Mark a message for translation; it is translated where it is shown."""
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    """Mark a message that agrees with a number, its singular and plural forms, for
    translation (``pybabel extract -k N_plural:1,2``); see ``Counted``."""
    return singular, plural


class Name(str):
    """A name inside a sentence, known in both languages ("Idlib", "إدلب"): reads as its
    English form, and a sentence shown in Arabic writes its Arabic one."""

    en: str
    ar: str

    def __new__(cls, en: str, ar: str | None = None) -> Name:
        obj = super().__new__(cls, en)
        obj.en, obj.ar = en, ar or en
        return obj

    def in_language(self, lang: str) -> str:
        return self.ar if lang == "ar" else self.en


def _in_language(
    params: dict[str, Any],
    translate: Callable[[str], str] | None,
    lang: str,
    shown: Shown | None = None,
) -> dict[str, Any]:
    """The parameters as a sentence in ``lang`` writes them (``shown``: as the interface
    writes each inside the sentence)."""

    def one(k: str, v: Any) -> Any:
        if isinstance(v, Sentence):
            return v.text(translate, lang=lang, shown=shown)
        v = v.in_language(lang) if isinstance(v, Name) else v
        return shown(k, v) if shown else v

    return {k: one(k, v) for k, v in params.items()}


class Sentence(str):
    """A sentence for the user that is not an error (a problem ``verify`` found): it reads
    as its English text, and keeps its template and parameters to be translated."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, /, **params: Any) -> Sentence:
        obj = super().__new__(cls, template.format(**params) if params else template)
        obj.template, obj.params = template, params
        return obj

    def text(
        self,
        translate: Callable[[str], str] | None = None,
        *,
        lang: str = "en",
        shown: Shown | None = None,
        ngettext: Callable[[str, str, int], str] | None = None,
    ) -> str:
        """In ``lang``, its template passed through ``translate`` first (if given);
        ``shown``: how the interface writes each parameter inside the sentence;
        ``ngettext``: how a sentence agreeing with a number chooses its form."""
        template = translate(self.template) if translate else self.template
        try:
            params = _in_language(self.params, translate, lang, shown)
            return template.format(**params) if params else template
        except (KeyError, IndexError, ValueError):
            return str(self)


class Counted(Sentence):
    """A sentence whose words agree with one of its numbers ("1 man is named", "2 men are
    named"): its singular and plural templates, the form chosen by each language's rule of
    plurals (Arabic has six) where it is shown."""

    singular: str  # the message's id in a catalog
    plural: str
    number: str  # the parameter that is the number

    def __new__(cls, singular: str, plural: str, /, *, number: str, **params: Any) -> Counted:
        chosen = singular if params[number] == 1 else plural
        obj = str.__new__(cls, chosen.format(**params))
        obj.template, obj.params = chosen, params  # the English form, as it reads
        obj.singular, obj.plural, obj.number = singular, plural, number
        return obj

    def text(
        self,
        translate: Callable[[str], str] | None = None,
        *,
        lang: str = "en",
        shown: Shown | None = None,
        ngettext: Callable[[str, str, int], str] | None = None,
    ) -> str:
        n = self.params[self.number]
        chosen = ngettext(self.singular, self.plural, n) if ngettext else self.template
        try:
            params = _in_language(self.params, translate, lang, shown)
            return chosen.format(**params)
        except (KeyError, IndexError, ValueError):
            return str(self)


class TawthiqError(Exception):
    """Base of every error whose message is meant for the user, as it is."""

    exit_code = 2  # the command's exit status (DESIGN): bad input or a refusal

    def __init__(self, template: str, /, *, field: str | None = None, **params: Any) -> None:
        self.template = template
        self.field = field
        self.params = params
        super().__init__(self.text())

    def text(
        self,
        translate: Callable[[str], str] | None = None,
        *,
        with_field: bool = True,
        lang: str = "en",
        shown: Shown | None = None,
    ) -> str:
        """The sentence in ``lang``, its template passed through ``translate`` first (if
        given); the field's name leads it unless the caller shows the message next to the
        field; ``shown``: how the interface writes each parameter inside it."""
        template = translate(self.template) if translate else self.template
        params = _in_language(self.params, translate, lang, shown)
        try:
            sentence = template.format(**params) if params else template
        except (KeyError, IndexError, ValueError):  # a broken translation: English it is
            sentence = self.template.format(**self.params)
        return f"{self.field}: {sentence}" if self.field and with_field else sentence


class ValidationError(TawthiqError):
    """A value that a documenter entered is not acceptable; nothing was saved."""


class NotFoundError(TawthiqError):
    """An id that names nothing in the database."""


class TamperedError(TawthiqError):
    """A check found the records a piece of work rests on altered; nothing was done."""

    exit_code = 1  # a check found a problem, as ``verify`` exits


class Cancelled(TawthiqError):
    """The user stopped a long piece of work; whatever it had begun was undone."""


_PACKAGE = Path(__file__).resolve().parents[1]  # the tawthiq package


def bug_place(exc: BaseException) -> str:
    """A bug of ours, as an error line or a log may name it: the exception's type and the
    last line of Tawthiq's own code it passed through, never its message, which may quote
    report text, a name or a passphrase (``TypeError in tawthiq/sync/merge.py:120``)."""
    place = ""
    for frame in traceback.extract_tb(exc.__traceback__):
        try:
            inside = Path(frame.filename).resolve().relative_to(_PACKAGE.parent)
        except ValueError:  # another library's code (or no file at all)
            continue
        if inside.parts[:1] == (_PACKAGE.name,):
            place = f"{inside.as_posix()}:{frame.lineno}"
    return f"{type(exc).__name__} in {place}" if place else type(exc).__name__
