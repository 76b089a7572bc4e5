"""The one dead, when a report tells who they were but gives no breakdown: a man ("قُتل
رجل", "the young man"), one told in the masculine ("قضى المدني صالح", "قتل سائق"), a
grown person by their work ("a taxi driver", "a doctor"), a husband or a father ("قتل مدني
وأصيبت زوجته وأطفاله", "a civilian was killed and his wife injured"), or one told of as
"he" ("lost his life", "لقي حتفه", "متأثراً بجراحه").

A man settles no woman and no child among the dead; the masculine and "he" no woman (a boy
is told so too); a grown person's work no child. The words are in
resources/extract/casualties.json ("one_dead").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING

from tawthiq.domain.resources import read_json
from tawthiq.extract.named_dead import sex_of
from tawthiq.extract.numbers import read_quantity
from tawthiq.extract.result import FieldResult, exact_count
from tawthiq.extract.tokens import Token, sentence_end, sentence_start, tokenize

if TYPE_CHECKING:
    from collections.abc import Sequence

    from tawthiq.extract.casualties import Figure
    from tawthiq.extract.people import Item

_ARABIC_LETTER = "\u0621-\u064a"
_ALEF = re.compile("[أإآا]")
_TOLD = 4  # the one dead told again in the title, the lead and the body


@dataclass(frozen=True)
class _Words:
    man: frozenset[str]
    masculine: frozenset[str]
    neutral: frozenset[str]
    grown: frozenset[str]
    parent_of: re.Pattern[str]
    parent_words: frozenset[str]  # "وزوجته", "son" (after "his"): as tokens read them
    his: re.Pattern[str]
    other_person: re.Pattern[str]


def _pattern(words: list[str]) -> re.Pattern[str]:
    """Whole words: Arabic ones with a joined "و", "ف", "ب" or "ل" before them and any
    form of alef, English ones in any case."""
    arabic, latin = [], []
    for w in sorted(words, key=len, reverse=True):
        if re.search(f"[{_ARABIC_LETTER}]", w):
            arabic.append(_ALEF.sub("[أإآا]", re.escape(w)))
        else:
            latin.append(r"\s+".join(map(re.escape, w.split())))
    parts = []
    if arabic:
        parts.append(f"(?<![{_ARABIC_LETTER}])[وفبل]?(?:{'|'.join(arabic)})(?![{_ARABIC_LETTER}])")
    if latin:
        parts.append(rf"\b(?:{'|'.join(latin)})\b")
    return re.compile("|".join(parts), re.IGNORECASE)


@cache
def _words() -> _Words:
    d = read_json("extract/casualties.json")["one_dead"]

    def keys(name: str) -> frozenset[str]:
        return frozenset(_key(w) for w in d[name])

    return _Words(
        man=keys("man"),
        masculine=keys("masculine"),
        neutral=keys("neutral"),
        grown=keys("grown"),
        parent_of=_pattern(d["parent_of"]),
        parent_words=frozenset(
            t.norm for w in d["parent_of"] for t in tokenize(w) if t.norm != "his"
        ),
        his=_pattern(d["his"] + d["parent_of"]),
        other_person=_pattern(d["other_person"]),
    )


def _key(word: str) -> str:
    word = " ".join(word.strip().lower().split()).removeprefix("و")
    word = word.removeprefix("the ").removeprefix("a ").removeprefix("an ")
    return word.removeprefix("ال") if len(word) > 4 else word


def _told_of_him(text: str, pattern: re.Pattern[str], start: int, end: int) -> bool:
    """``pattern`` between ``start`` and ``end`` with no other person told before it (after
    "وأصيب آخر" or "the commander said", "his" may be theirs)."""
    m = pattern.search(text, start, end)
    return m is not None and not _words().other_person.search(text, start, m.start())


def _again(text: str, said: set[str], start: int, end: int) -> int | None:
    """Where the dead are named again between ``start`` and ``end`` (the end of that word),
    or None."""
    words = [w for w in said if w]
    if not words:
        return None
    alternatives = "|".join(_ALEF.sub("[أإآا]", re.escape(w)) for w in words)
    m = re.search(
        rf"(?<![{_ARABIC_LETTER}\w])(?:و?ال)?(?:{alternatives})[اًٌ]*", text[start:end], re.IGNORECASE
    )
    return start + m.end() if m else None


# "Yahya Qasem al-Refa'ei, a taxi driver, was shot": a name opening the sentence, then who
_NAME_BEFORE = re.compile(r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Za-z][\w'’-]+){0,4}),\s+(?:a|an)\s+$")


def _a_man_named_before(text: str, at: int) -> bool:
    """The dead told at ``at`` after a man's name that opens its sentence."""
    m = _NAME_BEFORE.match(text, sentence_start(text, at), at)
    if m is None or re.search(r"['’]s\b", m.group("name")):
        return False  # "Ahmad al-Hussein's wife, a teacher": she is not the man named
    return sex_of(m.group("name")) == "m"


# the dead told of as a woman after all ("الضحية هي السيدة فاطمة", "the victim was a woman")
_A_WOMAN = re.compile(
    r"الضحية\s+(?:هي|كانت)|القتيلة|المغدورة|الشهيدة|\bthe\s+(?:victim|dead)\s+(?:was|is)\s+"
    r"(?:a\s+)?(?:woman|girl|mother)\b",
    re.IGNORECASE,
)


