"""HTML pasted from a browser, blanked so the extractor reads the words and every offset
still points into the text exactly as it was pasted."""

from __future__ import annotations

import re

_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_BLOCK = re.compile(r"</?(?:p|br|div|li|tr|h[1-6]|blockquote|section|article)\b", re.I)
_RAW = (("<!--", "-->"), ("<script", "</script>"), ("<style", "</style>"))
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,6});")


def blank_markup(text: str) -> str:
    """HTML pasted from a browser, with tags and entities blanked to spaces of the same
    length, so offsets still point into the text exactly as it was pasted.

    >>> blank_markup("<p>قتل <b>9</b> مدنيين&nbsp;</p>")
    '\\n  قتل    9     مدنيين      \\n   '
    """
    if "<" not in text and "&" not in text:
        return text
    blank = _unclosed_blocks(text)
    blank = _TAG.sub(_tag_blank, blank)
    return _ENTITY.sub(lambda m: " " * len(m.group()), blank)


def _tag_blank(m: re.Match[str]) -> str:
    """A tag as spaces; a tag that ends a block (</p>, <br>, </div>, </li>) as a line break
    and spaces, so paragraphs stay paragraphs."""
    tag = m.group()
    if _BLOCK.match(tag):
        return "\n" + " " * (len(tag) - 1)
    return " " * len(tag)


def _unclosed_blocks(text: str) -> str:
    """Comments, scripts and styles blanked by hand: a regex would re-scan the rest of the
    text for every opener that is never closed."""
    out, at = [], 0
    lower = text.lower()
    while True:
        starts = [(i, o, c) for o, c in _RAW for i in [lower.find(o, at)] if i >= 0]
        if not starts:
            out.append(text[at:])
            return "".join(out)
        i, opener, closer = min(starts)
        j = lower.find(closer, i + len(opener))
        end = len(text) if j < 0 else j + len(closer)
        out.append(text[at:i])
        out.append(" " * (end - i))
        at = end
