"""Arabic-aware text normalisation and light stemming, shared by search and extraction.

Both the indexed text and the query go through the same functions, so spelling variants
(hamza forms, ta marbuta, diacritics, tatweel, Arabic-Indic digits) and common clitics
(و ب ل ال لل) do not stop a documenter from finding a record.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Arabic-Indic and Persian digits as ASCII ones, one for one (offsets into a text hold)
ASCII_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # Persian digits
    }
)
# the same, with harakat, tanween, shadda, sukun, superscript alef, Quranic marks and tatweel
# (U+0640) dropped in the same pass (no letter _FOLD writes is one of them)
_FOLD_BARE = {
    **_FOLD,
    **dict.fromkeys([*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670,
                     *range(0x06D6, 0x06EE), 0x0640]),
}  # fmt: skip
_TOKEN = re.compile(r"\w+", re.UNICODE)
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")
# Proclitics stripped by the light stemmer, longest first.  A conjunction (و/ف) may come
# before an article or a preposition.
_CONJ = ("و", "ف")
_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال", "ب", "ل", "ك")
_MIN_STEM = 3


def normalize(text: str) -> str:
    """Fold the spelling variants that Arabic writers use interchangeably.

    >>> normalize("تلّ أبيض")
    'تل ابيض'
    >>> normalize("مصابًا في إدلب، ٣ أطفال")
    'مصابا في ادلب، 3 اطفال'
    >>> normalize("مدرسة الهدى")
    'مدرسه الهدي'
    """
    text = unicodedata.normalize("NFKC", text)
    return text.translate(_FOLD_BARE).casefold()


def stem(token: str) -> str:
    """Strip one conjunction and one article/preposition from a normalised Arabic token.

    >>> [stem(w) for w in ("للنازحين", "النازحين", "نازحين", "والنازحين", "بالمخيم")]
    ['نازحين', 'نازحين', 'نازحين', 'نازحين', 'مخيم']
    >>> stem("بيت"), stem("تل"), stem("ابيض")
    ('بيت', 'تل', 'ابيض')
    """
    if not _ARABIC_LETTER.match(token):
        return token
    if token[0] in _CONJ and len(token) - 1 >= _MIN_STEM and token[1:3] in ("ال", "لل"):
        token = token[1:]
    for prefix in _PREFIXES:
        if token.startswith(prefix) and len(token) - len(prefix) >= _MIN_STEM:
            return token[len(prefix) :]
    return token


# The same words come back in record after record (places, common words): a merge
# indexes a hundred thousand of them.
_stem = lru_cache(maxsize=2**16)(stem)


def search_terms(text: str) -> list[str]:
    """The normalised, stemmed word list used for both indexing and querying.

    >>> search_terms("قصفٌ على مخيّم «مرام» للنازحين قرب كفر جالس")
    ['قصف', 'علي', 'مخيم', 'مرام', 'نازحين', 'قرب', 'كفر', 'جالس']
    """
    return [_stem(t) for t in _TOKEN.findall(normalize(text))]


def has_arabic(text: str) -> bool:
    return bool(_ARABIC_LETTER.search(text))


def first_strong_direction(text: str, default: str = "ltr") -> str:
    """'rtl' or 'ltr' from the first letter with a strong direction, as Unicode's P2 rule;
    ``default`` when there is none (digits and punctuation only).

    >>> first_strong_direction("9 قتلى"), first_strong_direction("Killed: 9 قتلى")
    ('rtl', 'ltr')
    >>> first_strong_direction("2022-11-06", default="auto")
    'auto'
    """
    for ch in text:
        bidi = unicodedata.bidirectional(ch)
        if bidi in ("R", "AL"):
            return "rtl"
        if bidi == "L":
            return "ltr"
    return default
