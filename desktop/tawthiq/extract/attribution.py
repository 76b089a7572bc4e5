"""Who a report says did it, and who it names without their having struck: the accuser,
the victim, the speaker, the holder of the area, the aircraft shot down; who claimed it or
set the bomb off (the lexicon's underscored lists, resources/extract/lexicon.json)."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from tawthiq.domain.resources import read_json
from tawthiq.extract.casualty_words import STRUCK_WITH
from tawthiq.extract.date_words import weekday_of
from tawthiq.extract.phrases import Hit, PhraseIndex, key_of
from tawthiq.extract.tokens import Token, tokenize


def downed_at(tokens: Sequence[Token], keys: Sequence[str], cues: Attribution) -> set[int]:
    """Where an aircraft shot down may be named: up to five words after "أسقطت", "shot
    down", in the same clause (a comma or a full stop ends it)."""
    out: set[int] = set()
    for c in cues.downed.find(tokens, keys):
        for k in range(c.last + 1, min(len(tokens), c.last + 6)):
            if tokens[k].start - tokens[k - 1].end > 1:
                break  # "Rebels shot down a drone. Russian warplanes later struck …"
            out.add(k)
    return out


def shot_down_or_hit(
    h: Hit[str], tokens: Sequence[Token], keys: Sequence[str], downed: set[int], cues: Attribution
) -> bool:
    """An aircraft named with its side that did not strike: shot down ("أسقطت الفصائل طائرة
    حربية روسية"), or what was hit ("مستودعاً لطائرات مسيرة إيرانية"; but "بغارة لطائرة
    حربية روسية" is the raid of a Russian jet)."""
    if not any(keys[j] in cues.aircraft for j in range(h.first, h.last + 1)):
        return False
    if h.first in downed:
        return True
    of_a_thing = tokens[h.first].norm.startswith("ل") and h.first > 0
    # ("في قصف جوي لطائرات النظام": the attack word may stand a word of how before)
    return of_a_thing and not any(
        keys[k] in cues.attack_words for k in range(max(0, h.first - 2), h.first)
    )


def set_off_by(tokens: Sequence[Token], keys: Sequence[str], cues: Attribution) -> set[int]:
    """Where the actor who set a bomb off is named: after "فجر" (up to three words between),
    right before "detonated"; only where a bomb is what was set off, within six words."""
    out: set[int] = set()
    for c in cues.set_off.find(tokens, keys):
        if c.last + 1 < len(tokens) and _a_day(tokens[c.last + 1]):
            continue  # "فجر اليوم", "فجر الجمعة": dawn
        if not any(keys[j] in cues.set_off_what for j in range(c.last + 1, c.last + 7)
                   if j < len(keys)):  # fmt: skip
            continue
        if tokens[c.first].is_arabic:
            out |= {c.last + k for k in range(1, 5)}
        else:
            out.add(c.first - 1)
    return out


def accused_at(
    hits: list[Hit[str]],
    tokens: Sequence[Token],
    keys: Sequence[str],
    bare: Sequence[str],
    sentence: Sequence[int],
) -> set[int]:
    """Where the actors start that a party accuses: after "اتهمت تركيا", "حمّلت قسد"
    (the verb, the accuser, the accused), after "Turkey blamed" (the accuser, the verb),
    and every actor of a sentence where the sides "blamed each other". An accusation by
    someone who is no party ("activists blamed forces loyal to Assad") names who did it."""
    cues = attribution()
    actors = [h for h in hits if h.payload]
    if not actors:
        return set()
    parts: dict[int, set[str]] = defaultdict(set)  # by sentence
    for m in cues.mutual_blame.find(tokens, keys):
        parts[sentence[m.first]].add(m.payload)
    mutual = {s for s, seen in parts.items() if any(e <= seen for e in cues.mutual_entries)}
    out = {h.first for h in actors if sentence[h.first] in mutual}
    firsts = [h.first for h in actors]  # hits come in the order of the text
    parties = cues.accusing_parties.find(tokens, keys)
    accusers = sorted([(h.first, h.last) for h in actors] + [(h.first, h.last) for h in parties],
                      key=lambda fl: fl[0])  # fmt: skip
    accuser_firsts = [first for first, _ in accusers]
    accuser_lasts = sorted(last for _, last in accusers)

    def starting(after: int, reach: int) -> set[int]:
        """The actors that start within ``reach`` words after ``after``."""
        end = bisect.bisect_right(firsts, after + reach)
        return set(firsts[bisect.bisect_right(firsts, after) : end])

    for v, (k, b) in enumerate(zip(keys, bare, strict=True)):
        if k in cues.accuse_ar or b in cues.accuse_ar:
            i = bisect.bisect_right(accuser_firsts, v)
            if i < len(accusers) and accuser_firsts[i] <= v + 3:
                out |= starting(accusers[i][1], 5)
        elif k in cues.accuse_en:
            i = bisect.bisect_left(accuser_lasts, v - 4)
            if i < len(accuser_lasts) and accuser_lasts[i] < v:
                out |= starting(v, 4)
    return out


