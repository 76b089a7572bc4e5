"""Every string a user reads has its Arabic, and the compiled catalogs are what the app loads."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from tawthiq.domain.checks import clean_value
from tawthiq.domain.errors import ValidationError
from tawthiq.i18n import (
    _,
    catalog_path,
    error_text,
    format_day,
    ngettext,
    sentence_text,
    setup_i18n,
)

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{[a-z_]+(?:![rs])?\}")


def _source_messages() -> dict[str, object]:
    """What `pybabel extract -F babel.cfg` finds in the source now."""
    with (ROOT / "babel.cfg").open() as f:
        method_map, options_map = parse_mapping_cfg(f)
    found: dict[str, object] = {}
    for filename, _lineno, message, _comments, _context in extract_from_dir(
        ROOT,
        method_map,
        options_map,
        keywords={"_": None, "N_": None, "ngettext": (1, 2), "N_plural": (1, 2)},
    ):
        found[message[0] if isinstance(message, tuple) else message] = (filename, message)
    return found


def _arabic() -> dict[str, object]:
    with (ROOT / "i18n/ar/LC_MESSAGES/tawthiq.po").open("rb") as f:
        catalog = read_po(f, locale="ar")
    return {
        (m.id[0] if isinstance(m.id, tuple) else m.id): m for m in catalog if m.id and not m.fuzzy
    }


def test_every_interface_string_has_an_arabic_translation() -> None:
    arabic = _arabic()
    missing = []
    for msgid, (filename, _message) in _source_messages().items():
        m = arabic.get(msgid)
        strings = (m.string if isinstance(m.string, tuple) else (m.string,)) if m else ("",)
        if not all(strings):
            missing.append(f"{filename}: {msgid!r}")
    assert not missing, "no Arabic translation (pybabel update, then translate):\n" + "\n".join(
        missing
    )


def test_translations_keep_the_placeholders_of_their_message() -> None:
    for msgid, m in _arabic().items():
        wanted = set(PLACEHOLDER.findall(msgid if not isinstance(m.id, tuple) else m.id[1]))
        for i, text in enumerate(m.string if isinstance(m.string, tuple) else (m.string,)):
            got = set(PLACEHOLDER.findall(text))
            # the zero, one and two forms of a plural may write the number as a word
            plural_word = isinstance(m.id, tuple) and i < 3
            assert got <= wanted and (plural_word or got == wanted), (msgid, text)


def test_the_compiled_catalog_is_installed_and_used() -> None:
    assert catalog_path("ar").is_file(), "reinstall: `pip install -e .` compiles i18n/*.po"
    setup_i18n("ar")
    assert _("Save incident") == "حفظ الحادثة"
    assert ngettext("{n} incident", "{n} incidents", 2) == "حادثتان"
    assert ngettext("{n} incident", "{n} incidents", 5).format(n=5) == "5 حوادث"
    assert ngettext("{n} incident", "{n} incidents", 11).format(n=11) == "11 حادثة"


def test_errors_are_told_in_the_interface_language() -> None:
    with pytest.raises(ValidationError) as caught:
        clean_value("incident", "date_start", "2022-13-45")
    exc = caught.value
    assert str(exc) == (
        "date_start: '2022-13-45' is not a valid date; write it as YYYY-MM-DD, e.g. 2022-11-06"
    )  # the command line's sentence is unchanged
    setup_i18n("ar")
    assert error_text(exc) == (
        "التاريخ: '2022-13-45' ليس تاريخاً صحيحاً؛ اكتبه بالشكل YYYY-MM-DD، مثل 2022-11-06"
    )
    assert error_text(exc, with_field=False).startswith("'2022-13-45' ليس تاريخاً")


def test_paths_and_ids_in_arabic_sentences_keep_their_own_direction() -> None:
    """A path inside an Arabic sentence lost its slash to the far end ("tmp/reports/")."""
    from bidi import get_display

    from tawthiq.domain.errors import N_, Sentence, TawthiqError

    missing = TawthiqError(N_("the folder {path} does not exist"), path=Path("/tmp/reports"))
    altered = N_(
        "event #{seq} of device {device} ({event}) was altered: its content no longer "
        "matches its hash"
    )
    tampered = Sentence(altered, seq=4, device="3f2a91c0", event="…77de41b2")
    assert str(missing) == "the folder /tmp/reports does not exist"  # the command line's
    setup_i18n("ar")
    shown = error_text(missing)
    assert "\u2066/tmp/reports\u2069" in shown
    # as a right-to-left line is drawn: the path reads whole, its slash in front
    drawn = get_display(shown, base_dir="R").translate({0x2066: None, 0x2069: None})
    assert "/tmp/reports" in drawn, drawn
    said = sentence_text(tampered)
    assert "\u20663f2a91c0\u2069" in said and "\u2066…77de41b2\u2069" in said
    assert "رقم 4 " in said  # numbers are left to the sentence


def test_days_and_digits_as_each_language_writes_them() -> None:
    day = date(2022, 11, 6)
    assert format_day(day) == "November 6, 2022"
    setup_i18n("ar")
    assert format_day(day) == "6 تشرين الثاني 2022"
    setup_i18n("ar", arabic_digits=True)
    assert format_day(day) == "٦ تشرين الثاني ٢٠٢٢"


def test_the_pseudo_locale_lengthens_and_keeps_placeholders() -> None:
    setup_i18n("pseudo")
    text = _("Saved as incident {id}; changes are saved as edits")
    assert text.startswith("⟦") and len(text) > 50 and "{id}" in text
    assert text.format(id="3f2a9c1e")
