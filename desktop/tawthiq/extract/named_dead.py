"""The dead named one by one: when every one named is a man, and they are as many as the
toll, no woman is among the dead ("three named men killed means no woman").

A name is a man's by its given name (resources/extract/given_names.json) or by the word
before it ("الشاب", "المهندس"); a woman's likewise ("السيدة", "الطفلة"). The names are
those quoted after a person's word ("الطفل “أحمد صدام”") or listed after "وهم" /
"identified as" in the toll's own sentence ("شخص يدعى هشام فهد", "a man named Ghazi"), up
to where the wounded are told.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from tawthiq.domain.arabic import normalize
from tawthiq.domain.resources import read_json
from tawthiq.extract.result import FieldResult, exact_count
from tawthiq.extract.tokens import sentence_end, sentence_start

_QUOTED = re.compile(r"[“”\"«]([^“”\"»\n]{3,40})[”\"»]")  # ”…” opens too
# a quoted name is one of the dead after a word that names a person or opens a roll ("الطفل
# “أحمد”", "يدعى", "وهم", "عرف منهم"), or after one such name and "و"; not a brigade's,
# a school's, a neighbourhood's or a speaker's ("لواء "أبو الفضل العباس"", "قال الناشط")
_ROLL_WORDS = frozenset({"يدعي", "تدعي", "هم", "وهم", "هما", "وهما", "منهم", "منهما", "من", "كل"})
_LISTED = re.compile(
    r"(?:(?<![\u0621-\u064a])و?(?:هما|هم|[يت]دع[ىي])\s*[:：]?|\bidentified\s+as|\bnamed(?:\s+as)?)"
    r"\s*\(?"
    r"(?P<names>[^.\n()]{3,200})",
    re.IGNORECASE,
)
_LIST_NEAR = 120  # how far after the toll its roll may open ("ثلاثة مدنيين من عائلة واحدة وهم")
# a sentence of another attack ("وفي حادثة أخرى قتل شخصان هما …", "Separately, two …")
_ANOTHER = re.compile(r"أخرى|اخرى|منفصل|\bseparately\b|\banother\b|\bseparate\b", re.IGNORECASE)
# where the wounded are told: the names after it are theirs
_WOUNDED = re.compile(r"إصاب|اصاب|أصيب|اصيب|جرح|جريح|مصاب|نقل|injur|wound|hospital", re.IGNORECASE)
_CALLED = re.compile(r"[يت]دع[ىي]|named(?!\s+as)", re.IGNORECASE)
_AGED = re.compile(r"^\s*\d{1,3}[- ]years?[- ]old\s+", re.IGNORECASE)  # "29-year-old Hammam"
# an English roll ends where the sentence goes on ("identified as Hammam al-Asi, was killed")
_ROLL_ENDS = re.compile(r",?\s+(?:was|were|who|when|while|after|in|on|at|by)\s")
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


def sex_of(name: str) -> str | None:
    """ "m", "f", or None when neither the given name (the first word) nor a title before it
    tells ("أم خالد" is a woman: a father's or a son's name after hers decides nothing)."""
    names = _names()
    words = normalize(name).lower().replace("-", " ").split()
    if not words:
        return None
    first = words[0][1:] if words[0][:1] == "و" and len(words[0]) > 3 else words[0]
    if first in names.titles_female:
        return "f"
    if first in names.titles_male:
        return sex_of(" ".join(words[1:])) if len(words) > 1 else "m"
    return "f" if first in names.female else "m" if first in names.male else None


def _quoted_names(text: str, start: int, end: int) -> list[str]:
    names = _names()
    titles = names.titles_male | names.titles_female | _ROLL_WORDS
    out: list[str] = []
    last_end = -1
    for m in _QUOTED.finditer(text, start, end):
        before = normalize(text[max(start, m.start() - 25) : m.start()]).lower().split()
        word = before[-1].strip("،,:(") if before else ""
        joined = bool(out) and m.start() - last_end <= 6 and word in ("و", "")
        if word in titles or word.lstrip("و") in titles or joined:
            out.append(m.group(1).strip())
            last_end = m.end()
    return out


def named_dead(text: str, spans: Sequence[tuple[int, int]]) -> list[str]:
    """The names of the dead told in a sentence of the toll (quoted after a person's word or
    "يدعى", or listed right after it: "وهم", "identified as"), up to where the wounded or
    the taken to hospital are told: the first mention that names any."""
    for start, stop in spans:
        opens = sentence_start(text, start)
        if _ANOTHER.search(text, opens, start) or _WOUNDED.search(
            text, max(opens, start - 20), start
        ):
            continue  # the toll of another attack told alike, or the wounded ("ونقل آخران")
        end = sentence_end(text, stop)
        other = _WOUNDED.search(text, stop, end)
        end = other.start() if other else end
        quoted = _quoted_names(text, start, end)
        if quoted:
            return quoted
        listed = _LISTED.search(text, stop, min(end, stop + _LIST_NEAR + 200))
        near = listed is not None and listed.start() - stop <= _LIST_NEAR
        if (
            listed is not None
            and near
            and _CALLED.match(listed.group())
            and text[stop : listed.start()].strip(" ,،")
        ):
            near = False  # "يدعى", "named" name the one right before: "ناشط يدعى …" is no dead
        if listed is not None and near and not re.search(r"\d", text[stop : listed.start()]):
            roll = _ROLL_ENDS.split(listed.group("names"), maxsplit=1)[0]
            names = _APART.split(roll.strip(" )"))
            return [_AGED.sub("", n) for n in names if n.strip()]
    return []


def settle_named_men(fields: dict[str, FieldResult], text: str) -> None:
    """No woman among the dead when every one of them is named, and every one named is a man
    ("استشهد ثلاثة مدنيين وهم يوسف ومظلوم ومحمد")."""
    killed, women = fields["killed"], fields["killed_women"]
    if women.value is not None or killed.value is None or killed.extra.get("approximate"):
        return
    # the toll's sentences, then those of its children ("مقتل طفل يدعى “أحمد” و“عايد”")
    spans = killed.spans + fields["killed_children"].spans
    names = named_dead(text, spans)
    if len(names) != killed.value or not all(sex_of(n) == "m" for n in names):
        return
    fields["killed_women"] = exact_count(0, 0.5, killed.spans)
