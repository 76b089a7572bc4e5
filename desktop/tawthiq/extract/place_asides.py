"""Places a report names for another reason than the incident: where the victims came from
or were taken, where the attackers set out from, an attack that hurt no one, the dateline
where the reporter filed from."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from tawthiq.domain.resources import read_json
from tawthiq.extract.casualties import harm_cues
from tawthiq.extract.phrases import Hit, Keys, PhraseIndex, key_of
from tawthiq.extract.place_names import PlaceMention
from tawthiq.extract.tokens import Token, starts_of, tokenize

# "دمشق-سانا", "ALEPPO -", "DAMASCUS, March 10 (Reuters) -", "ERBIL, Kurdistan Region -"
_DATELINE_TAIL = re.compile(r"\s*(?:,\s*[^\W_][\w ]{0,24}?\s*)?(?:\(|[–—-]|:)")


@dataclass(frozen=True)
class _Cues:
    origin: PhraseIndex[bool]  # "من سكان", "residents of": where the victims came from
    gap: frozenset[str]  # words between such a phrase and the name ("the town of")
    # "دون ورود أنباء عن إصابات", "with no casualties" (True); "no one was killed" (False)
    no_harm: PhraseIndex[bool]


@cache
def _cues() -> _Cues:
    d = read_json("extract/places.json")
    return _Cues(
        origin=PhraseIndex((p, True) for p in d["origin_before"]),
        gap=frozenset(key_of(t.norm) for w in d["origin_gap"] for t in tokenize(w)),
        no_harm=PhraseIndex(
            [(p, True) for p in d["no_harm"]] + [(p, False) for p in d["no_one_killed"]]
        ),
    )


def elsewhere_people(
    tokens: Sequence[Token], keys: Keys, mentions: Sequence[PlaceMention]
) -> set[int]:
    """The mentions that only say where the victims came from or were taken, or where the
    attackers set out from ("من سكان حي X", "نقلت إلى مشفى في بلدة الشحيل", "took off from
    Hmeimim"): no place of an incident, this one's or another's."""
    cues = _cues()
    starts = starts_of(tokens)
    origin_ends = {h.last for h in cues.origin.find(tokens, keys)}
    out = set()
    origin_mentions: set[int] = set()  # the last tokens of names told as an origin
    for k, m in enumerate(mentions):
        j = bisect.bisect_right(starts, m.start) - 2  # the token before the name
        while j >= 0 and keys[j] in cues.gap and j not in origin_ends:
            j -= 1
        # "taken to hospitals in Palmyra and Homs city": a list goes on past the first name
        if j in origin_ends or j in origin_mentions:
            out.add(k)
            origin_mentions.add(bisect.bisect_right(starts, m.end - 1) - 1)
    return out


def no_harm_told(tokens: Sequence[Token], keys: Sequence[str]) -> list[Hit[bool]]:
    """Where an attack is told to have hurt no one (True) or killed no one (False)."""
    return _cues().no_harm.find(tokens, keys)


def harmless(
    tokens: Sequence[Token], keys: Keys, sentence: Sequence[int], mentions: Sequence[PlaceMention]
) -> set[int]:
    """The places of an attack that hurt no one ("قصفت قرية Y دون ورود أنباء عن إصابات",
    "strikes on Y, with no casualties reported")."""
    no_harm = no_harm_told(tokens, keys)  # (who was not killed, or not hurt at all)
    if not no_harm:
        return set()
    quiet: list[tuple[int, int]] = []  # character ranges told of as harmless
    harm = [h.last for h in harm_cues(tokens, keys)]
    for h in no_harm:
        first = h.first
        while first > 0 and sentence[first - 1] == sentence[h.first]:
            first -= 1
        if h.first - first <= 1 and first > 0:  # "… Fulayfil. No casualties were reported."
            first -= 1
            while first > 0 and sentence[first - 1] == sentence[first]:
                first -= 1
        hurt = [i for i in harm if first <= i < h.first]
        lo = tokens[hurt[-1]].end if hurt else tokens[first].start
        quiet.append((lo, h.start))
    return {k for k, m in enumerate(mentions) if any(lo <= m.start < hi for lo, hi in quiet)}


def dateline(text: str, m: PlaceMention) -> bool:
    """ "إدلب – نورث برس", "AFRIN, Syria (North Press) –": where the reporter filed from."""
    return m.start < 40 and bool(_DATELINE_TAIL.match(text, m.end))