def settle_lone_dead(fields: dict[str, FieldResult], text: str) -> None:
    """One killed, told as who they were: no woman and/or no child among the killed."""
    killed = fields["killed"]
    if killed.value != 1 or killed.extra.get("approximate") or len(set(killed.spans)) > _TOLD:
        return
    words = _words()
    said = {_key(text[s:e]) for s, e in killed.spans}
    after = max(e for _, e in killed.spans)
    end = sentence_end(text, after)
    # told as no woman and no girl: "his" and "his wife" can be theirs
    generic = bool(said & (words.man | words.masculine | words.neutral | words.grown))
    # the toll's sentence after the dead; the next from where it names them again ("وقال
    # الدفاع المدني إن مدنيا قتل وأصيبت زوجته"), or, for a death or a wound told with
    # "his" ("The victim lost his life"), whole
    windows, deaths = [(after, end)], [(after, end)]
    opens = len(text) - len(text[end + 1 :].lstrip()) if end < len(text) else end
    if opens < len(text):
        following = sentence_end(text, opens)
        again = _again(text, said, opens, following)
        if again is not None:
            windows.append((again, following))
        deaths.append((again if again is not None else opens, following))
    # "قتل مدني وأصيبت زوجته وأطفاله": the dead was a husband or a father
    parent = generic and any(_told_of_him(text, words.parent_of, a, b) for a, b in windows)
    # "lost his life", "لقي حتفه": told of as "he"
    he = generic and any(_told_of_him(text, words.his, a, b) for a, b in deaths)
    # "قُتل مدني … الضحية هي السيدة فاطمة": the masculine was the generic word
    first_told = sentence_start(text, min(s for s, _ in killed.spans))
    woman = _A_WOMAN.search(text, first_told, windows[-1][1]) is not None
    man = bool(said & words.man) or parent
    he = he or any(_a_man_named_before(text, s) for s, _ in killed.spans)
    no_woman = not woman and (man or he or bool(said & words.masculine))
    no_child = man or bool(said & words.grown)
    for name, settled in (("killed_women", no_woman), ("killed_children", no_child)):
        if settled and fields[name].value is None:
            fields[name] = exact_count(0, 0.5, killed.spans)


def mark_fathers(items: list[Item], tokens: Sequence[Token]) -> None:
    """ "قتل شخص وطفله", "a civilian and his son": the one told before "his" child or wife
    is a grown man, counted among the men."""
    parents = _words().parent_words
    for before, it in pairwise(items):
        if not it.coordinated or before.group not in ("people", "civilians") or before.named:
            continue
        word = tokens[it.first].norm
        his = it.first > 0 and tokens[it.first - 1].norm == "his"
        # ("A poet and his two children": a child of "his" too)
        if before.min == before.max == 1 and (
            word.removeprefix("و") in parents
            or (his and (word in parents or it.group == "children"))
        ):
            before.group = "men"


_NOT_WHO = frozenset({"and", "و", "as", "well", "the", "a", "an", "his", "their", "its", "of"})


def settle_grown_toll(fields: dict[str, FieldResult], figures: list[Figure], text: str) -> None:
    """A toll told only as people of a grown person's work ("Two paramedics and one driver
    were killed", "قتل ثلاثة مسعفين"): no child among the killed. Not where the report
    counts anyone else killed ("… and a girl", "Four children were also killed"), nor with
    a family or pupils beside them ("and their families", "وثلاثة من طلابهم", "ونجله")."""
    killed = fields["killed"]
    if killed.value is None or killed.extra.get("approximate") or not killed.spans:
        return
    if fields["killed_children"].value is not None:
        return
    told = set(killed.spans)
    if any(
        f.category == "killed" and not f.cumulative and (f.start, f.end) not in told
        for f in figures
    ):
        return
    if not all(_all_grown(text[s:e]) for s, e in killed.spans):
        return
    for s, e in killed.spans:
        if _WITH_OTHERS.search(text, sentence_start(text, s), sentence_end(text, e)):
            return
    fields["killed_children"] = exact_count(0, 0.5, killed.spans)


# kin, a family, pupils or others told beside the grown ones
_WITH_OTHERS = re.compile(
    r"عائل|أسر|اسر|طفل|أطفال|اطفال|طلاب|تلاميذ|نجل|ابن|أبناء|ابناء|برفقة|امرأ|سيد|نساء"
    r"|\b(?:famil\w*|child|children|kids|pupils|students|sons?|daughters?|boys?|girls?|wom[ae]n"
    r"|along\s+with"
    r"|together\s+with)\b",
    re.IGNORECASE,
)


def _all_grown(said: str) -> bool:
    """Whether every person told in ``said`` (past its numbers and "and") is a grown one."""
    tokens = tokenize(said)
    who = [
        _key(t.norm)
        for k, t in enumerate(tokens)
        if t.norm not in _NOT_WHO and read_quantity(tokens, k) is None
    ]
    grown, k, found = _words().grown, 0, False
    while k < len(who):
        if k + 1 < len(who) and f"{who[k]} {who[k + 1]}" in grown:  # "ambulance driver"
            k, found = k + 2, True
        elif who[k] in grown:
            k, found = k + 1, True
        else:
            return False
    return found
