"""Incident type, weapons, perpetrators, target and sources from the vocabulary lexicon."""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache
from typing import Any

from tawthiq.domain.resources import read_json
from tawthiq.extract.attribution import (
    accused_at,
    accuser,
    affiliated_at,
    attribution,
    downed_at,
    holds,
    set_off_by,
    shot_down_or_hit,
    speaker,
    taken_to,
    victim,
)
from tawthiq.extract.casualties import harm_cues
from tawthiq.extract.casualty_words import ANOTHER_INCIDENT
from tawthiq.extract.phrases import Hit, Keys, PhraseIndex, alternatives, key_of
from tawthiq.extract.result import FieldResult
from tawthiq.extract.tokens import Token

VOCAB_FIELDS = ("incident_type", "weapons", "perpetrators", "target", "sources")


def struck_by(made: dict[str, Any]) -> list[tuple[str, str]]:
    """The phrases of an attack told with the striking side's adjective after it ("قصف جوي
    روسي", "صواريخ روسية"): each attack word, alone or with one word of how, then the
    side's adjective (``_struck_by`` in the lexicon); made there ("قذائف روسية الصنع") names
    no side (an empty code, as the lexicon's ``_ignore``)."""
    heads = [*made["attacks"], *(f"{a} {h}" for a in made["attacks"] for h in made["how"])]
    return [(f"{head} {adj}{made_in}", "" if made_in else code)
            for code, adjs in made["sides"].items() for adj in adjs for head in heads
            for made_in in ("", " الصنع")]  # fmt: skip


@cache
def _indexes() -> dict[str, PhraseIndex[str]]:
    lexicon = read_json("extract/lexicon.json")
    made = {"perpetrators": struck_by(lexicon["_struck_by"])}
    return {
        name: PhraseIndex(
            [(alias, code) for code, aliases in lexicon[name].items() for alias in aliases]
            + made.get(name, [])
            + [(p, "") for p in lexicon["_ignore"] + lexicon.get(f"_ignore_{name}", [])]
        )
        for name in VOCAB_FIELDS
    }


@dataclass(frozen=True, slots=True)
class Scored:
    code: str
    score: float
    spans: tuple[tuple[int, int], ...]
    accused: bool = False  # named only as accused by another party ("اتهمت تركيا قسد")


