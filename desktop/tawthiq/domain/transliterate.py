"""Names across scripts: a rough Latin consonant skeleton of a name written in Arabic or
in Latin letters, so "محمد الأحمد" and "Mohammad al-Ahmad", or "كفر نبل" and "Kafranbel",
can be compared (victims' names, places named in reports of one attack)."""

from __future__ import annotations

import re
import unicodedata

from tawthiq.domain.arabic import normalize

# Arabic letters as a Latin reader would spell them, simply: enough to compare a name
# written in Arabic with the same name written in English (vowels are dropped on both
# sides before comparing, since Arabic writes few of them).
_LATIN = {
    "ا": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d",
    "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t",
    "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m",
    "ن": "n", "ه": "h", "و": "w", "ي": "y", "ء": "", "ئ": "", "ؤ": "",
}  # fmt: skip
# Latin spellings that stand for one Arabic letter, folded the same way on both sides
_SOUNDS = (("kh", "k"), ("gh", "g"), ("sh", "s"), ("th", "t"), ("dh", "d"), ("ou", "w"),
           ("q", "k"), ("c", "k"), ("ee", "y"), ("oo", "w"), ("e", ""), ("i", "y"), ("o", "w"),
           ("u", "w"), ("a", ""))  # fmt: skip
_ARTICLE = re.compile(r"\b(?:al|el)[-\s]+")  # "al-Ahmad", "el Ahmad": the article
WORD = re.compile(r"[^\W\d_]+")


def latin_key(name: str) -> str:
    """A rough consonant skeleton of a name in either script, for comparing across scripts:
    "محمد الأحمد" and "Mohammad al-Ahmad" give the same, "mhmd lhmd"."""
    text = normalize(name)
    text = "".join(_LATIN.get(ch, ch) for ch in text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _ARTICLE.sub("l", text)
    words = []
    for word in WORD.findall(text):
        word = word.lstrip("aeiou") or word  # "Omar", "Ibrahim": ع and ا spell no sound
        for spelt, sound in _SOUNDS:
            word = word.replace(spelt, sound)
        word = re.sub(r"(.)\1+", r"\1", word)  # doubled letters (shadda written out)
        bare = word.replace("w", "").replace("y", "")  # long vowels, written or not
        word = bare if len(bare) >= 2 else word
        if word:
            words.append(word)
    return " ".join(words)
