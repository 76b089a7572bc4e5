"""The dead named one by one: when every one named is a man, and they are as many as the
toll, no woman is among the dead ("three named men killed means no woman").

A name is a man's by its given name (resources/extract/given_names.json) or by the word
before it ("الشاب", "المهندس"); a woman's likewise ("السيدة", "الطفلة"). The names are
those quoted ("“أحمد صدام”") or listed after "وهم" / "identified as" in the toll's sentence
and the one after it, up to where the wounded are told.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from tawthiq.domain.arabic import normalize
from tawthiq.domain.resources import read_json
from tawthiq.extract.result import FieldResult

_QUOTED = re.compile(r"[“\"«]([^”\"»\n]{3,40})[”\"»]")
_LISTED = re.compile(
    r"(?:(?<![\u0621-\u064a])و?(?:هم|هما)\s*[:：]?|\bidentified\s+as|\bnamed\s+as)\s*\(?"
    r"(?P<names>[^.\n()]{3,200})",
    re.IGNORECASE,
)
# where the wounded are told: the names after it are theirs
_WOUNDED = re.compile(r"إصاب|اصاب|أصيب|اصيب|جرح|جريح|injur|wound", re.IGNORECASE)
_APART = re.compile(r"\s*(?:،|,|\s+و(?=\S)|\s+and\s+)\s*")


@dataclass(frozen=True)
class _Names:
    male: frozenset[str]
    female: frozenset[str]
    titles_male: frozenset[str]
    titles_female: frozenset[str]


@cache
def _names() -> _Names:
    d = read_json("extract/given_names.json")

    def words(key: str) -> frozenset[str]:
        return frozenset(normalize(w).lower() for w in d[key])

    return _Names(words("male"), words("female"), words("titles_male"), words("titles_female"))


def _sex(name: str) -> str | None:
    """ "m", "f", or None when neither the given name nor a word before it tells."""
    names = _names()
    for word in normalize(name).lower().replace("-", " ").split()[:2]:
        bare = word[1:] if word[:1] == "و" and len(word) > 3 else word
        for w in (word, bare):
            if w in names.titles_female or w in names.female:
                return "f"
            if w in names.titles_male or w in names.male:
                return "m"
    return None


def _sentence_ends(text: str, start: int) -> int:
    """Where the sentence after the one at ``start`` ends."""
    end = start
    for _ in range(2):
        nxt = [e for e in (text.find(".", end + 1), text.find("\n", end + 1)) if e >= 0]
        end = min(nxt, default=len(text))
    return end


def named_dead(text: str, killed: FieldResult) -> list[str]:
    """The names of the dead told by a mention of the toll (quoted, or listed after "وهم"),
    up to where the wounded are told: the first mention that names any."""
    for start, stop in killed.spans:
        end = _sentence_ends(text, start)
        wounded = _WOUNDED.search(text, stop, end)
        end = wounded.start() if wounded else end
        quoted = [m.group(1).strip() for m in _QUOTED.finditer(text, start, end)]
        if quoted:
            return quoted
        listed = _LISTED.search(text, start, end)
        if listed is not None:
            return [n for n in _APART.split(listed.group("names").strip(" )")) if n.strip()]
    return []


def settle_named_men(fields: dict[str, FieldResult], text: str) -> None:
    """No woman among the dead when every one of them is named, and every one named is a man
    ("استشهد ثلاثة مدنيين وهم يوسف ومظلوم ومحمد")."""
    killed, women = fields["killed"], fields["killed_women"]
    if women.value is not None or killed.value is None or killed.extra.get("approximate"):
        return
    names = named_dead(text, killed)
    if len(names) != killed.value or not all(_sex(n) == "m" for n in names):
        return
    fields["killed_women"] = FieldResult(
        0, 0.5, killed.spans, {"min": 0, "max": 0, "approximate": False}
    )
