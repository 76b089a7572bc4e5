"""Text from another laptop is shown with every control and invisible formatting character
written as its code, and everything else, Arabic above all, exactly as it was written."""

from __future__ import annotations

import doctest
import sys
import unicodedata

import pytest

from tawthiq.domain import text
from tawthiq.domain.text import visible

# Format characters (Cf) that draw a sign of their own or that Persian and Arabic typing
# needs: kept as they are.
KEPT_FORMAT = {0x200C, 0x200D, *range(0x0600, 0x0606), 0x06DD, 0x070F, 0x0890, 0x0891, 0x08E2,
               0x110BD, 0x110CD}  # fmt: skip


def test_doctests() -> None:
    result = doctest.testmod(text)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\r\x1b[2KEvil", "\\u000d\\u001b[2KEvil"),  # the spoof: back to the line's start, erase
        ("Amal\nkey fingerprint 0000", "Amal\\u000akey fingerprint 0000"),
        ("tab\there", "tab\\u0009here"),
        ("bell\x07 del\x7f csi\x9b nul\x00", "bell\\u0007 del\\u007f csi\\u009b nul\\u0000"),
        ("\u202eلمأ", "\\u202eلمأ"),  # a right-to-left override
        ("a\u202ab\u202bc\u202cd\u202de", "a\\u202ab\\u202bc\\u202cd\\u202de"),
        ("\u2066x\u2067y\u2068z\u2069", "\\u2066x\\u2067y\\u2068z\\u2069"),  # isolates
        ("A\u200bmal", "A\\u200bmal"),  # zero-width space
        ("\u200eAmal\u200f\u061c", "\\u200eAmal\\u200f\\u061c"),  # LRM, RLM, Arabic letter mark
        ("\ufeffAmal\u2060", "\\ufeffAmal\\u2060"),
        ("line\u2028para\u2029", "line\\u2028para\\u2029"),
        ("soft\xadhyphen", "soft\\u00adhyphen"),
        ("lone \udcff surrogate", "lone \\udcff surrogate"),
        ("tag \U000e0041\U000e007f", "tag \\U000e0041\\U000e007f"),
    ],
)
def test_controls_and_invisible_characters_are_written_as_their_code(raw: str, shown: str) -> None:
    assert visible(raw) == shown
    assert visible(shown) == shown  # what it writes is plain text, left alone a second time


@pytest.mark.parametrize(
    "name",
    [
        "أمل الحداد",
        "باسل خُضَيْر",  # tashkeel
        "مُحَمَّدٌ عَبْدُ اللهِ",
        "قُتِلَ ٩ مدنيين وجُرح ٧٥ في مخيم مرام",  # Arabic-Indic digits
        "۱۲۳ مهسا",  # Persian digits
        "می‌خواهم",  # ZWNJ in Persian
        "لا‍",  # ZWJ
        "قتلـــى",  # tatweel
        "Amal Haddad, Idlib 2022-11-06 (9 killed)",
        "👩🏽‍⚕️",  # an emoji sequence: ZWJ and a variation selector
        "\u0600١٢",  # the Arabic number sign draws a sign of its own
    ],
)
def test_arabic_and_ordinary_text_pass_unchanged(name: str) -> None:
    assert visible(name) == name
    assert visible(name) is name  # the common case costs nothing


def test_every_control_and_format_character_is_made_visible_and_nothing_else() -> None:
    """Over the whole of Unicode, as this Python knows it."""
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        category = unicodedata.category(ch)
        hidden = category in ("Cc", "Cs", "Zl", "Zp") or (
            category == "Cf" and cp not in KEPT_FORMAT
        )
        if hidden:
            assert visible(ch).startswith("\\"), f"U+{cp:04X} ({category}) stays hidden"
        elif category != "Cn":  # unassigned here may be a format character in a later Unicode
            assert visible(ch) == ch, f"U+{cp:04X} ({category}) was changed"
