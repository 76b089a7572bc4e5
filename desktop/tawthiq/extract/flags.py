"""Yes-or-no facts a report tells by a listed phrase ("ذخائر غير منفجرة", "unexploded
ordnance"): one phrase list per flag field of the incident registry, in
resources/extract/flags.json. A phrase found makes the flag true; none leaves it unknown,
never false (a report that does not mention remnants does not say there were none), and so
does a phrase that is denied ("no unexploded ordnance was found", "لم يُعثر على ذخائر غير
منفجرة") or told of another day."""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from functools import cache

from tawthiq.domain.resources import read_json
from tawthiq.extract.phrases import Hit, PhraseIndex, without_conjunction
from tawthiq.extract.result import FLAG_FIELDS, FieldResult
from tawthiq.extract.tokens import Token

_NEGATION_REACH = 6  # words before a phrase that may deny it ("no", "ولم يتم العثور على ذخائر";
# "ولم" is "لم" with a conjunction in front)


@cache
def _lists() -> tuple[PhraseIndex[str], frozenset[str]]:
    lists = read_json("extract/flags.json")
    index = PhraseIndex([(p, name) for name in FLAG_FIELDS for p in lists.get(name, ())])
    return index, frozenset(lists["_negation"])


def _denied(hit: Hit[str], tokens: Sequence[Token], sentence: Sequence[int]) -> bool:
    negation = _lists()[1]
    before = range(max(0, hit.first - _NEGATION_REACH), hit.first)
    return any(
        (tokens[i].norm in negation or without_conjunction(tokens[i].norm) in negation)
        and sentence[i] == sentence[hit.first]
        for i in before
    )


def read_flags(
    tokens: Sequence[Token],
    keys: Sequence[str],
    sentence: Sequence[int],
    other: AbstractSet[int] = frozenset(),
) -> dict[str, FieldResult]:
    """Each flag field: true where one of its phrases stands, not denied, outside the
    sentences ``other`` (another event's, another day's, history), with the words as
    evidence."""
    spans: dict[str, list[tuple[int, int]]] = {name: [] for name in FLAG_FIELDS}
    for hit in _lists()[0].find(tokens, keys):
        if sentence[hit.first] not in other and not _denied(hit, tokens, sentence):
            spans[hit.payload].append((hit.start, hit.end))
    return {
        name: FieldResult(True, min(0.9, 0.6 + 0.1 * len(found)), tuple(found))
        if found
        else FieldResult()
        for name, found in spans.items()
    }
