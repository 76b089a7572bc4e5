"""The words of casualties, read once from resources/extract/casualties.json: the cues of
killing and wounding, the groups of people (children, women, men, fighters), the words of
a breakdown ("بينهم", "including"), of a rise and of a running total."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from tawthiq.domain.resources import read_json
from tawthiq.extract.phrases import PhraseIndex, key_of
from tawthiq.extract.tokens import tokenize

# words that tell of another incident than the one told ("a separate strike", "هجوم آخر")
# how an attack struck, as a word with its "ب" ("برصاص", "بقصف"): what follows is its cause
STRUCK_WITH = frozenset(
    {"بقصف", "برصاص", "بغاره", "بغارات", "بانفجار", "بقذيفه", "بنيران", "بطلق", "باستهداف"}
)
ANOTHER_INCIDENT = ("separate", "another", "other", "آخر", "منفصل", "أخرى")


@dataclass(frozen=True)
class Cues:
    categories: PhraseIndex[str]
    groups: PhraseIndex[str]
    dual: dict[str, str]
    breakdown: PhraseIndex[bool]
    update: frozenset[str]
    cumulative: PhraseIndex[bool]
    several: PhraseIndex[bool]  # a toll of several attacks told together ("هجمات متفرقة")
    singular: frozenset[str]
    plural: frozenset[str]  # people told with no number: how many is not said
    verbs: frozenset[str]  # Arabic verbs come before their subject: "وأصيب شخصان"
    not_people: frozenset[str]
    people: frozenset[str]  # every noun of a group, as keys
    group_of: dict[str, str]  # singular noun key -> its group
    ages: frozenset[str]
    modifiers: frozenset[str]  # words between an article and a person ("a young woman")
    superlatives: frozenset[str]  # "the deadliest … this year" compares, it does not count
    male: frozenset[str]  # "شقيقه", "brothers": no woman, but maybe a child
    female_kin: frozenset[str]  # "ابنته", "his daughter": among the women, maybe a child


@cache
def cue_words() -> Cues:
    d: dict[str, Any] = read_json("extract/casualties.json")
    return Cues(
        categories=PhraseIndex(
            [(p, c) for c in ("killed", "injured", "missing") for p in d[c]]
            + [(p, "") for p in d["_ignore"]]  # "160 إصابة بكورونا" counts no one hurt
        ),
        groups=PhraseIndex((p, g) for g, ps in d["groups"].items() for p in ps),
        dual={key_of(t.norm): v for k, v in d["dual"].items() for t in tokenize(k)[:1]},
        breakdown=PhraseIndex((p, True) for p in d["breakdown"]),
        update=frozenset(key_of(w) for w in d["update"]),
        cumulative=PhraseIndex((p, True) for p in d["cumulative"]),
        several=PhraseIndex((p, True) for p in d["several_incidents"]),
        singular=frozenset(key_of(t.norm) for w in d["singular"] for t in tokenize(w)),
        plural=frozenset(key_of(t.norm) for w in d["plural"] for t in tokenize(w)),
        verbs=frozenset(key_of(t.norm) for w in d["verbs_ar"] for t in tokenize(w)),
        not_people=frozenset(key_of(t.norm) for w in d["not_people"] for t in tokenize(w)),
        people=frozenset(
            key_of(t.norm) for ws in d["groups"].values() for w in ws for t in tokenize(w)
        ),
        group_of={
            key_of(tokenize(w)[0].norm): g
            for g, ws in d["groups"].items()
            for w in ws
            if w in d["singular"] and tokenize(w)
        },
        ages=frozenset(key_of(t.norm) for w in d["ages"] for t in tokenize(w)),
        modifiers=frozenset(key_of(t.norm) for w in d["modifiers"] for t in tokenize(w)),
        superlatives=frozenset(
            key_of(t.norm) for w in d["not_cumulative_after"] for t in tokenize(w)[:1]
        ),
        male=frozenset(key_of(t.norm) for w in d["male"] for t in tokenize(w)),
        female_kin=frozenset(key_of(t.norm) for w in d["female_kin"] for t in tokenize(w)),
    )