def rank(
    name: str,
    tokens: Sequence[Token],
    keys: Sequence[str],
    sentence: Sequence[int],
    focus: set[int],
    names: Sequence[tuple[int, int]] = (),
    other: AbstractSet[int] = frozenset(),
    bombing: bool = False,
) -> list[Scored]:
    """Codes named in the text, best first: early sentences and the incident's own sentences
    (``focus``) count most; words inside ``names`` (place names of several words, "جسر
    الشغور", "Souq Wadi Barada") name no code, nor do the sentences ``other`` (another
    event's, on another day). A ``bombing`` (a car bomb, an IED) that nobody claimed or is
    said to have laid was done by "unknown" first, whoever the report blames."""
    score: dict[str, float] = defaultdict(float)
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    first_seen: dict[str, int] = {}
    told: set[str] = set()  # codes named by more than a general word
    told_by_text: set[str] = set()  # codes named somewhere other than as accused
    hits: list[Hit[str]] = _indexes()[name].find(tokens, keys)
    cues = attribution()
    # "ونفت" is "نفت": the key without a leading conjunction, where there is one
    if isinstance(keys, Keys):
        bare = keys.bare
    else:
        bare = [a or k for a, k in zip(alternatives(tokens), keys, strict=True)]
    harm = {h.first for h in harm_cues(tokens, keys)} if name == "perpetrators" else set()
    # where a phrase naming who holds an area ends ("الخاضعة لسيطرة"), or such a holder
    held = {c.last for c in cues.control.find(tokens, keys)} if name == "perpetrators" else set()
    claims: set[int] = set()  # where an actor claiming the attack would end or start
    downed: set[int] = set()  # where an aircraft shot down may be named
    accused: set[int] = set()  # where an actor only accused by another party starts
    affiliated: set[int] = set()  # where a group a victim belonged to may be named
    claimed = False  # an actor claimed the attack or is said to have laid it ("planted by")
    if name == "perpetrators":
        accused = accused_at(hits, tokens, keys, bare, sentence)
        claims = {c.first - 1 for c in cues.claim_after.find(tokens, keys)}
        # the actor right after, or a few words on ("وتبنى تنظيم داعش", "زرع عناصر من تنظيم
        # داعش", "تبنت غرفة عمليات المعارضة")
        claims |= {c.last + k for c in cues.claim_before.find(tokens, keys) for k in range(1, 5)}
        claims |= set_off_by(tokens, keys, cues)
        downed = downed_at(tokens, keys, cues)
        affiliated = affiliated_at(tokens, keys, sentence, cues, harm)
    denying = _denying(keys, bare, sentence, cues.denial) if name == "sources" else set()
    in_name = covered(names)
    for h in hits:
        if not h.payload:  # a phrase listed to be ignored ("وقف إطلاق النار" is no gunfire)
            continue
        if in_name(h.start, h.end) or sentence[h.first] in other:
            continue
        if name == "target" and taken_to(h, bare, cues):
            continue  # "نقل الجرحى إلى مشفى", "taken to a field hospital": not what was hit
        if name == "sources" and sentence[h.first] in denying:
            continue  # "نفت قسد في بيان ...": who denies is no source of the toll
        if name == "perpetrators" and shot_down_or_hit(h, tokens, keys, downed, cues):
            continue  # "أسقطت الفصائل طائرة حربية روسية", "مستودعاً لطائرات مسيرة إيرانية"
        if name == "perpetrators" and h.first not in accused and accuser(h, keys, bare, cues):
            continue  # "حمّلت قسد تركيا", "Damascus accused Israel": the accuser did nothing
        if name == "perpetrators" and (
            victim(h, bare, sentence, cues, harm) or speaker(h, keys, bare, cues)
        ):
            continue  # "killing members of the SDF": victims; "the SDF said": a speaker
        if name == "perpetrators" and h.first in affiliated:
            continue  # "وهو عسكري في قوات النظام": the victim's side, not who struck
        if name == "perpetrators" and holds(h, keys, held):
            held.add(h.last)  # "الخاضعة لسيطرة الجيش الوطني": who holds it, not who struck
            continue
        s = sentence[h.first]
        weight = 1.0 / (1.0 + 0.35 * s) + (1.5 if s in focus else 0.0)
        if tuple(keys[h.first : h.last + 1]) in cues.weak:
            weight *= 0.4  # "قصف" alone says little about how
        else:
            told.add(h.payload)
        weight *= 1.0 + 0.15 * (h.last - h.first)  # a longer phrase is more specific
        if h.last in claims or h.first in claims or h.last + 1 in claims:
            weight += 2.0  # "the Islamic State group claimed responsibility"
            claimed = True
        score[h.payload] += weight
        spans[h.payload].append((h.start, h.end))
        first_seen.setdefault(h.payload, h.first)
        if h.first not in accused:
            told_by_text.add(h.payload)
    if name == "incident_type" and told:
        # "القصف" four times and "قصف الطيران" once: bombardment is how any attack from afar
        # is told; the one word that says how decides
        score = defaultdict(float, {c: v for c, v in score.items() if c in told})
    ordered = sorted(score, key=lambda c: (-score[c], first_seen[c]))
    ranked = [Scored(c, score[c], tuple(spans[c]), c not in told_by_text) for c in ordered]
    if name != "perpetrators" or not ranked:
        return ranked
    # "قتل طفلان بانفجار لغم من مخلفات الحرب": nobody laid it that the report names
    left = any(sentence[h.first] in focus for h in cues.left_by_the_war.find(tokens, keys))
    # "It was not clear who was behind the attack", "ولم تتبنَّ أي جهة التفجير": told of
    # this attack (its own sentences or the next), not of "a separate explosion"
    unclaimed = cues.unclaimed.find(tokens, keys)
    left = left or bombing or any(_of_this_attack(h, keys, sentence, focus) for h in unclaimed)
    return _unknown_first(ranked) if ranked[0].accused or (left and not claimed) else ranked


