"""Text that came from another laptop or an import, made safe to show.

A name or a value written elsewhere may hold characters that act instead of showing: an
escape sequence that moves a terminal's cursor and overwrites what was printed before it
(a key fingerprint being read out on the phone), a carriage return, a bidi override that
reverses the text after it, an invisible character that makes two names look alike.
``visible`` writes each such character as its code (``\\u001b``), so the person reading
sees that something is there and nothing acts; every other character, Arabic letters,
digits and tashkeel among them, is left as it is.
"""

from __future__ import annotations

import re

# What acts or hides instead of showing: C0 and C1 controls with DEL (ESC, CR, LF, TAB…);
# surrogates (a lone one is not text at all); line and paragraph separators; and the
# invisible format characters (Unicode's Cf): soft hyphen, the bidi marks, embeddings,
# overrides and isolates, zero-width space, word joiner and the invisible operators,
# byte order mark, interlinear annotation, shorthand, musical and hieroglyph format
# controls, and the tag characters. Kept, as text legitimately holds them: ZWNJ and ZWJ
# (U+200C, U+200D), which Persian and Arabic typing and emoji use, and the format
# characters that draw a sign of their own (the Arabic number signs U+0600..U+0605, end
# of ayah U+06DD, U+0890..U+0891, U+08E2; Syriac U+070F; Kaithi U+110BD, U+110CD).
_HIDDEN = re.compile(
    "["
    "\x00-\x1f\x7f-\x9f"  # C0, DEL, C1
    "\xad"  # soft hyphen
    "\u061c"  # Arabic letter mark
    "\u180e"  # Mongolian vowel separator
    "\u200b\u200e\u200f"  # zero-width space; left-to-right and right-to-left marks
    "\u2028-\u202e"  # line and paragraph separators; embeddings, overrides (LRE..RLO)
    "\u2060-\u206f"  # word joiner, invisible operators, isolates (LRI..PDI), deprecated
    "\ud800-\udfff"  # surrogates: only a lone one can be in a str
    "\ufeff"  # zero-width no-break space (byte order mark)
    "\ufff9-\ufffb"  # interlinear annotation
    "\U00013430-\U0001343f"  # Egyptian hieroglyph format controls
    "\U0001bca0-\U0001bca3"  # shorthand format controls
    "\U0001d173-\U0001d17a"  # musical symbol format controls
    "\U000e0000-\U000e007f"  # tag characters
    "]"
)


def _code(match: re.Match[str]) -> str:
    n = ord(match.group())
    return f"\\u{n:04x}" if n <= 0xFFFF else f"\\U{n:08x}"


def visible(text: str) -> str:
    """``text`` with every control and invisible formatting character written as its
    code (ESC as ``\\u001b``, a right-to-left override as ``\\u202e``), for showing what
    another laptop or an import wrote: nothing in it can move a terminal's cursor, reverse
    the line around it or hide between letters. Text without any such character is
    returned as it is.

    >>> visible("\\r\\x1b[2KEvil")
    '\\\\u000d\\\\u001b[2KEvil'
    >>> visible("أمل حدّاد ٣")
    'أمل حدّاد ٣'
    """
    if _HIDDEN.search(text) is None:
        return text
    return _HIDDEN.sub(_code, text)