@dataclass(frozen=True)
class Attribution:
    weak: frozenset[tuple[str, ...]]
    # whole phrases ("from" alone names no victims), by their first word
    victim_at: dict[str, tuple[tuple[str, ...], ...]]
    speaker_after: frozenset[str]
    speaker_before: frozenset[str]
    taken_to: frozenset[str]
    denial: frozenset[str]
    accuse_ar: frozenset[str]  # verb, then the accuser, then the accused
    accuse_en: frozenset[str]  # the accuser, then the verb, then the accused
    control: PhraseIndex[bool]  # "الخاضعة لسيطرة", "under the control of"
    claim_after: PhraseIndex[bool]  # "X claimed responsibility"
    claim_before: PhraseIndex[bool]  # "تبنى تنظيم داعش الهجوم"
    affiliation: PhraseIndex[bool]  # "وهو عسكري في قوات النظام": the victim's, not who struck
    # "تبادل الطرفان الاتهامات", "blamed each other": each entry's parts, all in one sentence
    mutual_blame: PhraseIndex[str]  # each part found, as listed
    mutual_entries: tuple[frozenset[str], ...]
    accusing_parties: PhraseIndex[bool]  # "Turkey blamed", "اتهمت دمشق"
    left_by_the_war: PhraseIndex[bool]  # "لغم من مخلفات الحرب"
    unclaimed: PhraseIndex[bool]  # "There was no immediate claim of responsibility"
    set_off: PhraseIndex[bool]  # "فجر تنظيم داعش سيارة مفخخة", "militants detonated a bomb"
    set_off_what: frozenset[str]  # what was set off must be a bomb ("فجر الجمعة" is dawn)
    downed: PhraseIndex[bool]  # "أسقطت الفصائل طائرة حربية روسية": the aircraft is no striker
    aircraft: frozenset[str]
    attack_words: frozenset[str]  # "غارة", "قصف": an aircraft of theirs is the striker


@cache
def attribution() -> Attribution:
    lexicon = read_json("extract/lexicon.json")

    def keyset(words: list[str]) -> frozenset[str]:
        return frozenset(key_of(t.norm) for w in words for t in tokenize(w))

    def phrases(words: list[str]) -> frozenset[tuple[str, ...]]:
        return frozenset(tuple(key_of(t.norm) for t in tokenize(w)) for w in words)

    victim = phrases(lexicon["_victim_before"])
    mutual = lexicon["_mutual_blame"]
    return Attribution(
        weak=phrases(lexicon["_weak"]),
        victim_at={
            first: tuple(p for p in victim if p[0] == first) for first in {p[0] for p in victim}
        },
        speaker_after=keyset(lexicon["_speaker_after"]),
        speaker_before=keyset(lexicon["_speaker_before"]),
        taken_to=keyset(lexicon["_not_target_after"]),
        denial=keyset(lexicon["_denial"]),
        accuse_ar=keyset(lexicon["_accuse_before_object"]),
        accuse_en=keyset(lexicon["_accuse_after_subject"]),
        control=PhraseIndex((p, True) for p in lexicon["_holder_after"]),
        claim_after=PhraseIndex((p, True) for p in lexicon["_claim_after"]),
        claim_before=PhraseIndex((p, True) for p in lexicon["_claim_before"]),
        affiliation=PhraseIndex((p, True) for p in lexicon["_affiliation_before"]),
        mutual_blame=PhraseIndex((part, part) for p in mutual for part in p.split(" ... ")),
        mutual_entries=tuple(frozenset(p.split(" ... ")) for p in mutual),
        accusing_parties=PhraseIndex((p, True) for p in lexicon["_accusing_parties"]),
        left_by_the_war=PhraseIndex((p, True) for p in lexicon["_left_by_the_war"]),
        unclaimed=PhraseIndex((p, True) for p in lexicon["_unclaimed"]),
        set_off=PhraseIndex((p, True) for p in lexicon["_set_off"]),
        set_off_what=keyset(lexicon["_set_off_what"]),
        downed=PhraseIndex((p, True) for p in lexicon["_downed_before"]),
        aircraft=keyset(lexicon["_aircraft"]),
        attack_words=keyset(lexicon["_struck_by"]["attacks"]) - keyset(lexicon["_aircraft"]),
    )