def _denying(
    keys: Sequence[str], bare: Sequence[str], sentence: Sequence[int], denial: frozenset[str]
) -> set[int]:
    """The sentences with a word of denial ("نفت"), with its conjunction or without."""
    if isinstance(keys, Keys):  # where the text's words stand, with and without one
        at = keys.positions()
        return {sentence[i] for w in denial & at.keys() for i in at[w]}
    return {sentence[i] for i, k in enumerate(keys) if k in denial or bare[i] in denial}


_ANOTHER = frozenset(map(key_of, ANOTHER_INCIDENT))


_THE_ATTACK = frozenset(
    key_of(w) for w in ("attack", "bombing", "blast", "explosion", "الهجوم", "التفجير", "الانفجار")
)


def _of_this_attack(
    h: Hit[bool], keys: Sequence[str], sentence: Sequence[int], focus: set[int]
) -> bool:
    """ "It was not clear who was behind the attack" tells of this one: told in its own
    sentences or of "the attack", not of "a separate explosion" or "rockets that hit a
    nearby village"."""
    s = sentence[h.first]
    around = range(max(0, h.first - 12), min(len(keys), h.last + 12))
    own = [k for k in around if sentence[k] == s]
    if any(keys[k] in _ANOTHER for k in own):
        return False
    return s in focus or any(keys[k] in _THE_ATTACK for k in own if k > h.last)


def covered(spans: Sequence[tuple[int, int]]) -> Callable[[int, int], bool]:
    """Whether a stretch lies inside any of ``spans``: one look-up, however many spans (by
    the furthest end of those that start before it)."""
    ordered = sorted(spans)
    firsts = [a for a, _ in ordered]
    reach = list(itertools.accumulate((b for _, b in ordered), max))

    def inside(start: int, end: int) -> bool:
        i = bisect.bisect_right(firsts, start) - 1
        return i >= 0 and reach[i] >= end

    return inside


def _unknown_first(ranked: list[Scored]) -> list[Scored]:
    """ "unknown" first, then the parties named: whom the text says was accused ("وتبادل
    الطرفان الاتهامات", "Turkey blamed the YPG"), or who fought there."""
    own = next((r for r in ranked if r.code == "unknown"), None)
    unknown = Scored("unknown", ranked[0].score, own.spans if own else ())
    return [unknown, *(r for r in ranked if r.code != "unknown")]


def weapon_type(weapon: str) -> str | None:
    """The incident type a weapon implies (a barrel bomb is dropped from the air)."""
    implied: dict[str, str] = read_json("extract/lexicon.json")["_weapon_type"]
    return implied.get(weapon)


def rank_spans(name: str, tokens: Sequence[Token], keys: Sequence[str]) -> list[tuple[int, int]]:
    """Where any code of ``name`` is named."""
    return [(h.start, h.end) for h in _indexes()[name].find(tokens, keys) if h.payload]


def first_sentences(
    name: str, tokens: Sequence[Token], keys: Sequence[str], sentence: Sequence[int], n: int
) -> set[int]:
    """The first ``n`` sentences that name a code of ``name`` (e.g. where an attack is told)."""
    found: list[int] = []
    for h in _indexes()[name].find(tokens, keys):
        s = sentence[h.first]
        if h.payload and s not in found:
            found.append(s)
        if len(found) == n:
            break
    return set(found)


def as_field(name: str, ranked: list[Scored], *, many: bool) -> FieldResult:
    if not ranked:
        return FieldResult(value=[] if many else None)
    top = ranked[0].score
    if many:
        # a weapon named once, further down ("using cluster missile shells"), is still told
        floor = 0.3 if name == "weapons" else 0.5
        chosen = [r for r in ranked if r.score >= 0.2 * top or r.score >= floor]
        spans = tuple(s for r in chosen for s in r.spans)
        return FieldResult([r.code for r in chosen], min(0.95, 0.5 + 0.1 * top), spans)
    best = ranked[0]
    margin = best.score - (ranked[1].score if len(ranked) > 1 else 0)
    confidence = min(0.95, 0.4 + 0.15 * best.score + 0.1 * margin)
    return FieldResult(best.code, confidence, best.spans)