def affiliated_at(
    tokens: Sequence[Token],
    keys: Sequence[str],
    sentence: Sequence[int],
    cues: Attribution,
    harm: set[int],
) -> set[int]:
    """Where a group a victim belonged to may be named ("ينحدر من قرية صور، وهو عسكري في
    قوات النظام", "The victim was a member of the Syrian army's Fourth Division"): up to six
    words after those words, in their sentence, before any word of who struck ("by", "برصاص");
    not after one ("برصاص مسلح يعمل في صفوف داعش": the gunman's)."""
    out: set[int] = set()
    for a in cues.affiliation.find(tokens, keys):
        if any(tokens[k].norm in _STRUCK_BY for k in range(max(0, a.first - 4), a.first)):
            continue
        after = range(a.last + 1, min(len(tokens), a.last + _DID_REACH))
        if any(sentence[k] == sentence[a.last] and (k in harm or tokens[k].norm in _DID)
               for k in after):  # fmt: skip
            continue  # "Gunmen who belonged to the Islamic State killed two shepherds"
        for k in range(a.last + 1, min(len(tokens), a.last + 7)):
            if sentence[k] != sentence[a.last] or tokens[k].norm in _STRUCK_BY:
                break
            out.add(k)
    return out


_STRUCK_BY = STRUCK_WITH | {"by", "مسلح", "اطلق", "أطلق"}
_STRUCK_BY_KEYS = frozenset(key_of(w) for w in STRUCK_WITH | {"by", "يد"})  # "على يد"
# what the one of a group did, after it: the group is who struck, not a victim's side
_DID = frozenset({"opened", "fired", "shot", "attacked", "stormed", "killed", "اطلق", "هاجم"})
_DID_REACH = 15


def victim(
    h: Hit[str], keys: Sequence[str], sentence: Sequence[int], cues: Attribution, harm: set[int]
) -> bool:
    """ "مقتل ثلاثة من عناصر قسد": members named after a killing word are the victims; not
    those told right after what struck ("برصاص عنصرين من قوات النظام", "by members of")."""
    for k in range(max(0, h.first - 5), h.first):
        if sentence[k] != sentence[h.first]:
            continue
        phrases = cues.victim_at.get(keys[k], ())
        if any(tuple(keys[k : k + len(p)]) == p and k + len(p) <= h.first for p in phrases):
            if k > 0 and keys[k - 1] in _STRUCK_BY_KEYS:
                return False
            if any(keys[j] in _STRUCK_BY_KEYS for j in range(k + 1, h.first + 1)):
                continue  # "قتل عنصران من قسد بقصف مسيرة تركية": the drone struck them
            return any(j in harm for j in range(max(0, k - 6), k))
    return False


def holds(h: Hit[str], keys: Sequence[str], held: set[int]) -> bool:
    """An actor right after "الخاضعة لسيطرة", "under the control of" (a "the" between),
    or joined by "and" to one."""
    before = h.first - 1
    while before >= h.first - 4 and before >= 0 and keys[before] in _BETWEEN_HOLDER:
        before -= 1
    return before in held


def taken_to(h: Hit[str], bare: Sequence[str], cues: Attribution) -> bool:
    """Where the wounded were taken: a transfer word close before the place, or further
    back when "إلى" stands right before it ("نقل الأطفال على وجه السرعة إلى مستشفى")."""
    transfer = [k for k in range(max(0, h.first - 9), h.first) if bare[k] in cues.taken_to]
    to = h.first > 0 and bare[h.first - 1] == _TO
    return any(k >= h.first - 4 for k in transfer) or (to and bool(transfer))


_TO = key_of("الي")  # "إلى" (normalised): "نقلوا على وجه السرعة إلى مستشفى"

# words between "under the control of" and who holds it ("لسيطرة تنظيم داعش")
_BETWEEN_HOLDER = frozenset(
    {"the", "and", "militant", "group", "rebel", "syrian", "turkey", "turkish", "backed", "based"}
    | {"تنظيم", "قوات", "فصائل", "ميليشيات", "ميليشيا"}
)  # ("controlled by Turkey-based Syrian opposition fighters")


def speaker(h: Hit[str], keys: Sequence[str], bare: Sequence[str], cues: Attribution) -> bool:
    after = keys[h.last + 1 : h.last + 2]
    before = bare[max(0, h.first - 1) : h.first]
    return any(k in cues.speaker_after for k in after) or any(
        k in cues.speaker_before for k in before
    )


def accuser(h: Hit[str], keys: Sequence[str], bare: Sequence[str], cues: Attribution) -> bool:
    before = [*keys[max(0, h.first - 2) : h.first], *bare[max(0, h.first - 2) : h.first]]
    after = keys[h.last + 1 : h.last + 3]
    return any(k in cues.accuse_ar for k in before) or any(k in cues.accuse_en for k in after)


def _a_day(tok: Token) -> bool:
    """ "اليوم", "أمس", "يوم", or a weekday ("الجمعة"): "فجر" before it is dawn."""
    return tok.norm in ("اليوم", "امس", "يوم") or weekday_of(tok) is not None
